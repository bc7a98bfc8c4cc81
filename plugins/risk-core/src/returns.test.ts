import { describe, expect, it } from 'vitest';
import { compoundReturns, simpleReturns } from './returns.ts';

describe('returns', () => {
  it('computes simple returns of consecutive closes', () => {
    // 100 → 110: +10 %; 110 → 99: -10 %; 99 → 99: 0.
    const returns = simpleReturns([100, 110, 99, 99]);
    expect(returns).toHaveLength(3);
    expect(returns[0]).toBeCloseTo(0.1, 15);
    expect(returns[1]).toBeCloseTo(-0.1, 15);
    expect(returns[2]).toBe(0);
  });

  it('compounds overlapping h-day returns from daily ones', () => {
    // Closes 100, 110, 99, 108.9: daily +10 %, -10 %, +10 %; two-day returns 99/100 - 1 and 108.9/110 - 1.
    const rows = simpleReturns([100, 110, 99, 108.9]).map((r) => [r]);
    const twoDay = compoundReturns(rows, 2);
    expect(twoDay).toHaveLength(2);
    expect(twoDay[0]![0]).toBeCloseTo(-0.01, 14);
    expect(twoDay[1]![0]).toBeCloseTo(-0.01, 14);
    expect(compoundReturns(rows, 3)[0]![0]).toBeCloseTo(0.089, 14);
  });
});
