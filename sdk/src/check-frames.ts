import { checkBookFrame } from './book/check-book-frame.ts';
import { type Frame, type FrameKind, TIMEFRAMES } from './frames.ts';

const isNumberArray = (value: unknown): value is number[] => Array.isArray(value);

function increasing(times: number[]): boolean {
  for (let index = 1; index < times.length; index++) if (!((times[index] as number) > (times[index - 1] as number))) return false;
  return true;
}

function finite(values: number[]): boolean {
  for (const value of values) if (!Number.isFinite(value)) return false;
  return true;
}

/**
 * Checks what a data source returned against the frame shapes of the sdk and the kinds it declared.
 * Returns a description of the first problem, or undefined. The host runs it on every query and stream
 * frame (provider output is outside input too); the sdk's data-source contract test runs the same check.
 * @example checkFrames(await source.query(query, signal), ['ohlcv']) // undefined when the frames are good
 */
export function checkFrames(frames: unknown, declared: readonly FrameKind[]): string | undefined {
  if (!Array.isArray(frames)) return 'expected an array of frames';
  for (const [index, frame] of (frames as Frame[]).entries()) {
    const at = `frames[${index}]`;
    if (frame === null || typeof frame !== 'object' || !declared.includes(frame.kind)) {
      return `${at}.kind must be one of ${declared.join(', ')}`;
    }
    if (frame.kind === 'ohlcv') {
      if (!(TIMEFRAMES as readonly string[]).includes(frame.timeframe)) return `${at}.timeframe is not a known timeframe`;
      const fields = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
      for (const field of fields) {
        const column = frame[field];
        if (!isNumberArray(column) || column.length !== frame.time.length)
          return `${at}.${field} must be an array as long as time`;
        if (!finite(column)) return `${at}.${field} has a value that is not a finite number`;
      }
      if (!increasing(frame.time)) return `${at}.time must be strictly increasing`;
    } else if (frame.kind === 'timeseries') {
      if (!Array.isArray(frame.series)) return `${at}.series must be an array`;
      for (const [s, series] of frame.series.entries()) {
        if (!isNumberArray(series.time) || !isNumberArray(series.values) || series.time.length !== series.values.length) {
          return `${at}.series[${s}] needs time and values of equal length`;
        }
        if (!increasing(series.time)) return `${at}.series[${s}].time must be strictly increasing`;
      }
    } else if (frame.kind === 'table') {
      if (!Array.isArray(frame.columns) || !Array.isArray(frame.rows)) return `${at} needs columns and rows arrays`;
      const width = frame.columns.length;
      const bad = frame.rows.findIndex((row) => !Array.isArray(row) || row.length !== width);
      if (bad >= 0) return `${at}.rows[${bad}] must have ${width} cells`;
    } else if (frame.kind === 'scalar') {
      if (typeof frame.value !== 'number') return `${at}.value must be a number`;
    } else if (frame.kind === 'book' || frame.kind === 'bookDelta') {
      const problem = checkBookFrame(frame, at);
      if (problem) return problem;
    }
  }
  return undefined;
}
