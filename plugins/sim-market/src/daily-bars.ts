import { type BarColumns, BarWriter } from './bar-writer.ts';
import { type DailyPath, EPOCH_DAY } from './daily-path.ts';
import { createDayBars, cutAtNow, type DayBars, simulateDay } from './day-bars.ts';
import type { LruCache } from './lru-cache.ts';
import { DAY_MS, MINUTE_MS } from './new-york-time.ts';

/** One trading date's aggregate of its 1m bars. */
export interface DayAggregate {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Which trading dates a daily query covers, and the clock that hides the future. */
export interface DailySpan {
  firstDay: number;
  lastDay: number;
  now: number;
  limit: number;
}

function aggregate(bars: DayBars, last: number): DayAggregate {
  let high = bars.high[0] as number;
  let low = bars.low[0] as number;
  let volume = 0;
  for (let minute = 0; minute <= last; minute++) {
    const barHigh = bars.high[minute] as number;
    const barLow = bars.low[minute] as number;
    if (barHigh > high) high = barHigh;
    if (barLow < low) low = barLow;
    volume += bars.volume[minute] as number;
  }
  return { open: bars.open[0] as number, high, low, close: bars.close[last] as number, volume };
}

/**
 * Daily bars: one per trading date, stamped at that date's UTC midnight, aggregating the whole
 * session's 1m bars (for FX and CME that includes the previous evening). A session still running
 * at `now` gives a partial bar of the minutes finished so far and the one in progress as formed so far
 * (its intraminute path up to `now`); finished days are cached, keyed by
 * symbol and date, because only they can never change.
 */
export async function dailyBars(
  path: DailyPath,
  span: DailySpan,
  cache: LruCache<string, DayAggregate>,
  checkpoint: () => Promise<void>,
): Promise<BarColumns> {
  const { session, instrument } = path;
  const hasOpened = (day: number) => session.trades(day) && session.opensAt(day) <= span.now;
  // Count newest first to find the oldest of the newest `limit` days, then build oldest first.
  let firstDay = span.lastDay + 1;
  let count = 0;
  for (let day = span.lastDay; day >= Math.max(span.firstDay, EPOCH_DAY) && count < span.limit; day--) {
    if (!hasOpened(day)) continue;
    count++;
    firstDay = day;
  }
  const writer = new BarWriter(count);
  let bars: DayBars | undefined;
  for (let day = firstDay; day <= span.lastDay; day++) {
    if (!hasOpened(day)) continue;
    const opened = Math.min(session.minutes - 1, Math.floor((span.now - session.opensAt(day)) / MINUTE_MS));
    // Complete once its last minute has ended, not when it has begun.
    const complete = span.now >= session.opensAt(day) + session.minutes * MINUTE_MS;
    const key = `${instrument.symbol}@${day}`;
    let summary = complete ? cache.get(key) : undefined;
    if (!summary) {
      bars ??= createDayBars();
      simulateDay(path, day, bars);
      if (!complete) cutAtNow(path, bars, span.now);
      summary = aggregate(bars, opened);
      if (complete) cache.set(key, summary);
      await checkpoint();
    }
    writer.add(day * DAY_MS, summary.open, summary.high, summary.low, summary.close, summary.volume);
  }
  return writer.finish();
}
