import { describe, expect, it } from 'vitest';
import { fewestForTail, tailCount } from './tail-count.ts';

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

describe('fewestForTail', () => {
  it('is ⌈1/(1 − c)⌉ on the decimal confidence, where floating point lands either side', () => {
    // Binary floating point overshoots at 0.9, 0.8 and 0.9999: a naive ceil (or N >= 1/(1 − c)) would
    // ask for 11, 6 and 10,001; at 0.99 and 0.975 it undershoots.
    expect(1 / (1 - 0.9)).toBe(10.000000000000002);
    expect(fewestForTail(0.9)).toBe(10);
    expect(1 / (1 - 0.8)).toBe(5.000000000000001);
    expect(fewestForTail(0.8)).toBe(5);
    expect(1 / (1 - 0.9999)).toBe(10000.0000000011);
    expect(fewestForTail(0.9999)).toBe(10_000);
    expect(1 / (1 - 0.99)).toBe(99.99999999999991);
    expect(fewestForTail(0.99)).toBe(100);
    expect(fewestForTail(0.975)).toBe(40);
    expect(fewestForTail(0.97)).toBe(34); // 33.3…
    expect(fewestForTail(0.999)).toBe(1000);
    expect(fewestForTail(0.9999999)).toBe(10_000_000);
    expect(fewestForTail(0.5)).toBe(2);
    // Where 1/(1 − c) is whole, exactly that many put exactly one observation in the tail.
    for (const confidence of [0.9, 0.8, 0.9999, 0.99, 0.975, 0.95, 0.999]) {
      expect(tailCount(confidence, fewestForTail(confidence))).toBe(1);
    }
  });
});
