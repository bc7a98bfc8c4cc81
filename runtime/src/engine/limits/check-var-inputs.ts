import { firstIndefiniteRow } from './positive-semidefinite.ts';
import type { VarInputs } from './pre-trade-types.ts';

/**
 * How far an entry may stray from what it must be (|ρ| <= 1, ρᵢⱼ = ρⱼᵢ, ρᵢᵢ = 1) and still count as
 * that: the rounding of a correlation computed as Cᵢⱼ / (σᵢσⱼ), never a real contradiction.
 */
export const CORRELATION_TOLERANCE = 1e-9;

/** Names at most this many instruments in a message. */
const LISTED = 6;

/**
 * Why VaR inputs cannot give a VaR, or null when they are sound: every symbol once, a finite
 * volatility >= 0 per symbol and, when given, an n × n correlation matrix of finite numbers within
 * [−1, 1], symmetric, with a unit diagonal and positive semi-definite (its smallest eigenvalue >=
 * −n·1e-9). A matrix that is not PSD (e.g. ρ = 0.9, −0.9, 0.9 for three instruments) gives some
 * portfolios a negative variance, hence a VaR of 0: it must fail the check, not pass it.
 */
export function varInputsProblem(inputs: VarInputs): string | null {
  const { symbols, volatility, correlation } = inputs;
  const n = symbols.length;
  const seen = new Set<string>();
  for (const symbol of symbols) {
    if (seen.has(symbol)) return `${symbol} is listed twice in the VaR inputs`;
    seen.add(symbol);
  }
  if (volatility.length !== n) return `the VaR inputs give ${volatility.length} volatilities for ${n} instruments`;
  for (let i = 0; i < n; i++) {
    const sigma = volatility[i]!;
    if (!(Number.isFinite(sigma) && sigma >= 0)) {
      return `the volatility of ${symbols[i]} is ${sigma}; a daily volatility must be a finite number >= 0`;
    }
  }
  if (correlation === undefined) return null;
  if (correlation.length !== n * n) {
    return `the correlation matrix has ${correlation.length} entries, expected ${n * n} (${n} × ${n} instruments)`;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const rho = correlation[i * n + j]!;
      const pair = `${symbols[i]}–${symbols[j]}`;
      if (!Number.isFinite(rho)) return `the correlation ${pair} is ${rho}, not a finite number`;
      if (i === j) {
        if (Math.abs(rho - 1) > CORRELATION_TOLERANCE) {
          return `the correlation matrix's diagonal must be 1, got ${rho} for ${symbols[i]}`;
        }
      } else if (Math.abs(rho) > 1 + CORRELATION_TOLERANCE) {
        return `the correlation ${pair} is ${rho}, outside [−1, 1]`;
      } else if (j < i && Math.abs(rho - correlation[j * n + i]!) > CORRELATION_TOLERANCE) {
        return `the correlation matrix is not symmetric: ${pair} is ${rho} but ${symbols[j]}–${symbols[i]} is ${correlation[j * n + i]}`;
      }
    }
  }
  const row = firstIndefiniteRow(cleanCorrelation(correlation, n), n, n * CORRELATION_TOLERANCE);
  if (row < 0) return null;
  const involved = symbols.slice(0, row + 1);
  const named =
    involved.length > LISTED
      ? `${involved.slice(0, LISTED).join(', ')} and ${involved.length - LISTED} more`
      : involved.join(', ');
  return `the correlation matrix is not positive semi-definite: the correlations among ${named} contradict each other (no returns have them), so some portfolios would get a negative variance`;
}

/**
 * The correlation matrix the check computes with, from inputs `varInputsProblem` accepted: exactly
 * symmetric (the mean of ρᵢⱼ and ρⱼᵢ), within [−1, 1], with a diagonal of exactly 1.
 */
export function cleanCorrelation(correlation: ArrayLike<number>, n: number): Float64Array {
  const clean = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    clean[i * n + i] = 1;
    for (let j = 0; j < i; j++) {
      const rho = Math.max(-1, Math.min(1, (Number(correlation[i * n + j]) + Number(correlation[j * n + i])) / 2));
      clean[i * n + j] = rho;
      clean[j * n + i] = rho;
    }
  }
  return clean;
}
