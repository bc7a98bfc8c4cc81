import { describe, expect, it } from 'vitest';
import { tailCount } from './tail-count.ts';

describe('tailCount', () => {
  it('takes the confidence as the decimal it was written as, where floating point would round up', () => {
    // (1 - 0.99) * 1e6 is 10000.000000000009 in binary floating point.
    expect(Math.ceil((1 - 0.99) * 1_000_000)).toBe(10_001);
    expect(tailCount(0.99, 1_000_000)).toBe(10_000);
    expect(tailCount(0.975, 1000)).toBe(25);
  });

  it('rounds a fractional tail up', () => {
    expect(tailCount(0.95, 101)).toBe(6); // 5.05
    expect(tailCount(0.5, 3)).toBe(2); // 1.5
    expect(tailCount(0.999, 10)).toBe(1); // 0.01
  });

  it('handles many decimals and large counts exactly', () => {
    expect(tailCount(0.9999999, 50_000_000)).toBe(5); // 1e-7 * 5e7
    expect(tailCount(0.123456789, 1)).toBe(1);
  });
});
