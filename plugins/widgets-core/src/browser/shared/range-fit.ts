// The dashboard's time range is what a time-series chart shows: choosing "Last 7 days" refits the
// visible range to 7 days, as Grafana and TradingView's range buttons do. A refresh of a relative range
// ("now-7d" resolved a few seconds later) is no new choice, and keeps the user's own zoom.

export interface TimeRange {
  from: number;
  to: number;
}

/**
 * Whether `next` is another range than `previous`, not the same one slid forward by a refresh: its
 * length differs by more than 1 %, or it moved backwards or by more than a quarter of its length.
 */
export function isNewRange(previous: TimeRange | undefined, next: TimeRange): boolean {
  if (!previous) return true;
  const span = previous.to - previous.from;
  const nextSpan = next.to - next.from;
  if (Math.abs(nextSpan - span) > span * 0.01) return true;
  const shift = next.to - previous.to;
  return shift < 0 || shift > span / 4;
}

/**
 * Indices of the first and last bar inside `range` of strictly increasing `times` (epoch ms), or null
 * when none lies inside. A range reaching before the data starts at its first bar.
 */
export function barsInRange(times: ArrayLike<number>, range: TimeRange): { first: number; last: number } | null {
  const first = firstAtOrAfter(times, range.from);
  const last = firstAtOrAfter(times, range.to + 1) - 1;
  return first <= last ? { first, last } : null;
}

/** Binary search: the index of the first time ≥ `time` (the length when there is none). */
export function firstAtOrAfter(times: ArrayLike<number>, time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
