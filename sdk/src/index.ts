export { bookChecksum, bookChecksumString, type ChecksumDecimals, crc32 } from './book/book-checksum.ts';
export { aggregateLevels, cumulativeSizes } from './book/book-depth.ts';
export type { BookDeltaFrame, BookFrame, BookLevels } from './book/book-frame.ts';
export { BookSide } from './book/book-side.ts';
export { mergeBookDeltas } from './book/merge-book-deltas.ts';
export { type BookApplyResult, type BookSideName, OrderBook } from './book/order-book.ts';
export type { Bus, BusHandler, BusMessage } from './bus.ts';
export { checkFrames } from './check-frames.ts';
export { createCheckpoint } from './checkpoint.ts';
export type {
  ComputeBackendChoice,
  ComputeKernel,
  ComputeKernelDescriptor,
  ComputeRunResult,
  ComputeService,
  KernelBuffers,
  KernelElement,
  KernelGpu,
  KernelParams,
} from './contributions/compute-kernel.ts';
export type { DataQuery, DataSource, DataSourceDescriptor, StreamRequest } from './contributions/data-source.ts';
export { CONTRIBUTION_KINDS, type ContributionKind } from './contributions/kinds.ts';
export type {
  AlignmentReport,
  PositionRisk,
  PriceSeries,
  RiskModel,
  RiskModelDescriptor,
  RiskPosition,
  StressRequest,
  StressResult,
  StressScenario,
  StressTest,
  StressTestDescriptor,
  VarBacktestRequest,
  VarBacktestResult,
  VarRequest,
  VarResult,
} from './contributions/risk-model.ts';
export {
  defineWidgets,
  type WidgetBundle,
  type WidgetDescriptor,
  type WidgetImplementation,
  type WidgetInstance,
  type WidgetProps,
} from './contributions/widget.ts';
export { resolveOptions } from './contributions/widget-options.ts';
export { checkDashboard } from './dashboard/check.ts';
export {
  DASHBOARD_SCHEMA_VERSION,
  type DashboardDocument,
  type DashboardTemplateRef,
  type DashboardVariable,
  emptyDashboard,
  GRID_COLUMNS,
  type GridPos,
  type Panel,
  type PanelQuery,
  type PanelTransform,
  REFRESH_INTERVALS,
  type RefreshInterval,
  type TimeRange,
} from './dashboard/document.ts';
export { type DashboardMigration, dashboardMigrations, migrateDashboard } from './dashboard/migrate.ts';
export { dashboardSchema } from './dashboard/schema.ts';
export { interpolateVariables, referencedVariables } from './dashboard/variables.ts';
export { capText, capValue, DETAILS_CAPS, MAX_ERROR_MESSAGE, type ValueCaps } from './error-caps.ts';
export {
  ErrorCode,
  type FieldIssue,
  isNautilusError,
  NautilusError,
  type NautilusErrorOptions,
  toNautilusError,
} from './errors.ts';
export {
  type BarsProvenance,
  FRAME_KINDS,
  type Frame,
  type FrameKind,
  type OhlcvFrame,
  type ScalarFrame,
  type TableColumn,
  type TableFrame,
  TIMEFRAME_MS,
  TIMEFRAMES,
  type Timeframe,
  type TimeSeriesFrame,
} from './frames.ts';
export { checkIndicatorParams, resolveIndicatorParams } from './indicators/check-indicator-params.ts';
export { findIndicator, INDICATOR_CATALOGUE } from './indicators/indicator-catalogue.ts';
export type {
  IndicatorDefinition,
  IndicatorInput,
  IndicatorParam,
  IndicatorParams,
  IndicatorPlacement,
} from './indicators/indicator-catalogue-types.ts';
export type { JsonSchema } from './json-schema.ts';
export {
  CHANNEL_POLICY,
  type ClientMessage,
  channelKey,
  type DeliveryPolicy,
  LIVE_CLOSE,
  type LiveChannel,
  type LiveChannelKind,
  type LogPosition,
  type ResyncReason,
  type ServerMessage,
} from './live/protocol.ts';
export { pluginManifestSchema } from './manifest-schema.ts';
export {
  definePlugin,
  type PluginCache,
  type PluginContext,
  type PluginContributions,
  type PluginDataAccess,
  type PluginDefinition,
  type PluginLogger,
  type PluginManifest,
  type RateLimitRule,
} from './plugin.ts';
export { checkLimitSet } from './risk/check-limit-set.ts';
export { LIMIT_KIND_NAMES, limitKindName } from './risk/limit-names.ts';
export { LIMIT_KINDS, limitSetSchema, WEEKDAYS } from './risk/limit-schema.ts';
export type {
  AllowedInstrumentsLimit,
  Limit,
  LimitFinding,
  LimitKind,
  LimitSet,
  MaxConcentrationLimit,
  MaxDailyLossLimit,
  MaxDrawdownLimit,
  MaxGrossExposureLimit,
  MaxLeverageLimit,
  MaxNetExposureLimit,
  MaxOrderNotionalLimit,
  MaxOrderQuantityLimit,
  MaxOrderRateLimit,
  MaxPositionLimit,
  MaxVarLimit,
  PreTradeDecision,
  RiskEvent,
  TradingHoursLimit,
  TradingMode,
  Weekday,
} from './risk/limits.ts';
export {
  HEATMAP_LABEL_COLUMN,
  LIMIT_COLUMNS,
  LIMIT_STATUSES,
  LIMIT_TABLE_COLUMNS,
  type LimitStatus,
  PNL_COLUMNS,
  PNL_TABLE_COLUMNS,
  RISK_CONTRIBUTION_COLUMNS,
  TRAFFIC_LIGHTS,
  type TrafficLight,
  VAR_BACKTEST_COLUMNS,
  VAR_BACKTEST_TABLE_COLUMNS,
  VAR_COLUMNS,
  VAR_METHODS,
  VAR_TABLE_COLUMNS,
  type VarMethod,
} from './risk/risk-frames.ts';
export { sameJson } from './same-json.ts';
export type {
  AccountConfig,
  BacktestConfig,
  CommissionModel,
  FillTiming,
  ResolvedBacktestConfig,
  SlippageModel,
} from './strategy/backtest-config.ts';
export type {
  AccountState,
  BacktestMetrics,
  BacktestResult,
  DroppedCounts,
  LogLevel,
  LogLine,
  Trade,
} from './strategy/backtest-result.ts';
export type { Bar, Position, StrategyBook, StrategyBookSide, StrategyContext, StrategyRegime } from './strategy/context.ts';
export { defineStrategy, type StrategyDefinition } from './strategy/define-strategy.ts';
export type {
  BollingerIndicator,
  CatalogueIndicator,
  Indicator,
  Indicators,
  MacdIndicator,
} from './strategy/indicators.ts';
export type {
  Fill,
  Order,
  OrderDenial,
  OrderId,
  OrderOptions,
  OrderRequest,
  OrderSide,
  OrderStatus,
  OrderTicket,
  OrderType,
  TimeInForce,
} from './strategy/orders.ts';
export type {
  BooleanParamSpec,
  IntegerParamSpec,
  NumberParamSpec,
  ParamSpec,
  ParamSpecs,
  ParamValue,
  ParamValues,
  StringParamSpec,
} from './strategy/params.ts';
export { checkParamSpecs, resolveParams } from './strategy/resolve-params.ts';
export { STRATEGY_SANDBOX_GLOBALS_DTS } from './strategy/sandbox-globals.ts';
export { parseTimeCell } from './time-cell.ts';
export { EARLIEST_TIME, LATEST_TIME, resolveTime, resolveTimeRange } from './time-range.ts';
