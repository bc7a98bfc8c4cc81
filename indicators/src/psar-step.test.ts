import { IndicatorsSync } from '@ixjb94/indicators';
import { describe, expect, it } from 'vitest';
import { computeIndicator } from './index.ts';
import { makeTestBars } from './test-bars.ts';

const frame = (high: number[], low: number[]) => ({
  time: high.map((_, index) => index * 60_000),
  open: low,
  high,
  low,
  close: high,
  volume: high.map(() => 1),
});

describe("Parabolic SAR (Wilder's rule)", () => {
  it('agrees with Tulip Indicators (the @ixjb94/indicators port) on every bar of 600 random-walk bars', () => {
    const bars = makeTestBars(600);
    const ours = computeIndicator('psar', { step: 0.02, max: 0.2 }, bars).outputs.value!;
    const tulip = new IndicatorsSync().psar(bars.high, bars.low, 0.02, 0.2) as number[];
    // Tulip answers from the second bar on; ours is NaN on the first.
    expect(Number.isNaN(ours[0]!)).toBe(true);
    expect(tulip.length).toBe(599);
    for (let index = 1; index < 600; index++) {
      expect(Math.abs(ours[index]! - tulip[index - 1]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(tulip[index - 1]!)));
    }
  });

  it('keeps a rising SAR at or below the prior two lows, as Wilder does (worked by hand)', () => {
    // Bars (high/low): 10/9, 11/10, 12/11, 13/12. Long from the start (midpoint 10.5 >= 9.5):
    // bar 1: SAR = 9 + 0.02 x (10 - 9) = 9.02, clamped to the prior low 9 -> 9; EP 11, AF 0.04.
    // bar 2: SAR = 9 + 0.04 x (11 - 9) = 9.08 (below lows 10 and 9? clamped to min(9, 10) = 9) -> 9; EP 12, AF 0.06.
    // bar 3: SAR = 9 + 0.06 x (12 - 9) = 9.18, prior lows 11 and 10 -> 9.18; EP 13, AF 0.08.
    const values = computeIndicator('psar', { step: 0.02, max: 0.2 }, frame([10, 11, 12, 13], [9, 10, 11, 12])).outputs.value!;
    expect(Number.isNaN(values[0]!)).toBe(true);
    expect(values[1]).toBeCloseTo(9, 12);
    expect(values[2]).toBeCloseTo(9, 12);
    expect(values[3]).toBeCloseTo(9.18, 12);
  });

  it('reverses to short at the old extreme when a bar falls through the SAR (worked by hand)', () => {
    // 10/9, 11/10, then a bar 9.5/8: SAR at bar 2 = 9 + 0.04 x (11 - 9) = 9.08, clamped to lows 10 and 9 -> 9;
    // low 8 < 9 reverses: SAR = the long extreme 11, EP = 8, AF back to 0.02.
    const values = computeIndicator('psar', { step: 0.02, max: 0.2 }, frame([10, 11, 9.5], [9, 10, 8])).outputs.value!;
    expect(values[2]).toBeCloseTo(11, 12);
  });
});
