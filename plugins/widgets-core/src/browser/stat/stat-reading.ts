import type { OhlcvFrame, ScalarFrame, TimeSeriesFrame } from '@nautilus/sdk';

/** The number a stat tile shows, with what it is compared to. */
export interface StatReading {
  value: number;
  previous?: number;
  label?: string;
  unit?: string;
}

export interface StatChange {
  absolute: number;
  /** Absent when the previous value is 0: a change from nothing has no percentage. */
  percent?: number;
  direction: 'up' | 'down' | 'flat';
}

/**
 * What a frame says for a stat tile: a scalar's value and previous value, the last close against the
 * close before, or the last point of the first series against the point before. Null when there is none.
 */
export function readStat(frame: ScalarFrame | OhlcvFrame | TimeSeriesFrame): StatReading | null {
  if (frame.kind === 'scalar') {
    if (!Number.isFinite(frame.value)) return null;
    return withOptional({ value: frame.value }, { previous: frame.previous, label: frame.label, unit: frame.unit });
  }
  if (frame.kind === 'ohlcv') return lastTwo(frame.close, { label: frame.symbol });
  const series = frame.series?.find((item) => item.values?.some(Number.isFinite));
  return series ? lastTwo(series.values, { label: series.name, unit: series.unit }) : null;
}

/** The change from `previous` to `value`; null when there is no previous value to compare with. */
export function statChange(value: number, previous: number | undefined): StatChange | null {
  if (previous === undefined || !Number.isFinite(previous)) return null;
  const absolute = value - previous;
  const direction = absolute > 0 ? 'up' : absolute < 0 ? 'down' : 'flat';
  return previous === 0 ? { absolute, direction } : { absolute, percent: (absolute / Math.abs(previous)) * 100, direction };
}

/** The last two defined values of a column: missing values (a gap in the data) are skipped. */
function lastTwo(
  values: readonly number[],
  extra: { label?: string | undefined; unit?: string | undefined },
): StatReading | null {
  const found: number[] = [];
  for (let index = (values?.length ?? 0) - 1; index >= 0 && found.length < 2; index--) {
    if (Number.isFinite(values[index])) found.push(values[index]!);
  }
  if (found.length === 0) return null;
  return withOptional({ value: found[0]! }, { previous: found[1], ...extra });
}

function withOptional(reading: StatReading, optional: Record<string, string | number | undefined>): StatReading {
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== '') (reading as unknown as Record<string, unknown>)[key] = value;
  }
  return reading;
}
