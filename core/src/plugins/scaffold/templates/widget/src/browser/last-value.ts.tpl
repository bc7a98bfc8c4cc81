import type { Frame } from '@nautilus/sdk';

/** What the tile shows: a number and what it is. */
export interface Reading {
  value: number;
  label: string;
}

/** The value a panel's frames end on: a scalar's value, or the last point of the first series; undefined when there is none. */
export function lastValue(frames: readonly Frame[]): Reading | undefined {
  for (const frame of frames) {
    if (frame.kind === 'scalar') return { value: frame.value, label: frame.label ?? '' };
    if (frame.kind === 'timeseries') {
      const series = frame.series.find((candidate) => candidate.values.length > 0);
      if (series) return { value: series.values[series.values.length - 1]!, label: series.name };
    }
  }
  return undefined;
}
