import { describe, expect, it } from 'vitest';
import { calendarReturns, drawdowns } from './index.ts';

const DAY = 86_400_000;

describe('drawdowns', () => {
  it('lists each fall from a peak with its trough, recovery and length, deepest first', () => {
    // 100 → 120 (peak, day 1) → 90 (trough, 25 % below) → 110 → 130 (recovered, day 4) → 117 (10 % below 130) → 125 (open)
    const time = [0, 1, 2, 3, 4, 5, 6].map((day) => day * DAY);
    const result = drawdowns(time, [100, 120, 90, 110, 130, 117, 125]);
    expect(result.periods).toEqual([
      {
        peakTime: 1 * DAY,
        troughTime: 2 * DAY,
        recoveryTime: 4 * DAY,
        depth: 0.25,
        periodsToTrough: 1,
        length: 3,
        lengthMs: 3 * DAY,
      },
      {
        peakTime: 4 * DAY,
        troughTime: 5 * DAY,
        recoveryTime: null,
        depth: expect.closeTo(0.1, 12),
        periodsToTrough: 1,
        length: 2,
        lengthMs: 2 * DAY,
      },
    ]);
    // 90 / 120 − 1 = −0.25; 110 / 120 − 1 = −0.083333; 125 / 130 − 1 = −0.0384615
    expect(result.series.map((value) => Number(value.toFixed(6)))).toEqual([0, 0, -0.25, -0.083333, 0, -0.1, -0.038462]);
  });

  it('finds no drawdown in a rising or flat series', () => {
    expect(drawdowns([0, 1, 2], [1, 1, 1]).periods).toEqual([]);
    expect(drawdowns([], []).periods).toEqual([]);
  });
});

describe('calendar returns', () => {
  it('compounds each UTC month and year from the last level before it', () => {
    // Jan 1 100 → Jan 31 110 (+10 %) → Feb 29 99 (−10 %) → Mar 15 108.9 (+10 %); 2024: 108.9 / 100 − 1 = 8.9 %
    // 2025-01-02 119.79: January 2025 +10 % from 108.9, year 2025 +10 %.
    const time = ['2024-01-01', '2024-01-31', '2024-02-29', '2024-03-15', '2025-01-02'].map((day) => Date.parse(day));
    const { monthly, yearly } = calendarReturns(time, [100, 110, 99, 108.9, 119.79]);
    expect(monthly.map((entry) => [entry.year, entry.month, Number(entry.return.toFixed(10))])).toEqual([
      [2024, 1, 0.1],
      [2024, 2, -0.1],
      [2024, 3, 0.1],
      [2025, 1, 0.1],
    ]);
    expect(yearly.map((entry) => [entry.year, Number(entry.return.toFixed(10))])).toEqual([
      [2024, 0.089],
      [2025, 0.1],
    ]);
  });

  it('leaves out a month that holds only the first point', () => {
    const time = ['2024-01-31', '2024-02-10', '2024-02-20'].map((day) => Date.parse(day));
    const { monthly } = calendarReturns(time, [100, 105, 110]);
    expect(monthly).toEqual([{ year: 2024, month: 2, return: expect.closeTo(0.1, 12) }]);
  });
});
