// A fixed, realistic ten-asset portfolio for tests and the benchmark.

export const portfolioAssets = ['SPY', 'QQQ', 'IWM', 'EFA', 'EEM', 'TLT', 'LQD', 'GLD', 'USO', 'EURUSD'];

/** Annualised volatilities and drifts, typical of the 2010s. */
const annualVolatility = [0.18, 0.24, 0.23, 0.17, 0.22, 0.15, 0.08, 0.15, 0.35, 0.08];
const annualDrift = [0.1, 0.14, 0.08, 0.05, 0.04, 0.03, 0.035, 0.02, -0.02, 0];

/** Correlations of daily returns (symmetric, positive definite). */
export const portfolioCorrelation = [
  [1, 0.92, 0.85, 0.82, 0.72, -0.3, 0.15, 0.05, 0.35, 0.2],
  [0.92, 1, 0.78, 0.74, 0.66, -0.25, 0.12, 0.05, 0.28, 0.18],
  [0.85, 0.78, 1, 0.72, 0.65, -0.3, 0.1, 0.05, 0.38, 0.15],
  [0.82, 0.74, 0.72, 1, 0.8, -0.25, 0.18, 0.15, 0.35, 0.45],
  [0.72, 0.66, 0.65, 0.8, 1, -0.18, 0.2, 0.25, 0.4, 0.4],
  [-0.3, -0.25, -0.3, -0.25, -0.18, 1, 0.7, 0.3, -0.25, 0.1],
  [0.15, 0.12, 0.1, 0.18, 0.2, 0.7, 1, 0.3, 0, 0.15],
  [0.05, 0.05, 0.05, 0.15, 0.25, 0.3, 0.3, 1, 0.2, 0.35],
  [0.35, 0.28, 0.38, 0.35, 0.4, -0.25, 0, 0.2, 1, 0.15],
  [0.2, 0.18, 0.15, 0.45, 0.4, 0.1, 0.15, 0.35, 0.15, 1],
];

/** Money in each asset: long equities and bonds, short small caps and oil. */
export const portfolioExposures = [3e6, 1.5e6, -1e6, 1.2e6, 0.8e6, 2e6, 1e6, 0.5e6, -0.4e6, 1e6];

/** The one-day covariance matrix (row-major) of the portfolio's assets. */
export function dailyCovariance(): Float64Array {
  const n = portfolioAssets.length;
  const daily = annualVolatility.map((volatility) => volatility / Math.sqrt(252));
  return Float64Array.from({ length: n * n }, (_, index) => {
    const i = Math.floor(index / n);
    const j = index % n;
    return portfolioCorrelation[i]![j]! * daily[i]! * daily[j]!;
  });
}

/** Cholesky factor L (lower-triangular, row-major) of a positive-definite n×n matrix. */
export function choleskyFactor(matrix: Float64Array, n: number): Float64Array {
  const factor = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= factor[i * n + k]! * factor[j * n + k]!;
      if (i === j) {
        if (sum <= 0) throw new Error(`matrix is not positive definite at row ${i}`);
        factor[i * n + i] = Math.sqrt(sum);
      } else factor[i * n + j] = sum / factor[j * n + j]!;
    }
  }
  return factor;
}

/** The mc-var inputs of the portfolio. */
export function portfolioInputs(): { cholesky: Float64Array; exposures: Float64Array; mean: Float64Array } {
  return {
    cholesky: choleskyFactor(dailyCovariance(), portfolioAssets.length),
    exposures: Float64Array.from(portfolioExposures),
    mean: Float64Array.from(annualDrift, (drift) => drift / 252),
  };
}

/** Standard deviation of the portfolio's one-day P&L: sqrt(eᵀ·Σ·e). */
export function portfolioDailyStd(): number {
  const covariance = dailyCovariance();
  const n = portfolioAssets.length;
  let variance = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) variance += portfolioExposures[i]! * covariance[i * n + j]! * portfolioExposures[j]!;
  return Math.sqrt(variance);
}
