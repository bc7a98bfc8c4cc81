import { filterStep, fitGaussianHmm, type HmmParams } from './gaussian-hmm.ts';
import { initialParams } from './initial-params.ts';
import { FeatureStream } from './regime-features.ts';
import { regimeIndex, TRENDS, VOLATILITIES } from './regimes.ts';
import { rankStates } from './state-mapping.ts';

/** How the walk-forward models are fitted; every field has a default. */
export interface RegimeOptions {
  /** Returns averaged in the trend feature. Default 20. */
  trendWindow: number;
  /** Returns in the realised volatility feature. Default 20. */
  volatilityWindow: number;
  /** Feature bars the first fit needs; earlier bars get no label. Default 250. */
  minFitBars: number;
  /** Refit after this many new bars. Default 21. */
  refitEvery: number;
  /** A fit reads at most this many of the latest feature bars. Default 2,520. */
  maxFitBars: number;
  /** Baum–Welch iterations per fit at most. Default 30. */
  maxIterations: number;
  /** Stop a fit when the log-likelihood gains less than this per bar. Default 1e-5. */
  tolerance: number;
}

export const DEFAULT_REGIME_OPTIONS: RegimeOptions = {
  trendWindow: 20,
  volatilityWindow: 20,
  minFitBars: 250,
  refitEvery: 21,
  maxFitBars: 2_520,
  maxIterations: 30,
  tolerance: 1e-5,
};

/** One axis: a one-feature HMM refitted walk-forward, with its filter state and its states' ranks. */
class AxisModel {
  params: HmmParams | undefined;
  rank: number[] = [];
  filtered = new Float64Array(0);
  readonly #quantiles: readonly number[];

  constructor(quantiles: readonly number[]) {
    this.#quantiles = quantiles;
  }

  fit(window: Float64Array, options: RegimeOptions): void {
    const result = fitGaussianHmm(window, this.params ?? initialParams(window, this.#quantiles), {
      maxIterations: options.maxIterations,
      tolerance: options.tolerance,
      varianceFloor: Float64Array.of(varianceFloor(window)),
    });
    this.params = result.params;
    this.rank = rankStates(result.params);
    this.filtered = result.lastFiltered.slice();
  }

  step(values: Float64Array, t: number): void {
    filterStep(this.params!, values, t, this.filtered, false);
  }

  /** Filtered probability of the state ranked `rank`. */
  probability(rank: number): number {
    return this.filtered[this.rank.indexOf(rank)]!;
  }
}

/**
 * Causal regimes bar by bar. Each axis has its own Gaussian HMM on its own feature: three states on
 * the trend feature, two on log realised volatility. Both are fitted on the feature bars so far (at
 * most `maxFitBars`), first once `minFitBars` exist and again every `refitEvery` bars, each fit
 * warm-started from the last, so the schedule and every fit depend on the past only. Between fits
 * the forward filter steps one bar; at a fit, the bar's answer is the fit's own last forward
 * probability. A regime's probability is the product of its axes' (modelled as independent).
 * @example
 * const tracker = new RegimeTracker();
 * for (const close of closes) tracker.push(close);
 * tracker.label; // index in REGIMES, -1 before the first fit
 */
export class RegimeTracker {
  readonly options: RegimeOptions;
  /** The last bar's six probabilities in `REGIMES` order (NaN before the first fit). */
  readonly probabilities = new Float64Array(6).fill(Number.NaN);
  /** The last bar's most probable regime (index in `REGIMES`), -1 before the first fit. */
  label = -1;
  /** Bars pushed so far. */
  bars = 0;
  /** Walk-forward fits so far (each fits both axes). */
  fits = 0;
  readonly #features: FeatureStream;
  readonly #trend = new AxisModel([0.15, 0.5, 0.85]);
  readonly #volatility = new AxisModel([0.25, 0.75]);
  #trendValues = new Float64Array(256);
  #volatilityValues = new Float64Array(256);
  readonly #firstFeature: number;
  readonly #firstFit: number;

  constructor(overrides: Partial<RegimeOptions> = {}) {
    this.options = { ...DEFAULT_REGIME_OPTIONS, ...overrides };
    this.#features = new FeatureStream(this.options);
    this.#firstFeature = Math.max(this.options.trendWindow, this.options.volatilityWindow);
    this.#firstFit = this.#firstFeature + this.options.minFitBars - 1;
  }

  /** The first bar (0-based) that gets a label. */
  get firstLabelled(): number {
    return this.#firstFit;
  }

  /** Takes the next close; `label` and `probabilities` then describe this bar. */
  push(close: number): void {
    const t = this.bars++;
    this.#features.push(close);
    if (t >= this.#trendValues.length) {
      this.#trendValues = grow(this.#trendValues);
      this.#volatilityValues = grow(this.#volatilityValues);
    }
    this.#trendValues[t] = this.#features.trend;
    this.#volatilityValues[t] = this.#features.logVolatility;
    if (t < this.#firstFit) return;
    const { refitEvery, maxFitBars } = this.options;
    if ((t - this.#firstFit) % refitEvery === 0) {
      const from = Math.max(this.#firstFeature, t + 1 - maxFitBars);
      this.#trend.fit(this.#trendValues.subarray(from, t + 1), this.options);
      this.#volatility.fit(this.#volatilityValues.subarray(from, t + 1), this.options);
      this.fits++;
    } else {
      this.#trend.step(this.#trendValues, t);
      this.#volatility.step(this.#volatilityValues, t);
    }
    // Rank r of the trend model is TRENDS[2 - r] (down is rank 0); of the volatility model VOLATILITIES[1 - r].
    let best = -1;
    for (let trendRank = 0; trendRank < 3; trendRank++) {
      for (let volatilityRank = 0; volatilityRank < 2; volatilityRank++) {
        const regime = regimeIndex(TRENDS[2 - trendRank]!, VOLATILITIES[1 - volatilityRank]!);
        const value = this.#trend.probability(trendRank) * this.#volatility.probability(volatilityRank);
        this.probabilities[regime] = value;
        if (best < 0 || value > this.probabilities[best]!) best = regime;
      }
    }
    this.label = best;
  }
}

function grow(values: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const next = new Float64Array(values.length * 2);
  next.set(values);
  return next;
}

/** 1 % of the feature's variance over the fit window: small enough to leave real states alone. */
function varianceFloor(window: Float64Array): number {
  let mean = 0;
  for (const value of window) mean += value / window.length;
  let sum = 0;
  for (const value of window) sum += (value - mean) ** 2;
  return Math.max((0.01 * sum) / window.length, 1e-12);
}
