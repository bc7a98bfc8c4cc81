import type {
  AccountState,
  CommissionModel,
  Fill,
  LimitFinding,
  Order,
  OrderDenial,
  OrderRequest,
  OrderTicket,
  PreTradeDecision,
  SlippageModel,
  StrategyBook,
  StrategyContext,
  StrategyDefinition,
  TradingMode,
} from '@nautilus/sdk';
import { AccountRule, isNotANumber, submissionPrice } from './account-rule.ts';
import { BarHistory } from './bar-history.ts';
import { commissionFor, slippedPrice } from './costs.ts';
import { describeThrown } from './describe-thrown.ts';
import type { EngineStartOptions, StrategyFailure } from './engine-types.ts';
import { createIndicatorSet } from './indicators/indicator-set.ts';
import { LimitMonitor } from './limits/limit-monitor.ts';
import { OpenOrders } from './open-orders.ts';
import { matchPrice } from './order-matching.ts';
import { Portfolio } from './portfolio.ts';
import { RoundTrips } from './round-trips.ts';
import { RunRecords } from './run-records.ts';
import { RegimeFeed } from './strategy-regime.ts';
import { readOrderRequest, rejectedRequestFields } from './validate-order.ts';
import { WorkingOrder } from './working-order.ts';

const DAY_MS = 86_400_000;
const NO_FINDINGS: readonly LimitFinding[] = Object.freeze([]);
type Callback = (this: StrategyDefinition, ctx: StrategyContext, argument?: never) => unknown;
/** A rejection or denial to tell the strategy about once the callback that submitted the order returned. */
type Notice = { phase: 'onOrderRejected'; argument: Order } | { phase: 'onOrderDenied'; argument: OrderDenial };

/**
 * One strategy's market, account and orders, advanced bar by bar. For each bar: resting orders are
 * matched against it (so an order decided on an earlier bar fills at this bar's prices), then
 * history and indicators take the bar, then onBar runs, then (with fillAt 'close') market orders
 * fill at the close. The strategy never sees a bar before it closed.
 */
export class Simulation {
  readonly portfolio: Portfolio;
  readonly history: BarHistory;
  readonly indicators: ReturnType<typeof createIndicatorSet>;
  /** `ctx.regime`, computed only once read. */
  readonly regime = new RegimeFeed();
  readonly records: RunRecords;
  readonly roundTrips = new RoundTrips();
  readonly bar = { time: Number.NaN, open: Number.NaN, high: Number.NaN, low: Number.NaN, close: Number.NaN, volume: Number.NaN };
  readonly openOrders = new OpenOrders();
  /** Index of the last closed bar (`ctx.barIndex`). */
  barIndex = -1;
  /** Index of the bar being matched or closed; orders submitted now may fill from the next one. */
  processing = -1;
  time: number;
  bars = 0;
  barsInMarket = 0;
  /** Orders that ended `rejected`: invalid, or the account could not pay for them. */
  rejectedOrders = 0;
  failure: StrategyFailure | null = null;
  /** `ctx.book`: the last book the host handed in with bars (paper and live runs only). */
  book: StrategyBook | undefined = undefined;
  ctx!: StrategyContext;
  private readonly definition: StrategyDefinition;
  private readonly onBar: Callback;
  private readonly onOrderFilled: Callback | undefined;
  private readonly commission: CommissionModel;
  private readonly slippage: SlippageModel;
  private readonly fillAtClose: boolean;
  private readonly sessionOffsetMs: number;
  private readonly maxOpenOrders: number;
  /** `config.account`: what the run can pay for, checked at submission and again at the fill. */
  private readonly accountRule: AccountRule;
  private readonly scratch: WorkingOrder[] = [];
  private readonly notices: Notice[] = [];
  /** The run's pre-trade limits; null without `config.limits`, which keeps the order path as it was. */
  private readonly limits: LimitMonitor | null;
  /** What the last `submit` decided, for `ctx.order`'s ticket. */
  private lastStatus: OrderTicket['status'] = 'open';
  private lastReason: string | null = null;
  private lastDecision: PreTradeDecision | null = null;
  private nextOrderId = 1;
  private stopping = false;
  /** Orders before this time are warm-up orders (see EngineStartOptions.liveFrom). */
  private readonly liveFrom: number;

