import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../sweep-grid.ts';
import { probabilityOfOverfitting } from './pbo.ts';

/** Two rows per block with the given block means and a spread of ±1, so every block has the same variance. */
function blocksOf(means: number[]): number[] {
  return means.flatMap((mean) => [mean + 1, mean - 1]);
}

describe('probabilityOfOverfitting (CSCV)', () => {
  it('is 1 when the in-sample winner always loses out of sample (worked by hand)', () => {
    // Trial B mirrors A, so A wins a set of blocks iff A's block means sum above zero there. With block
    // means 5, 1, -2, -3.5 (total 0.5) every 2-of-4 in-sample set has a sum of the other sign from its
    // complement: {1,2} 6 vs -5.5, {1,3} 3 vs -2.5, {1,4} 1.5 vs -1, {2,3} -1 vs 1.5, {2,4} -2.5 vs 3, {3,4} -5.5 vs 6.
    const a = blocksOf([5, 1, -2, -3.5]);
    const b = a.map((value) => -value);
    const result = probabilityOfOverfitting([a, b], 4);
    expect(result.splits).toBe(6);
    expect(result.pbo).toBe(1);
    // The loser of two ranks 1: ω = 1/3, λ = ln(0.5).
    for (const logit of result.logits) expect(logit).toBeCloseTo(Math.log(0.5), 12);
  });

  it('is 0 when one trial beats the other in every period', () => {
    const random = mulberry32(7);
    const base = Array.from({ length: 80 }, () => random() - 0.5);
    const better = base.map((value) => value + 1);
    const result = probabilityOfOverfitting([base, better], 8);
    expect(result.splits).toBe(70); // C(8, 4)
    expect(result.pbo).toBe(0);
  });

  it('averages one half over many grids of trials without skill', () => {
    // The paper's Monte Carlo argument: without skill the IS winner's OOS rank is uniform, so E[PBO] = 0.5.
    // One grid's PBO varies a lot (its splits share data), so this averages 60 independent grids.
    let total = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const random = mulberry32(seed);
      const noise = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      const trials = Array.from({ length: 10 }, () => Array.from({ length: 160 }, noise));
      total += probabilityOfOverfitting(trials, 8).pbo;
    }
    expect(total / 60).toBeGreaterThan(0.4);
    expect(total / 60).toBeLessThan(0.6);
  });

  it('returns NaN for fewer than two trials or an odd block count', () => {
    expect(probabilityOfOverfitting([[1, 2, 3, 4]], 2).pbo).toBeNaN();
    expect(
      probabilityOfOverfitting(
        [
          [1, 2, 3],
          [3, 2, 1],
        ],
        3,
      ).pbo,
    ).toBeNaN();
  });
});
