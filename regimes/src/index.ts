export { type RegimeScore, type RegimeStatistics, regimeStatistics, scoreRegimes } from './evaluate-regimes.ts';
export { type FitOptions, type FitResult, filterStep, fitGaussianHmm, type HmmParams } from './gaussian-hmm.ts';
export { labelRegimes, type RegimeLabels } from './label-regimes.ts';
export { FeatureStream, regimeFeatures } from './regime-features.ts';
export { DEFAULT_REGIME_OPTIONS, type RegimeOptions, RegimeTracker } from './regime-tracker.ts';
export { REGIMES, type Regime, regimeIndex, TRENDS, type Trend, VOLATILITIES, type Volatility } from './regimes.ts';
export { type SyntheticOptions, syntheticSeries } from './synthetic-series.ts';