  constructor(definition: StrategyDefinition, options: EngineStartOptions) {
    const { config, limits } = options;
    this.definition = definition;
    this.onBar = definition.onBar as Callback;
    this.onOrderFilled = definition.onOrderFilled as Callback | undefined;
    this.portfolio = new Portfolio(config.initialCash);
    this.history = new BarHistory(config.historyLength);
    this.indicators = createIndicatorSet(this.history);
    this.records = new RunRecords(limits);
    this.commission = config.commission;
    this.slippage = config.slippage;
    this.fillAtClose = config.fillAt === 'close';
    this.sessionOffsetMs = config.sessionUtcOffsetMinutes * 60_000;
    this.maxOpenOrders = limits.maxOpenOrders;
    this.accountRule = new AccountRule(config.account);
    this.time = options.startTime;
    this.liveFrom = options.liveFrom ?? Number.NEGATIVE_INFINITY;
    this.limits =
      config.limits == null
        ? null
        : new LimitMonitor(config.limits, options.symbol ?? '', config.initialCash, (event) => this.records.riskEvent(event));
    this.limits?.beginBar(options.startTime);
  }

  get tradingMode(): TradingMode {
    return this.limits === null ? 'normal' : this.limits.mode;
  }

  /** Calls a strategy callback; records a failure (thrown, or a returned promise) and returns false on one. */
  invoke(phase: string, callback: Callback | undefined, argument?: unknown): boolean {
    if (callback === undefined) return true;
    try {
      const result: unknown = callback.call(this.definition, this.ctx, argument as never);
      if (result != null && typeof (result as { then?: unknown }).then === 'function') {
        this.fail(phase, 'invalid', {
          name: 'StrategyError',
          message: `${phase} returned a promise. Callbacks must be synchronous: the engine does not wait, so an async callback would still run when the next bar arrives. Remove \`async\`.`,
          stack: '',
          isError: false,
        });
        return false;
      }
    } catch (error) {
      this.fail(phase, 'thrown', describeThrown(error));
      return false;
    }
    return this.notices.length === 0 || this.deliverNotices();
  }

  fail(phase: string, kind: StrategyFailure['kind'], thrown: StrategyFailure['thrown']): void {
    this.failure = { phase, barIndex: this.processing, time: this.time, kind, thrown };
  }

  private deliverNotices(): boolean {
    while (this.notices.length > 0) {
      const { phase, argument } = this.notices.shift()!;
      if (!this.invoke(phase, this.definition[phase] as Callback | undefined, argument)) return false;
    }
    return true;
  }

  processBar(time: number, open: number, high: number, low: number, close: number, volume: number): boolean {
    this.processing = this.barIndex + 1;
    this.time = time;
    const limits = this.limits;
    if (limits !== null) limits.beginBar(time);
    if (this.openOrders.size > 0 && !this.matchOpenOrders(time, open, high, low)) return false;
    this.history.push(time, open, high, low, close, volume);
    this.indicators.update(open, high, low, close, volume);
    this.regime.push(close);
    const bar = this.bar;
    bar.time = time;
    bar.open = open;
    bar.high = high;
    bar.low = low;
    bar.close = close;
    bar.volume = volume;
    this.barIndex = this.processing;
    this.portfolio.lastPrice = close;
    if (limits?.closeBar(time, this.processing, this.portfolio)) {
      this.cancelAll(`trading halted after a hard breach (${limits.cause?.message})`);
    }
    // A halted run keeps marking its positions to market but asks the strategy nothing more.
    if ((limits === null || !limits.halted) && !this.invoke('onBar', this.onBar)) return false;
    if (this.fillAtClose && this.openOrders.size > 0 && !this.fillMarketOrdersAtClose(time, close)) return false;
    this.bars++;
    if (this.portfolio.quantity !== 0) this.barsInMarket++;
    return true;
  }

