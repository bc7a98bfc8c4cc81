import { counterKey, unitInterval } from './counter-random.ts';

/** The path is sampled once a second: second 0 is the minute's open, second 60 its close. */
export const SECONDS_PER_MINUTE = 60;
// Bounded noise around the piecewise path: at most this share of the minute's high-low range.
const NOISE = 0.2;
const STREAM_ORDER = 101;
const STREAM_NOISE = 102;

/** One bar's values; a stored 1m bar or the forming bar of its minute so far. */
export interface MinuteBar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The seed of one (instrument, minute): `seed` is the instrument's, `minuteOpen` the minute's open time (epoch ms). */
export function minuteKey(seed: number, minuteOpen: number): number {
  return counterKey(seed, Math.floor(minuteOpen / 60_000), STREAM_ORDER);
}

/** When the path touches its first and second extreme (whole seconds 1..59, first < second), and which comes first. */
function anchors(key: number): { first: number; second: number; highFirst: boolean } {
  const bits = counterKey(key, 0, STREAM_ORDER);
  const first = 1 + (bits % 29);
  const second = first + 1 + ((bits >>> 8) % (SECONDS_PER_MINUTE - 1 - first));
  return { first, second, highFirst: bits >>> 31 === 1 };
}

/**
 * The price at `second` (0..60) of a minute's path: piecewise linear from the open through its high
 * and low (in an order and at seconds drawn from `key`) to its close, plus noise of at most 20 % of
 * the range drawn per second from `key`, clamped to [low, high] and rounded to the tick. At second 0
 * it is the open, at 60 the close, and at the two anchor seconds exactly the high and the low, so the
 * running max/min over the whole minute are the bar's high and low. A pure function of
 * (bar, key, second): any second can be computed alone, in any order.
 */
export function pathPrice(bar: MinuteBar, key: number, second: number, tickSize: number): number {
  if (second <= 0) return bar.open;
  if (second >= SECONDS_PER_MINUTE) return bar.close;
  const { first, second: next, highFirst } = anchors(key);
  const one = highFirst ? bar.high : bar.low;
  const two = highFirst ? bar.low : bar.high;
  if (second === first) return one;
  if (second === next) return two;
  const lerp = (from: number, to: number, t0: number, t1: number) => from + ((to - from) * (second - t0)) / (t1 - t0);
  const base =
    second < first
      ? lerp(bar.open, one, 0, first)
      : second < next
        ? lerp(one, two, first, next)
        : lerp(two, bar.close, next, SECONDS_PER_MINUTE);
  const noise = (unitInterval(counterKey(key, second, STREAM_NOISE)) * 2 - 1) * NOISE * (bar.high - bar.low);
  const ticks = Math.round(1 / tickSize);
  const rounded = Math.round((base + noise) * ticks) / ticks;
  return Math.min(bar.high, Math.max(bar.low, rounded));
}

/**
 * The forming bar of a minute at `second` (0..60), from its path up to that second only: open = the
 * minute's open, close = the path now, high/low = the path's running max/min, volume pro rata to
 * the seconds elapsed (rounded). At second 60 it equals `bar` exactly.
 */
export function formingMinute(bar: MinuteBar, key: number, second: number, tickSize: number): MinuteBar {
  const elapsed = Math.max(0, Math.min(SECONDS_PER_MINUTE, Math.floor(second)));
  if (elapsed === SECONDS_PER_MINUTE) return { ...bar };
  let high = bar.open;
  let low = bar.open;
  let close = bar.open;
  for (let at = 1; at <= elapsed; at++) {
    close = pathPrice(bar, key, at, tickSize);
    if (close > high) high = close;
    if (close < low) low = close;
  }
  return { open: bar.open, high, low, close, volume: Math.round((bar.volume * elapsed) / SECONDS_PER_MINUTE) };
}
