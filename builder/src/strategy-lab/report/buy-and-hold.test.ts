import { describe, expect, it } from 'vitest';
import { buyAndHoldCurve, normaliseCurve } from './buy-and-hold.ts';

const bars = { time: [1, 2, 3, 4], open: [100, 104, 108, 99], close: [102, 110, 99, 125] };

describe('buyAndHoldCurve', () => {
  it('buys with all the cash at the first open and marks to each close', () => {
    // 10,000 buys 100 units at 100: worth 100 × close.
    expect(buyAndHoldCurve(bars, 10_000)).toEqual({
      name: 'Buy & hold',
      time: [1, 2, 3, 4],
      values: [10_200, 11_000, 9_900, 12_500],
    });
  });

  it("ends at the initial cash × (1 + the run's buy & hold return)", () => {
    const curve = buyAndHoldCurve(bars, 2_500);
    // buyAndHoldReturn = last close / first open − 1 = 0.25.
    expect(curve.values.at(-1)).toBeCloseTo(2_500 * 1.25, 10);
  });

  it("samples at the equity curve's times only, skipping times with no bar", () => {
    expect(buyAndHoldCurve(bars, 10_000, [1, 3, 7])).toEqual({ name: 'Buy & hold', time: [1, 3], values: [10_200, 9_900] });
  });

  it('draws nothing without bars or a usable first open', () => {
    expect(buyAndHoldCurve({ time: [], open: [], close: [] }, 1_000).values).toEqual([]);
    expect(buyAndHoldCurve({ time: [1], open: [0], close: [5] }, 1_000).values).toEqual([]);
  });
});

describe('normaliseCurve', () => {
  it('gives the percent gained since the start, so runs of any size share one axis', () => {
    const big = normaliseCurve({ name: 'a', time: [1, 2, 3], values: [100_000, 110_000, 95_000] }, 100_000);
    const small = normaliseCurve({ name: 'b', time: [1, 2, 3], values: [5_000, 5_500, 4_750] }, 5_000);
    expect(big.values).toEqual([0, 10.000000000000009, -5.000000000000004]);
    expect(small.values.map((value) => Math.round(value * 1e9) / 1e9)).toEqual([0, 10, -5]);
  });

  it('refuses a start that is not positive with NaN rather than an infinite line', () => {
    expect(normaliseCurve({ name: 'a', time: [1], values: [5] }, 0).values).toEqual([Number.NaN]);
  });
});