  private matchOpenOrders(time: number, open: number, high: number, low: number): boolean {
    // Callbacks run while matching may submit or cancel orders: iterate over a snapshot.
    const candidates = this.scratch;
    for (const order of this.openOrders.list) candidates.push(order);
    const day = Math.floor((time + this.sessionOffsetMs) / DAY_MS);
    let ok = true;
    for (let index = 0; index < candidates.length && ok; index++) {
      const order = candidates[index]!;
      if (order.status !== 'open' || order.eligibleBarIndex > this.processing) continue;
      if (order.timeInForce === 'day') {
        if (Number.isNaN(order.sessionDay)) order.sessionDay = day;
        else if (day !== order.sessionDay) {
          this.close(order, 'expired', 'a day order expires at the end of its session day');
          continue;
        }
      }
      const wasTriggered = order.triggered;
      let price = matchPrice(order, open, high, low);
      if (!Number.isNaN(price)) {
        if (order.type === 'market' || order.type === 'stop') price = slippedPrice(this.slippage, order.side, price);
        ok = this.fill(order, price, time);
      } else if (order.timeInForce === 'ioc') {
        this.close(order, 'expired', 'an ioc order expires when its first bar does not fill it');
      } else if (order.triggered !== wasTriggered) {
        this.openOrders.changed();
      }
    }
    candidates.length = 0;
    return ok;
  }

  private fillMarketOrdersAtClose(time: number, close: number): boolean {
    for (;;) {
      const order = this.openOrders.list.find((candidate) => candidate.type === 'market');
      if (order === undefined) return true;
      if (!this.fill(order, slippedPrice(this.slippage, order.side, close), time)) return false;
    }
  }

  private fill(order: WorkingOrder, price: number, time: number): boolean {
    const { side, quantity } = order;
    const commission = commissionFor(this.commission, quantity, price);
    const portfolio = this.portfolio;
    const problem = this.accountRule.problem(
      portfolio.cash,
      portfolio.quantity,
      side,
      quantity,
      price,
      commission,
      'at the fill',
      false,
    );
    if (problem !== null) {
      this.close(order, 'rejected', problem);
      return this.invoke('onOrderRejected', this.definition.onOrderRejected as Callback | undefined, order.toRecord());
    }
    const positionBefore = portfolio.quantity;
    const avgPriceBefore = portfolio.avgPrice;
    portfolio.apply(side, quantity, price, commission);
    order.filledQuantity = quantity;
    order.averageFillPrice = price;
    this.close(order, 'filled', null);
    const fill: Fill = Object.freeze({
      orderId: order.id,
      side,
      quantity,
      price,
      commission,
      time,
      barIndex: this.processing,
      tag: order.tag,
    });
    this.records.fill(fill);
    const trade = this.roundTrips.onFill(
      positionBefore,
      avgPriceBefore,
      side,
      quantity,
      price,
      commission,
      time,
      this.processing,
    );
    if (trade !== null) this.records.trade(trade);
    return this.invoke('onOrderFilled', this.onOrderFilled, fill);
  }

  private close(order: WorkingOrder, status: 'filled' | 'cancelled' | 'expired' | 'rejected', reason: string | null): void {
    order.close(status, this.time, reason);
    this.openOrders.remove(order);
    if (status === 'rejected') this.rejectedOrders++;
    this.records.order(order.toRecord());
  }

  submit(request: OrderRequest): number {
    const id = this.nextOrderId++;
    const fields = readOrderRequest(request);
    let reason = typeof fields === 'string' ? fields : null;
    if (reason === null && this.stopping) reason = 'submitted in onStop: the run has ended';
    if (reason === null && this.time < this.liveFrom) {
      reason = 'warm-up: orders on the history before the deployment went live are not placed, so its account starts flat';
    }
    if (reason === null && this.openOrders.size >= this.maxOpenOrders) {
      reason = `too many open orders (the limit is ${this.maxOpenOrders}); cancel some first`;
    }
    const order = new WorkingOrder(
      { ...(typeof fields === 'string' ? rejectedRequestFields(request) : fields), id },
      this.time,
      this.processing,
    );
    let denial: LimitFinding | null = null;
    this.lastDecision = null;
    if (reason === null && this.limits !== null) {
      const decision = this.checkLimits(order);
      this.lastDecision = decision;
      if (decision.denial !== undefined) {
        denial = decision.denial;
        reason = denial.message;
      }
    }
    if (reason === null) reason = this.affordability(order);
    this.lastReason = reason;
    if (reason === null) {
      this.lastStatus = 'open';
      this.openOrders.add(order);
      return id;
    }
    this.lastStatus = denial === null ? 'rejected' : 'denied';
    if (denial === null) this.rejectedOrders++;
    order.close(this.lastStatus, this.time, reason);
    const record = order.toRecord();
    this.records.order(record);
    if (this.stopping) return id;
    if (denial === null) this.notices.push({ phase: 'onOrderRejected', argument: record });
    else this.notices.push({ phase: 'onOrderDenied', argument: Object.freeze({ order: record, finding: denial }) });
    return id;
  }

