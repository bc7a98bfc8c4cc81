import { mean, quantileSorted, sampleKurtosis, sampleSkewness, sampleStandardDeviation } from 'simple-statistics';

/**
 * Return statistics on simple per-period returns. Each returns null where the figure is undefined;
 * the formulas are the tear sheet's hover text (see tear-sheet.ts) and follow empyrical's conventions
 * unless stated: sample (n − 1) deviations, per-period risk-free rate = annual rate / periodsPerYear.
 */

/** Annual growth implied by n periods: (1 + total)^(periodsPerYear / n) − 1; −1 once the level is gone. */
export function compoundAnnualGrowth(totalReturn: number, periods: number, periodsPerYear: number): number | null {
  if (periods < 1) return null;
  if (1 + totalReturn <= 0) return -1;
  return (1 + totalReturn) ** (periodsPerYear / periods) - 1;
}

/** Sample standard deviation × √periodsPerYear; null below two returns. */
export function annualisedVolatility(returns: number[], periodsPerYear: number): number | null {
  if (returns.length < 2) return null;
  return sampleStandardDeviation(returns) * Math.sqrt(periodsPerYear);
}

/** mean(r − rf) / stdev(r − rf) × √P, rf per period; null below two returns or without variation. */
export function sharpeRatio(returns: number[], periodsPerYear: number, riskFreePerPeriod: number): number | null {
  if (returns.length < 2) return null;
  const deviation = sampleStandardDeviation(returns);
  if (!(deviation > 0)) return null;
  return ((mean(returns) - riskFreePerPeriod) / deviation) * Math.sqrt(periodsPerYear);
}

/** mean(r − rf) / √(Σ min(0, r − rf)² / n) × √P (Sortino & Price, target rf); null when no return fell short. */
export function sortinoRatio(returns: number[], periodsPerYear: number, riskFreePerPeriod: number): number | null {
  if (returns.length === 0) return null;
  let squares = 0;
  for (const value of returns) {
    const shortfall = value - riskFreePerPeriod;
    if (shortfall < 0) squares += shortfall * shortfall;
  }
  if (squares === 0) return null;
  return ((mean(returns) - riskFreePerPeriod) / Math.sqrt(squares / returns.length)) * Math.sqrt(periodsPerYear);
}

/** Σ max(r − t, 0) / Σ max(t − r, 0) with threshold t per period; null without a return below t. */
export function omegaRatio(returns: number[], threshold: number): number | null {
  let gains = 0;
  let losses = 0;
  for (const value of returns) {
    if (value > threshold) gains += value - threshold;
    else losses += threshold - value;
  }
  return losses > 0 ? gains / losses : null;
}

/** |95th percentile| / |5th percentile| of returns (linear interpolation, numpy's default); null when the 5th is 0. */
export function tailRatio(sortedReturns: number[]): number | null {
  if (sortedReturns.length === 0) return null;
  const low = Math.abs(quantileSorted(sortedReturns, 0.05));
  return low > 0 ? Math.abs(quantileSorted(sortedReturns, 0.95)) / low : null;
}

/** Adjusted Fisher–Pearson sample skewness G1 (pandas `skew`); null below three returns or without variation. */
export function skewness(returns: number[]): number | null {
  if (returns.length < 3 || !(sampleStandardDeviation(returns) > 0)) return null;
  return sampleSkewness(returns);
}

/** Sample excess kurtosis G2 (normal = 0; pandas `kurt`); null below four returns or without variation. */
export function excessKurtosis(returns: number[]): number | null {
  if (returns.length < 4 || !(sampleStandardDeviation(returns) > 0)) return null;
  return sampleKurtosis(returns);
}
