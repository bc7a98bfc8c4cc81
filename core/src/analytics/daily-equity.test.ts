import { describe, expect, it } from 'vitest';
import { dailyEquity } from './daily-equity.ts';

describe('daily equity', () => {
  it('keeps the last point of each UTC day', () => {
    const hour = 3_600_000;
    const day = 24 * hour;
    const time = [14 * hour, 15 * hour, 20 * hour, day + 14 * hour, day + 20 * hour, 3 * day];
    expect(dailyEquity(time, [1, 2, 3, 4, 5, 6])).toEqual({ time: [20 * hour, day + 20 * hour, 3 * day], equity: [3, 5, 6] });
    expect(dailyEquity([], [])).toEqual({ time: [], equity: [] });
  });
});
