import { NautilusError } from '@nautilus/sdk';
import { BAR_COLUMNS } from '../engine/index.ts';

/** Bars column-wise, as an OhlcvFrame holds them. */
export interface BarColumns {
  time: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Checks that every column of `bars` has the same length and returns it. */
export function barCount(bars: BarColumns): number {
  const length = bars?.time?.length;
  for (const field of FIELDS) {
    if (bars?.[field]?.length !== length) {
      throw NautilusError.validation('bars', [
        { path: `bars.${field}`, message: `must have as many values as bars.time (${length})` },
      ]);
    }
  }
  return length;
}

/**
 * Packs bars [from, to) into one Float64Array, column after column, as the engine reads them, and
 * checks them on the way: finite prices, low <= open, close <= high, volume >= 0, times strictly
 * increasing (also across calls, through `previousTime`). Matching rules assume all of this.
 */
export function packBars(bars: BarColumns, from: number, to: number, previousTime: number): Float64Array {
  const count = to - from;
  const packed = new Float64Array(count * BAR_COLUMNS);
  let lastTime = previousTime;
  for (let index = from; index < to; index++) {
    const row = index - from;
    const time = bars.time[index]!;
    const open = bars.open[index]!;
    const high = bars.high[index]!;
    const low = bars.low[index]!;
    const close = bars.close[index]!;
    const volume = bars.volume[index]!;
    // One test for the usual case; NaN fails every comparison and a non-finite sum catches Infinity.
    const sum = time + open + high + low + close + volume;
    const valid =
      time > lastTime && high >= open && high >= close && low <= open && low <= close && volume >= 0 && sum - sum === 0;
    if (!valid) explain(index, time, open, high, low, close, volume, lastTime);
    packed[row] = time;
    packed[count + row] = open;
    packed[2 * count + row] = high;
    packed[3 * count + row] = low;
    packed[4 * count + row] = close;
    packed[5 * count + row] = volume;
    lastTime = time;
  }
  return packed;
}

/** Throws the VALIDATION error naming the first rule a bar breaks. */
function explain(
  index: number,
  time: number,
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
  lastTime: number,
): never {
  if (!(time > lastTime) || !Number.isFinite(time))
    fail(index, 'time', time, `must be finite and later than the bar before (${lastTime})`);
  if (!Number.isFinite(open)) fail(index, 'open', open, 'must be finite');
  if (!Number.isFinite(close)) fail(index, 'close', close, 'must be finite');
  if (!(high >= open && high >= close && Number.isFinite(high)))
    fail(index, 'high', high, `must be >= open (${open}) and close (${close})`);
  if (!(low <= open && low <= close && Number.isFinite(low)))
    fail(index, 'low', low, `must be <= open (${open}) and close (${close})`);
  fail(index, 'volume', volume, 'must be a finite number >= 0');
}

function fail(index: number, field: string, value: number, rule: string): never {
  throw NautilusError.validation('bars', [{ path: `bars.${field}[${index}]`, message: `${rule}; got ${value}` }]);
}
