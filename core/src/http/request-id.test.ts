import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger, logFormatFor } from '../logger.ts';
import { currentRequestId, runInRequestScope } from '../request-scope.ts';
import { REQUEST_ID_HEADER, requestIdFrom, requestIdMiddleware } from './request-id.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A pino destination that keeps each line, parsed. */
function capture(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { stream, lines };
}

describe('request ids', () => {
  it('keeps a valid caller id and replaces an invalid or oversized one with a UUID', () => {
    expect(requestIdFrom('abc-123_x.y')).toBe('abc-123_x.y');
    expect(requestIdFrom('a'.repeat(128))).toBe('a'.repeat(128));
    for (const bad of ['a'.repeat(129), 'has space', 'semi;colon', 'ünicode', '', undefined, null]) {
      const id = requestIdFrom(bad);
      expect(id, String(bad)).toMatch(UUID);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });

  it('answers with the id and runs the handler in its scope', async () => {
    const app = new Hono();
    app.use('*', requestIdMiddleware());
    app.get('/x', (c) => c.text(currentRequestId() ?? 'none'));
    const given = await app.request('/x', { headers: { [REQUEST_ID_HEADER]: 'trace-42' } });
    expect(given.headers.get(REQUEST_ID_HEADER)).toBe('trace-42');
    expect(await given.text()).toBe('trace-42');
    const invalid = await app.request('/x', { headers: { [REQUEST_ID_HEADER]: 'not valid!' } });
    const generated = invalid.headers.get(REQUEST_ID_HEADER);
    expect(generated).toMatch(UUID);
    expect(await invalid.text()).toBe(generated);
    expect(currentRequestId()).toBeUndefined();
  });

  it('puts the request id on every log line written while the request is served, and none outside', async () => {
    const { stream, lines } = capture();
    const logger = createLogger('info', stream);
    const child = logger.child({ plugin: 'demo' });
    await runInRequestScope({ requestId: 'req-7' }, async () => {
      logger.info('in the handler');
      await new Promise((resolve) => setTimeout(resolve, 1));
      child.warn({ detail: 1 }, 'after an await, from a child logger');
    });
    logger.info('outside');
    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ['in the handler', 'req-7'],
      ['after an await, from a child logger', 'req-7'],
      ['outside', undefined],
    ]);
  });
});

describe('log format', () => {
  it('is pretty on a terminal outside production, JSON otherwise, and NAUTILUS_LOG_FORMAT forces either', () => {
    expect(logFormatFor({}, true)).toBe('pretty');
    expect(logFormatFor({}, false)).toBe('json');
    expect(logFormatFor({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(logFormatFor({ NAUTILUS_LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormatFor({ NAUTILUS_LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe('pretty');
    expect(logFormatFor({ NAUTILUS_LOG_FORMAT: 'xml' }, false)).toBe('json');
  });
});
