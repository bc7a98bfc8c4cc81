import type { AccountConfig, OrderSide, OrderType } from '@nautilus/sdk';

/** A shortfall below this fraction of the amount needed is floating-point noise, not a missing cent. */
const TOLERANCE = 1e-10;
// Captured when the engine loads, before any strategy code runs: a strategy that replaces Math.abs or
// Number.isNaN in its realm cannot talk the check out of a rejection.
const { abs, max } = Math;
/** `Number.isNaN` as it was when the engine loaded. */
export const isNotANumber = Number.isNaN;
const NEXT_STEP = 'trade fewer units, or use a margin account (config.account)';

/** When an order is checked: on its way in, or with its real fill price. */
export type CheckMoment = 'at submission' | 'at the fill';

/**
 * The price an order is checked at on submission, as backtrader's broker values it then (its
 * `created.price`): a market order at the last price known (NaN before any), a limit order at its
 * limit, a stop or stop-limit order at its stop price. No slippage.
 */
export function submissionPrice(type: OrderType, limitPrice: number, stopPrice: number, lastPrice: number): number {
  return type === 'market' ? lastPrice : type === 'limit' ? limitPrice : stopPrice;
}

/**
 * `config.account` as the engine applies it to one order at one moment (see `AccountConfig` in the
 * sdk for the rule users read). Pure arithmetic on the numbers it is handed; the simulation supplies
 * the cash and position the order would meet.
 */
export class AccountRule {
  private readonly margin: boolean;
  private readonly leverage: number;

  constructor(config: AccountConfig) {
    this.margin = config?.type === 'margin';
    this.leverage = config?.type === 'margin' ? config.leverage : 1;
  }

  /**
   * Why the account cannot take an order of `quantity` on `side` at `price` paying `commission`,
   * given `cash` and the signed `position`; null when it can. A NaN price (a market order before any
   * price is known) skips the money check. `pending` says the cash and position already count orders
   * accepted on this bar, for the message.
   */
  problem(
    cash: number,
    position: number,
    side: OrderSide,
    quantity: number,
    price: number,
    commission: number,
    moment: CheckMoment,
    pending: boolean,
  ): string | null {
    const after = pending ? ' after the orders accepted on this bar' : '';
    if (!this.margin) {
      if (side === 'sell') {
        // The same dust allowance the portfolio makes when a fractional position closes.
        if (quantity <= position + 1e-12 * max(quantity, abs(position))) return null;
        return (
          `a cash account cannot sell short: the order sells ${quantity} but ${max(position, 0)} ` +
          `${position === 1 ? 'is' : 'are'} held${after}; sell at most the units held, or use a margin account (config.account)`
        );
      }
      if (isNotANumber(price)) return null;
      const needed = quantity * price + commission;
      if (needed <= cash + TOLERANCE * needed) return null;
      const [need, have] = amounts(needed, cash);
      return (
        `insufficient cash ${moment}: the order needs ${need} (${quantity} × ${show(price)} + commission ${amounts(commission, commission)[0]}) ` +
        `but ${have} is available${after}; ${NEXT_STEP}`
      );
    }
    if (isNotANumber(price)) return null;
    const held = abs(position);
    const added = abs(position + (side === 'buy' ? quantity : -quantity)) - held;
    // An order that only brings the position closer to flat frees buying power.
    if (added <= 0) return null;
    // Paying the commission lowers equity, and with it leverage × as much buying power: counting it
    // leverage times keeps gross position value <= leverage × equity after the fill.
    const leverage = this.leverage;
    const needed = added * price + leverage * commission;
    const equity = cash + position * price;
    const available = leverage * equity - held * price;
    if (needed <= available + TOLERANCE * needed) return null;
    const [need, have] = amounts(needed, available);
    const fee = amounts(commission, commission)[0];
    return (
      `insufficient buying power ${moment}: the order needs ${need} (${show(added)} units added to the position's size × ${show(price)} ` +
      `+ ${show(leverage)} × commission ${fee}) but ${have} is available (${show(leverage)} × equity ${amounts(equity, equity)[0]} ` +
      `− position value ${amounts(held * price, held * price)[0]})${after}; trade fewer units, or raise the leverage`
    );
  }

  /** What a new order could spend at `price`: cash, or leverage × equity − gross position value. */
  buyingPower(cash: number, position: number, price: number): number {
    if (!this.margin) return cash;
    if (position === 0) return this.leverage * cash;
    return this.leverage * (cash + position * price) - abs(position) * price;
  }
}

/** Two amounts of money with two decimals, or as many more as it takes to tell them apart. */
function amounts(a: number, b: number): [string, string] {
  let decimals = 2;
  while (decimals < 10 && a !== b && a.toFixed(decimals) === b.toFixed(decimals)) decimals++;
  return [a.toFixed(decimals), b.toFixed(decimals)];
}

/** A price or quantity without float noise (100.00010000000001 reads 100.0001). */
function show(value: number): string {
  return String(Number(value.toPrecision(12)));
}
