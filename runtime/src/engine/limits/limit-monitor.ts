import type { LimitFinding, LimitSet, OrderSide, OrderType, PreTradeDecision, RiskEvent, TradingMode } from '@nautilus/sdk';
import { ACCOUNT_LIMITS, accountFinding, accountWhy, drawdownOf, levelOf, thresholdOf } from './account-measures.ts';
import { checkOrder } from './check-order.ts';
import { type CompiledLimits, compileLimits, limitDayOf, type Threshold } from './compile-limits.ts';
import { OrderTimeRing } from './order-time-ring.ts';
import type { CheckContext, OrderIntent, PortfolioState, PositionState } from './pre-trade-types.ts';

/** What the monitor needs of an order the strategy submitted (a WorkingOrder's fields). */
export interface SubmittedOrder {
  side: OrderSide;
  type: OrderType;
  quantity: number;
  limitPrice: number;
  stopPrice: number;
}

/** The account as the simulation holds it, read when an order is checked or a bar closes. */
export interface HeldAccount {
  quantity: number;
  lastPrice: number;
  equityAt(price: number): number;
}

/**
 * One run's limits: keeps the state the check reads (start-of-day equity in maxDailyLoss's time zone,
 * peak equity, times of accepted orders, the trading mode) current as the run advances, checks the
 * strategy's orders, evaluates market-move limits at each bar's close and records what it finds.
 * The run trades one instrument, so the state holds one position, updated in place.
 */
export class LimitMonitor {
  readonly limits: CompiledLimits;
  private readonly position: PositionState;
  private readonly state: PortfolioState;
  private readonly context: CheckContext = { now: Number.NaN };
  private readonly intent: OrderIntent;
  private readonly orderTimes: OrderTimeRing | undefined;
  private readonly measures = new Float64Array(ACCOUNT_LIMITS.length);
  private readonly levels = new Int8Array(ACCOUNT_LIMITS.length);
  private readonly record: (event: RiskEvent) => void;
  /** z × the traded instrument's daily volatility, for its one-position VaR; NaN without one. */
  private readonly varPerValue: number;
  private day = Number.NaN;
  /** Times before this are surely still in `day` (2 h before its local end, whatever DST does). */
  private daySurelyEndsAfter = Number.NEGATIVE_INFINITY;
  private dayStartedAt = Number.POSITIVE_INFINITY;
  private readonly accountThresholds: readonly (Threshold | null)[];
  private lastCloseEquity: number;

  constructor(limitSet: LimitSet, symbol: string, initialCash: number, record: (event: RiskEvent) => void) {
    this.limits = compileLimits(limitSet);
    this.record = record;
    this.position = { symbol, quantity: 0, price: Number.NaN, pendingBuy: 0, pendingSell: 0 };
    this.orderTimes = this.limits.orderTimesCapacity > 0 ? new OrderTimeRing(this.limits.orderTimesCapacity) : undefined;
    this.state = {
      positions: [this.position],
      equity: initialCash,
      startOfDayEquity: initialCash,
      peakEquity: initialCash,
      orderTimes: this.orderTimes,
      restriction: null,
    };
    this.intent = { symbol, side: 'buy', quantity: 0, type: 'market', limitPrice: Number.NaN, stopPrice: Number.NaN };
    this.lastCloseEquity = initialCash;
    const varLimit = this.limits.var;
    const index = varLimit?.prepared?.index.get(symbol);
    this.accountThresholds = ACCOUNT_LIMITS.map((_, index) => thresholdOf(this.limits, index));
    this.varPerValue =
      varLimit === null || index === undefined || varLimit.prepared!.invalid !== null
        ? Number.NaN
        : varLimit.z * varLimit.prepared!.volatility[index]!;
  }

  get mode(): TradingMode {
    return this.state.restriction?.mode ?? 'normal';
  }

  /** The breach that switched the mode; null while normal. */
  get cause(): LimitFinding | null {
    return this.state.restriction?.cause ?? null;
  }

  get halted(): boolean {
    return this.state.restriction?.mode === 'halted';
  }

