import { describe, expect, it } from 'vitest';
import { AtrIndicator } from './atr.ts';

function feed(atr: AtrIndicator, bars: [high: number, low: number, close: number][]): (number | undefined)[] {
  return bars.map(([high, low, close]) => {
    atr.update(close, high, low, close);
    return atr.value;
  });
}

describe('AtrIndicator', () => {
  it("averages the first period true ranges, then smooths Wilder's way", () => {
    // True ranges: 10 − 8 = 2 (first bar); max(12 − 9, |12 − 9|, |9 − 9|) = 3; max(2, |13 − 11|, |11 − 11|) = 2;
    // max(4, |14 − 12|, |10 − 12|) = 4. ATR(3): (2 + 3 + 2) / 3 = 7/3, then (7/3 · 2 + 4) / 3 = 26/9.
    const values = feed(new AtrIndicator(3), [
      [10, 8, 9],
      [12, 9, 11],
      [13, 11, 12],
      [14, 10, 13],
    ]);
    expect(values.slice(0, 2)).toEqual([undefined, undefined]);
    expect(values[2]).toBeCloseTo(7 / 3, 12);
    expect(values[3]).toBeCloseTo(26 / 9, 12);
  });

  it('counts a gap from the previous close', () => {
    // Close 13, then a bar 8–7: TR = max(1, |8 − 13|, |7 − 13|) = 6.
    const values = feed(new AtrIndicator(1), [
      [14, 12, 13],
      [8, 7, 7.5],
    ]);
    expect(values).toEqual([2, 6]);
  });
});
