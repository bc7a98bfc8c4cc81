export { compileStrategy } from './compile/compile-strategy.ts';
export type { CompiledStrategy, StrategyDiagnostic } from './compile/compiled-strategy.ts';
export {
  assertStrategyTypes,
  MAX_TYPE_CHECK_CHARS,
  prepareTypeCheck,
  TYPE_CHECK_TIMEOUT_MS,
  type TypeCheckResult,
  typeCheckStrategy,
} from './compile/type-check-strategy.ts';
export type { RunCounters, StrategyDescription, TradeStats } from './engine/index.ts';
export { ACCOUNT_LIMITS, measureAccount } from './engine/limits/account-measures.ts';
export { checkOrder } from './engine/limits/check-order.ts';
export { checkPortfolio } from './engine/limits/check-portfolio.ts';
export { type CompiledLimits, limitDayOf } from './engine/limits/compile-limits.ts';
export { OrderTimeRing } from './engine/limits/order-time-ring.ts';
export type {
  CheckContext,
  OrderIntent,
  PortfolioState,
  PositionState,
  TradingRestriction,
  VarInputs,
} from './engine/limits/pre-trade-types.ts';
export { computeMetrics, type MetricsInput } from './metrics/compute-metrics.ts';
export { drawdownCurve } from './metrics/drawdown.ts';
export { defaultPeriodsPerYear } from './metrics/periods-per-year.ts';
export { compileLimitSet } from './run/compile-limit-set.ts';
export { describeStrategy } from './run/describe-strategy.ts';
export type { BarColumns } from './run/pack-bars.ts';
export { resolveBacktestConfig } from './run/resolve-config.ts';
export { type BacktestOptions, type BacktestProgress, runBacktest } from './run/run-backtest.ts';
export { DEFAULT_LIMITS, type RunLimits } from './run/run-limits.ts';
export type { RunnerUpdate } from './run/runner-update.ts';
export { endIdleSessionProcesses, prepareSessionProcesses } from './run/session-process-pool.ts';
export {
  createStrategyRunner,
  type StrategyBookInput,
  type StrategyRunner,
  type StrategyRunnerOptions,
} from './run/strategy-runner.ts';
export type { RunUsage } from './run/strategy-session.ts';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';
