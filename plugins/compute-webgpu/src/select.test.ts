import { describe, expect, it } from 'vitest';
import { kthLargest, selectInPlace } from './select.ts';

function randomValues(count: number, seed: number, distinct = 1e9): Float64Array {
  let state = seed;
  return Float64Array.from({ length: count }, () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return Math.floor((state / 2 ** 32) * distinct) - distinct / 2;
  });
}

const descending = (values: Float64Array) => values.slice().sort().reverse();

describe('selectInPlace', () => {
  it('puts the m-th smallest at m with smaller values before and larger after', () => {
    const values = randomValues(5000, 1);
    const sorted = values.slice().sort();
    for (const m of [0, 1, 2500, 4998, 4999]) {
      const copy = values.slice();
      selectInPlace(copy, m);
      expect(copy[m]).toBe(sorted[m]);
      expect(copy.subarray(0, m).every((value) => value <= sorted[m]!)).toBe(true);
      expect(copy.subarray(m + 1).every((value) => value >= sorted[m]!)).toBe(true);
    }
  });
});

describe('kthLargest', () => {
  it('matches a full sort on small and large inputs, at both ends and in the middle', () => {
    for (const count of [1, 7, 1000, 300_000]) {
      const values = randomValues(count, count);
      const sorted = descending(values);
      for (const k of new Set([1, Math.min(2, count), Math.ceil(count / 100), Math.ceil(count / 2), count])) {
        expect(kthLargest(values, k)).toBe(sorted[k - 1]);
      }
    }
  });

  it('leaves its input untouched', () => {
    const values = randomValues(300_000, 3);
    const before = values.slice();
    kthLargest(values, 3000);
    expect(values).toEqual(before);
  });

  it('copes with heavy ties and with every value equal', () => {
    const tied = randomValues(400_000, 5, 7);
    const sorted = descending(tied);
    for (const k of [1, 4000, 200_000, 400_000]) expect(kthLargest(tied, k)).toBe(sorted[k - 1]);
    expect(kthLargest(new Float64Array(250_000).fill(2.5), 2500)).toBe(2.5);
  });
});
