import { irwinHall, mix32 } from './counter-random.ts';
import type { DailyPath } from './daily-path.ts';
import { formingMinute, minuteKey } from './intraminute-path.ts';
import { MINUTE_MS } from './new-york-time.ts';

// Longest session (24 h); buffers are sized once for it.
const MAX_MINUTES = 24 * 60;
// Mean wick beyond the body is 0.4 of a minute's σ: a 1m bar's high-low range then averages about
// 1.6 σ, close to a Brownian range.
const WICK = 0.8;

/** The 1m bars of one session, in buffers reused from day to day. */
export interface DayBars {
  /** UTC epoch ms of the first bar; bar k opens at start + k minutes. */
  start: number;
  count: number;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Scratch: the day's random walk, before it is pinned to the day's close. */
  walk: Float64Array;
}

/** Empty buffers for the longest session; one per query, reused for every day it simulates. */
export function createDayBars(): DayBars {
  const buffer = () => new Float64Array(MAX_MINUTES + 1);
  return { start: 0, count: 0, open: buffer(), high: buffer(), low: buffer(), close: buffer(), volume: buffer(), walk: buffer() };
}

/**
 * Simulates trading date `day`'s 1m bars into `out`: a Brownian bridge in log price from the day's
 * open to its close (both from the daily path), with the session's volatility and volume profile.
 * Each minute draws from a counter keyed by (instrument, day, minute), so the day never depends on
 * which range was asked for. Prices are rounded to the tick; rounding is monotonic, so
 * low <= min(open, close) <= max(open, close) <= high survives it.
 */
export function simulateDay(path: DailyPath, day: number, out: DayBars): void {
  const { instrument, session } = path;
  const { volatilityScale, volumeWeight, varianceShare } = session.profile;
  const minutes = session.minutes;
  const from = path.openLog(day);
  const to = path.closeLog(day);
  const step = path.sigma(day) / Math.sqrt(minutes);
  const daySeed = mix32(path.seed ^ mix32(day));
  const walk = out.walk;

  walk[0] = 0;
  let position = 0;
  for (let minute = 0; minute < minutes; minute++) {
    const key = (daySeed + Math.imul(minute, 0x9e3779b9)) | 0;
    position += irwinHall(mix32(key ^ 0x5bd1e995), mix32(key ^ 0x1b873593)) * step * (volatilityScale[minute] as number);
    walk[minute + 1] = position;
  }
  // The bridge: remove the walk's own end point in proportion to variance elapsed, land on `to`.
  const miss = position - (to - from);

  const ticks = Math.round(1 / instrument.tickSize);
  const round = (price: number) => Math.max(1, Math.round(price * ticks)) / ticks;
  const volumePerMinute = (instrument.dailyVolume * path.volumeFactor(day)) / minutes;
  let previousLog = from;
  let previous = Math.exp(from);
  let previousRounded = round(previous);
  for (let minute = 0; minute < minutes; minute++) {
    const log = from + (walk[minute + 1] as number) - (varianceShare[minute + 1] as number) * miss;
    const price = Math.exp(log);
    const key = (daySeed + Math.imul(minute, 0x9e3779b9)) | 0;
    const bits = mix32(key ^ 0x27d4eb2f);
    const sigma = step * (volatilityScale[minute] as number);
    const upper = Math.max(previous, price) * (1 + sigma * WICK * ((bits & 0x7ff) / 2048));
    const lower = Math.min(previous, price) * (1 - sigma * WICK * (((bits >>> 11) & 0x7ff) / 2048));
    const rounded = round(price);
    out.open[minute] = previousRounded;
    out.close[minute] = rounded;
    out.high[minute] = round(upper);
    out.low[minute] = round(lower);
    // Volume: the profile, ±50 % noise, and more on minutes that move (|move|/σ averages 0.8).
    const surprise = Math.abs(log - previousLog) / sigma;
    out.volume[minute] = Math.round(
      volumePerMinute * (volumeWeight[minute] as number) * (0.5 + (bits >>> 22) / 1024) * (0.6 + 0.5 * surprise),
    );
    previousLog = log;
    previous = price;
    previousRounded = rounded;
  }
  out.start = session.opensAt(day);
  out.count = minutes;
}

/**
 * Cuts the bars in `bars` (simulated by simulateDay) at `now`: the minute in progress becomes its
 * forming bar at the second reached (its intraminute path up to then, see intraminute-path.ts), so
 * nothing of the minute's future shows. Minutes after it are left as they are: callers never read them.
 */
export function cutAtNow(path: DailyPath, bars: DayBars, now: number): void {
  const minute = Math.floor((now - bars.start) / MINUTE_MS);
  if (minute < 0 || minute >= bars.count) return;
  const minuteOpen = bars.start + minute * MINUTE_MS;
  const bar = {
    open: bars.open[minute] as number,
    high: bars.high[minute] as number,
    low: bars.low[minute] as number,
    close: bars.close[minute] as number,
    volume: bars.volume[minute] as number,
  };
  const forming = formingMinute(
    bar,
    minuteKey(path.seed, minuteOpen),
    Math.floor((now - minuteOpen) / 1000),
    path.instrument.tickSize,
  );
  bars.open[minute] = forming.open;
  bars.high[minute] = forming.high;
  bars.low[minute] = forming.low;
  bars.close[minute] = forming.close;
  bars.volume[minute] = forming.volume;
}
