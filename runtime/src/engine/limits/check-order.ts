import type { LimitFinding, PreTradeDecision } from '@nautilus/sdk';
import { accountFinding, drawdownOf, levelOf, varInputsFor } from './account-measures.ts';
import { type CompiledLimits, type PerInstrument, type Threshold, thresholdFor } from './compile-limits.ts';
import { formatNumber, thresholdFinding, type Unit } from './format-finding.ts';
import { fillValues, varianceBeforeAfter } from './parametric-var.ts';
import type { CheckContext, OrderIntent, PortfolioState } from './pre-trade-types.ts';

const NO_WARNINGS = Object.freeze([]) as unknown as LimitFinding[];
/** Shared by every clean acceptance, so the common case allocates nothing. Do not mutate. */
const ACCEPTED: PreTradeDecision = Object.freeze({ accepted: true, warnings: NO_WARNINGS });
const ADDS_RISK = '; only orders that reduce a position are accepted';
const variance = new Float64Array(2);

/**
 * The pre-trade check of one order against a compiled limit set (see `LimitSet` in the sdk for the
 * rules). Pure: reads `state`, changes nothing, allocates only for findings. Checks run in the
 * order of `LIMIT_KINDS` after the trading mode; every limit is checked, so a denied order lists each
 * limit it breaks (`denials`; `denial` is the first). A halted or reduce-only run denies at once.
 * @example
 * const limits = compileLimitSet(set); // once per limit set
 * const now = Date.now();
 * const decision = checkOrder({ symbol: 'SIM:AAPL', side: 'buy', quantity: 100 }, state, limits, { now });
 * if (decision.accepted) state.orderTimes?.push(now);
 */
