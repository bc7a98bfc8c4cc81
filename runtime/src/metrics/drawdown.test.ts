import { describe, expect, it } from 'vitest';
import { drawdownCurve, maxDrawdown } from './drawdown.ts';

describe('drawdown', () => {
  it('measures each bar against the running peak, the initial cash included', () => {
    const curve = [...drawdownCurve([90, 95, 120, 60, 80, 130], 100)];
    [-0.1, -0.05, 0, -0.5, -1 / 3, 0].forEach((expected, index) => {
      expect(curve[index]).toBeCloseTo(expected, 12);
    });
  });

  it('finds the deepest fall, its peak and its recovery', () => {
    // Peak 120 at bar 2, trough 60 at bar 3 (−50 %), back above 120 at bar 5.
    expect(maxDrawdown([90, 95, 120, 60, 80, 130, 125], 100)).toEqual({
      depth: 0.5,
      peakIndex: 2,
      troughIndex: 3,
      recoveryIndex: 5,
    });
  });

  it('reports a fall from the initial cash that never recovers', () => {
    const result = maxDrawdown([90, 80, 85], 100);
    expect([result.peakIndex, result.troughIndex, result.recoveryIndex]).toEqual([-1, 1, -1]);
    expect(result.depth).toBeCloseTo(0.2, 12);
  });

  it('is zero for equity that never falls', () => {
    expect(maxDrawdown([100, 101, 101], 100).depth).toBe(0);
  });
});
