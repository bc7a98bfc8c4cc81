import { describe, expect, it } from 'vitest';
import { aggregateLevels, cumulativeSizes } from '../index.ts';

describe('book depth', () => {
  it('adds sizes up from the best level outwards', () => {
    expect(cumulativeSizes({ price: [100, 99, 98], size: [1, 2.5, 4] })).toEqual([1, 3.5, 7.5]);
  });

  it('groups bids down and asks up to multiples of the step', () => {
    const bids = { price: [100.3, 100.1, 100, 99.9, 98.05], size: [1, 2, 3, 4, 5] };
    expect(aggregateLevels(bids, 'bid', 0.5)).toEqual({ price: [100, 99.5, 98], size: [6, 4, 5] });
    const asks = { price: [100.01, 100.05, 100.1, 100.11], size: [1, 1, 1, 1] };
    expect(aggregateLevels(asks, 'ask', 0.05)).toEqual({ price: [100.05, 100.1, 100.15], size: [2, 1, 1] });
    expect(aggregateLevels(asks, 'ask', 0.05, 2)).toEqual({ price: [100.05, 100.1], size: [2, 1] });
  });

  it('refuses a step that is not positive', () => {
    expect(() => aggregateLevels({ price: [1], size: [1] }, 'bid', 0)).toThrow(/step: must be a positive number/);
  });
});