export function checkOrder(
  order: OrderIntent,
  state: PortfolioState,
  limits: CompiledLimits,
  context: CheckContext,
): PreTradeDecision {
  const { symbol, quantity } = order;
  const signed = order.side === 'buy' ? quantity : -quantity;
  const positions = state.positions;
  let at = -1;
  let grossOthers = 0;
  let netOthers = 0;
  // A held instrument without a price leaves the exposures NaN: its name is the reason.
  let unpriced: string | null = null;
  for (let index = 0; index < positions.length; index++) {
    const position = positions[index]!;
    if (at < 0 && position.symbol === symbol) {
      at = index;
      continue;
    }
    if (position.quantity === 0) continue;
    const value = position.quantity * position.price;
    if (unpriced === null && !Number.isFinite(value)) unpriced = position.symbol;
    grossOthers += Math.abs(value);
    netOthers += value;
  }
  const position = at < 0 ? undefined : positions[at]!;
  // The order's instrument as if every open order on its side filled: the worst case for this order.
  const before =
    position === undefined ? 0 : position.quantity + (signed > 0 ? (position.pendingBuy ?? 0) : -(position.pendingSell ?? 0));
  const after = before + signed;
  const reducing = before > 0 ? signed < 0 && after >= 0 : before < 0 && signed > 0 && after <= 0;
  // A flip closes one position and opens another: it is judged on its result, never as an improvement.
  const flips = before > 0 ? after < 0 : before < 0 && after > 0;

  const restriction = state.restriction;
  if (restriction != null && (restriction.mode === 'halted' || !reducing)) {
    return denied(modeFinding(restriction, order, before));
  }
  // Every limit is checked, so a denial names all the limits the order breaks, not only the first.
  let denials: LimitFinding[] | null = null;
  if (limits.allowed !== null && !limits.allowed.symbols.has(symbol)) {
    denials = add(denials, {
      limit: 'allowedInstruments',
      level: 'hard',
      threshold: limits.allowed.text,
      value: symbol,
      message: `allowedInstruments: ${symbol} is not an allowed instrument (allowed: ${limits.allowed.text})`,
      symbol,
    });
  }
  const now = context.now;
  const hours = limits.hours;
  if (hours !== null) {
    const minute = hours.zone.minuteOfDay(now);
    const inside =
      hours.start < hours.end ? minute >= hours.start && minute < hours.end : minute >= hours.start || minute < hours.end;
    if (!inside || !hours.days[hours.zone.weekday(now)]) {
      const local = hours.zone.describe(now);
      denials = add(denials, {
        limit: 'tradingHours',
        level: 'hard',
        threshold: hours.text,
        value: local,
        message: `tradingHours: ${local} (${hours.zone.timeZone}) is outside trading hours ${hours.window}`,
      });
    }
  }

  let warnings: LimitFinding[] | null = null;
  let finding: LimitFinding | null = null;
  const mark = position !== undefined && position.price > 0 ? position.price : Number.NaN;
  const orderPrice = referencePrice(order);
  // Reasons for values that cannot be computed, built only when that happens.
  const noPrice =
    mark > 0 || orderPrice > 0 ? (unpriced === null ? '' : `no price for ${unpriced}`) : `no price for ${symbol} yet`;

  if (limits.orderQuantity !== null) {
    finding = perInstrument(limits.orderQuantity, symbol, quantity, 'order quantity', 'quantity', '');
    if (finding !== null) {
      if (finding.level === 'hard') denials = add(denials, finding);
      else warnings = add(warnings, finding);
    }
  }
  if (limits.orderNotional !== null) {
    const notional = quantity * (orderPrice > 0 ? orderPrice : mark);
    finding = perInstrument(limits.orderNotional, symbol, notional, 'order notional', 'money', noPrice);
    if (finding !== null) {
      if (finding.level === 'hard') denials = add(denials, finding);
      else warnings = add(warnings, finding);
    }
  }
  const rates = limits.orderRates;
  for (let index = 0; index < rates.length; index++) {
    const rate = rates[index]!;
    const count = (state.orderTimes?.countAfter(now - rate.windowMs) ?? 0) + 1;
    const level = levelOf(count, rate);
    if (level === 0) continue;
    const bound = level === 2 ? rate.hard : rate.warn;
    finding = {
      limit: 'maxOrderRate',
      level: level === 2 ? 'hard' : 'warn',
      threshold: bound,
      value: count,
      message: `maxOrderRate: ${formatNumber(count, 0)} orders in ${formatNumber(rate.windowMs)} ms exceeds ${level === 2 ? 'hard' : 'warn'} limit ${formatNumber(bound, 0)}`,
    };
    if (level === 2) denials = add(denials, finding);
    else warnings = add(warnings, finding);
  }
  // Exposure and loss limits never stand in the way of closing.
  if (reducing) return decide(denials, warnings);

  if (limits.position !== null) {
    finding = worsened(
      limits.position,
      symbol,
      flips ? -1 : Math.abs(before),
      Math.abs(after),
      'resulting position',
      'quantity',
      '',
    );
    if (finding !== null) {
      if (finding.level === 'hard') denials = add(denials, finding);
      else warnings = add(warnings, finding);
    }
  }
  // Exposure values the order's instrument at its mark, else at the order's own price.
  const price = mark > 0 ? mark : orderPrice;
  // The value the order is compared with; a flip compares with nothing held.
  const valueBefore = before === 0 || flips ? 0 : before * price;
  const valueAfter = after === 0 ? 0 : after * price;
  const equity = state.equity;
  const equityWhy = equity > 0 ? noPrice : `equity is ${formatNumber(equity)}`;
  if (limits.concentration !== null) {
    finding = worsened(
      limits.concentration,
      symbol,
      equity > 0 ? Math.abs(valueBefore) / equity : Number.NaN,
      equity > 0 ? Math.abs(valueAfter) / equity : Number.NaN,
      'resulting share of equity',
      'fraction',
      equityWhy,
    );
    if (finding !== null) {
      if (finding.level === 'hard') denials = add(denials, finding);
      else warnings = add(warnings, finding);
    }
  }
  const grossBefore = grossOthers + Math.abs(valueBefore);
  const grossAfter = grossOthers + Math.abs(valueAfter);
  if (limits.grossExposure !== null) {
    finding = worsened(limits.grossExposure, null, grossBefore, grossAfter, 'resulting gross exposure', 'money', noPrice);
    if (finding !== null) {
      if (finding.level === 'hard') denials = add(denials, finding);
      else warnings = add(warnings, finding);
    }
  }
  if (limits.netExposure !== null) {
    const netBefore = Math.abs(netOthers + valueBefore);
    const netAfter = Math.abs(netOthers + valueAfter);
    finding = worsened(limits.netExposure, null, netBefore, netAfter, 'resulting net exposure', 'money', noPrice);
    if (finding !== null) {
      if (finding.level === 'hard') denials = add(denials, finding);
      else warnings = add(warnings, finding);
    }
  }
  if (limits.leverage !== null) {
    const leverageBefore = equity > 0 ? grossBefore / equity : Number.NaN;
    const leverageAfter = equity > 0 ? grossAfter / equity : Number.NaN;
    finding = worsened(limits.leverage, null, leverageBefore, leverageAfter, 'resulting leverage', 'ratio', equityWhy);
    if (finding !== null) {
      if (finding.level === 'hard') denials = add(denials, finding);
      else warnings = add(warnings, finding);
    }
  }
  const varLimit = limits.var;
  if (varLimit !== null) {
    const ready = varInputsFor(limits, context.var);
    let varBefore = Number.NaN;
    let varAfter = Number.NaN;
    let why = noPrice;
    if (ready === null) why = "no volatilities: give maxVar's volatility or the check's var inputs";
    else {
      const index = ready.index.get(symbol) ?? -1;
      if (!fillValues(ready, positions, at, flips ? 0 : before)) why = ready.missing!;
      else if (index < 0 && after !== 0) why = `no volatility for ${symbol}`;
      else {
        varianceBeforeAfter(ready, index, valueAfter - valueBefore, variance);
        varBefore = varLimit.z * Math.sqrt(Math.max(0, variance[0]!));
        varAfter = varLimit.z * Math.sqrt(Math.max(0, variance[1]!));
      }
    }
    finding = worsened(varLimit, null, varBefore, varAfter, varLimit.what, 'money', why);
    if (finding !== null) {
      if (finding.level === 'hard') denials = add(denials, finding);
      else warnings = add(warnings, finding);
    }
  }
  if (limits.dailyLoss !== null) {
    const loss = state.startOfDayEquity - equity;
    const level = levelOf(loss, limits.dailyLoss);
    if (level === 2) denials = add(denials, accountFinding(limits, 0, 'hard', loss, 'no equity', ADDS_RISK));
    if (level === 1) warnings = add(warnings, accountFinding(limits, 0, 'warn', loss, ''));
  }
  if (limits.drawdown !== null) {
    const drawdown = drawdownOf(state);
    const level = levelOf(drawdown, limits.drawdown);
    if (level === 2) denials = add(denials, accountFinding(limits, 1, 'hard', drawdown, 'no positive peak equity', ADDS_RISK));
    if (level === 1) warnings = add(warnings, accountFinding(limits, 1, 'warn', drawdown, ''));
  }
  return decide(denials, warnings);
}

