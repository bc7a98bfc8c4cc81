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

/**
 * The brokerage account a run trades in: it decides which orders the run can pay for. An order it
 * cannot pay for is never filled: it gets status `rejected`, its `reason` says what it needs and what
 * is available, and the strategy's `onOrderRejected` hears it.
 *
 * - `cash` (the default): no borrowing, no short selling. A buy needs quantity × price + commission
 *   in cash. A sell may sell the units held, never more: a cash account cannot go short (backtrader's
 *   default broker would let it and credit the proceeds; a real cash account refuses, and so does
 *   this one; use a margin account to short). Selling units held is always allowed, even when the
 *   commission exceeds the cash.
 * - `margin`: buys may borrow (cash goes negative) and sells may go short, as long as the gross
 *   position value stays within `leverage` × equity once the order filled. Buying power = leverage ×
 *   equity − |position| × price, all valued at the order's check price; an order that makes
 *   |position| larger needs (units added to |position|) × price + leverage × commission of it (the
 *   commission lowers equity, and so leverage times as much buying power). An order that only brings
 *   the position closer to flat, or flips it to a position no larger, is always accepted. With
 *   leverage 1 a long behaves as in a cash account. No interest and no margin calls: the check runs
 *   on orders only (`limits` can act on market moves, e.g. `maxLeverage` with `onHardBreach`).
 *
 * When the check runs is that of backtrader's default broker (`BackBroker`, `checksubmit=True`), so
 * long-only strategies trade alike in both:
 * 1. At submission (after the validity checks and `limits`): against the cash (margin: buying power)
 *    left once the orders submitted earlier while the same bar was processed, and still open, are
 *    pseudo-executed in order. Each is valued at its check price plus its commission there: a market
 *    order at the last price known (the last close, or a later fill's price), a limit order at its
 *    limit price, a stop or stop-limit order at its stop price; no slippage. Orders resting from
 *    earlier bars are not counted (they are checked again when they fill), and an order cancelled
 *    or filled stops counting at once. A market order submitted before any price is known (onStart)
 *    is only checked at its fill (its short-sale check still runs).
 * 2. At the fill: with the real fill price (slippage included) and commission, against the cash and
 *    position at that moment (earlier fills on the same bar included). An accepted order that became
 *    unaffordable (a gap open, cash spent by another fill) is rejected there instead of filling.
 *
 * Unlike backtrader, a rejected order does not count against the orders submitted after it, an
 * order that would flip a position is accepted or rejected whole (orders fill whole), and an order
 * submitted in onOrderFilled is checked against the cash at that moment rather than after every fill
 * of the bar (its fill is checked again anyway).
 */
export type AccountConfig =
  | { type: 'cash' }
  /** `leverage`: gross position value allowed per unit of equity, from 1 to 100 (2 is Reg T's initial margin). */
  | { type: 'margin'; leverage: number };

/** Settings of a backtest (or a paper-trading run); every field has a default. */
export interface BacktestConfig {
  /** Starting cash. Default 100,000. */
  initialCash?: number;
  /** Which orders the run can pay for; see {@link AccountConfig}. Default `{ type: 'cash' }`. */
  account?: AccountConfig;
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
