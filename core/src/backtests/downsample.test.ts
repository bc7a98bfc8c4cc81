import { describe, expect, it } from 'vitest';
import { downsampleIndices } from './downsample.ts';

describe('downsampleIndices', () => {
  it('keeps every point of a short curve', () => {
    expect(downsampleIndices(5, [[1, 2, 3, 4, 5]], 2_000)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps at most maxPoints, sorted, with the first, the last and each series extreme', () => {
    const length = 100_000;
    // A noisy climb with one deep dip at 61,234 and one spike at 7,777, placed by hand.
    const equity = Array.from({ length }, (_, index) => 100 + index / 1_000 + Math.sin(index) * 0.5);
    equity[7_777] = 1_000;
    equity[61_234] = 1;
    const drawdown = Array.from({ length }, () => 0);
    drawdown[42_000] = -0.9;
    const kept = downsampleIndices(length, [equity, drawdown], 2_000);
    expect(kept.length).toBeLessThanOrEqual(2_000);
    expect(kept.length).toBeGreaterThan(1_000);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(length - 1);
    expect(kept).toEqual([...new Set(kept)].sort((a, b) => a - b));
    expect(kept).toEqual(expect.arrayContaining([7_777, 61_234, 42_000]));
  });
});
