export { applyPanelTransforms, transformLabel } from './apply-panel-transforms.ts';
export { type BarColumns, computeIndicator, type IndicatorColumns } from './compute-indicator.ts';
export { type BarSeries, combineFactors, type FactorColumns } from './factors/combine-factors.ts';
export { alignAsOf, fredAvailableFrom, laggedAvailableFrom, type PublishedSeries } from './factors/point-in-time.ts';
export { rollingBeta, rollingCorrelation, rollingZScore } from './factors/rolling-statistics.ts';
export type { BarInput } from './indicator-step.ts';
export { createIndicator, type StreamingIndicator } from './streaming-indicator.ts';
