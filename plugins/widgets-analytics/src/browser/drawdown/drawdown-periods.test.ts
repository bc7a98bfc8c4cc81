import { drawdowns } from '@nautilus/analytics';
import { describe, expect, it } from 'vitest';
import { underwaterPeriods } from './drawdown-periods.ts';

describe('underwater periods', () => {
  it('finds peak, trough and recovery of each run below 0, deepest first, as worked out by hand', () => {
    // Levels 100, 90, 95, 100, 120, 60, 90: falls of 10 % (peak 0, trough 1, back at 3) and 50 % (peak 4, trough 5, open).
    const series = [0, -10, -5, 0, 0, -50, -25];
    expect(underwaterPeriods(series, 10)).toEqual([
      { peak: 4, trough: 5, recovery: null, depth: 50 },
      { peak: 0, trough: 1, recovery: 3, depth: 10 },
    ]);
    expect(underwaterPeriods(series, 1)).toHaveLength(1);
    expect(underwaterPeriods([0, 0, 0], 5)).toEqual([]);
  });

  it('agrees with @nautilus/analytics drawdowns() on a random walk', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const levels = [100];
    for (let index = 1; index < 500; index++) levels.push(levels[index - 1]! * (1 + (random() - 0.5) * 0.04));
    const time = levels.map((_, index) => index * 86_400_000);
    const reference = drawdowns(time, levels);
    const mine = underwaterPeriods(
      reference.series.map((value) => value * 100),
      1_000,
    );
    expect(
      mine.map((period) => [time[period.peak], time[period.trough], period.recovery === null ? null : time[period.recovery]]),
    ).toEqual(reference.periods.map((period) => [period.peakTime, period.troughTime, period.recoveryTime]));
    for (const [index, period] of mine.entries()) expect(period.depth).toBeCloseTo(reference.periods[index]!.depth * 100, 9);
  });
});
