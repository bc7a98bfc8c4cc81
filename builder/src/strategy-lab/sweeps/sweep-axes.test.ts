import { describe, expect, it } from 'vitest';
import { axesRequest, draftAxes, gridSize } from './sweep-axes.ts';

describe('draftAxes', () => {
  it('drafts numeric params from their declarations, the first two switched on', () => {
    const axes = draftAxes({
      fast: { type: 'integer', default: 10, min: 1 },
      slow: { type: 'integer', default: 30, min: 2, max: 100, step: 10 },
      k: { type: 'number', default: 2 },
      on: { type: 'boolean', default: true },
    });
    expect(axes).toEqual([
      { name: 'fast', label: 'fast', enabled: true, min: 1, max: 20, step: 2 },
      { name: 'slow', label: 'slow', enabled: true, min: 2, max: 100, step: 10 },
      { name: 'k', label: 'k', enabled: false, min: 1, max: 4, step: 0.3 },
    ]);
    // fast: 1, 3, …, 19 (10 values); slow: 2, 12, …, 92 (10 values).
    expect(gridSize(axes)).toBe(100);
    expect(axesRequest(axes)).toEqual({ fast: { min: 1, max: 20, step: 2 }, slow: { min: 2, max: 100, step: 10 } });
  });
});
