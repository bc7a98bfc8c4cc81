export { type AlignedLevels, alignBenchmark } from './align-benchmark.ts';
export { ANALYTICS_ERROR_CODES, AnalyticsError, type AnalyticsErrorCode } from './analytics-error.ts';
export {
  type Attribution,
  type AttributionPeriod,
  type AttributionTable,
  attribution,
  type SegmentEffects,
  type SegmentHolding,
} from './attribution.ts';
export { type BenchmarkStatistics, benchmarkStatistics } from './benchmark-statistics.ts';
export { type CalendarReturn, calendarReturns } from './calendar-returns.ts';
export { type DrawdownPeriod, type Drawdowns, drawdowns } from './drawdowns.ts';
export { checkLevelSeries, type LevelSeries, levelsFromReturns, simpleReturns } from './equity-series.ts';
export { type ExecutionBars, type ExecutionFigures, type ExecutionQuality, executionQuality } from './execution-quality.ts';
export { METRIC_GROUPS, type Metric, type MetricGroup, type MetricUnit } from './metric.ts';
export { type PricedOrder, pricedExecutionQuality } from './order-execution-quality.ts';
export { inferPeriodsPerYear, type PeriodsPerYear } from './periods-per-year.ts';
export {
  annualisedVolatility,
  compoundAnnualGrowth,
  excessKurtosis,
  omegaRatio,
  sharpeRatio,
  skewness,
  sortinoRatio,
  tailRatio,
} from './return-ratios.ts';
export { type RollingMetrics, rollingMetrics } from './rolling.ts';
export { type TearSheet, type TearSheetInput, tearSheet } from './tear-sheet.ts';
export { exposureFromTrades, type TradeStatistics, tradeStatistics } from './trade-statistics.ts';
