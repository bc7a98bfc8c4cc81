import { describe, expect, it } from 'vitest';
import { createIndicator } from './index.ts';

// Known answers, each with its source: worked by hand in the comment, or a published worked example.
// These are the cases the hand-written strategy indicators were held to before trading-signals
// replaced them, so strategies keep their numbers.

/** Feeds closes as bars (open = high = low = close) and returns the first output after each. */
function closes(id: string, params: Record<string, number>, values: number[], output = 0): number[] {
  const indicator = createIndicator(id, params);
  return values.map((close) => {
    indicator.update({ open: close, high: close, low: close, close, volume: 0 });
    return indicator.values[output]!;
  });
}

function candles(id: string, params: Record<string, number>, bars: [high: number, low: number, close: number][]): number[] {
  const indicator = createIndicator(id, params);
  return bars.map(([high, low, close]) => {
    indicator.update({ open: close, high, low, close, volume: 0 });
    return indicator.values[0]!;
  });
}

describe('known answers', () => {
  it('sma: the mean of the last period closes (by hand)', () => {
    expect(closes('sma', { period: 3 }, [2, 4, 9, 1, 5])).toEqual([Number.NaN, Number.NaN, 5, 14 / 3, 5]);
    // A naive running sum loses the 1 added to 1e16 and reads 0.5 for ever after.
    expect(closes('sma', { period: 2 }, [1e16, 1, 1, 1, 1]).at(-1)).toBe(1);
  });

  it('ema: seeded with the SMA of the first period closes, then alpha = 2 / (period + 1) (by hand)', () => {
    // EMA(3), alpha 0.5: seed (2 + 4 + 6) / 3 = 4; then 6, 5, 7.5.
    expect(closes('ema', { period: 3 }, [2, 4, 6, 8, 4, 10])).toEqual([Number.NaN, Number.NaN, 4, 6, 5, 7.5]);
    // EMA(4), alpha 0.4: seed 11.5; then 11.5 + 0.4 (9 − 11.5) = 10.5.
    const values = closes('ema', { period: 4 }, [10, 11, 12, 13, 9]);
    expect(values[3]).toBe(11.5);
    expect(values[4]).toBeCloseTo(10.5, 12);
  });

  it("rsi: Wilder's worked example as StockCharts reproduces it (14 periods)", () => {
    const series = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46];
    const values = closes('rsi', { period: 14 }, series);
    expect(values.slice(0, 14).every(Number.isNaN)).toBe(true);
    // First 14 changes: gains sum to 3.34, losses to 1.40, so RS = 3.34 / 1.40.
    expect(values[14]).toBeCloseTo(100 - 100 / (1 + 3.34 / 1.4), 9);
    // Next close falls 0.28: averages (3.34/14·13 + 0)/14 and (1.40/14·13 + 0.28)/14.
    const gain = ((3.34 / 14) * 13) / 14;
    const loss = ((1.4 / 14) * 13 + 0.28) / 14;
    expect(values[15]).toBeCloseTo(100 - 100 / (1 + gain / loss), 9);
    expect(values[14]).toBeCloseTo(70.46, 2);
  });

  it('rsi: 100 without losses, 0 without gains', () => {
    expect(closes('rsi', { period: 3 }, [1, 2, 3, 4, 5]).at(-1)).toBe(100);
    expect(closes('rsi', { period: 3 }, [5, 4, 3, 2]).at(-1)).toBe(0);
  });

  it('macd: line, signal and histogram from SMA-seeded EMAs (worked by hand for 2/3/2)', () => {
    // EMA(2): seed 2 at bar 1, then 2, 14/3, 38/9, 182/27; EMA(3): seed 2 at bar 2, then 4, 4, 6.
    // Line: 0, 2/3, 2/9, 20/27; signal EMA(2) of it: 1/3 at bar 3, then 7/27, 47/81.
    const series = [1, 3, 2, 6, 4, 8];
    const line = closes('macd', { fast: 2, slow: 3, signal: 2 }, series, 0);
    const signal = closes('macd', { fast: 2, slow: 3, signal: 2 }, series, 1);
    const histogram = closes('macd', { fast: 2, slow: 3, signal: 2 }, series, 2);
    expect(line.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(line[2]).toBe(0);
    expect(Number.isNaN(signal[2]!)).toBe(true);
    expect(line[3]).toBeCloseTo(2 / 3, 12);
    expect(signal[3]).toBeCloseTo(1 / 3, 12);
    expect(signal[4]).toBeCloseTo(7 / 27, 12);
    expect(line[5]).toBeCloseTo(20 / 27, 12);
    expect(signal[5]).toBeCloseTo(47 / 81, 12);
    expect(histogram[5]).toBeCloseTo(13 / 81, 12);
  });

  it('bbands: the population standard deviation (2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and σ 2)', () => {
    const series = [2, 4, 4, 4, 5, 5, 7, 9, 10];
    const at = (output: number) => closes('bbands', { period: 8, k: 2 }, series, output);
    expect([at(2)[7], at(0)[7], at(1)[7]]).toEqual([1, 5, 9]);
    // Slide in 10: window 4, 4, 4, 5, 5, 7, 9, 10, mean 6, squared deviations sum to 40, σ = √5.
    expect(at(0)[8]).toBeCloseTo(6, 12);
    expect(at(1)[8]).toBeCloseTo(6 + 2 * Math.sqrt(5), 12);
    // Accurate at high prices: σ of the same window shifted by 1e7 is still 2.
    const shifted = closes(
      'bbands',
      { period: 8, k: 1 },
      series.slice(0, 8).map((value) => value + 1e7),
      1,
    );
    expect(shifted[7]! - 1e7 - 5).toBeCloseTo(2, 6);
  });

  it("atr: the mean of the first period true ranges, then Wilder's smoothing (by hand)", () => {
    // True ranges 2 (first bar: high − low), 3, 2, 4. ATR(3): 7/3, then (7/3 · 2 + 4) / 3 = 26/9.
    const values = candles('atr', { period: 3 }, [
      [10, 8, 9],
      [12, 9, 11],
      [13, 11, 12],
      [14, 10, 13],
    ]);
    expect(values.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(values[2]).toBeCloseTo(7 / 3, 12);
    expect(values[3]).toBeCloseTo(26 / 9, 12);
    // A gap from the previous close 13 to a bar 8–7: TR = max(1, |8 − 13|, |7 − 13|) = 6.
    expect(
      candles('tr', {}, [
        [14, 12, 13],
        [8, 7, 7.5],
      ]),
    ).toEqual([2, 6]);
  });
});
