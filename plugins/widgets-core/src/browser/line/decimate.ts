import type { LineData, UTCTimestamp } from 'lightweight-charts';

/**
 * Points per line handed to lightweight-charts. It copies every point into objects of its own, so a
 * 100,000-point line takes ~0.9 s to first paint in headless Chromium against ~0.25 s for 10,000, and
 * a panel is at most a few thousand pixels wide.
 */
export const MAX_LINE_POINTS = 10_000;

type Point = LineData<UTCTimestamp>;

/**
 * At most about `limit` points that draw the same line at overview zoom: the lowest and highest point of
 * each of `limit / 2` equal runs, in time order, so no spike disappears. The first and last points are
 * always kept, so the line starts and ends (and its last-value label reads) exactly as the data does.
 * Zoomed far in, a run shows as its two extremes.
 */
export function decimateMinMax(points: Point[], limit = MAX_LINE_POINTS): Point[] {
  if (points.length <= limit) return points;
  const runs = Math.max(1, Math.floor(limit / 2));
  const runLength = points.length / runs;
  const kept: Point[] = [points[0]!];
  for (let run = 0; run < runs; run++) {
    const start = Math.floor(run * runLength);
    const end = Math.floor((run + 1) * runLength);
    let lowest = start;
    let highest = start;
    for (let index = start + 1; index < end; index++) {
      const value = points[index]!.value;
      if (value < points[lowest]!.value) lowest = index;
      if (value > points[highest]!.value) highest = index;
    }
    for (const index of lowest <= highest ? [lowest, highest] : [highest, lowest]) {
      if (points[index] !== kept[kept.length - 1]) kept.push(points[index]!);
    }
  }
  const last = points[points.length - 1]!;
  if (kept[kept.length - 1] !== last) kept.push(last);
  return kept;
}
