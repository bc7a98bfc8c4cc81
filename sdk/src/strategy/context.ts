import type { TradingMode } from '../risk/limits.ts';
import type { Indicators } from './indicators.ts';
import type { Order, OrderId, OrderOptions, OrderRequest, OrderTicket } from './orders.ts';
import type { ParamValues } from './params.ts';

/** One closed OHLCV bar. `time` is its open time in epoch ms (UTC), as in every Nautilus frame. */
export interface Bar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** The strategy's holding: quantity > 0 is long, < 0 short, 0 flat. */
export interface Position {
  readonly quantity: number;
  /** Average entry price of the open quantity; 0 when flat. */
  readonly avgPrice: number;
}

/** Price levels of one side of `ctx.book`, best first: `price[i]` holds `size[i]`. */
export interface StrategyBookSide {
  readonly price: readonly number[];
  readonly size: readonly number[];
}

/**
 * The instrument's order book as it stood when the bar was handed to the strategy (paper and live
 * deployments whose bars source has a book source beside it in the same plugin): the best 10 levels
 * a side. Read-only; a new object whenever the book changed.
 */
export interface StrategyBook {
  /** Epoch ms of the book's last change. */
  readonly time: number;
  /** Best bid and ask prices; undefined when that side is empty. */
  readonly bestBid: number | undefined;
  readonly bestAsk: number | undefined;
  /** bestAsk − bestBid, and their midpoint; undefined when a side is empty. */
  readonly spread: number | undefined;
  readonly mid: number | undefined;
  /** Up to 10 levels a side, best first. */
  readonly bids: StrategyBookSide;
  readonly asks: StrategyBookSide;
}

/** `ctx.regime`: the most probable of the six regimes at the last closed bar, and all six probabilities. */
export interface StrategyRegime {
  /** `<trend>-<volatility>`, e.g. `up-low`. */
  readonly id: string;
  readonly trend: 'up' | 'sideways' | 'down';
  readonly volatility: 'high' | 'low';
  /** Filtered probability of this regime given the bars so far. */
  readonly probability: number;
  /** Every regime's probability by id; they sum to 1. */
  readonly probabilities: Readonly<Record<string, number>>;
}

/**
 * What every strategy callback receives: market data up to the last closed bar, the account, and the
 * order entry. Nothing else is reachable from a strategy: no network, no files, no real clock.
 */
export interface StrategyContext<P = ParamValues, S = Record<string, any>> {
  /** The run's parameter values, defaults filled in. Read-only. */
  readonly params: P;
  /** Your own state, kept between callbacks: the object `initialState()` returned, else `{}`. */
  state: S;
  /**
   * The last closed bar. In onBar it is the bar that just closed; in onOrderFilled it is still the
   * bar before the one that filled the order (no peeking at that bar's high, low or close). Before the
   * first bar (onStart) every field is NaN. The engine reuses this object: copy the fields you keep.
   */
  readonly bar: Bar;
  /** Index of `ctx.bar` in the run, 0-based; -1 before the first bar. */
  readonly barIndex: number;
  /**
   * The simulation clock, epoch ms: the time of the bar being processed (bars are stamped with their
   * open time, though onBar runs once the bar has closed). `Date.now()` and `new Date()` return it too.
   */
  readonly time: number;

  /** Open of the bar `barsAgo` bars before `ctx.bar` (0 = `ctx.bar`); undefined before the first bar of the data. Throws beyond `historyLength`. */
  open(barsAgo?: number): number | undefined;
  /** High `barsAgo` bars ago; see `open`. */
  high(barsAgo?: number): number | undefined;
  /** Low `barsAgo` bars ago; see `open`. */
  low(barsAgo?: number): number | undefined;
  /** Close `barsAgo` bars ago, e.g. `ctx.close(1)` for the previous close; see `open`. */
  close(barsAgo?: number): number | undefined;
  /** Volume `barsAgo` bars ago; see `open`. */
  volume(barsAgo?: number): number | undefined;

