import { describe, expect, it } from 'vitest';
import { parametricVar, standaloneParametricVar } from './parametric-var.ts';

// scipy 1.17: norm.ppf(0.99) and norm.pdf(z)/0.01.
const Z99 = 2.3263478740408408;
const ES99 = 2.665214220345808;
const normal = { kind: 'normal' } as const;

// Two assets, σ = (2 %, 1 %), ρ = 0.5: Σ = [[4e-4, 1e-4], [1e-4, 1e-4]]; exposures w = (100, 200).
// wᵀΣw = 100²·4e-4 + 2·100·200·1e-4 + 200²·1e-4 = 4 + 4 + 4 = 12, so σ_p = sqrt(12) = 3.4641016.
// Σw = (100·4e-4 + 200·1e-4, 100·1e-4 + 200·1e-4) = (0.06, 0.03); w_i(Σw)_i = (6, 6): each half of σ_p².
const twoAssets = {
  assets: ['A', 'B'],
  covariance: [
    [4e-4, 1e-4],
    [1e-4, 1e-4],
  ],
  mean: [0, 0],
  exposures: [100, 200],
  confidence: 0.99,
  horizonDays: 1,
  distribution: normal,
};

describe('parametricVar', () => {
  it('computes z·σ_p and σ_p·φ(z)/(1 - c) for two correlated assets (hand-computed σ_p)', () => {
    const result = parametricVar(twoAssets);
    expect(result.sigma).toBeCloseTo(Math.sqrt(12), 14);
    // scipy: norm.ppf(0.99)·sqrt(12) = 8.058705427837157, norm.pdf(z)/0.01·sqrt(12) = 9.232572885388024.
    expect(result.var).toBeCloseTo(8.058705427837157, 12);
    expect(result.es).toBeCloseTo(9.232572885388024, 12);
  });

  it('splits VaR into components that add up to it exactly (here two equal halves)', () => {
    const result = parametricVar(twoAssets);
    expect(result.component[0]).toBeCloseTo(8.058705427837157 / 2, 12);
    expect(result.component[1]).toBeCloseTo(8.058705427837157 / 2, 12);
    // Marginal VaR = z·(Σw)_i/σ_p = z·(0.06, 0.03)/sqrt(12).
    expect(result.marginal[0]).toBeCloseTo((Z99 * 0.06) / Math.sqrt(12), 14);
    expect(result.marginal[1]).toBeCloseTo((Z99 * 0.03) / Math.sqrt(12), 14);
    const uneven = parametricVar({ ...twoAssets, exposures: [370, -55], mean: [0.0011, -0.0004] });
    expect(uneven.component[0]! + uneven.component[1]!).toBeCloseTo(uneven.var, 12);
  });

  it('matches the numerical derivative of VaR for the marginal VaR', () => {
    const base = { ...twoAssets, exposures: [370, -55], mean: [0.0011, -0.0004] };
    const step = 1e-3;
    const bumped = parametricVar({ ...base, exposures: [370 + step, -55] }).var;
    const dropped = parametricVar({ ...base, exposures: [370 - step, -55] }).var;
    expect(parametricVar(base).marginal[0]).toBeCloseTo((bumped - dropped) / (2 * step), 8);
  });

  it('subtracts the mean P&L, scaled by h, and scales σ by sqrt(h)', () => {
    // μ_p = 100·0.001 + 200·0.0005 = 0.2 a day; over 10 days: VaR = z·sqrt(12)·sqrt(10) - 0.2·10.
    const result = parametricVar({ ...twoAssets, mean: [0.001, 0.0005], horizonDays: 10 });
    expect(result.var).toBeCloseTo(8.058705427837157 * Math.sqrt(10) - 2, 11);
    expect(result.es).toBeCloseTo(9.232572885388024 * Math.sqrt(10) - 2, 11);
    expect(result.component.reduce((a, b) => a + b, 0)).toBeCloseTo(result.var, 11);
  });

  it('gives a single asset z·σ·|value| - μ·value, long or short', () => {
    const single = {
      assets: ['A'],
      covariance: [[0.015 ** 2]],
      mean: [0.0004],
      confidence: 0.99,
      horizonDays: 1,
      distribution: normal,
    };
    // Long 1,000,000: 2.3263478740·0.015·1e6 - 400 = 34,895.218 - 400.
    expect(parametricVar({ ...single, exposures: [1e6] }).var).toBeCloseTo(Z99 * 15_000 - 400, 8);
    // Short 1,000,000: the mean now works against the position: + 400.
    expect(parametricVar({ ...single, exposures: [-1e6] }).var).toBeCloseTo(Z99 * 15_000 + 400, 8);
    expect(parametricVar({ ...single, exposures: [-1e6] }).es).toBeCloseTo(ES99 * 15_000 + 400, 8);
    expect(standaloneParametricVar(-1e6, 0.015 ** 2, 0.0004, single)).toBeCloseTo(Z99 * 15_000 + 400, 8);
  });

  it('adds the σ of perfectly correlated same-sign positions and cancels opposite ones', () => {
    // ρ = 1: Σ = [[4e-4, 2e-4], [2e-4, 1e-4]] is singular; σ_p = 100·0.02 + 200·0.01 = 4 needs no inverse.
    const perfect = {
      ...twoAssets,
      covariance: [
        [4e-4, 2e-4],
        [2e-4, 1e-4],
      ],
    };
    expect(parametricVar(perfect).sigma).toBeCloseTo(4, 13);
    expect(parametricVar(perfect).var).toBeCloseTo(Z99 * 4, 12);
    // 100·0.02 - 200·0.01 = 0: a perfect hedge has no risk and no NaN anywhere.
    const hedged = parametricVar({ ...perfect, exposures: [100, -200] });
    expect(hedged.var).toBeCloseTo(0, 12);
    expect([hedged.var, hedged.es, ...hedged.marginal, ...hedged.component].every(Number.isFinite)).toBe(true);
  });

  it('gives a zero exposure a zero component, and an all-zero portfolio zero risk', () => {
    const oneIdle = parametricVar({ ...twoAssets, exposures: [100, 0] });
    expect(oneIdle.component[1]).toBe(0);
    expect(oneIdle.var).toBeCloseTo(Z99 * 2, 13);
    const empty = parametricVar({ ...twoAssets, exposures: [0, 0] });
    expect([empty.var, empty.es, ...empty.component]).toEqual([0, 0, 0, 0]);
  });

  it('throws NOT_POSITIVE_DEFINITE, not NaN, when the matrix gives a negative variance', () => {
    // [[1e-4, 2e-4], [2e-4, 1e-4]] has ρ = 2; w = (1, -1): wᵀΣw = 1e-4 - 4e-4 + 1e-4 = -2e-4.
    const broken = {
      ...twoAssets,
      covariance: [
        [1e-4, 2e-4],
        [2e-4, 1e-4],
      ],
      exposures: [1, -1],
    };
    expect(() => parametricVar(broken)).toThrow(expect.objectContaining({ code: 'NOT_POSITIVE_DEFINITE' }));
  });

  it('uses the unit-variance Student-t quantile and ES when asked', () => {
    // scipy: t.ppf(0.99, 5)·sqrt(3/5) = 2.606463569384279; unit-variance ES 3.4488367600480188.
    const result = parametricVar({ ...twoAssets, distribution: { kind: 't', degreesOfFreedom: 5 } });
    expect(result.var).toBeCloseTo(2.606463569384279 * Math.sqrt(12), 9);
    expect(result.es).toBeCloseTo(3.4488367600480188 * Math.sqrt(12), 7);
  });
});
