import { describe, expect, it } from 'vitest';
import { EmaIndicator } from './ema.ts';
import { feedCloses } from './indicators-test-helpers.ts';

describe('EmaIndicator', () => {
  it('seeds with the SMA of the first period closes, then smooths with alpha = 2 / (period + 1)', () => {
    // EMA(3), alpha 0.5: seed (2 + 4 + 6) / 3 = 4; then 4 + 0.5(8 - 4) = 6; 6 + 0.5(4 - 6) = 5; 5 + 0.5(10 - 5) = 7.5.
    expect(feedCloses(new EmaIndicator(3), [2, 4, 6, 8, 4, 10])).toEqual([undefined, undefined, 4, 6, 5, 7.5]);
  });

  it('uses alpha 0.4 for period 4', () => {
    // Seed (10 + 11 + 12 + 13) / 4 = 11.5; then 11.5 + 0.4(9 - 11.5) = 10.5.
    const values = feedCloses(new EmaIndicator(4), [10, 11, 12, 13, 9]);
    expect(values[3]).toBe(11.5);
    expect(values[4]).toBeCloseTo(10.5, 12);
  });
});
