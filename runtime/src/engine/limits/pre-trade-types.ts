import type { LimitFinding, OrderSide, OrderType, TradingMode } from '@nautilus/sdk';
import type { OrderTimeRing } from './order-time-ring.ts';

/** The order to check. Prices that are absent, NaN or <= 0 count as not given. */
export interface OrderIntent {
  symbol: string;
  side: OrderSide;
  /** Units, > 0. */
  quantity: number;
  /** Default 'market'. */
  type?: OrderType;
  limitPrice?: number;
  stopPrice?: number;
  /** The price to value a market order at when the instrument has no position (hence no mark) yet. */
  price?: number;
}

/** One instrument held (or with open orders), marked at `price`. */
export interface PositionState {
  symbol: string;
  /** Signed: > 0 long, < 0 short. */
  quantity: number;
  /** The mark: last trade or close. NaN when not known yet. */
  price: number;
  /** Units of open buy and sell orders, counted as if they filled (worst case for the order's side). */
  pendingBuy?: number;
  pendingSell?: number;
}

/**
 * The account the check reads; nothing in it is changed by the check. The caller keeps it current:
 * equity marked to market, start-of-day equity of the day in maxDailyLoss's time zone
 * (`limitDayOf`), peak equity, and the times of accepted orders (`orderTimes.push(now)` after each).
 */
export interface PortfolioState {
  positions: readonly PositionState[];
  equity: number;
  startOfDayEquity: number;
  peakEquity: number;
  /** Times of recently accepted orders, for maxOrderRate; without it earlier orders are not counted. */
  orderTimes?: OrderTimeRing;
  /**
   * Set once a hard breach switched trading to 'reduce-only' or 'halted' (with onHardBreach of the
   * same name); `cause` is that breach, quoted by the denials it causes. Absent or null: normal.
   */
  restriction?: TradingRestriction | null;
}

export interface TradingRestriction {
  mode: Exclude<TradingMode, 'normal'>;
  cause: LimitFinding;
}

/**
 * Daily return volatilities (fractions) and optionally their correlations, for maxVar; n symbols,
 * `correlation` n × n row-major. Without correlations the instruments are taken as perfectly
 * correlated (an upper bound). A covariance matrix C converts as σᵢ = √Cᵢᵢ, ρᵢⱼ = Cᵢⱼ / (σᵢσⱼ).
 * Inputs that cannot give a VaR (a symbol twice, a volatility < 0 or not finite, a matrix of the
 * wrong size, not symmetric, beyond ±1, with a diagonal other than 1, or not positive semi-definite;
 * rounding of 1e-9 is forgiven) make maxVar a hard breach saying why: the check fails closed.
 */
export interface VarInputs {
  symbols: readonly string[];
  volatility: ArrayLike<number>;
  correlation?: ArrayLike<number>;
}

export interface CheckContext {
  /** Epoch ms of the check: the simulation clock in a run, the wall clock live. */
  now: number;
  /** Overrides maxVar's own `volatility`. Prepared once per object (cached), so reuse the object. */
  var?: VarInputs;
}
