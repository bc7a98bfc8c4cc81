import { describe, expect, it } from 'vitest';
import { cellColor, heatmapOf } from './sweep-heatmap.ts';

describe('heatmapOf', () => {
  it('places each point by its two params and keeps the best over a third', () => {
    const map = heatmapOf(
      [
        { idx: 0, params: { fast: 10, slow: 30, k: 1 }, value: 0.5 },
        { idx: 1, params: { fast: 10, slow: 30, k: 2 }, value: 0.9 },
        { idx: 2, params: { fast: 5, slow: 30, k: 1 }, value: -0.2 },
        { idx: 3, params: { fast: 5, slow: 40, k: 1 }, value: null },
      ],
      'fast',
      'slow',
    );
    expect(map.xs).toEqual([5, 10]);
    expect(map.ys).toEqual([30, 40]);
    expect(map.cells).toEqual([
      [
        { value: -0.2, idx: 2 },
        { value: 0.9, idx: 1 },
      ],
      [null, null],
    ]);
    expect([map.min, map.max]).toEqual([-0.2, 0.9]);
  });
});

describe('cellColor', () => {
  it('runs red to yellow to green', () => {
    expect(cellColor(0, 0, 1)).toBe('rgb(215, 48, 39)');
    expect(cellColor(0.5, 0, 1)).toBe('rgb(255, 255, 191)');
    expect(cellColor(1, 0, 1)).toBe('rgb(26, 152, 80)');
    expect(cellColor(3, 3, 3)).toBe('rgb(200, 200, 200)');
  });
});
