import { describe, expect, it } from 'vitest';
import { feedCloses } from './indicators-test-helpers.ts';
import { SmaIndicator } from './sma.ts';

describe('SmaIndicator', () => {
  it('is undefined for the first period - 1 bars, then the mean of the last period closes', () => {
    const sma = new SmaIndicator(3);
    expect(feedCloses(sma, [2, 4, 9, 1, 5])).toEqual([undefined, undefined, 5, 14 / 3, 5]);
    expect(sma.previous).toBeCloseTo(14 / 3, 12);
    expect(sma.ready).toBe(true);
  });

  it('recovers from rounding within a window instead of drifting for the rest of the run', () => {
    // A naive running sum loses the 1 added to 1e16 and reads 0.5 for ever after; re-adding the
    // window once per lap makes SMA(2) of (1, 1) exact again.
    const sma = new SmaIndicator(2);
    expect(feedCloses(sma, [1e16, 1, 1, 1, 1]).at(-1)).toBe(1);
  });
});
