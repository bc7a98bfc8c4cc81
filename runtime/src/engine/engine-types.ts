import type {
  AccountState,
  DroppedCounts,
  Fill,
  LogLine,
  Order,
  ParamSpecs,
  ResolvedBacktestConfig,
  RiskEvent,
  Trade,
  TradingMode,
} from '@nautilus/sdk';
import type { ThrownDescription } from './describe-thrown.ts';
import type { TradeStats } from './round-trips.ts';

/**
 * The compiled strategy as the engine receives it: the wrapper function the compiler emits, called
 * with the simulated globals; it returns the module's exports (or undefined).
 */
export type StrategyFactory = (scope: StrategyScope) => unknown;

export interface StrategyScope {
  defineStrategy: (definition: unknown) => unknown;
  Date: DateConstructor;
  Math: Math;
  console: unknown;
}

/** Caps that keep one run's output and work bounded. */
export interface EngineLimits {
  maxLogLines: number;
  maxLogLineChars: number;
  maxOpenOrders: number;
  /** Most orders, fills, trades and risk events (each) a run reports; later ones are only counted. */
  maxRecords: number;
}

export interface EngineStartOptions {
  params: Record<string, number | boolean | string>;
  config: ResolvedBacktestConfig;
  limits: EngineLimits;
  /** The instrument traded, as `config.limits` names instruments. Default ''. */
  symbol?: string;
  /** The clock during onStart: the first bar's time in a backtest, now in paper trading. */
  startTime: number;
  /**
   * Paper trading's warm-up: bars opening before this time (epoch ms) are history the strategy sees
   * (indicators, `ctx.state`), but orders submitted before it are rejected, so the account is flat
   * at the initial cash when live bars begin. Absent in backtests: every bar can trade.
   */
  liveFrom?: number;
}

/** What the strategy file declares, as plain data. */
export interface StrategyDescription {
  name: string | null;
  description: string | null;
  params: ParamSpecs;
}

/** Where and how a strategy failed; the host turns it into a NautilusError. */
export interface StrategyFailure {
  /** `load` is the file's top-level code; else the callback's name. */
  phase: string;
  barIndex: number;
  time: number;
  /** `thrown`: the strategy threw; `invalid`: it broke a rule (bad definition, returned a promise). */
  kind: 'thrown' | 'invalid';
  thrown: ThrownDescription;
}

export interface RunCounters {
  /** Bars processed so far. */
  bars: number;
  /** Bars that closed with a non-zero position. */
  barsInMarket: number;
  /** Orders that ended `rejected` (invalid, or unaffordable at submission or at the fill), reported or not. */
  rejectedOrders: number;
  dropped: DroppedCounts;
  tradeStats: TradeStats;
}

/** What one call into the engine produced; records are those new since the previous call. */
export interface BatchOutput {
  /** Equity at the close of each bar of this batch. */
  equity: Float64Array;
  /** Orders that became final (filled, cancelled, expired, rejected) in this batch. */
  orders: Order[];
  fills: Fill[];
  trades: Trade[];
  logs: LogLine[];
  /** Findings of `config.limits` in this batch: warnings, denials, breaches. */
  riskEvents: RiskEvent[];
  /** After this batch: 'normal' unless a hard breach switched it (see LimitSet.onHardBreach). */
  tradingMode: TradingMode;
  account: AccountState;
  counters: RunCounters;
  failure: StrategyFailure | null;
}

/** Bars travel as one Float64Array, column after column: time, open, high, low, close, volume. */
export const BAR_COLUMNS = 6;

/** The engine as the host drives it, in the same process or through isolated-vm references. */
export interface Engine {
  describe(): StrategyDescription | StrategyFailure;
  start(options: EngineStartOptions): BatchOutput;
  /** `book` (encodeStrategyBook) becomes `ctx.book` from these bars on. */
  push(bars: Float64Array, count: number, book?: Float64Array): BatchOutput;
  stop(): BatchOutput;
  account(): AccountState;
}
