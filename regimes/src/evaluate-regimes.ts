import type { RegimeLabels } from './label-regimes.ts';
import { REGIMES } from './regimes.ts';

/** How well causal labels match known regimes, over the labelled bars only (out of sample). */
export interface RegimeScore {
  bars: number;
  accuracy: number;
  /** Share of bars whose trend axis (up / sideways / down) is right. */
  trendAccuracy: number;
  /** Share of bars whose volatility axis (high / low) is right. */
  volatilityAccuracy: number;
  /** confusion[true][labelled], in `REGIMES` order. */
  confusion: number[][];
}

/** Scores `labels` against the true regime of each bar (indices in `REGIMES`), adding onto `into` when given. */
export function scoreRegimes(labels: RegimeLabels, truth: ArrayLike<number>, into?: RegimeScore): RegimeScore {
  const score = into ?? {
    bars: 0,
    accuracy: 0,
    trendAccuracy: 0,
    volatilityAccuracy: 0,
    confusion: REGIMES.map(() => REGIMES.map(() => 0)),
  };
  let hits = score.accuracy * score.bars;
  let trendHits = score.trendAccuracy * score.bars;
  let volatilityHits = score.volatilityAccuracy * score.bars;
  for (let t = labels.firstLabelled; t < truth.length; t++) {
    const actual = truth[t]!;
    const labelled = labels.label[t]!;
    score.bars++;
    score.confusion[actual]![labelled]!++;
    if (actual === labelled) hits++;
    if (REGIMES[actual]!.trend === REGIMES[labelled]!.trend) trendHits++;
    if (REGIMES[actual]!.volatility === REGIMES[labelled]!.volatility) volatilityHits++;
  }
  score.accuracy = hits / score.bars;
  score.trendAccuracy = trendHits / score.bars;
  score.volatilityAccuracy = volatilityHits / score.bars;
  return score;
}

/** Per regime: how many labelled bars, and the mean and standard deviation of their next log return (annualised). */
export interface RegimeStatistics {
  regime: string;
  bars: number;
  /** Mean log return of the bar after a bar labelled so, times `periodsPerYear`. */
  annualReturn: number;
  /** Standard deviation of that return, times sqrt(`periodsPerYear`). */
  annualVolatility: number;
}

/**
 * What each regime label was followed by: the return from a labelled bar's close to the next close,
 * so the statistics measure what a trader knowing the label at the close could act on.
 */
export function regimeStatistics(close: ArrayLike<number>, labels: RegimeLabels, periodsPerYear: number): RegimeStatistics[] {
  const sums = REGIMES.map(() => ({ count: 0, sum: 0, squares: 0 }));
  for (let t = labels.firstLabelled; t < close.length - 1; t++) {
    const value = Math.log(close[t + 1]! / close[t]!);
    const bucket = sums[labels.label[t]!]!;
    bucket.count++;
    bucket.sum += value;
    bucket.squares += value * value;
  }
  return REGIMES.map((regime, index) => {
    const { count, sum, squares } = sums[index]!;
    const mean = count ? sum / count : Number.NaN;
    const variance = count > 1 ? (squares - count * mean * mean) / (count - 1) : Number.NaN;
    return {
      regime: regime.id,
      bars: count,
      annualReturn: mean * periodsPerYear,
      annualVolatility: Math.sqrt(variance * periodsPerYear),
    };
  });
}
