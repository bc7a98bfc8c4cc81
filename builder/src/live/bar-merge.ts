import type { OhlcvFrame } from '@nautilus/sdk';

/** One bar, as the live channels carry it (a one-bar OhlcvFrame) and as the merge handles it. */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * What a panel received live on top of its history: closed bars (final, oldest first, one per time)
 * and the newest forming bar. Immutable: each change answers a new tail, so React sees it change.
 */
export interface LiveBarTail {
  closed: readonly Bar[];
  forming?: Bar | undefined;
}

export const EMPTY_TAIL: LiveBarTail = { closed: [] };

/** Closed bars kept at most; older ones are in any history fetched since (the chart's window is smaller). */
export const MAX_TAIL_BARS = 5_000;

/** The bars of a streamed frame (usually one); undefined for something that is not an OHLCV frame. */
export function barsOfFrame(value: unknown): { bars: Bar[]; forming: boolean; symbol: string; timeframe: string } | undefined {
  if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== 'ohlcv') return undefined;
  const frame = value as OhlcvFrame;
  if (!Array.isArray(frame.time)) return undefined;
  const bars: Bar[] = [];
  for (let index = 0; index < frame.time.length; index++) {
    const bar = {
      time: frame.time[index] as number,
      open: frame.open?.[index] as number,
      high: frame.high?.[index] as number,
      low: frame.low?.[index] as number,
      close: frame.close?.[index] as number,
      volume: frame.volume?.[index] as number,
    };
    if (Object.values(bar).every(Number.isFinite)) bars.push(bar);
  }
  return { bars, forming: frame.forming === true, symbol: frame.symbol, timeframe: frame.timeframe };
}

/** Index of the first bar whose time is ≥ `time` (binary search over increasing times). */
function firstAtOrAfter(times: ArrayLike<number>, time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Adds a closed bar: in time order, replacing one of the same time; a forming bar it closes goes. */
export function addClosedBar(tail: LiveBarTail, bar: Bar): LiveBarTail {
  const times = tail.closed.map((item) => item.time);
  const index = firstAtOrAfter(times, bar.time);
  const replaces = tail.closed[index]?.time === bar.time;
  const closed = [...tail.closed.slice(0, index), bar, ...tail.closed.slice(index + (replaces ? 1 : 0))];
  const trimmed = closed.length > MAX_TAIL_BARS ? closed.slice(closed.length - MAX_TAIL_BARS) : closed;
  const forming = tail.forming && tail.forming.time > bar.time ? tail.forming : undefined;
  return { closed: trimmed, forming };
}

/** Sets the forming bar, unless a closed bar at or after its time already arrived (it is then stale). */
export function setFormingBar(tail: LiveBarTail, bar: Bar): LiveBarTail {
  const lastClosed = tail.closed.at(-1);
  if (lastClosed && lastClosed.time >= bar.time) return tail;
  return { closed: tail.closed, forming: bar };
}

/** Drops closed bars older than the history's last bar: a history fetched after them holds them already. */
export function pruneTail(tail: LiveBarTail, history: OhlcvFrame): LiveBarTail {
  const last = history.time.at(-1);
  if (last === undefined || tail.closed.length === 0 || (tail.closed[0] as Bar).time >= last) return tail;
  return { closed: tail.closed.filter((bar) => bar.time >= last), forming: tail.forming };
}

/**
 * The history with the live tail laid over it, by bar time: a live bar of a time the history has
 * replaces it (a closed bar is final; the history's last bar was usually still forming when fetched),
 * newer ones append. Times stay strictly increasing: no bar twice, and no hole between history and
 * tail as long as the tail started before the history was fetched. A forming bar older than the
 * history's newest bar is stale and left out; of a forming bar and a history bar of the same time, the
 * one with more volume is the newer (volume only grows while a bar forms).
 * Answers the history itself when the tail adds nothing, so an unchanged panel is not redrawn.
 */
export function mergeBars(history: OhlcvFrame, tail: LiveBarTail): OhlcvFrame {
  const live: Bar[] = [...tail.closed];
  const lastHistory = history.time.length - 1;
  const forming = tail.forming;
  if (forming) {
    const index = firstAtOrAfter(history.time, forming.time);
    const newer = index > lastHistory;
    const sameAsLast = index === lastHistory && history.time[index] === forming.time;
    const historyVolume = sameAsLast ? (history.volume[index] as number) : 0;
    if (newer || (sameAsLast && forming.volume >= historyVolume)) live.push(forming);
  }
  if (live.length === 0) return history;

  const merged: OhlcvFrame = {
    ...history,
    time: [],
    open: [],
    high: [],
    low: [],
    close: [],
    volume: [],
  };
  delete merged.forming;
  const push = (time: number, open: number, high: number, low: number, close: number, volume: number) => {
    merged.time.push(time);
    merged.open.push(open);
    merged.high.push(high);
    merged.low.push(low);
    merged.close.push(close);
    merged.volume.push(volume);
  };
  let h = 0;
  let l = 0;
  while (h <= lastHistory || l < live.length) {
    const liveBar = live[l];
    const historyTime = h <= lastHistory ? (history.time[h] as number) : Number.POSITIVE_INFINITY;
    if (liveBar && liveBar.time <= historyTime) {
      push(liveBar.time, liveBar.open, liveBar.high, liveBar.low, liveBar.close, liveBar.volume);
      if (liveBar.time === historyTime) h++;
      l++;
    } else {
      push(
        historyTime,
        history.open[h] as number,
        history.high[h] as number,
        history.low[h] as number,
        history.close[h] as number,
        history.volume[h] as number,
      );
      h++;
    }
  }
  return merged;
}
