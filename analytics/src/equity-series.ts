import { AnalyticsError } from './analytics-error.ts';

/** Equity (or any positive level: an index close, a NAV) at increasing epoch-ms times. */
export interface LevelSeries {
  readonly time: ArrayLike<number>;
  readonly value: ArrayLike<number>;
}

/**
 * Checks a level series once, at the package's boundary: equal lengths, finite strictly increasing
 * times, finite values > 0 (a simple return is undefined from a zero level). Throws AnalyticsError
 * naming the field and index.
 */
export function checkLevelSeries(series: LevelSeries, field: string): void {
  const { time, value } = series;
  if (time.length !== value.length) {
    throw new AnalyticsError('INVALID_INPUT', `${field}.value`, `has ${value.length} values for ${time.length} times`);
  }
  let previous = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < time.length; index++) {
    const at = time[index]!;
    if (!Number.isFinite(at) || at <= previous) {
      throw new AnalyticsError(
        'INVALID_INPUT',
        `${field}.time[${index}]`,
        `must be a finite time after the previous one, got ${at}`,
      );
    }
    previous = at;
    const level = value[index]!;
    if (!Number.isFinite(level) || level <= 0) {
      throw new AnalyticsError('INVALID_INPUT', `${field}.value[${index}]`, `must be a finite level > 0, got ${level}`);
    }
  }
}

/**
 * Simple returns between consecutive levels: n levels give n − 1 returns, the i-th stamped with
 * time[i + 1]. Pass `start` (e.g. a backtest's initial cash) to measure the first level from it too.
 */
export function simpleReturns(levels: ArrayLike<number>, start?: number): number[] {
  const offset = start === undefined ? 1 : 0;
  const returns = new Array<number>(Math.max(0, levels.length - offset)).fill(0);
  let previous = start ?? levels[0]!;
  for (let index = offset; index < levels.length; index++) {
    const level = levels[index]!;
    returns[index - offset] = level / previous - 1;
    previous = level;
  }
  return returns;
}

/** Levels from simple returns, compounding from `start` (default 1): n returns give n levels. */
export function levelsFromReturns(returns: ArrayLike<number>, start = 1): number[] {
  const levels = new Array<number>(returns.length).fill(0);
  let level = start;
  for (let index = 0; index < returns.length; index++) {
    level *= 1 + returns[index]!;
    levels[index] = level;
  }
  return levels;
}
