import type { LineData, UTCTimestamp } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { decimateMinMax } from './decimate.ts';

const line = (values: number[]): LineData<UTCTimestamp>[] =>
  values.map((value, index) => ({ time: index as UTCTimestamp, value }));
const values = (points: LineData<UTCTimestamp>[]) => points.map((point) => point.value);

describe('decimateMinMax', () => {
  it('passes a line within the limit through untouched', () => {
    const points = line([1, 2, 3]);
    expect(decimateMinMax(points, 4)).toBe(points);
  });

  it('keeps the lowest and highest point of each run, in time order, plus the first and last', () => {
    // Limit 4 → two runs of five: [5, 1, 9, 3, 4] keeps 1 then 9; [2, 8, 0, 6, 7] keeps 8 then 0; 7 ends the line.
    const points = decimateMinMax(line([5, 1, 9, 3, 4, 2, 8, 0, 6, 7]), 4);
    expect(values(points)).toEqual([5, 1, 9, 8, 0, 7]);
    expect(points.map((point) => point.time)).toEqual([0, 1, 2, 6, 7, 9]);
  });

  it('keeps a single spike in 100,000 points and stays near the limit', () => {
    const raw = Array.from({ length: 100_000 }, (_, index) => Math.sin(index / 1_000));
    raw[54_321] = 50;
    const points = decimateMinMax(line(raw), 10_000);
    expect(points.length).toBeLessThanOrEqual(10_002);
    expect(points.some((point) => point.time === 54_321 && point.value === 50)).toBe(true);
    expect(points.at(-1)?.time).toBe(99_999);
  });
});
