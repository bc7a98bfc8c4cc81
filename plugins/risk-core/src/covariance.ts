import { NautilusError } from '@nautilus/sdk';
import { fieldError } from './field-error.ts';

/** A date × asset table of returns: `rows[t][i]`. */
export type ReturnRows = readonly (readonly number[])[];

function assetCount(rows: ReturnRows, minimumRows: number, what: string): number {
  if (rows.length < minimumRows) {
    throw new NautilusError('INSUFFICIENT_DATA', `${what} needs at least ${minimumRows} returns per asset, got ${rows.length}.`);
  }
  const n = rows[0]!.length;
  rows.forEach((row, t) => {
    if (row.length !== n) throw fieldError(`returns[${t}]`, `has ${row.length} assets but returns[0] has ${n}`);
    row.forEach((value, i) => {
      if (!Number.isFinite(value)) throw fieldError(`returns[${t}][${i}]`, `must be a finite return, got ${value}`);
    });
  });
  return n;
}

/** Mean return of each asset (column). */
export function meanReturns(rows: ReturnRows): number[] {
  const n = assetCount(rows, 1, 'A mean');
  const mean = new Array<number>(n).fill(0);
  for (const row of rows) for (let i = 0; i < n; i++) mean[i]! += row[i]!;
  return mean.map((sum) => sum / rows.length);
}

/** Unbiased sample covariance (divides by T - 1) of the columns of `rows`. */
export function sampleCovariance(rows: ReturnRows): number[][] {
  const n = assetCount(rows, 2, 'A sample covariance');
  const mean = meanReturns(rows);
  const cov = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const row of rows) {
    for (let i = 0; i < n; i++) {
      const di = row[i]! - mean[i]!;
      for (let j = 0; j <= i; j++) cov[i]![j]! += di * (row[j]! - mean[j]!);
    }
  }
  return symmetric(cov, 1 / (rows.length - 1));
}

/**
 * RiskMetrics EWMA covariance, zero-mean as RiskMetrics has it: Σ_t = λ·Σ_{t-1} + (1 - λ)·r_t·r_tᵀ,
 * seeded with the first return's outer product Σ_1 = r_1·r_1ᵀ, so the weights (λ^(T-1) on r_1,
 * (1 - λ)·λ^(T-t) on r_t) sum to exactly one. Returns Σ_T, the forecast for the day after the last row.
 * @example ewmaCovariance(rows) // λ = 0.94, RiskMetrics' daily decay
 */
export function ewmaCovariance(rows: ReturnRows, lambda = 0.94): number[][] {
  if (!(typeof lambda === 'number' && lambda > 0 && lambda < 1)) {
    throw fieldError('lambda', `must be a decay factor strictly between 0 and 1, got ${lambda}`);
  }
  const n = assetCount(rows, 1, 'An EWMA covariance');
  const first = rows[0]!;
  const cov = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j <= i ? first[i]! * first[j]! : 0)));
  for (let t = 1; t < rows.length; t++) {
    const row = rows[t]!;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) cov[i]![j] = lambda * cov[i]![j]! + (1 - lambda) * row[i]! * row[j]!;
    }
  }
  return symmetric(cov, 1);
}

/**
 * Correlations from a covariance matrix: ρ_ij = Σ_ij / sqrt(Σ_ii·Σ_jj). An asset with zero variance
 * is uncorrelated with everything (0 off the diagonal, 1 on it) rather than NaN.
 */
export function correlationFromCovariance(cov: readonly (readonly number[])[]): number[][] {
  const sd = cov.map((row, i) => {
    const variance = row[i];
    if (variance === undefined || !Number.isFinite(variance) || variance < 0) {
      throw fieldError(`covariance[${i}][${i}]`, `must be a finite variance >= 0, got ${variance}`);
    }
    return Math.sqrt(variance);
  });
  return cov.map((row, i) =>
    row.map((value, j) => {
      if (i === j) return 1;
      const scale = sd[i]! * sd[j]!;
      if (scale === 0) return 0;
      // Rounding can push |ρ| a hair past 1 for perfectly correlated assets.
      return Math.max(-1, Math.min(1, value / scale));
    }),
  );
}

/** Fills the upper triangle from the lower one, scaling every entry. */
function symmetric(lower: number[][], scale: number): number[][] {
  const n = lower.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const value = lower[i]![j]! * scale;
      lower[i]![j] = value;
      lower[j]![i] = value;
    }
  }
  return lower;
}