  /** A new bar (or onStart's clock): the first bar of a new day takes the last close's equity as its start. */
  beginBar(time: number): void {
    const dailyLoss = this.limits.dailyLoss;
    if (dailyLoss === null || (time >= this.dayStartedAt && time < this.daySurelyEndsAfter)) return;
    const day = limitDayOf(this.limits, time);
    if (day === this.day) return;
    this.day = day;
    this.dayStartedAt = time;
    this.daySurelyEndsAfter = (day + 1) * 86_400_000 - dailyLoss.zone.offsetAt(time) - 7_200_000;
    this.state.startOfDayEquity = this.lastCloseEquity;
  }

  /**
   * Checks an order the strategy submitted; records its warnings or its denial. `pendingBuy` and
   * `pendingSell` are the open orders' quantities.
   */
  check(
    order: SubmittedOrder,
    orderId: number,
    time: number,
    barIndex: number,
    account: HeldAccount,
    pendingBuy: number,
    pendingSell: number,
  ): PreTradeDecision {
    this.refresh(account);
    this.position.pendingBuy = pendingBuy;
    this.position.pendingSell = pendingSell;
    const intent = this.intent;
    intent.side = order.side;
    intent.type = order.type;
    intent.quantity = order.quantity;
    intent.limitPrice = order.limitPrice;
    intent.stopPrice = order.stopPrice;
    this.context.now = time;
    const decision = checkOrder(intent, this.state, this.limits, this.context);
    if (decision.accepted) this.orderTimes?.push(time);
    for (const warning of decision.warnings) this.note(warning, 'warning', time, barIndex, orderId);
    // One denial event per limit the order breaks, so the run's alerts name each of them.
    if (decision.denials !== undefined)
      for (const denial of decision.denials) this.note(denial, 'denial', time, barIndex, orderId);
    return decision;
  }

  /**
   * At a bar's close: updates peak equity, evaluates the market-move limits, records each one whose
   * level rose and, on a hard breach, switches the mode as onHardBreach says. True when this call
   * halted trading (the caller cancels open orders).
   */
  closeBar(time: number, barIndex: number, account: HeldAccount): boolean {
    this.refresh(account);
    const state = this.state;
    this.lastCloseEquity = state.equity;
    if (state.equity > state.peakEquity) state.peakEquity = state.equity;
    // measureAccount for the one position held, without its loops: this runs on every bar.
    const measures = this.measures;
    const equity = state.equity;
    const held = this.position.quantity === 0 ? 0 : Math.abs(this.position.quantity * this.position.price);
    measures[0] = state.startOfDayEquity - equity;
    measures[1] = drawdownOf(state);
    measures[2] = equity > 0 ? held / equity : Number.NaN;
    // Inputs that cannot give a VaR fail closed even with nothing held, as measureAccount does.
    measures[3] = held === 0 && this.limits.var?.prepared?.invalid == null ? 0 : this.varPerValue * held;
    let halted = false;
    for (let index = 0; index < ACCOUNT_LIMITS.length; index++) {
      const threshold = this.accountThresholds[index]!;
      if (threshold === null) continue;
      const value = measures[index]!;
      const level = levelOf(value, threshold);
      const previous = this.levels[index]!;
      this.levels[index] = level;
      if (level <= previous) continue;
      const why = !Number.isNaN(value)
        ? ''
        : index === 3
          ? (this.limits.var?.prepared?.invalid ??
            (Number.isNaN(this.varPerValue)
              ? `no volatility for ${this.position.symbol}`
              : `no price for ${this.position.symbol}`))
          : accountWhy(this.limits, index, state, undefined);
      const switches = level === 2 && state.restriction == null && this.limits.onHardBreach !== 'deny';
      const mode = this.limits.onHardBreach === 'halt' ? 'halted' : 'reduce-only';
      const suffix = switches ? `; trading is now ${mode}` : '';
      const finding = accountFinding(this.limits, index, level === 2 ? 'hard' : 'warn', value, why, suffix);
      if (switches) {
        state.restriction = { mode, cause: finding };
        halted = mode === 'halted';
      }
      this.note(finding, 'breach', time, barIndex, null);
    }
    return halted;
  }

  private refresh(account: HeldAccount): void {
    const position = this.position;
    position.quantity = account.quantity;
    position.price = account.lastPrice;
    this.state.equity = account.equityAt(account.lastPrice);
  }

  private note(finding: LimitFinding, type: RiskEvent['type'], time: number, barIndex: number, orderId: number | null): void {
    this.record({ ...finding, type, time, barIndex, orderId, mode: this.mode });
  }
}
