import { describe, expect, it } from 'vitest';
import { bollinger, ema, sma } from './indicators.ts';

const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const plain = (values: Float64Array): (number | null)[] => Array.from(values, (value) => (Number.isNaN(value) ? null : value));

describe('sma', () => {
  it('averages each window of three of 1..10 (by hand: 2, 3, …, 9)', () => {
    expect(plain(sma(oneToTen, 3))).toEqual([null, null, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('matches a direct average of every window on a long random walk', () => {
    const values = randomWalk(5_000, 1);
    const result = sma(values, 20);
    for (const index of [19, 20, 2_500, 4_999]) {
      const window = values.slice(index - 19, index + 1);
      expect(result[index]).toBeCloseTo(window.reduce((sum, value) => sum + value, 0) / 20, 9);
    }
  });
});

describe('ema', () => {
  it('is seeded with the SMA of the first period values, then smooths with 2/(n+1)', () => {
    // By hand, period 3 (α = 0.5): seed (1+2+3)/3 = 2; 2 + 0.5·(10−2) = 6; 6 + 0.5·(4−6) = 5.
    expect(plain(ema([1, 2, 3, 10, 4], 3))).toEqual([null, null, 2, 6, 5]);
  });

  it('lags a straight line by (period − 1)/2', () => {
    expect(plain(ema(oneToTen, 5)).slice(4)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('has no value while there are fewer values than the period', () => {
    expect(plain(ema([1, 2], 3))).toEqual([null, null]);
  });
});

describe('bollinger', () => {
  it('uses the population standard deviation (textbook set 2,4,4,4,5,5,7,9: mean 5, σ 2)', () => {
    const bands = bollinger([2, 4, 4, 4, 5, 5, 7, 9], 8, 2);
    expect(bands.middle[7]).toBeCloseTo(5, 12);
    expect(bands.upper[7]).toBeCloseTo(9, 12);
    expect(bands.lower[7]).toBeCloseTo(1, 12);
    expect(Number.isNaN(bands.middle[6]!)).toBe(true);
  });

  it('slides the window: 1,2,3 then 2,3,4 each have σ = √(2/3)', () => {
    const bands = bollinger([1, 2, 3, 4], 3, 1);
    expect(bands.upper[2]).toBeCloseTo(2 + Math.sqrt(2 / 3), 12);
    expect(bands.lower[3]).toBeCloseTo(3 - Math.sqrt(2 / 3), 12);
  });

  it('stays accurate on large prices with small moves over 100,000 values', () => {
    const values = randomWalk(100_000, 60_000);
    const bands = bollinger(values, 20, 2);
    for (const index of [19, 50_000, 99_999]) {
      const window = values.slice(index - 19, index + 1);
      const mean = window.reduce((sum, value) => sum + value, 0) / 20;
      const sigma = Math.sqrt(window.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 20);
      expect(bands.middle[index]).toBeCloseTo(mean, 6);
      expect(bands.upper[index]! - bands.middle[index]!).toBeCloseTo(2 * sigma, 6);
    }
  });
});

/** A deterministic random walk (LCG), so failures reproduce. */
function randomWalk(length: number, start: number): number[] {
  let seed = 42;
  let value = start;
  return Array.from({ length }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    value += (seed / 2_147_483_648 - 0.5) * start * 0.001;
    return value;
  });
}
