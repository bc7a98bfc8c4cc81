import type { LimitSet } from '../risk/limits.ts';

/** What a fill pays the broker. Rates are fractions: 0.001 is 0.1 %. */
export type CommissionModel =
  | { type: 'none' }
  /** `perShare` × quantity, at least `minimum` per fill (e.g. 0.005 per share, minimum 1). */
  | { type: 'per-share'; perShare: number; minimum?: number }
  /** `rate` × quantity × price, at least `minimum` per fill. */
  | { type: 'percent'; rate: number; minimum?: number };

/**
 * How much worse than the matched price market and stop orders fill (limit fills never slip): buys
 * pay more, sells receive less. The slipped price is not clamped to the bar's range.
 */
export type SlippageModel =
  | { type: 'none' }
  /** A fixed amount per unit, in price currency. */
  | { type: 'fixed'; amount: number }
  /** A fraction of the price: 0.0005 is 5 basis points. */
  | { type: 'percent'; rate: number };

/**
 * When market orders fill. `'next-open'` (default): a market order decided on bar t fills at bar
 * t+1's open, the only choice without look-ahead. `'close'`: at the close of bar t itself, right after
 * onBar; this assumes you could trade at a price you only knew once it was final, so results are
 * optimistic.
 */
export type FillTiming = 'next-open' | 'close';

/** Settings of a backtest (or a paper-trading run); every field has a default. */
export interface BacktestConfig {
  /** Starting cash. Default 100,000. */
  initialCash?: number;
  /** Default none. */
  commission?: CommissionModel;
  /** Default none. */
  slippage?: SlippageModel;
  /** Default `'next-open'`. */
  fillAt?: FillTiming;
  /** Annual risk-free rate for Sharpe and Sortino, a fraction (0.02 = 2 %). Default 0. */
  riskFreeRate?: number;
  /**
   * Bars per year for annualising volatility, Sharpe and Sortino. Default from the timeframe on an
   * equity calendar: 252 for 1d; 252 × 6.5 h / bar length for intraday (1h: 1638, 1m: 98,280).
   * Set it for 24-hour markets (e.g. 365 × 24 for hourly crypto bars).
   */
  periodsPerYear?: number;
  /** Seed of `ctx.random()` and `Math.random()`. Default 1. */
  seed?: number;
  /**
   * UTC offset, in minutes, of the clock that decides session days for `day` orders: a bar belongs to
   * the calendar date of its time shifted by this offset. Default 0 (UTC dates; right for daily bars
   * and for US, European and Asian cash sessions, which never cross UTC midnight).
   */
  sessionUtcOffsetMinutes?: number;
  /** Bars kept for `ctx.close(n)` and friends, and for back-filling indicators. Default 1000. */
  historyLength?: number;
  /**
   * Pre-trade limits: every order the strategy submits is checked against them first; a denied order
   * gets status `denied` and never reaches the market. See {@link LimitSet}. Default none.
   */
  limits?: LimitSet;
}

/** A BacktestConfig with every default filled in, as a run records it. */
export type ResolvedBacktestConfig = Required<Omit<BacktestConfig, 'periodsPerYear' | 'limits'>> & {
  periodsPerYear: number;
  limits?: LimitSet;
};