  /**
   * Submits a buy order and returns its id. A market order by default.
   * @example ctx.buy(100); ctx.buy(100, { type: 'limit', limitPrice: 99.5, timeInForce: 'day' });
   */
  buy(quantity: number, options?: OrderOptions): OrderId;
  /** Submits a sell order (closing a long or opening a short) and returns its id. */
  sell(quantity: number, options?: OrderOptions): OrderId;
  /**
   * Submits any order. An invalid one (quantity <= 0, a limit order without a limit price, too many
   * open orders…) or one the account cannot pay for (see `BacktestConfig.account`) is not thrown at
   * you: it gets status `rejected`, and onOrderRejected is called once the current callback returns.
   */
  submitOrder(request: OrderRequest): OrderId;
  /**
   * Submits any order like `submitOrder`, and says at once whether it was accepted: not invalid, not
   * denied by the run's pre-trade limits (a denied order also reaches onOrderDenied once the current
   * callback returns) and affordable at submission (an accepted order may still be rejected at its fill).
   * @example const ticket = ctx.order({ side: 'buy', quantity: 100 }); if (!ticket.accepted) ctx.log(ticket.reason);
   */
  order(request: OrderRequest): OrderTicket;
  /** Cancels an open order; false when it is not open (already filled, cancelled, unknown). */
  cancel(orderId: OrderId): boolean;
  /** Cancels every open order; returns how many. */
  cancelAll(): number;
  /** Submits a market order that closes the whole position; undefined when flat. */
  liquidate(): OrderId | undefined;

  /** The current position. */
  readonly position: Position;
  /**
   * Cash: initial cash − cost of buys + proceeds of sells − commissions. In a cash account (the
   * default) buys never take it below zero; in a margin account it goes negative when buys borrow.
   */
  readonly cash: number;
  /**
   * What a new order could still spend at the last price: cash in a cash account; leverage × equity −
   * |position| × last price in a margin account. Open orders are not deducted. Size orders within it,
   * leaving room for commission and for the next open gapping away from the last close.
   * @example const quantity = Math.floor((ctx.buyingPower * 0.95) / ctx.bar.close);
   */
  readonly buyingPower: number;
  /** cash + position × last price (the last bar's close, or a later fill's price). */
  readonly equity: number;
  /** Orders still open, oldest first. A fresh read-only snapshot when they changed. */
  readonly openOrders: readonly Order[];
  /**
   * 'normal', or since a hard breach of the run's limits 'reduce-only' (only orders that bring a
   * position closer to flat are accepted) or 'halted' (no orders; onBar is no longer called).
   */
  readonly tradingMode: TradingMode;

  /**
   * The order book (top of book and depth) in paper and live deployments, fed from the book source of
   * the bars source's plugin. Undefined in backtests and replays (no book is recorded with history),
   * when that plugin has no book, and until the first book arrives: check before reading.
   * @example const book = ctx.book; if (book?.spread !== undefined && book.spread < 0.05) ctx.buy(100);
   */
  readonly book: StrategyBook | undefined;

  readonly indicators: Indicators;
  /**
   * The market regime as of `ctx.bar` (`@nautilus/regimes`: trend up / sideways / down × volatility
   * high / low from Gaussian HMMs refitted walk-forward every 21 bars), from the bars of this run up to
   * `ctx.bar` only, so a backtest and a paper deployment see what they could have known. Undefined
   * until the first fit (270 bars, warm-up included). Computed on first read and kept up to date after:
   * about 0.1 ms a bar, so strategies that never read it pay nothing.
   * @example if (ctx.regime?.trend === 'up' && ctx.regime.probability > 0.6) ctx.buy(10);
   */
  readonly regime: StrategyRegime | undefined;
  /**
   * Records a log line stamped with the simulation time. Values are joined with spaces (objects as
   * JSON). Lines are capped per run (default 1000, each at most 1000 characters); the rest are
   * counted as dropped. `console.log` does the same.
   */
  log(...values: unknown[]): void;
  /** A uniform number in [0, 1) from the run's seeded generator: the same seed gives the same run. `Math.random()` draws from it too. */
  random(): number;
}
