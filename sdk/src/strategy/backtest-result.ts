import type { Timeframe } from '../frames.ts';
import type { RiskEvent } from '../risk/limits.ts';
import type { ResolvedBacktestConfig } from './backtest-config.ts';
import type { Position } from './context.ts';
import type { Fill, Order } from './orders.ts';

/**
 * A round trip: from a flat position to a position and back to flat (a flip closes one trade and
 * opens the next). Scaling in and out stays within one trade.
 */
export interface Trade {
  readonly side: 'long' | 'short';
  /** Total quantity opened (equal to the total closed). */
  readonly quantity: number;
  readonly entryTime: number;
  readonly entryBarIndex: number;
  /** Quantity-weighted average price of the opening fills. */
  readonly entryPrice: number;
  readonly exitTime: number;
  readonly exitBarIndex: number;
  /** Quantity-weighted average price of the closing fills. */
  readonly exitPrice: number;
  /** Net profit: price gains minus every commission of the trade's fills. */
  readonly pnl: number;
  /** pnl / (entryPrice × quantity): the net simple return on the capital the trade committed. */
  readonly return: number;
  readonly commission: number;
}

/** How loud a log line is: `ctx.log` and `console.log`/`info` write `info`; `console.debug`, `warn` and `error` their own. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One `ctx.log` (or `console.*`) line, stamped with the bar it was written on. */
export interface LogLine {
  readonly time: number;
  readonly barIndex: number;
  /** Absent in runs recorded before levels were: read it as `info`. */
  readonly level?: LogLevel;
  readonly message: string;
}

/**
 * Performance figures. Returns are simple returns as fractions (0.1 = 10 %), per bar, from equity at
 * each bar's close (the first bar's return is measured from the initial cash). Null where a figure is
 * undefined (no trades, no variation, no losses).
 */
export interface BacktestMetrics {
  /** Final equity / initial cash − 1. */
  totalReturn: number;
  /** (1 + totalReturn)^(1 / years) − 1, years = calendar time from the first bar's open to the last bar's close / 365.25 days. */
  cagr: number | null;
  /** Sample standard deviation (n − 1) of per-bar returns × √periodsPerYear. */
  annualisedVolatility: number | null;
  /** mean(r − rf) / stdev(r − rf) × √periodsPerYear, rf = riskFreeRate / periodsPerYear per bar, stdev as above. */
  sharpe: number | null;
  /**
   * mean(r − rf) / downside deviation × √periodsPerYear, downside deviation = √(Σ min(0, r − rf)² / n)
   * over all n bars (target = rf; Sortino & Price). Null when no bar fell short of rf.
   */
  sortino: number | null;
  /** Largest peak-to-trough fall of equity as a positive fraction (0.25 = equity fell 25 % below its peak). The initial cash counts as a peak. */
  maxDrawdown: number;
  /** Bars from the peak before the largest drawdown until equity regained that peak (or the last bar, if it never did). */
  maxDrawdownBars: number;
  /** The same span in milliseconds, between the bars' times (the initial-cash peak is stamped with the first bar's time). */
  maxDrawdownMs: number;
  /** False when equity had not regained the peak by the last bar. */
  maxDrawdownRecovered: boolean;
  /** Closed trades. */
  tradeCount: number;
  /** Share of closed trades with pnl > 0. */
  winRate: number | null;
  /** Sum of winning pnl / |sum of losing pnl|; null without a losing trade. */
  profitFactor: number | null;
  /** Mean pnl of closed trades, in account currency. */
  averageTrade: number | null;
  /** Mean `return` of closed trades. */
  averageTradeReturn: number | null;
  /** Share of bars that closed with a non-zero position. */
  exposure: number;
  /** Last close / first bar's open − 1: holding the instrument over the same bars, without costs. */
  buyAndHoldReturn: number;
  /** The periods per year used for annualising. */
  periodsPerYear: number;
  /** Calendar years the run spans (see cagr). */
  years: number;
}

/** How many records a run left out because of its caps (`maxLogLines`, `maxRecords`). */
export interface DroppedCounts {
  logLines: number;
  orders: number;
  fills: number;
  trades: number;
  riskEvents: number;
}

/** The account at one moment. */
export interface AccountState {
  barIndex: number;
  time: number;
  cash: number;
  position: Position;
  equity: number;
  /** Sum of price gains of closed quantity (before commissions). */
  realisedPnl: number;
  /** position × (last price − avgPrice). */
  unrealisedPnl: number;
  /** Commissions paid so far. */
  fees: number;
  openOrders: Order[];
}

/** Everything a backtest produced. The same code, params, config and bars give an identical result. */
export interface BacktestResult {
  symbol: string;
  timeframe: Timeframe;
  params: Record<string, number | boolean | string>;
  config: ResolvedBacktestConfig;
  /** Number of bars, and the first and last bar's time. */
  bars: number;
  from: number;
  to: number;
  /** Per bar, column-wise: equity at the bar's close and drawdown (equity / running peak − 1, <= 0). */
  curve: { time: number[]; equity: number[]; drawdown: number[] };
  /** Every order that reached a final state, then those still open at the end; by id. */
  orders: Order[];
  /**
   * How many orders ended `rejected`, all of them even beyond `maxRecords`: invalid ones and those
   * the account could not pay for (`config.account`), at submission or at the fill. Their `reason`
   * says which.
   */
  rejectedOrders: number;
  fills: Fill[];
  /** Closed round trips; a position still open at the end is in `final`, not here. */
  trades: Trade[];
  logs: LogLine[];
  /** Findings of the run's pre-trade limits (`config.limits`): warnings, denials and breaches, in order. Empty without limits. */
  riskEvents: RiskEvent[];
  dropped: DroppedCounts;
  final: AccountState;
  metrics: BacktestMetrics;
}
