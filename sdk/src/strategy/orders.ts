import type { LimitFinding } from '../risk/limits.ts';

/** `'buy'` adds to a long position or covers a short one; `'sell'` the reverse. */
export type OrderSide = 'buy' | 'sell';

/**
 * - `market`: fills at the open of the next bar (or, with `fillAt: 'close'`, at the close of the bar
 *   that decided it), plus slippage.
 * - `limit`: a buy fills when a bar's low reaches `limitPrice`, at that price or the bar's open when
 *   the bar opens below it; sells mirror this. No slippage: a limit price is a promise.
 * - `stop`: a buy triggers when a bar's high reaches `stopPrice` and fills at that price or the bar's
 *   open when the bar gaps above it, plus slippage; sells mirror this.
 * - `stop-limit`: triggers like a stop, then rests as a limit order at `limitPrice`.
 */
export type OrderType = 'market' | 'limit' | 'stop' | 'stop-limit';

/**
 * - `gtc`: good till cancelled (the default).
 * - `day`: live through the session day of the first bar it can fill on, then expires.
 * - `ioc`: immediate or cancel: gets exactly one bar (the next) to fill, then expires.
 */
export type TimeInForce = 'gtc' | 'day' | 'ioc';

/**
 * `open` orders rest until they fill; the others are final. `expired` means the time in force ran
 * out. `rejected`: the broker refused it, because it was invalid or because the account could not
 * pay for it (`config.account`: too little cash or buying power, or a short sale in a cash account),
 * at submission or at the fill; it never filled. `denied`: a pre-trade limit (`config.limits`)
 * refused it at submission. `reason` says why in words either way.
 */
export type OrderStatus = 'open' | 'filled' | 'cancelled' | 'expired' | 'rejected' | 'denied';

/** Orders are numbered 1, 2, 3… in the order the strategy submits them. */
export type OrderId = number;

/** Everything about an order but its side and quantity; what `ctx.buy(quantity, options)` takes. */
export interface OrderOptions {
  /** Default `'market'`. */
  type?: OrderType;
  /** Required for `limit` and `stop-limit` orders. */
  limitPrice?: number;
  /** Required for `stop` and `stop-limit` orders. */
  stopPrice?: number;
  /** Default `'gtc'`. Market orders always get exactly one bar, so their time in force does not matter. */
  timeInForce?: TimeInForce;
  /** A label of your own, copied to the order and its fills (at most 64 characters kept). */
  tag?: string;
}

/** What `ctx.submitOrder` takes. */
export interface OrderRequest extends OrderOptions {
  side: OrderSide;
  /** Units to trade, > 0; fractions are allowed (crypto). */
  quantity: number;
}

/** An order as the engine keeps it; `ctx.openOrders` and the backtest results list these. */
export interface Order {
  readonly id: OrderId;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly timeInForce: TimeInForce;
  readonly status: OrderStatus;
  /** True once a stop or stop-limit order's stop price was reached. */
  readonly triggered: boolean;
  readonly tag: string | null;
  /** Simulation time (epoch ms) and bar index at which the strategy submitted it; bar index -1 is onStart. */
  readonly submittedTime: number;
  readonly submittedBarIndex: number;
  readonly filledQuantity: number;
  /** Average price of its fills, null until it fills. */
  readonly averageFillPrice: number | null;
  /** When it became final (filled, cancelled, expired, rejected); null while open. */
  readonly closedTime: number | null;
  /**
   * Why it was rejected, denied, expired or cancelled by the engine, in words. A rejection for want
   * of money says what the order needs and what was available, e.g. `insufficient cash at submission:
   * the order needs 10000.01 (100 × 100.0001 + commission 0.00) but 10000.00 is available; …`.
   */
  readonly reason: string | null;
}

/** One execution. Orders fill whole: one fill per filled order. */
export interface Fill {
  readonly orderId: OrderId;
  readonly side: OrderSide;
  readonly quantity: number;
  /** Execution price, slippage included. */
  readonly price: number;
  /** Commission charged on this fill, in account currency. */
  readonly commission: number;
  /** Simulation time (epoch ms) of the bar whose prices filled the order, and its index. */
  readonly time: number;
  readonly barIndex: number;
  readonly tag: string | null;
}

/** What onOrderDenied receives: the denied order (status `denied`) and the limit that denied it. */
export interface OrderDenial {
  readonly order: Order;
  readonly finding: LimitFinding;
}

/** What `ctx.order` returns: the order's id and what the pre-trade check said at submission. */
export interface OrderTicket {
  readonly id: OrderId;
  /**
   * `open` when it was accepted (it may fill later, or still be rejected at the fill if it became
   * unaffordable), else `rejected` (invalid, or the account cannot pay for it) or `denied` (a limit
   * refused it).
   */
  readonly status: 'open' | 'rejected' | 'denied';
  readonly accepted: boolean;
  /** Why it was not accepted, in words; null when it was. */
  readonly reason: string | null;
  /** The hard finding of a denied order. */
  readonly denial: LimitFinding | null;
  /** Warn-level findings of an accepted order. */
  readonly warnings: readonly LimitFinding[];
}
