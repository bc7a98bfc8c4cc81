import { alignAsOf, type PublishedSeries } from './point-in-time.ts';
import { rollingBeta, rollingCorrelation, rollingZScore } from './rolling-statistics.ts';

/** A series sampled on bar times: a close, or any indicator output (`computeIndicator(...).outputs`). */
export interface BarSeries {
  time: readonly number[];
  values: ArrayLike<number>;
}

/** Factor columns on the bar times; NaN where not yet defined. */
export interface FactorColumns {
  /** The other series as known at each bar (see alignAsOf). */
  aligned: Float64Array;
  /** Rolling correlation of the bar series' changes with the aligned series' changes. */
  correlation: Float64Array;
  /** Rolling beta of the bar series' changes on the aligned series' changes. */
  beta: Float64Array;
  /** Bar series − hedge × aligned, the hedge being the rolling beta of levels on levels. */
  spread: Float64Array;
  /** Rolling z-score of the spread. */
  spreadZScore: Float64Array;
  /** Rolling z-score of the aligned series. */
  alignedZScore: Float64Array;
}

const changes = (values: ArrayLike<number>): Float64Array => {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let index = 1; index < values.length; index++) out[index] = values[index]! - values[index - 1]!;
  return out;
};

/**
 * Combines a bar series with a published series (a rate, a filing metric) on the bar times without
 * look-ahead: the published values are aligned as of each bar (by publication time), then every
 * statistic reads only the trailing `window` bars. Appending bars or later publications never changes
 * an earlier value.
 * @example
 * combineFactors({ time: bars.time, values: bars.close }, { availableFrom, values: rates }, 60)
 */
export function combineFactors(bars: BarSeries, published: PublishedSeries, window: number): FactorColumns {
  const aligned = alignAsOf(bars.time, published);
  const barChanges = changes(bars.values);
  const alignedChanges = changes(aligned);
  const hedge = rollingBeta(aligned, bars.values, window);
  const spread = new Float64Array(aligned.length);
  for (let index = 0; index < spread.length; index++) spread[index] = bars.values[index]! - hedge[index]! * aligned[index]!;
  return {
    aligned,
    correlation: rollingCorrelation(barChanges, alignedChanges, window),
    beta: rollingBeta(alignedChanges, barChanges, window),
    spread,
    spreadZScore: rollingZScore(spread, window),
    alignedZScore: rollingZScore(aligned, window),
  };
}
