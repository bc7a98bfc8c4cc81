/** Rolling annualised volatility and Sharpe over a trailing window of returns. */
export interface RollingMetrics {
  readonly window: number;
  /** Time of each window's last return. */
  readonly time: number[];
  readonly volatility: number[];
  /** null where the window has no variation. */
  readonly sharpe: (number | null)[];
}

/**
 * For each window of `window` consecutive returns (trailing, so a value uses no later return):
 * volatility = sample stdev × √P, Sharpe = (mean − rf) / sample stdev × √P. Running sums keep it
 * O(n) for a million points (a library call per window would be O(n·w)); the sums are taken around
 * the first return to limit cancellation.
 */
export function rollingMetrics(
  time: ArrayLike<number>,
  returns: ArrayLike<number>,
  window: number,
  periodsPerYear: number,
  riskFreePerPeriod: number,
): RollingMetrics {
  const count = returns.length - window + 1;
  const result: RollingMetrics = { window, time: [], volatility: [], sharpe: [] };
  if (window < 2 || count < 1) return result;
  const shift = returns[0]!;
  const root = Math.sqrt(periodsPerYear);
  let sum = 0;
  let squares = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index]! - shift;
    sum += value;
    squares += value * value;
    if (index >= window) {
      const leaving = returns[index - window]! - shift;
      sum -= leaving;
      squares -= leaving * leaving;
    }
    if (index < window - 1) continue;
    const average = sum / window;
    const variance = Math.max(0, (squares - window * average * average) / (window - 1));
    const deviation = Math.sqrt(variance);
    result.time.push(time[index]!);
    result.volatility.push(deviation * root);
    // Shifting by the first return makes a constant window sum to exactly 0: no rounding-noise Sharpe.
    result.sharpe.push(deviation > 0 ? ((average + shift - riskFreePerPeriod) / deviation) * root : null);
  }
  return result;
}
