import { describe, expect, it } from 'vitest';
import { createRandom } from './seeded-random.ts';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const first = createRandom(123);
    const second = createRandom(123);
    const other = createRandom(124);
    const a = Array.from({ length: 5 }, first);
    expect(Array.from({ length: 5 }, second)).toEqual(a);
    expect(Array.from({ length: 5 }, other)).not.toEqual(a);
  });

  it('draws uniformly from [0, 1)', () => {
    const draw = createRandom(1);
    let sum = 0;
    let below = 0;
    for (let index = 0; index < 100_000; index++) {
      const value = draw();
      expect(value >= 0 && value < 1).toBe(true);
      sum += value;
      if (value < 0.25) below++;
    }
    // Mean 0.5 and quartile 0.25 within about 5 standard errors.
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(below / 100_000 - 0.25)).toBeLessThan(0.007);
  });
});
