import { px } from '../shared/svg.ts';
import type { UnderwaterPeriod } from './drawdown-periods.ts';

/** Margins of the plot inside the SVG: room for the y labels on the left and the dates below. */
export const PLOT = { left: 44, right: 8, top: 8, bottom: 20 } as const;

export interface DrawdownGeometry {
  /** The area from 0 down to the series and back, as an SVG path. */
  area: string;
  /** One band per period, from its peak to its recovery (or the last point), the full plot height. */
  bands: { x: number; width: number; troughX: number; troughY: number; period: UnderwaterPeriod }[];
  /** y of 0 and of the deepest value, for the axis labels. */
  zeroY: number;
  floorY: number;
  floor: number;
}

/**
 * Pixel geometry of the drawdown chart: points spaced by time, y from 0 at the top down to the deepest
 * value at the bottom. At most one point per pixel column is drawn (the deepest of its column), so a
 * million points still make a short path and no trough is lost.
 */
export function drawdownGeometry(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  periods: UnderwaterPeriod[],
  width: number,
  height: number,
): DrawdownGeometry {
  const count = values.length;
  let floor = 0;
  for (let index = 0; index < count; index++) if (values[index]! < floor) floor = values[index]!;
  const plotWidth = Math.max(1, width - PLOT.left - PLOT.right);
  const plotHeight = Math.max(1, height - PLOT.top - PLOT.bottom);
  const first = time[0] ?? 0;
  const span = (time[count - 1] ?? 0) - first || 1;
  const x = (index: number) => px(PLOT.left + ((time[index]! - first) / span) * plotWidth);
  const y = (value: number) => px(PLOT.top + (floor < 0 ? (value / floor) * plotHeight : 0));
  let path = count > 0 ? `M${x(0)},${y(0)}` : '';
  let column = Number.NaN;
  let deepest = 0;
  const flush = () => {
    if (!Number.isNaN(column)) path += `L${column},${y(deepest)}`;
  };
  for (let index = 0; index < count; index++) {
    const value = Number.isFinite(values[index]!) ? values[index]! : 0;
    const at = x(index);
    if (at !== column) {
      flush();
      column = at;
      deepest = value;
    } else if (value < deepest) deepest = value;
  }
  flush();
  if (count > 0) path += `L${x(count - 1)},${y(0)}Z`;
  const bands = periods.map((period) => {
    const start = x(period.peak);
    const end = x(period.recovery ?? count - 1);
    return { x: start, width: px(Math.max(1, end - start)), troughX: x(period.trough), troughY: y(-period.depth), period };
  });
  return { area: path, bands, zeroY: y(0), floorY: y(floor), floor };
}
