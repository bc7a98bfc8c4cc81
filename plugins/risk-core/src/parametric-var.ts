import { NautilusError } from '@nautilus/sdk';
import { factorCovariance } from './covariance-factor.ts';
import { type ReturnDistribution, tailFactors } from './tail-factors.ts';

export interface ParametricInput {
  assets: readonly string[];
  /** One-day covariance of the assets' returns. */
  covariance: readonly (readonly number[])[];
  /** One-day mean returns (zeros for the zero-mean convention). */
  mean: readonly number[];
  /** Money exposed to each asset (signed). */
  exposures: readonly number[];
  confidence: number;
  horizonDays: number;
  distribution: ReturnDistribution;
}

export interface ParametricVar {
  var: number;
  es: number;
  /** One-day standard deviation and mean of the portfolio's P&L, in money. */
  sigma: number;
  expectedPnl: number;
  /** dVaR/d(exposure_i) per asset. */
  marginal: number[];
  /** exposure_i × marginal_i; sums to `var`. */
  component: number[];
}

/**
 * Variance-covariance VaR and ES over h days: σ_p = sqrt(wᵀΣw), μ_p = wᵀμ, VaR = q_c·σ_p·sqrt(h) - μ_p·h
 * and ES = e_c·σ_p·sqrt(h) - μ_p·h, with (q_c, e_c) from {@link tailFactors}. Standard deviations scale
 * by sqrt(h) and means by h (independent days). Marginal VaR is the gradient
 * q_c·sqrt(h)·(Σw)_i/σ_p - h·μ_i, so the components w_i·marginal_i add up to VaR exactly (Euler).
 * A portfolio with no variance has no defined gradient; its components keep only the mean term.
 */
export function parametricVar(input: ParametricInput): ParametricVar {
  const { covariance, mean, exposures, horizonDays } = input;
  const n = exposures.length;
  const covarianceTimesW = covariance.map((row) => row.reduce((sum, value, j) => sum + value * exposures[j]!, 0));
  const variance = exposures.reduce((sum, w, i) => sum + w * covarianceTimesW[i]!, 0);
  const scale = exposures.reduce((sum, w, i) => sum + Math.abs(w) * Math.sqrt(Math.max(0, covariance[i]![i]!)), 0);
  if (!(variance >= -1e-12 * scale * scale)) {
    factorCovariance(covariance, input.assets);
    throw new NautilusError(
      'NOT_POSITIVE_DEFINITE',
      `The covariance matrix gives the portfolio a negative variance (${variance}).`,
    );
  }
  // Rounding leaves a hedged portfolio's variance a hair below zero.
  const sigma = Math.sqrt(Math.max(0, variance));
  const expectedPnl = exposures.reduce((sum, w, i) => sum + w * mean[i]!, 0);
  const tail = tailFactors(input.confidence, input.distribution);
  const rootH = Math.sqrt(horizonDays);
  const marginal = Array.from({ length: n }, (_, i) => {
    const spread = sigma > 0 ? (tail.quantile * rootH * covarianceTimesW[i]!) / sigma : 0;
    return spread - horizonDays * mean[i]!;
  });
  return {
    var: tail.quantile * sigma * rootH - expectedPnl * horizonDays,
    es: tail.esFactor * sigma * rootH - expectedPnl * horizonDays,
    sigma,
    expectedPnl,
    marginal,
    component: marginal.map((m, i) => exposures[i]! * m),
  };
}

/** VaR of one position alone: q_c·|value|·σ_i·sqrt(h) - value·μ_i·h. */
export function standaloneParametricVar(
  value: number,
  variance: number,
  meanReturn: number,
  input: Pick<ParametricInput, 'confidence' | 'horizonDays' | 'distribution'>,
): number {
  if (value === 0) return 0;
  const { quantile } = tailFactors(input.confidence, input.distribution);
  return (
    quantile * Math.abs(value) * Math.sqrt(Math.max(0, variance) * input.horizonDays) - value * meanReturn * input.horizonDays
  );
}
