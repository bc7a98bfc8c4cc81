import { describe, expect, it } from 'vitest';
import { feedCloses } from './indicators-test-helpers.ts';
import { RsiIndicator } from './rsi.ts';

// Wilder's RSI worked example as StockCharts reproduces it (14 periods).
const CLOSES = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46];

describe('RsiIndicator', () => {
  it("matches Wilder's worked example", () => {
    const values = feedCloses(new RsiIndicator(14), CLOSES);
    expect(values.slice(0, 14).every((value) => value === undefined)).toBe(true);
    // The first 14 changes: gains .06 + .72 + .50 + .27 + .32 + .42 + .24 + .14 + .67 = 3.34,
    // losses .25 + .54 + .19 + .42 = 1.40, so RS = 3.34 / 1.40.
    expect(values[14]).toBeCloseTo(100 - 100 / (1 + 3.34 / 1.4), 9);
    // Next close falls 0.28: averages (3.34/14·13 + 0)/14 and (1.40/14·13 + 0.28)/14.
    const gain = ((3.34 / 14) * 13) / 14;
    const loss = ((1.4 / 14) * 13 + 0.28) / 14;
    expect(values[15]).toBeCloseTo(100 - 100 / (1 + gain / loss), 9);
    // StockCharts prints 70.53 and 66.32 because it rounds the averages to two decimals first.
    expect(values[14]).toBeCloseTo(70.46, 2);
    expect(Math.abs(values[15]! - 66.32)).toBeLessThan(0.1);
  });

  it('reads 100 without losses and 50 when prices never move', () => {
    expect(feedCloses(new RsiIndicator(3), [1, 2, 3, 4, 5]).at(-1)).toBe(100);
    expect(feedCloses(new RsiIndicator(3), [5, 5, 5, 5]).at(-1)).toBe(50);
    expect(feedCloses(new RsiIndicator(3), [5, 4, 3, 2]).at(-1)).toBe(0);
  });
});
