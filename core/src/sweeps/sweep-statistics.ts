import { bestPoint } from './advance-sweep.ts';
import { deflatedSharpe, moments } from './overfitting/deflated-sharpe.ts';
import { probabilityOfOverfitting } from './overfitting/pbo.ts';
import type { SweepPointView } from './sweep-store.ts';

export interface OverfittingStatistics {
  /** Points the statistics cover (those with results). */
  trials: number;
  /** Bar returns per trial they use (the shortest series, when lengths differ). */
  observations: number;
  /** Probability of backtest overfitting by CSCV over 8 blocks (70 splits); null under 2 trials or 16 bars. */
  pbo: number | null;
  /** Deflated Sharpe ratio of the best point (0..1); null when it cannot be computed. */
  deflatedSharpe: number | null;
  /** The Sharpe (per bar) the best of this many unskilled trials would be expected to reach. */
  expectedMaxSharpePerBar: number | null;
  /** The best point's own Sharpe per bar (not annualised), for comparison. */
  bestSharpePerBar: number | null;
  bestIdx: number | null;
}

const PBO_BLOCKS = 8;

/**
 * Overfitting statistics of a grid: PBO (CSCV) over every finished point's bar returns, and the
 * deflated Sharpe ratio of the point `metric` ranks best, with the trials' Sharpe variance, the best
 * point's skew and kurtosis, and the number of trials as the paper prescribes. Per-bar Sharpe
 * throughout (no annualisation), as both papers define them.
 */
export function overfittingStatistics(
  points: SweepPointView[],
  returns: Map<string, number[]>,
  metric: 'sharpe' | 'totalReturn',
): OverfittingStatistics {
  const finished = points.filter((point) => point.status === 'done' && returns.has(point.hash));
  const series = finished.map((point) => returns.get(point.hash)!);
  const observations = series.length > 0 ? Math.min(...series.map((values) => values.length)) : 0;
  const trimmed = series.map((values) => values.slice(0, observations));
  const empty: OverfittingStatistics = {
    trials: finished.length,
    observations,
    pbo: null,
    deflatedSharpe: null,
    expectedMaxSharpePerBar: null,
    bestSharpePerBar: null,
    bestIdx: null,
  };
  if (finished.length === 0 || observations < 2) return empty;
  const best = bestPoint(finished, metric)!;
  const sharpes = trimmed.map((values) => {
    const { mean, std } = moments(values);
    return std > 0 ? mean / std : 0;
  });
  const bestReturns = trimmed[finished.indexOf(best)]!;
  const bestMoments = moments(bestReturns);
  const bestSharpe = bestMoments.std > 0 ? bestMoments.mean / bestMoments.std : 0;
  const sharpeMoments = moments(sharpes);
  const dsr = deflatedSharpe({
    sharpe: bestSharpe,
    observations,
    skew: bestMoments.skew,
    kurtosis: bestMoments.kurtosis,
    trials: finished.length,
    trialSharpeVariance: sharpeMoments.std ** 2,
  });
  const pbo =
    finished.length >= 2 && observations >= 2 * PBO_BLOCKS ? probabilityOfOverfitting(trimmed, PBO_BLOCKS).pbo : Number.NaN;
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    ...empty,
    pbo: finite(pbo),
    deflatedSharpe: finite(dsr.dsr),
    expectedMaxSharpePerBar: finite(dsr.expectedMaxSharpe),
    bestSharpePerBar: finite(bestSharpe),
    bestIdx: best.idx,
  };
}
