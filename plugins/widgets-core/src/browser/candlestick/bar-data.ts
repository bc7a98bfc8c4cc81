import type { OhlcvFrame } from '@nautilus/sdk';
import type { HistogramData, LineData, OhlcData, UTCTimestamp, WhitespaceData } from 'lightweight-charts';
import { unorderedTimesError } from '../shared/expect-frames.ts';

export type Bar = OhlcData<UTCTimestamp> | WhitespaceData<UTCTimestamp>;
export type VolumeBar = HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp>;

/** Bars of an OHLCV frame in the shapes lightweight-charts takes. */
export interface ChartBars {
  bars: Bar[];
  volume: VolumeBar[];
}

/** The closes of the bars that have one, with their times in seconds: the indicators' input. */
export interface CloseSeries {
  closes: Float64Array;
  times: Float64Array;
}

/** Epoch ms → the UTC seconds lightweight-charts counts in. */
export const toSeconds = (epochMs: number): UTCTimestamp => (epochMs / 1000) as UTCTimestamp;

/**
 * Converts the bars from index `from` on into bar and volume objects, in one pass into preallocated
 * arrays. A bar with a missing price becomes whitespace (a gap), not a zero; a volume bar takes the up
 * or down colour of its bar.
 */
export function toChartBars(frame: OhlcvFrame, volumeColors: { up: string; down: string }, from = 0): ChartBars {
  const { time, open, high, low, close, volume } = frame;
  const length = time.length - from;
  const bars: Bar[] = new Array(length);
  const volumeBars: VolumeBar[] = new Array(length);
  for (let offset = 0; offset < length; offset++) {
    const index = from + offset;
    const seconds = toSeconds(time[index]!);
    const barOpen = open[index]!;
    const barHigh = high[index]!;
    const barLow = low[index]!;
    const barClose = close[index]!;
    const barVolume = volume[index]!;
    bars[offset] =
      Number.isFinite(barOpen) && Number.isFinite(barHigh) && Number.isFinite(barLow) && Number.isFinite(barClose)
        ? { time: seconds, open: barOpen, high: barHigh, low: barLow, close: barClose }
        : { time: seconds };
    volumeBars[offset] = Number.isFinite(barVolume)
      ? { time: seconds, value: barVolume, color: barClose >= barOpen ? volumeColors.up : volumeColors.down }
      : { time: seconds };
  }
  return { bars, volume: volumeBars };
}

/**
 * Every defined close with its time, for indicators that need the whole history even when only recent
 * bars are drawn. Throws when times are not strictly increasing.
 */
export function toCloseSeries(frame: OhlcvFrame): CloseSeries {
  const { time, close } = frame;
  const closes = new Float64Array(time.length);
  const times = new Float64Array(time.length);
  let count = 0;
  for (let index = 0; index < time.length; index++) {
    if (index > 0 && !(time[index]! > time[index - 1]!)) throw unorderedTimesError('ohlcv', index, time[index - 1], time[index]);
    if (Number.isFinite(close[index])) {
      closes[count] = close[index]!;
      times[count++] = toSeconds(time[index]!);
    }
  }
  return { closes: closes.subarray(0, count), times: times.subarray(0, count) };
}

/** Line points of an indicator from `fromTime` on, leaving out the NaN while its window fills. */
export function toLinePoints(
  times: Float64Array,
  values: Float64Array,
  fromTime = Number.NEGATIVE_INFINITY,
): LineData<UTCTimestamp>[] {
  const points: LineData<UTCTimestamp>[] = [];
  for (let index = firstAtOrAfter(times, fromTime); index < values.length; index++) {
    const value = values[index]!;
    if (!Number.isNaN(value)) points.push({ time: times[index] as UTCTimestamp, value });
  }
  return points;
}

/** Binary search: the index of the first time ≥ `time`. */
function firstAtOrAfter(times: Float64Array, time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
