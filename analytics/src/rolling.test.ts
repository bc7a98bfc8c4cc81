import { describe, expect, it } from 'vitest';
import { inferPeriodsPerYear, rollingMetrics } from './index.ts';

const DAY = 86_400_000;

describe('rolling metrics', () => {
  it('matches a per-window recomputation (second implementation) and uses no later return', () => {
    let seed = 7;
    const returns = Array.from({ length: 300 }, () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647 - 0.5) * 0.04;
    });
    const time = returns.map((_, index) => index * DAY);
    const window = 20;
    const rf = 0.0002;
    const rolling = rollingMetrics(time, returns, window, 252, rf);
    expect(rolling.time.length).toBe(281);
    for (const end of [19, 100, 299]) {
      const slice = returns.slice(end - window + 1, end + 1);
      const average = slice.reduce((sum, value) => sum + value, 0) / window;
      const deviation = Math.sqrt(slice.reduce((sum, value) => sum + (value - average) ** 2, 0) / (window - 1));
      const at = end - window + 1;
      expect(rolling.time[at]).toBe(end * DAY);
      expect(rolling.volatility[at]).toBeCloseTo(deviation * Math.sqrt(252), 10);
      expect(rolling.sharpe[at]).toBeCloseTo(((average - rf) / deviation) * Math.sqrt(252), 8);
    }
    // Appending future returns leaves every past value unchanged.
    const longer = rollingMetrics([...time, 300 * DAY], [...returns, 0.5], window, 252, rf);
    expect(longer.volatility.slice(0, 281)).toEqual(rolling.volatility);
  });

  it('gives no Sharpe for a constant window and nothing for a series shorter than the window', () => {
    const constant = rollingMetrics([1, 2, 3], [0.001, 0.001, 0.001], 3, 252, 0);
    expect(constant).toMatchObject({ volatility: [0], sharpe: [null] });
    expect(rollingMetrics([1], [0.1], 3, 252, 0).time).toEqual([]);
  });
});

describe('periods per year', () => {
  const weekdays = (count: number, step: number) => {
    const times: number[] = [];
    for (let at = Date.parse('2024-01-01T00:00:00Z'); times.length < count; at += step) {
      const weekday = new Date(at).getUTCDay();
      if (weekday !== 0 && weekday !== 6) times.push(at);
    }
    return times;
  };

  it('reads 252 from weekday daily bars and 365 when weekends trade', () => {
    expect(inferPeriodsPerYear(weekdays(30, DAY)).value).toBe(252);
    expect(inferPeriodsPerYear(Array.from({ length: 30 }, (_, index) => index * DAY)).value).toBe(365);
  });

  it('reads 12 from month ends, 52 from weeks and 252 × 6.5 from hourly weekday bars', () => {
    expect(
      inferPeriodsPerYear(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'].map((day) => Date.parse(day))).value,
    ).toBe(12);
    expect(inferPeriodsPerYear([0, 7, 14, 21].map((day) => Date.parse('2024-01-01') + day * DAY)).value).toBe(52);
    // 252 sessions × 6.5 h / 1 h = 1638
    expect(inferPeriodsPerYear(weekdays(50, 3_600_000)).value).toBe(1638);
  });

  it('assumes daily with fewer than two points and says so', () => {
    expect(inferPeriodsPerYear([5])).toEqual({
      value: 252,
      source: 'inferred',
      rule: 'fewer than two points: daily (252) assumed',
    });
  });
});
