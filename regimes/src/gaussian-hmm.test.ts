import { describe, expect, it } from 'vitest';
import { filterStep, fitGaussianHmm, type HmmParams } from './gaussian-hmm.ts';
import { seededNormal, seededUniform } from './seeded-random.ts';

const twoStates = (): HmmParams => ({
  states: 2,
  dimensions: 1,
  initial: Float64Array.of(0.6, 0.4),
  transition: Float64Array.of(0.9, 0.1, 0.2, 0.8),
  means: Float64Array.of(-1, 2),
  variances: Float64Array.of(1, 4),
});

const normalPdf = (x: number, mean: number, variance: number) =>
  Math.exp(-((x - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);

describe('filterStep', () => {
  it('gives P(state | observations so far) equal to summing every state path by brute force', () => {
    const params = twoStates();
    const x = Float64Array.of(0.3, 1.8, -0.5, 2.6);
    const filtered = new Float64Array(2);
    for (let t = 0; t < x.length; t++) {
      filterStep(params, x, t, filtered, t === 0);
      // Independent answer: enumerate all 2^(t+1) paths, weight each by its joint probability.
      const joint = [0, 0];
      for (let path = 0; path < 2 ** (t + 1); path++) {
        let weight = 1;
        let previous = -1;
        for (let s = 0; s <= t; s++) {
          const state = (path >> s) & 1;
          weight *= previous < 0 ? params.initial[state]! : params.transition[previous * 2 + state]!;
          weight *= normalPdf(x[s]!, params.means[state]!, params.variances[state]!);
          previous = state;
        }
        joint[previous]! += weight;
      }
      const total = joint[0]! + joint[1]!;
      expect(filtered[0]).toBeCloseTo(joint[0]! / total, 12);
      expect(filtered[1]).toBeCloseTo(joint[1]! / total, 12);
    }
  });
});

describe('fitGaussianHmm', () => {
  it('recovers the means and persistence of a two-state series it did not see the states of', () => {
    const uniform = seededUniform(3);
    const normal = seededNormal(4);
    const x = new Float64Array(4_000);
    let state = 0;
    for (let t = 0; t < x.length; t++) {
      if (uniform() < 0.03) state = 1 - state;
      x[t] = state === 0 ? -1 + 0.5 * normal() : 1.5 + normal();
    }
    const start: HmmParams = {
      states: 2,
      dimensions: 1,
      initial: Float64Array.of(0.5, 0.5),
      transition: Float64Array.of(0.9, 0.1, 0.1, 0.9),
      means: Float64Array.of(-0.2, 0.2),
      variances: Float64Array.of(1, 1),
    };
    const fit = fitGaussianHmm(x, start, { maxIterations: 200, tolerance: 1e-9, varianceFloor: Float64Array.of(1e-6) });
    expect(fit.params.means[0]).toBeCloseTo(-1, 1);
    expect(fit.params.means[1]).toBeCloseTo(1.5, 1);
    expect(Math.sqrt(fit.params.variances[0]!)).toBeCloseTo(0.5, 1);
    expect(fit.params.transition[0]).toBeGreaterThan(0.95);
    expect(fit.params.transition[3]).toBeGreaterThan(0.95);
  });

  it('never lowers the log-likelihood from one EM iteration to the next', () => {
    const normal = seededNormal(9);
    const x = Float64Array.from({ length: 600 }, (_, t) => (t % 200 < 100 ? 0 : 3) + normal());
    let params = twoStates();
    let previous = Number.NEGATIVE_INFINITY;
    for (let step = 0; step < 15; step++) {
      const fit = fitGaussianHmm(x, params, { maxIterations: 2, tolerance: -1, varianceFloor: Float64Array.of(1e-6) });
      const before = fitGaussianHmm(x, params, { maxIterations: 1, tolerance: -1, varianceFloor: Float64Array.of(1e-6) });
      expect(before.logLikelihood).toBeGreaterThanOrEqual(previous - 1e-9);
      previous = before.logLikelihood;
      params = fit.params;
    }
  });
});
