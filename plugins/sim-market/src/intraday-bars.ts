import { type BarColumns, BarWriter } from './bar-writer.ts';
import { type DailyPath, EPOCH_DAY } from './daily-path.ts';
import { createDayBars, cutAtNow, simulateDay } from './day-bars.ts';
import { DAY_MS, MINUTE_MS } from './new-york-time.ts';
import type { TradingSession } from './sessions.ts';

/** What an intraday query covers once clipped: 1m bars opening in [firstMinute, endMinute). */
export interface IntradaySpan {
  firstMinute: number;
  endMinute: number;
  /** Bucket length: 60 000 for 1m, 300 000 for 5m, … up to 4h. */
  timeframeMs: number;
  /** Keep only the newest `limit` buckets. */
  limit: number;
  /** The clock: the minute in progress at `now` is cut to its forming bar so far (no look-ahead). */
  now: number;
}

/** The bars first..last of trading date `day`'s session that open inside the span, if any. */
function windowOf(
  session: TradingSession,
  day: number,
  span: IntradaySpan,
): { start: number; first: number; last: number } | undefined {
  if (!session.trades(day)) return undefined;
  const start = session.opensAt(day);
  const first = Math.max(0, Math.ceil((span.firstMinute - start) / MINUTE_MS));
  const last = Math.min(session.minutes, Math.ceil((span.endMinute - start) / MINUTE_MS)) - 1;
  return first <= last ? { start, first, last } : undefined;
}

/**
 * Bars of 1m to 4h: each bucket aligned to a UTC multiple of its length, aggregated from the 1m
 * bars it contains (a bucket may span two sessions, e.g. a CME 4h bar around the daily break).
 * A first pass counts buckets newest first from session times alone, to find where the newest
 * `limit` begin; only then are those days simulated, oldest first. So "the last 500 1m bars of
 * ten years" simulates a day or two.
 */
export async function intradayBars(path: DailyPath, span: IntradaySpan, checkpoint: () => Promise<void>): Promise<BarColumns> {
  const { session } = path;
  const size = span.timeframeMs;
  // A trading date's session lies within the calendar day before it and the date itself.
  const newestDay = Math.ceil(span.endMinute / DAY_MS);
  let oldestDay = Math.max(EPOCH_DAY, Math.floor(span.firstMinute / DAY_MS));
  let count = 0;
  let firstBucket = Number.NEGATIVE_INFINITY;
  let oldestCounted = Number.NaN;
  for (let day = newestDay; day >= oldestDay; day--) {
    const window = windowOf(session, day, span);
    if (!window) continue;
    const low = Math.floor((window.start + window.first * MINUTE_MS) / size);
    const high = Math.floor((window.start + window.last * MINUTE_MS) / size);
    // Minutes are contiguous within a session, so every bucket from low to high has bars.
    const fresh = high - low + 1 - (high === oldestCounted ? 1 : 0);
    if (count + fresh >= span.limit) {
      firstBucket = low + count + fresh - span.limit;
      count = span.limit;
      oldestDay = day;
      break;
    }
    count += fresh;
    oldestCounted = low;
  }

  const writer = new BarWriter(count);
  const bars = createDayBars();
  for (let day = oldestDay; day <= newestDay; day++) {
    const window = windowOf(session, day, span);
    if (!window) continue;
    simulateDay(path, day, bars);
    cutAtNow(path, bars, span.now);
    for (let minute = window.first; minute <= window.last; minute++) {
      const bucket = Math.floor((window.start + minute * MINUTE_MS) / size);
      if (bucket < firstBucket) continue;
      writer.add(
        bucket * size,
        bars.open[minute] as number,
        bars.high[minute] as number,
        bars.low[minute] as number,
        bars.close[minute] as number,
        bars.volume[minute] as number,
      );
    }
    await checkpoint();
  }
  return writer.finish();
}
