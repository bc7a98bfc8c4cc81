import { describe, expect, it } from 'vitest';
import { lowbias32, normalPairDot, pathKey, radiusSquared, seedKey, studentScale, writeNormalPair } from './counter-normal.ts';
import { NORMAL_QUANTILE_99, studentT5Quantile } from './test-distributions.ts';

/** lowbias32 again, in BigInt arithmetic, as an independent check of the Math.imul version. */
function lowbias32BigInt(value: number): number {
  const mask = 0xffffffffn;
  let x = BigInt(value >>> 0);
  x ^= x >> 16n;
  x = (x * 0x7feb352dn) & mask;
  x ^= x >> 15n;
  x = (x * 0x846ca68bn) & mask;
  x ^= x >> 16n;
  return Number(x);
}

const DRAWS = 1_000_000;

function drawNormals(seed: number, dof = 0): { first: Float64Array; second: Float64Array } {
  const first = new Float64Array(DRAWS);
  const second = new Float64Array(DRAWS);
  const pair = new Float64Array(2);
  const runKey = seedKey(seed);
  for (let path = 0; path < DRAWS; path++) {
    const key = pathKey(runKey, path);
    writeNormalPair(key, 0, pair, 0);
    const scale = studentScale(key, 1, dof, new Float64Array(2));
    first[path] = pair[0]! * scale;
    second[path] = pair[1]! * scale;
  }
  return { first, second };
}

const average = (values: Float64Array, f: (value: number, index: number) => number) =>
  values.reduce((sum, value, index) => sum + f(value, index), 0) / values.length;

describe('counter-based random words', () => {
  it('hashes with lowbias32 exactly as the 32-bit C reference does', () => {
    for (const value of [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 123_456_789]) {
      expect(lowbias32(value)).toBe(lowbias32BigInt(value));
    }
  });

  it('gives every path of one seed its own key', () => {
    const runKey = seedKey(7);
    const keys = new Set(Array.from({ length: 200_000 }, (_, path) => pathKey(runKey, path)));
    expect(keys.size).toBe(200_000);
  });

  it('computes -2·ln(u) to 1e-12 from the word alone, at both ends of (0, 1)', () => {
    for (const word of [0, 1, 2, 3, 1000, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff, 2_718_281_828]) {
      const reference = -2 * Math.log((word + 0.5) / 2 ** 32);
      expect(Math.abs(radiusSquared(word) - reference)).toBeLessThan(1e-12);
    }
  });

  it('draws standard normals: mean 0, variance 1, 1% beyond z_0.99, pairs uncorrelated (5 standard errors)', () => {
    const { first, second } = drawNormals(11);
    const se = 1 / Math.sqrt(DRAWS);
    expect(Math.abs(average(first, (z) => z))).toBeLessThan(5 * se);
    expect(Math.abs(average(second, (z) => z))).toBeLessThan(5 * se);
    expect(Math.abs(average(first, (z) => z * z) - 1)).toBeLessThan(5 * Math.SQRT2 * se);
    expect(Math.abs(average(second, (z) => z * z * z * z) - 3)).toBeLessThan(5 * Math.sqrt(96) * se);
    expect(Math.abs(average(first, (z) => (z > NORMAL_QUANTILE_99 ? 1 : 0)) - 0.01)).toBeLessThan(5 * Math.sqrt(0.0099) * se);
    expect(Math.abs(average(first, (z, index) => z * second[index]!))).toBeLessThan(5 * se);
    // Neighbouring paths are unrelated too.
    expect(Math.abs(average(first.subarray(1), (z, index) => z * first[index]!))).toBeLessThan(5 * se);
  });

  it('weighs a pair without storing it exactly as writeNormalPair draws it', () => {
    const pair = new Float64Array(2);
    for (let path = 0; path < 1000; path++) {
      const key = pathKey(seedKey(3), path);
      writeNormalPair(key, 4, pair, 0);
      expect(normalPairDot(key, 4, 0.3, -1.7)).toBeCloseTo(0.3 * pair[0]! - 1.7 * pair[1]!, 12);
    }
  });

  it('scales normals into a unit-variance Student-t with 5 degrees of freedom', () => {
    const { first } = drawNormals(5, 5);
    const se = 1 / Math.sqrt(DRAWS);
    expect(Math.abs(average(first, (x) => x * x) - 1)).toBeLessThan(0.02);
    // P(X > t_0.99·sqrt(3/5)) = 1% for the unit-variance t5.
    const quantile = studentT5Quantile(0.99) * Math.sqrt(3 / 5);
    expect(Math.abs(average(first, (x) => (x > quantile ? 1 : 0)) - 0.01)).toBeLessThan(5 * Math.sqrt(0.0099) * se);
  });
});