/** The price an order is valued at when it has one of its own: limit (limit, stop-limit), stop, or the given price. */
function referencePrice(order: OrderIntent): number {
  const type = order.type ?? 'market';
  const price = type === 'limit' || type === 'stop-limit' ? order.limitPrice : type === 'stop' ? order.stopPrice : order.price;
  return price !== undefined && price > 0 ? price : Number.NaN;
}

function perInstrument(
  slot: PerInstrument,
  symbol: string,
  value: number,
  what: string,
  unit: Unit,
  why: string,
): LimitFinding | null {
  const threshold = thresholdFor(slot, symbol);
  if (threshold === null) return null;
  const level = levelOf(value, threshold);
  if (level === 0) return null;
  return thresholdFinding(
    threshold.kind,
    level === 2 ? 'hard' : 'warn',
    level === 2 ? threshold.hard : threshold.warn,
    value,
    what,
    unit,
    symbol,
    why,
  );
}

/** A finding only when the order makes the measure worse (or it cannot be computed). */
function worsened(
  slot: PerInstrument | Threshold,
  symbol: string | null,
  before: number,
  after: number,
  what: string,
  unit: Unit,
  why: string,
): LimitFinding | null {
  if (after <= before) return null;
  if (symbol === null) {
    const threshold = slot as Threshold;
    const level = levelOf(after, threshold);
    if (level === 0) return null;
    return thresholdFinding(
      threshold.kind,
      level === 2 ? 'hard' : 'warn',
      level === 2 ? threshold.hard : threshold.warn,
      after,
      what,
      unit,
      undefined,
      why,
    );
  }
  return perInstrument(slot as PerInstrument, symbol, after, what, unit, why);
}

function add(findings: LimitFinding[] | null, finding: LimitFinding): LimitFinding[] {
  if (findings === null) return [finding];
  findings.push(finding);
  return findings;
}

/** Denied when any limit's hard threshold is crossed: `denial` is the first in check order, `denials` all of them. */
function decide(denials: LimitFinding[] | null, warnings: LimitFinding[] | null): PreTradeDecision {
  if (denials !== null) return { accepted: false, denial: denials[0]!, denials, warnings: warnings ?? [] };
  return warnings === null ? ACCEPTED : { accepted: true, warnings };
}

function denied(denial: LimitFinding): PreTradeDecision {
  return { accepted: false, denial, denials: [denial], warnings: [] };
}

function modeFinding(restriction: NonNullable<PortfolioState['restriction']>, order: OrderIntent, before: number): LimitFinding {
  const { cause } = restriction;
  const message =
    restriction.mode === 'halted'
      ? `${cause.limit}: trading is halted after a hard breach (${cause.message}); no orders are accepted`
      : `${cause.limit}: reduce-only after a hard breach (${cause.message}); ${order.side} ${formatNumber(order.quantity, 8)} ${order.symbol} does not bring the position (${formatNumber(before, 8)} with open orders) closer to flat`;
  const finding: LimitFinding = { limit: cause.limit, level: 'hard', threshold: cause.threshold, value: cause.value, message };
  if (cause.symbol !== undefined) finding.symbol = cause.symbol;
  return finding;
}
