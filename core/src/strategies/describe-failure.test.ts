import { NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { describeFailure } from './describe-failure.ts';

const HUGE = 'x'.repeat(20_000_000);

describe('describeFailure', () => {
  it('stores a capped copy of a huge error, also one another copy of the sdk made', () => {
    // A plugin's bundled sdk may predate the caps: an error that only looks like a NautilusError.
    const foreign = Object.assign(new Error(HUGE), {
      name: 'NautilusError',
      code: 'VALIDATION',
      fields: [{ path: HUGE, message: HUGE }],
      details: { thrown: { message: HUGE }, list: new Array(10_000).fill(HUGE) },
      plugin: HUGE,
    });
    const ours = new NautilusError('VALIDATION', HUGE, { details: { thrown: { message: HUGE } } });
    ours.details.logs = new Array(1_000).fill({ time: 0, barIndex: 0, message: HUGE });
    for (const error of [foreign, ours]) {
      const { error: stored, isBug } = describeFailure(error);
      expect(isBug).toBe(false);
      expect(stored.code).toBe('VALIDATION');
      expect(stored.message).toMatch(/more characters cut\)$/);
      expect(JSON.stringify(stored).length).toBeLessThan(500_000);
    }
    expect((describeFailure(ours).error.details.logs as unknown[]).length).toBe(50);
  });

  it('keeps a small error as it was', () => {
    const error = new NautilusError('VALIDATION', 'The strategy threw Error in onBar: boom', {
      fields: [{ path: 'params.fast', message: 'must be >= 1' }],
      details: { phase: 'onBar', barIndex: 3, logs: [{ time: 1, barIndex: 0, message: 'hello' }] },
    });
    expect(describeFailure(error).error).toEqual({
      code: 'VALIDATION',
      message: 'The strategy threw Error in onBar: boom',
      fields: [{ path: 'params.fast', message: 'must be >= 1' }],
      details: { phase: 'onBar', barIndex: 3, logs: [{ time: 1, barIndex: 0, message: 'hello' }] },
      plugin: null,
    });
  });
});
