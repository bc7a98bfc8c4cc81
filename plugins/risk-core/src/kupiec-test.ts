import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { fieldError } from './field-error.ts';

export interface KupiecResult {
  /** Likelihood ratio, chi-square with one degree of freedom under the null. */
  lr: number;
  pValue: number;
  /** True when the p-value is below the significance level: the exception rate is not 1 - c. */
  reject: boolean;
}

/**
 * Kupiec's proportion-of-failures test of x exceptions in T days at confidence c (p = 1 - c):
 * LR = -2·ln[(1 - p)^(T-x)·p^x / ((1 - x/T)^(T-x)·(x/T)^x)], with 0·ln 0 = 0 at x = 0 and x = T.
 * @example kupiecTest(10, 250, 0.99) // { lr: 12.955…, pValue: 0.000319…, reject: true }
 */
export function kupiecTest(exceptions: number, days: number, confidence: number, significance = 0.05): KupiecResult {
  if (!Number.isInteger(days) || days < 1) throw fieldError('days', `must be a whole number >= 1, got ${days}`);
  if (!Number.isInteger(exceptions) || exceptions < 0 || exceptions > days) {
    throw fieldError('exceptions', `must be a whole number from 0 to ${days}, got ${exceptions}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw fieldError('confidence', `must be strictly between 0 and 1, got ${confidence}`);
  const p = 1 - confidence;
  const observed = exceptions / days;
  const logNull = xLogY(days - exceptions, 1 - p) + xLogY(exceptions, p);
  const logObserved = xLogY(days - exceptions, 1 - observed) + xLogY(exceptions, observed);
  // The observed rate maximises the likelihood, so LR ≥ 0 up to rounding.
  const lr = Math.max(0, -2 * (logNull - logObserved));
  const pValue = 1 - chisquareCdf(lr, 1);
  return { lr, pValue, reject: pValue < significance };
}

/** x·ln(y), taken as 0 when x = 0 (the limit the likelihood needs). */
function xLogY(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}
