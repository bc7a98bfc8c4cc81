import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';

const LIMIT = 2 * 1024 * 1024;
const OVER = 3 * 1024 * 1024;

interface Exchange {
  /** Everything the server sent, as text. */
  text: string;
  /** The socket error the client saw (ECONNRESET, EPIPE), if any. */
  error?: NodeJS.ErrnoException;
  /** Whether the server ended the connection (FIN) rather than the client. */
  endedByServer: boolean;
}

/** One raw HTTP/1.1 exchange over a socket: the head, then the body in 64 KiB chunks, then reads until the server closes. */
function exchange(port: number, head: string, body: Buffer[] = [], timeoutMs = 15_000): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let error: NodeJS.ErrnoException | undefined;
    let endedByServer = false;
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('end', () => {
      endedByServer = true;
      socket.end();
    });
    socket.on('error', (cause) => {
      error = cause;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(received).toString('utf8'), error, endedByServer });
    });
    socket.on('connect', async () => {
      socket.write(head);
      for (const chunk of body) {
        if (socket.destroyed) return;
        if (!socket.write(chunk)) await new Promise((drained) => socket.once('drain', drained));
      }
    });
  });
}

/** The responses in `text` (several on a kept-alive socket), each with its headers (lower-cased names) and body. */
function responses(text: string): { status: number; headers: Record<string, string>; body: string }[] {
  const parsed = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const end = rest.indexOf('\r\n\r\n');
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const length = Number(headers['content-length'] ?? 0);
    parsed.push({ status: Number(statusLine?.split(' ')[1]), headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return parsed;
}

const chunks = (bytes: number, size = 64 * 1024) =>
  Array.from({ length: Math.ceil(bytes / size) }, (_, index) => Buffer.alloc(Math.min(size, bytes - index * size), 0x61));

describe('an oversized request body against the server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-body-limit-'));
  let server: ServerProcess;
  let port: number;
  let host: string;
  beforeAll(async () => {
    server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir, NAUTILUS_ADMIN_PASSWORD: 'body limit admin password' });
    port = Number(new URL(server.url).port);
    host = `localhost:${port}`;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const expectCleanRefusal = (result: Exchange) => {
    expect(result.error?.code).toBeUndefined();
    expect(result.endedByServer).toBe(true);
    const [answer, ...more] = responses(result.text);
    expect(more).toEqual([]);
    expect(answer?.status).toBe(413);
    expect(answer?.headers.connection).toBe('close');
    // The whole body arrived: as long as it says, and JSON that says what to do.
    expect(Buffer.byteLength(answer?.body ?? '')).toBe(Number(answer?.headers['content-length']));
    const error = JSON.parse(answer?.body ?? '').error;
    expect(error.data.nautilus).toMatchObject({ code: 'VALIDATION', details: { maxBytes: LIMIT } });
  };

  it('reads a 413 with Connection: close to its end after sending a body with Content-Length over the limit, and no reset', async () => {
    const head = `POST /trpc/dashboards.create HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${OVER}\r\n\r\n`;
    expectCleanRefusal(await exchange(port, head, chunks(OVER)));
  });

  it('does the same for a chunked body over the limit', async () => {
    const body = chunks(OVER).flatMap((chunk) => [Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const head = `POST /trpc/dashboards.create HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    expectCleanRefusal(await exchange(port, head, [...body, Buffer.from('0\r\n\r\n')]));
  });

  it('answers a client that declares a large body and waits before sending it', async () => {
    const head = `POST /trpc/auth.me HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${OVER}\r\n\r\n`;
    expectCleanRefusal(await exchange(port, head));
  });

  it('keeps a connection alive across requests under the limit', async () => {
    const request = `GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
    const closing = `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
    const result = await exchange(port, request + request + closing);
    expect(result.error).toBeUndefined();
    expect(responses(result.text).map((answer) => [answer.status, answer.body])).toEqual(Array(3).fill([200, '{"status":"ok"}']));
  });
});