  /** `ctx.order`: submits, then says what the checks decided. */
  order(request: OrderRequest): OrderTicket {
    const id = this.submit(request);
    const decision = this.lastDecision;
    return Object.freeze({
      id,
      status: this.lastStatus,
      accepted: this.lastStatus === 'open',
      reason: this.lastReason,
      denial: decision?.denial ?? null,
      warnings: decision === null ? NO_FINDINGS : decision.warnings,
    });
  }

  /**
   * The account's check at submission, as backtrader's broker makes it before accepting an order: the
   * orders accepted while this bar is processed, still open, are pseudo-executed in order at their
   * submission prices with their commissions, then this one is checked against what is left.
   */
  private affordability(order: WorkingOrder): string | null {
    const portfolio = this.portfolio;
    const last = portfolio.lastPrice;
    let cash = portfolio.cash;
    let position = portfolio.quantity;
    let pending = false;
    for (const open of this.openOrders.list) {
      if (open.submittedBarIndex !== this.processing) continue;
      pending = true;
      const price = submissionPrice(open.type, open.limitPrice, open.stopPrice, last);
      const signed = open.side === 'buy' ? open.quantity : -open.quantity;
      if (!isNotANumber(price)) cash -= signed * price + commissionFor(this.commission, open.quantity, price);
      position += signed;
    }
    const price = submissionPrice(order.type, order.limitPrice, order.stopPrice, last);
    const commission = isNotANumber(price) ? 0 : commissionFor(this.commission, order.quantity, price);
    return this.accountRule.problem(cash, position, order.side, order.quantity, price, commission, 'at submission', pending);
  }

  /** `ctx.buyingPower`: what a new order could spend at the last price, open orders not deducted. */
  buyingPower(): number {
    const portfolio = this.portfolio;
    return this.accountRule.buyingPower(portfolio.cash, portfolio.quantity, portfolio.lastPrice);
  }

  private checkLimits(order: WorkingOrder): PreTradeDecision {
    let pendingBuy = 0;
    let pendingSell = 0;
    for (const open of this.openOrders.list) {
      if (open.side === 'buy') pendingBuy += open.quantity;
      else pendingSell += open.quantity;
    }
    return this.limits!.check(order, order.id, this.time, this.processing, this.portfolio, pendingBuy, pendingSell);
  }

  cancel(orderId: number): boolean {
    const order = this.openOrders.find(orderId);
    if (order === undefined) return false;
    this.close(order, 'cancelled', null);
    return true;
  }

  cancelAll(reason: string | null = null): number {
    const count = this.openOrders.size;
    for (const order of [...this.openOrders.list]) this.close(order, 'cancelled', reason);
    return count;
  }

  stop(): boolean {
    this.stopping = true;
    return this.invoke('onStop', this.definition.onStop as Callback | undefined);
  }

  account(): AccountState {
    const portfolio = this.portfolio;
    return {
      barIndex: this.barIndex,
      time: this.time,
      cash: portfolio.cash,
      position: { quantity: portfolio.quantity, avgPrice: portfolio.avgPrice },
      equity: portfolio.equityAt(portfolio.lastPrice),
      realisedPnl: portfolio.realised,
      unrealisedPnl: portfolio.unrealised,
      fees: portfolio.fees,
      openOrders: [...this.openOrders.records()],
    };
  }
}
