const DAY_MS = 86_400_000;
const SESSION_MS = 6.5 * 3_600_000;

/** How the periods per year used to annualise were chosen, in words for the UI. */
export interface PeriodsPerYear {
  readonly value: number;
  readonly source: 'given' | 'inferred';
  readonly rule: string;
}

/**
 * Infers periods per year from the median spacing of the times, snapped to a calendar:
 * ≥ 300 days → 1 (yearly), ≥ 25 days → 12 (monthly), ≥ 5 days → 52 (weekly), ≥ 20 h → 252 trading days,
 * or 365 when any point falls on a Saturday or Sunday (UTC; a market trading every day);
 * shorter spacing → 252 sessions × 6.5 h / spacing (the runtime's equity-calendar rule), or
 * 365 × 24 h / spacing with weekend points. The median ignores holiday and weekend gaps.
 * Fewer than two times → 252 (daily assumed), said in `rule`.
 */
export function inferPeriodsPerYear(time: ArrayLike<number>): PeriodsPerYear {
  if (time.length < 2) return { value: 252, source: 'inferred', rule: 'fewer than two points: daily (252) assumed' };
  const gaps = new Float64Array(time.length - 1);
  for (let index = 1; index < time.length; index++) gaps[index - 1] = time[index]! - time[index - 1]!;
  gaps.sort();
  const middle = gaps.length >> 1;
  const median = gaps.length % 2 === 1 ? gaps[middle]! : (gaps[middle - 1]! + gaps[middle]!) / 2;
  const days = median / DAY_MS;
  if (days >= 300) return { value: 1, source: 'inferred', rule: 'yearly points (median spacing ≥ 300 days): 1' };
  if (days >= 25) return { value: 12, source: 'inferred', rule: 'monthly points (median spacing ≥ 25 days): 12' };
  if (days >= 5) return { value: 52, source: 'inferred', rule: 'weekly points (median spacing ≥ 5 days): 52' };
  const weekends = hasWeekendPoint(time);
  if (median >= 20 * 3_600_000) {
    return weekends
      ? { value: 365, source: 'inferred', rule: 'daily points including weekends: 365 calendar days' }
      : { value: 252, source: 'inferred', rule: 'daily points without weekends: 252 trading days' };
  }
  const minutes = Math.round(median / 60_000);
  return weekends
    ? {
        value: (365 * DAY_MS) / median,
        source: 'inferred',
        rule: `${minutes}-minute points including weekends: 365 × 24 h / ${minutes} min`,
      }
    : {
        value: (252 * SESSION_MS) / median,
        source: 'inferred',
        rule: `${minutes}-minute points: 252 sessions × 6.5 h / ${minutes} min`,
      };
}

function hasWeekendPoint(time: ArrayLike<number>): boolean {
  for (let index = 0; index < time.length; index++) {
    // 1970-01-01 was a Thursday (4); arithmetic instead of a Date per point.
    const weekday = (Math.floor(time[index]! / DAY_MS) + 4) % 7;
    if (weekday === 0 || weekday === 6) return true;
  }
  return false;
}
