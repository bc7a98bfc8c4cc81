import type { TimeSeriesFrame } from '@nautilus/sdk';
import type { IChartApi, ISeriesApi, LineData, UTCTimestamp } from 'lightweight-charts';
import { LineSeries } from 'lightweight-charts';
import type { OverlayReading } from './candle-legend.ts';

/** The lines drawn for a panel's indicator transforms (timeseries frames beside the bars). */
export interface DrawnTransforms {
  /** Names and panes of the drawn series; a different list redraws them all. */
  layout: string;
  frames: readonly TimeSeriesFrame[];
  lines: { series: ISeriesApi<'Line'>; label: string; color: string; time: number[]; values: number[] }[];
}

// Distinct from the price colours and the built-in overlays', readable on dark and light.
const COLORS = ['#26a69a', '#ff9800', '#e91e63', '#9c27b0', '#03a9f4', '#8bc34a', '#ffc107', '#795548'];

/** Share of the chart's height a pane below the price takes, against 1 for the price pane. */
const PANE_STRETCH = 0.35;

/**
 * Draws each series of the timeseries frames as a line: `overlay` ones on the price pane, the others
 * in one pane per `pane` key below it (an indicator's outputs share one). Points before `fromTime`
 * (seconds, the first loaded bar) are left out so the lines line up with the loaded bars.
 */
export function syncTransformSeries(
  chart: IChartApi,
  drawn: DrawnTransforms,
  frames: readonly TimeSeriesFrame[],
  fromTime: number,
  dataChanged: boolean,
): void {
  const all = frames.flatMap((frame) => frame.series);
  const layout = all.map((series) => `${series.placement ?? 'pane'}:${series.pane ?? series.name}:${series.name}`).join('\n');
  if (layout !== drawn.layout) {
    for (const line of drawn.lines) chart.removeSeries(line.series);
    drawn.lines = [];
    // Panes left empty by the removed series go too, the last first so indexes stay valid.
    for (let index = chart.panes().length - 1; index > 0; index--) {
      if (chart.panes()[index]!.getSeries().length === 0) chart.removePane(index);
    }
    const paneOf = new Map<string, number>();
    const firstFree = chart.panes().length;
    all.forEach((series, position) => {
      let paneIndex = 0;
      if (series.placement !== 'overlay') {
        const key = series.pane ?? series.name;
        if (!paneOf.has(key)) paneOf.set(key, firstFree + paneOf.size);
        paneIndex = paneOf.get(key)!;
      }
      const color = COLORS[position % COLORS.length]!;
      const line = chart.addSeries(
        LineSeries,
        { color, lineWidth: 1, priceLineVisible: false, lastValueVisible: paneIndex > 0, crosshairMarkerVisible: false },
        paneIndex,
      );
      drawn.lines.push({ series: line, label: series.name, color, time: series.time, values: series.values });
    });
    for (let index = firstFree; index < chart.panes().length; index++) chart.panes()[index]!.setStretchFactor(PANE_STRETCH);
    drawn.layout = layout;
    drawn.frames = [];
  }
  if (frames === drawn.frames && !dataChanged) return;
  all.forEach((series, position) => {
    const line = drawn.lines[position]!;
    line.time = series.time;
    line.values = series.values;
    line.series.setData(toPoints(series.time, series.values, fromTime));
  });
  drawn.frames = frames;
}

function toPoints(time: number[], values: number[], fromTime: number): LineData<UTCTimestamp>[] {
  const points: LineData<UTCTimestamp>[] = [];
  for (let index = 0; index < time.length; index++) {
    const seconds = time[index]! / 1000;
    if (seconds >= fromTime) points.push({ time: seconds as UTCTimestamp, value: values[index]! });
  }
  return points;
}

/** Each line's value at the bar with time `seconds`, for the legend. */
export function transformReadings(drawn: DrawnTransforms, seconds: number): OverlayReading[] {
  return drawn.lines.map((line) => {
    const at = indexOfTime(line.time, seconds * 1000);
    return { label: line.label, color: line.color, values: [at >= 0 ? line.values[at]! : Number.NaN] };
  });
}

/** Binary search of `time` (increasing) for `target`; -1 when absent. */
function indexOfTime(time: number[], target: number): number {
  let low = 0;
  let high = time.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = time[middle]!;
    if (value === target) return middle;
    if (value < target) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
