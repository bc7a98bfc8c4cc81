import { Writable } from 'node:stream';
import { NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

/** A logger whose lines land in an array. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', destination), lines };
}

const HUGE = 'x'.repeat(20_000_000);

describe('the server log', () => {
  it('keeps every line small, whatever error, message or cause chain it logs', () => {
    const { logger, lines } = capture();
    const deepest = new Error(HUGE);
    const middle = new Error(HUGE, { cause: deepest });
    const error = new NautilusError('INTERNAL', HUGE, {
      cause: new Error(HUGE, { cause: new Error(HUGE, { cause: new Error(HUGE, { cause: middle }) }) }),
      details: { logs: new Array(1_000).fill({ message: HUGE }), text: HUGE },
      fields: [{ path: HUGE, message: HUGE }],
    });
    Object.defineProperty(error, 'stack', { value: HUGE });
    logger.error({ err: error, run: 'r1' }, 'backtest failed');
    logger.error({ error: new Error(HUGE) }, HUGE);
    logger.error(new Error(HUGE));
    logger.warn(HUGE);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line.length).toBeLessThan(200_000);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ msg: 'backtest failed', run: 'r1', err: { type: 'NautilusError', code: 'INTERNAL' } });
    expect(first.err.message).toMatch(/more characters cut\)$/);
    expect(first.err.cause.cause.cause.cause).toBe('[more causes left out]');
    expect(JSON.parse(lines[2]!).msg).toMatch(/^x+… \(\d+ more characters cut\)$/);
  });

  it('logs ordinary errors as pino did: type, message, stack and code', () => {
    const { logger, lines } = capture();
    logger.warn({ err: Object.assign(new Error('disk full'), { code: 'ENOSPC' }) }, 'could not write');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 40,
      msg: 'could not write',
      err: { type: 'Error', message: 'disk full', code: 'ENOSPC', stack: expect.stringContaining('Error: disk full') },
    });
  });
});
