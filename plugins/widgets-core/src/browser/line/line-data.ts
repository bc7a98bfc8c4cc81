import type { OhlcvFrame, TimeSeriesFrame } from '@nautilus/sdk';
import type { LineData, UTCTimestamp } from 'lightweight-charts';
import { ohlcvLength, unorderedTimesError } from '../shared/expect-frames.ts';

/** One line of the line widget. */
export interface LineSeriesData {
  name: string;
  /** The series' unit (`%`, `USD`), if the frame gives one; the name carries it too. */
  unit?: string;
  points: LineData<UTCTimestamp>[];
}

/** One line per series of each time series frame, and one per OHLCV frame (its closes, named by symbol). */
export function toLineSeries(frames: readonly (TimeSeriesFrame | OhlcvFrame)[]): LineSeriesData[] {
  const lines: LineSeriesData[] = [];
  for (const frame of frames) {
    if (frame.kind === 'ohlcv') {
      ohlcvLength(frame);
      lines.push({ name: frame.symbol, points: toSeriesPoints(frame.symbol, frame.time, frame.close) });
      continue;
    }
    for (const series of frame.series ?? []) {
      if (!Array.isArray(series.time) || !Array.isArray(series.values) || series.time.length !== series.values.length) {
        throw new Error(
          `The series "${series.name}" needs one value per time; got ${series.time?.length} times and ${series.values?.length} values.`,
        );
      }
      const name = series.unit ? `${series.name} (${series.unit})` : series.name;
      const points = toSeriesPoints(series.name, series.time, series.values);
      lines.push(series.unit ? { name, unit: series.unit, points } : { name, points });
    }
  }
  return lines;
}

/**
 * Points of one time series. lightweight-charts counts whole seconds here, so values less than a second
 * apart collapse to the latest one; missing values are left out and the line joins across them.
 */
export function toSeriesPoints(name: string, time: readonly number[], values: readonly number[]): LineData<UTCTimestamp>[] {
  const points: LineData<UTCTimestamp>[] = [];
  let previousTime = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < time.length; index++) {
    const seconds = Math.floor(time[index]! / 1000) as UTCTimestamp;
    if (!(time[index]! > previousTime)) throw unorderedTimesError(`series "${name}"`, index, time[index - 1], time[index]);
    previousTime = time[index]!;
    const value = values[index]!;
    if (!Number.isFinite(value)) continue;
    const last = points[points.length - 1];
    if (last && last.time === seconds) last.value = value;
    else points.push({ time: seconds, value });
  }
  return points;
}
