import { mean, sampleCorrelation, sampleCovariance, sampleStandardDeviation, sampleVariance } from 'simple-statistics';

/** Benchmark-relative figures on aligned per-period returns; null where undefined. */
export interface BenchmarkStatistics {
  readonly alpha: number | null;
  readonly beta: number | null;
  readonly correlation: number | null;
  readonly trackingError: number | null;
  readonly informationRatio: number | null;
  readonly upCapture: number | null;
  readonly downCapture: number | null;
}

/**
 * CAPM regression of excess returns (r − rf on b − rf, sample covariance / variance), alpha
 * annualised by compounding the per-period intercept ((1 + α)^P − 1, empyrical); tracking error =
 * sample stdev(r − b) × √P; information ratio = mean(r − b) × P / tracking error; up/down capture =
 * annualised return of the strategy over the periods the benchmark rose (fell) / the benchmark's
 * over the same periods (empyrical's `up_capture`, annualised as (Π(1 + r))^(P / k) − 1 over k periods).
 */
export function benchmarkStatistics(
  returns: number[],
  benchmark: number[],
  periodsPerYear: number,
  riskFreePerPeriod: number,
): BenchmarkStatistics {
  const empty = {
    alpha: null,
    beta: null,
    correlation: null,
    trackingError: null,
    informationRatio: null,
    upCapture: null,
    downCapture: null,
  };
  if (returns.length < 2) return empty;
  const benchmarkVariance = sampleVariance(benchmark);
  const beta = benchmarkVariance > 0 ? sampleCovariance(returns, benchmark) / benchmarkVariance : null;
  const alphaPerPeriod = beta === null ? null : mean(returns) - riskFreePerPeriod - beta * (mean(benchmark) - riskFreePerPeriod);
  const bothVary = benchmarkVariance > 0 && sampleVariance(returns) > 0;
  const active = returns.map((value, index) => value - benchmark[index]!);
  const activeDeviation = sampleStandardDeviation(active);
  const trackingError = activeDeviation * Math.sqrt(periodsPerYear);
  return {
    alpha: alphaPerPeriod === null ? null : (1 + alphaPerPeriod) ** periodsPerYear - 1,
    beta,
    correlation: bothVary ? sampleCorrelation(returns, benchmark) : null,
    trackingError,
    informationRatio: trackingError > 0 ? (mean(active) * periodsPerYear) / trackingError : null,
    upCapture: capture(returns, benchmark, periodsPerYear, (value) => value > 0),
    downCapture: capture(returns, benchmark, periodsPerYear, (value) => value < 0),
  };
}

function capture(
  returns: number[],
  benchmark: number[],
  periodsPerYear: number,
  keep: (value: number) => boolean,
): number | null {
  let strategyGrowth = 1;
  let benchmarkGrowth = 1;
  let periods = 0;
  for (let index = 0; index < benchmark.length; index++) {
    if (!keep(benchmark[index]!)) continue;
    strategyGrowth *= 1 + returns[index]!;
    benchmarkGrowth *= 1 + benchmark[index]!;
    periods++;
  }
  if (periods === 0) return null;
  const annual = (growth: number) => growth ** (periodsPerYear / periods) - 1;
  const benchmarkAnnual = annual(benchmarkGrowth);
  return benchmarkAnnual !== 0 ? annual(strategyGrowth) / benchmarkAnnual : null;
}
