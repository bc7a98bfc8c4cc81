import { describe, expect, it } from 'vitest';
import { minimumObservations, requireTail, tailCount } from './tail-count.ts';

describe('tailCount', () => {
  it('computes k = ceil((1 - c)·T) exactly where floating point lands beside the integer', () => {
    // (1 - 0.99)·500 = 5.000000000000004 in floating point; exactly 5.
    expect(tailCount(0.99, 500)).toBe(5);
    // (1 - 0.95)·100 = 5.000000000000004 in floating point; exactly 5.
    expect(tailCount(0.95, 100)).toBe(5);
    // (1 - 0.975)·250 = 6.25 → 7.
    expect(tailCount(0.975, 250)).toBe(7);
    expect(tailCount(0.99, 250)).toBe(3);
    expect(tailCount(0.99, 100)).toBe(1);
    expect(tailCount(0.999, 100_000)).toBe(100);
  });

  it('knows how many observations a confidence level needs: 1/(1 - c)', () => {
    expect(minimumObservations(0.99)).toBe(100);
    expect(minimumObservations(0.975)).toBe(40);
    expect(minimumObservations(0.95)).toBe(20);
    expect(minimumObservations(0.999)).toBe(1000);
    // 1/(1 - 0.97) = 33.3… → 34.
    expect(minimumObservations(0.97)).toBe(34);
  });

  it('fails with INSUFFICIENT_DATA naming how many returns are needed', () => {
    expect(() => requireTail(0.99, 99, 'Historical VaR')).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_DATA', message: expect.stringMatching(/at least 100 returns.*got 99/) }),
    );
    expect(requireTail(0.99, 100, 'Historical VaR')).toBe(1);
  });
});
