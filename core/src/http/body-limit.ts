import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * An over-limit body is still read, and dropped, before the 413 goes out, so that the socket holds
 * nothing unread when it closes: closing with unread data makes the kernel send a reset, and the
 * client may lose the 413 it was about to read. Reading stops at these bounds (the client then
 * may see a reset: it sent far more than any request should).
 */
const DRAIN_MAX_BYTES = 256 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;
/** A client that waits for the answer before sending the rest gets it after this long. */
const DRAIN_IDLE_MS = 500;

type Reader = ReadableStreamDefaultReader<Uint8Array>;

/** Reads and drops the rest of a body, within the bounds above. */
async function drain(reader: Reader, alreadyRead: number): Promise<void> {
  const deadline = Date.now() + DRAIN_MAX_MS;
  let bytes = alreadyRead;
  while (bytes <= DRAIN_MAX_BYTES && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<'idle'>((resolve) => {
      timer = setTimeout(() => resolve('idle'), Math.min(DRAIN_IDLE_MS, deadline - Date.now()));
    });
    const next = await Promise.race([reader.read(), idle]).catch(() => ({ done: true as const, value: undefined }));
    clearTimeout(timer);
    if (next === 'idle' || next.done) return;
    bytes += next.value.byteLength;
  }
}

/** 413 in the shape of a tRPC error (what API clients read), closing the connection. */
function tooLarge(c: Context, maxBytes: number): Response {
  const message = `The request body is over ${maxBytes} bytes, the most a request may carry; send less (a dashboard document may be at most 1 MB).`;
  const nautilus = { code: 'VALIDATION', message, fields: [], details: { maxBytes }, plugin: null };
  const data = { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, nautilus };
  return c.json({ error: { message, code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE, data } }, 413, { connection: 'close' });
}

function declaredLength(c: Context): number | undefined {
  if (c.req.header('transfer-encoding') !== undefined) return undefined;
  const header = c.req.header('content-length');
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

/**
 * Refuses a request body over `maxBytes` with 413 and `Connection: close`, after reading the rest of
 * it (see DRAIN_MAX_BYTES) so the client reads the whole answer. A body without a declared length is
 * read up to the limit and handed on.
 */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = declaredLength(c);
    if (declared !== undefined && declared <= maxBytes) return next();
    const reader = body.getReader();
    if (declared !== undefined) {
      if (declared <= DRAIN_MAX_BYTES) await drain(reader, 0);
      return tooLarge(c, maxBytes);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const next = await reader.read().catch(() => undefined);
      // The client went away mid-body: there is no one to answer.
      if (!next) return c.text('The request body could not be read to its end.\n', 400);
      const { done, value } = next;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await drain(reader, size);
        return tooLarge(c, maxBytes);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks, size) });
    return next();
  };
}
