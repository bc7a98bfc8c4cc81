import { describe, expect, it } from 'vitest';
import { buildGrid, sampleGrid } from './sweep-grid.ts';
import { walkForwardFolds } from './walk-forward.ts';

const specs = {
  fast: { type: 'integer', default: 10, min: 1, max: 50 },
  k: { type: 'number', default: 2, step: 0.1 },
  mode: { type: 'string', default: 'a', options: ['a', 'b'] },
  on: { type: 'boolean', default: false },
} as const;

describe('buildGrid', () => {
  it('steps decimals exactly and holds the unswept params at their defaults', () => {
    const grid = buildGrid(specs, { k: { min: 0.1, max: 0.4 } });
    expect(grid.map((point) => point.k)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(grid[0]).toEqual({ fast: 10, k: 0.1, mode: 'a', on: false });
  });

  it('takes booleans and options from the declaration, the last axis by name varying fastest', () => {
    const grid = buildGrid(specs, { on: {}, mode: {} });
    expect(grid.map((point) => `${point.mode}/${point.on}`)).toEqual(['a/false', 'a/true', 'b/false', 'b/true']);
  });

  it('names every bad axis in one error', () => {
    expect(() => buildGrid(specs, { fast: { min: 0, max: 5 }, k: { min: 1, max: 2, step: -1 }, size: { values: [1] } })).toThrow(
      expect.objectContaining({
        fields: expect.arrayContaining([
          expect.objectContaining({ path: 'axes.fast.values' }),
          expect.objectContaining({ path: 'axes.k.step' }),
          expect.objectContaining({ path: 'axes.size' }),
        ]),
      }),
    );
  });

  it('refuses a grid above the cap, naming the axes', () => {
    expect(() => buildGrid(specs, { fast: {}, k: { min: 0, max: 10 } })).toThrow(/give 5050 points; at most 2000/); // 50 values of fast × 101 of k
  });
});

describe('sampleGrid', () => {
  it('draws budget distinct points in grid order, the same for the same seed', () => {
    const grid = buildGrid(specs, { fast: {} });
    const sample = sampleGrid(grid, 7, 42);
    expect(sample).toHaveLength(7);
    expect(new Set(sample.map((point) => point.fast)).size).toBe(7);
    const values = sample.map((point) => point.fast as number);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(sampleGrid(grid, 7, 42)).toEqual(sample);
    expect(sampleGrid(grid, 7, 43)).not.toEqual(sample);
    expect(sampleGrid(grid, 100, 1)).toBe(grid);
  });
});

describe('walkForwardFolds', () => {
  it('rolls equal windows: each fold is scored on the window after its in-sample ones', () => {
    const folds = walkForwardFolds(0, 1_000, { folds: 3, inSampleWindows: 2 });
    expect(folds).toEqual([
      { fold: 0, inSample: { from: 0, to: 400 }, outOfSample: { from: 400, to: 600 } },
      { fold: 1, inSample: { from: 200, to: 600 }, outOfSample: { from: 600, to: 800 } },
      { fold: 2, inSample: { from: 400, to: 800 }, outOfSample: { from: 800, to: 1_000 } },
    ]);
    expect(() => walkForwardFolds(0, 1_000, { folds: 0 })).toThrow(/walkForward\.folds/);
  });
});
