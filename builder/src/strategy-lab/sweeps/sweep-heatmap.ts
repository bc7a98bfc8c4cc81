/** One point as the heatmap reads it. */
export interface HeatmapPoint {
  idx: number;
  params: Record<string, number | boolean | string>;
  value: number | null;
}

export interface Heatmap {
  xs: (number | boolean | string)[];
  ys: (number | boolean | string)[];
  /** `cells[y][x]`: the best value among points at that (x, y) (other params vary), and its point. */
  cells: ({ value: number; idx: number } | null)[][];
  min: number;
  max: number;
}

const order = (a: number | boolean | string, b: number | boolean | string) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));

/**
 * param × param → metric. With more than two params swept, a cell shows the best value over the
 * others (and links to that point); cells without a finished point are null, so the map fills in as
 * results arrive.
 */
export function heatmapOf(points: HeatmapPoint[], x: string, y: string): Heatmap {
  const xs = [...new Set(points.map((point) => point.params[x]!))].sort(order);
  const ys = [...new Set(points.map((point) => point.params[y]!))].sort(order);
  const cells: Heatmap['cells'] = ys.map(() => xs.map(() => null));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    if (point.value === null || !Number.isFinite(point.value)) continue;
    const row = cells[ys.indexOf(point.params[y]!)]!;
    const column = xs.indexOf(point.params[x]!);
    const current = row[column];
    if (!current || point.value > current.value) row[column] = { value: point.value, idx: point.idx };
    min = Math.min(min, point.value);
    max = Math.max(max, point.value);
  }
  return { xs, ys, cells, min, max };
}

/** Red (worst) through pale yellow to green (best), as an `rgb()` string; grey when min = max. */
export function cellColor(value: number, min: number, max: number): string {
  if (!(max > min)) return 'rgb(200, 200, 200)';
  const t = (value - min) / (max - min);
  const mix = (from: number[], to: number[], share: number) =>
    from.map((channel, index) => Math.round(channel + (to[index]! - channel) * share));
  const [r, g, b] = t < 0.5 ? mix([215, 48, 39], [255, 255, 191], t * 2) : mix([255, 255, 191], [26, 152, 80], (t - 0.5) * 2);
  return `rgb(${r}, ${g}, ${b})`;
}
