import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, TableFrame } from '@nautilus/sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory-bus.ts';
import { PluginHost } from '../plugin-host.ts';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/isolated-plugins', import.meta.url));

describe("an isolated plugin's ctx, answered by the host", () => {
  let server: Server;
  let url: string;
  let host: PluginHost;
  let dataRoot: string;
  const logs: { msg: string; greeting?: string; plugin?: string }[] = [];
  const requests: { method?: string; body: string; echo?: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        requests.push({ method: request.method, body, echo: request.headers['x-echo'] as string | undefined });
        response.writeHead(201, { 'x-served-by': 'loopback' });
        response.end(`pong:${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;
    dataRoot = mkdtempSync(join(tmpdir(), 'nautilus-ctx-echo-'));
    const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    host = new PluginHost({
      coreVersion: '0.1.0',
      folders: [{ dir: fixtures, source: 'extra' }],
      logger,
      bus: new MemoryBus(),
      pluginConfig: { 'test.ctx-echo': { greeting: 'hello' } },
      readSecret: (name) => (name === 'ECHO_TOKEN' ? 'token-1234' : 'never-this'),
      setupTimeoutMs: 5_000,
      callTimeoutMs: 5_000,
      fetchTimeoutMs: 5_000,
      isolation: { policy: 'third-party', memoryMb: 128, dataRoot },
    });
    await host.loadAll();
  }, 30_000);

  afterAll(async () => {
    await host.teardown();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('fetches through the host, uses the bus, runs a kernel, reads its secret, config and data folder', async () => {
    expect(host.list()[0]).toMatchObject({ id: 'test.ctx-echo', state: 'active', isolation: { mode: 'process' } });
    const [table] = (await host.query('test.ctx-echo/echo', {
      params: { url },
      range: { from: 0, to: 1 },
      maxPoints: 10,
    })) as TableFrame[];
    expect(Object.fromEntries(table?.rows ?? [])).toEqual({
      fetch: '201 loopback pong:ping',
      bus: '{"n":7}',
      compute: '2,5',
      secret: 'token-1234',
      config: 'hello',
      dataDir: 'set',
    });
    expect(requests).toEqual([{ method: 'POST', body: 'ping', echo: 'yes' }]);
    expect(logs.find((line) => line.msg === 'echo plugin set up')).toMatchObject({ plugin: 'test.ctx-echo', greeting: 'hello' });
  });

  it('streams frames until stopped', async () => {
    const frames: Frame[] = [];
    const stream = await host.stream('test.ctx-echo/ticks', { params: {}, symbol: 'X' } as never, (frame) => frames.push(frame));
    while (frames.length < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    await stream.stop();
    await stream.done;
    expect(frames.slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((value) => ({ kind: 'scalar', value })));
  });
});
