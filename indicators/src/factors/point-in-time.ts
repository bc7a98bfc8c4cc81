import { NautilusError } from '@nautilus/sdk';

/**
 * Observations of an economic or fundamental series as they became known: each value with the time
 * from which it could be used (its publication, not the period it describes). A revision is one more
 * observation, available from its own release.
 */
export interface PublishedSeries {
  /** Epoch ms from which each value may be used; non-decreasing. */
  availableFrom: readonly number[];
  values: readonly number[];
}

/**
 * The value known at each of `times` (epoch ms): the latest observation whose `availableFrom` is at
 * or before that time, NaN before the first. Nothing published after a time can reach it, so adding
 * later observations (new periods or revisions of old ones) never changes a value already aligned.
 */
export function alignAsOf(times: readonly number[], series: PublishedSeries): Float64Array {
  const { availableFrom, values } = series;
  if (availableFrom.length !== values.length) {
    throw NautilusError.validation('published series', [
      { path: 'values', message: `expected one value per availableFrom (${availableFrom.length}), got ${values.length}` },
    ]);
  }
  for (let index = 1; index < availableFrom.length; index++) {
    if (!(availableFrom[index]! >= availableFrom[index - 1]!)) {
      throw NautilusError.validation('published series', [
        { path: `availableFrom[${index}]`, message: 'must not be earlier than the one before (sort by publication time)' },
      ]);
    }
  }
  const aligned = new Float64Array(times.length).fill(Number.NaN);
  let next = 0;
  let known = Number.NaN;
  for (let index = 0; index < times.length; index++) {
    while (next < availableFrom.length && availableFrom[next]! <= times[index]!) known = values[next++]!;
    aligned[index] = known;
  }
  return aligned;
}

const DAY = 86_400_000;

/**
 * FRED/ALFRED: an observation with `realtime_start` D (a date, US Eastern) was published during D at a
 * time FRED does not give (most releases 8:30 or 10:00 ET). Usable from 00:00 UTC the day after D, so a
 * daily bar (opened at 00:00 UTC) sees it from the first bar that starts after the release day ends
 * everywhere that matters; never on D itself.
 */
export function fredAvailableFrom(realtimeStart: string): number {
  const day = Date.parse(`${realtimeStart}T00:00:00Z`);
  if (!Number.isFinite(day) || !/^\d{4}-\d{2}-\d{2}$/.test(realtimeStart)) {
    throw NautilusError.validation('FRED observation', [
      { path: 'realtime_start', message: `expected a date YYYY-MM-DD, got '${realtimeStart}'` },
    ]);
  }
  return day + DAY;
}

/**
 * A source that gives only the period an observation describes (no release date): usable from the end
 * of that period plus the publication lag the user states (e.g. 30 days for a monthly CPI print). There
 * is no default lag: guessing zero would be look-ahead.
 */
export function laggedAvailableFrom(periodEnd: number, lagDays: number): number {
  if (!Number.isFinite(lagDays) || lagDays < 0) {
    throw NautilusError.validation('publication lag', [{ path: 'lagDays', message: `expected days >= 0, got ${lagDays}` }]);
  }
  return periodEnd + lagDays * DAY;
}
