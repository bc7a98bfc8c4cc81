import type { TimeSeriesFrame } from '@nautilus/sdk';

/** One stretch under water, as indexes into the series. */
export interface UnderwaterPeriod {
  peak: number;
  trough: number;
  /** The first point back at 0 (the peak regained); null while still under water at the end. */
  recovery: number | null;
  /** The deepest drawdown in the period, in the series' unit (percent), as a positive number. */
  depth: number;
}

/**
 * The periods of a drawdown series (values ≤ 0, from level / running peak − 1): each run of points below
 * 0, from the point before it (the peak) to the first point back at 0. This is the definition of
 * `@nautilus/analytics` `drawdowns()` read from the series the `drawdown` view serves, so one panel query
 * gives both the line and its periods. Deepest first (ties: earliest first), at most `limit`.
 */
export function underwaterPeriods(values: ArrayLike<number>, limit: number): UnderwaterPeriod[] {
  const periods: UnderwaterPeriod[] = [];
  let open: UnderwaterPeriod | null = null;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (!Number.isFinite(value)) continue;
    if (value < 0) {
      if (!open) open = { peak: Math.max(0, index - 1), trough: index, recovery: null, depth: -value };
      else if (-value > open.depth) {
        open.trough = index;
        open.depth = -value;
      }
    } else if (open) {
      open.recovery = index;
      periods.push(open);
      open = null;
    }
  }
  if (open) periods.push(open);
  periods.sort((a, b) => b.depth - a.depth || a.peak - b.peak);
  return periods.slice(0, limit);
}

/** The drawdown series of a frame: the one named `drawdown`, else the first. */
export function drawdownSeries(frame: TimeSeriesFrame): TimeSeriesFrame['series'][number] | undefined {
  return frame.series.find((series) => series.name === 'drawdown') ?? frame.series[0];
}
