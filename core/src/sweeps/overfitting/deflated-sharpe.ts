import { normalCdf, normalQuantile } from './normal.ts';

const EULER_MASCHERONI = 0.5772156649015329;

export interface DeflatedSharpeInput {
  /** The selected strategy's Sharpe ratio per observation (not annualised). */
  sharpe: number;
  /** Observations (returns) behind it. */
  observations: number;
  /** Skewness of its returns. */
  skew: number;
  /** Kurtosis of its returns (not excess: 3 for a normal distribution). */
  kurtosis: number;
  /** Independent trials tried (the sweep's points). */
  trials: number;
  /** Variance of the trials' Sharpe ratios, per observation. */
  trialSharpeVariance: number;
}

export interface DeflatedSharpe {
  /** The Sharpe ratio the best of `trials` unskilled strategies would be expected to reach. */
  expectedMaxSharpe: number;
  /** Probability that the true Sharpe exceeds expectedMaxSharpe (0..1): the deflated Sharpe ratio. */
  dsr: number;
}

/**
 * The deflated Sharpe ratio (Bailey & López de Prado, "The Deflated Sharpe Ratio", J. Portfolio
 * Management 40(5), 2014, eqs. 2-3): the probabilistic Sharpe ratio against the expected maximum
 * Sharpe of `trials` independent unskilled trials, correcting for selection bias, non-normal returns
 * and track-record length. Inputs are per observation; annualise neither.
 */
export function deflatedSharpe(input: DeflatedSharpeInput): DeflatedSharpe {
  const { sharpe, observations, skew, kurtosis, trials, trialSharpeVariance } = input;
  const expectedMaxSharpe =
    trials < 2
      ? 0
      : Math.sqrt(Math.max(0, trialSharpeVariance)) *
        ((1 - EULER_MASCHERONI) * normalQuantile(1 - 1 / trials) + EULER_MASCHERONI * normalQuantile(1 - 1 / (trials * Math.E)));
  const spread = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(observations > 1) || !(spread > 0)) return { expectedMaxSharpe, dsr: Number.NaN };
  const dsr = normalCdf(((sharpe - expectedMaxSharpe) * Math.sqrt(observations - 1)) / Math.sqrt(spread));
  return { expectedMaxSharpe, dsr };
}

/** Mean, standard deviation (sample), skewness and kurtosis (population moments, not excess) of a series. */
export function moments(values: number[]): { mean: number; std: number; skew: number; kurtosis: number } {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const value of values) {
    const d = value - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const std = n > 1 ? Math.sqrt((m2 * n) / (n - 1)) : 0;
  return { mean, std, skew: m2 > 0 ? m3 / m2 ** 1.5 : 0, kurtosis: m2 > 0 ? m4 / (m2 * m2) : 3 };
}
