import type { OhlcvFrame, Timeframe } from '@nautilus/sdk';
import { createCheckpoint, TIMEFRAME_MS } from '@nautilus/sdk';
import type { BarColumns } from './bar-writer.ts';
import { type DayAggregate, dailyBars } from './daily-bars.ts';
import { DailyPath, EPOCH_DAY } from './daily-path.ts';
import type { SimInstrument } from './instrument.ts';
import { intradayBars } from './intraday-bars.ts';
import { LruCache } from './lru-cache.ts';
import { DAY_MS, MINUTE_MS } from './new-york-time.ts';
import { sessions } from './sessions.ts';

/** One bar request, already validated. */
export interface BarRequest {
  instrument: SimInstrument;
  timeframe: Timeframe;
  /** Bars whose open time is in [from, to), epoch ms. */
  from: number;
  to: number;
  /** At most this many bars: the newest ones of the range. */
  maxPoints: number;
  /** The bars as they stood at this time (a replay's clock); never later than the market's own clock. */
  asOf?: number;
}

export interface SimMarketOptions {
  /** The clock that decides which bars exist yet; Date.now unless a test pins it. */
  now?: () => number;
  /** Finished daily aggregates kept in memory (about 150 bytes each). */
  cachedDays?: number;
}

/** A simulated market: its caches live here, so each plugin instance owns its own. */
export interface SimMarket {
  bars(request: BarRequest, signal: AbortSignal): Promise<OhlcvFrame>;
}

/** Whether the bar opening at `time` has not closed at `now`: its period (a daily bar: its session) has not ended. */
function lastBarForming(path: DailyPath, timeframe: Timeframe, time: number | undefined, now: number): boolean {
  if (time === undefined) return false;
  if (timeframe !== '1d') return time + TIMEFRAME_MS[timeframe] > now;
  const day = time / DAY_MS;
  return path.session.opensAt(day) + path.session.minutes * MINUTE_MS > now;
}

/**
 * Creates a simulated market. Bars never depend on the range asked for, only on symbol and time.
 *
 * Bars exist only up to the clock (`now`, or a replay's `asOf`): a bar whose period is still running
 * is answered as formed so far — its finished minutes plus the minute in progress cut at the second
 * reached along that minute's seeded intraminute path (see intraminute-path.ts) — never with
 * anything from after the clock. Decision: such a bar is kept (a chart wants the candle in progress),
 * as the frame's last bar, and the frame is then marked `forming: true` (meaning: its last bar will
 * still change), as core's price history already reads it.
 */
export function createSimMarket(options: SimMarketOptions = {}): SimMarket {
  const clock = options.now ?? Date.now;
  const paths = new Map<string, DailyPath>();
  const dayCache = new LruCache<string, DayAggregate>(options.cachedDays ?? 50_000);

  const pathOf = (instrument: SimInstrument) => {
    let path = paths.get(instrument.symbol);
    if (!path) {
      path = new DailyPath(instrument, sessions[instrument.session]);
      paths.set(instrument.symbol, path);
    }
    return path;
  };

  return {
    async bars(request, signal) {
      const { instrument, timeframe, from, to, maxPoints } = request;
      const now = Math.min(clock(), request.asOf ?? Number.POSITIVE_INFINITY);
      const checkpoint = createCheckpoint(signal);
      signal.throwIfAborted();
      const path = pathOf(instrument);
      let columns: BarColumns;
      if (timeframe === '1d') {
        const lastDay = Math.min(Math.ceil(to / DAY_MS) - 1, Math.floor(now / DAY_MS));
        columns = await dailyBars(
          path,
          { firstDay: Math.ceil(from / DAY_MS), lastDay, now, limit: maxPoints },
          dayCache,
          checkpoint,
        );
      } else {
        const timeframeMs = TIMEFRAME_MS[timeframe];
        // Buckets opening in [from, to) need every minute up to the end of the last one, but no
        // minute that has not opened by `now`.
        const firstMinute = Math.max(Math.ceil(from / timeframeMs) * timeframeMs, EPOCH_DAY * DAY_MS);
        const endMinute = Math.min(
          Math.ceil(to / timeframeMs) * timeframeMs,
          Math.floor(now / MINUTE_MS) * MINUTE_MS + MINUTE_MS,
        );
        columns = await intradayBars(path, { firstMinute, endMinute, timeframeMs, limit: maxPoints, now }, checkpoint);
      }
      const frame: OhlcvFrame = { kind: 'ohlcv', symbol: instrument.symbol, timeframe, ...columns };
      if (lastBarForming(path, timeframe, columns.time.at(-1), now)) frame.forming = true;
      return frame;
    },
  };
}
