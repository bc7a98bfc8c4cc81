import type { OrderSide } from '@nautilus/sdk';

/**
 * Cash and one position under average-cost accounting. Every fill moves cash by −signed quantity ×
 * price − commission, so at any moment equity = cash + quantity × price and
 * equity − initial cash = realised + unrealised − fees.
 */
export class Portfolio {
  cash: number;
  /** Signed: > 0 long, < 0 short. */
  quantity = 0;
  avgPrice = 0;
  /** Price gains of closed quantity, before commissions. */
  realised = 0;
  fees = 0;
  /** The latest price seen: a bar's close, or a later fill's price. NaN before the first. */
  lastPrice = Number.NaN;

  constructor(initialCash: number) {
    this.cash = initialCash;
  }

  apply(side: OrderSide, quantity: number, price: number, commission: number): void {
    const signed = side === 'buy' ? quantity : -quantity;
    const before = this.quantity;
    this.cash -= signed * price + commission;
    this.fees += commission;
    this.lastPrice = price;
    if (before === 0 || before > 0 === signed > 0) {
      const held = Math.abs(before);
      this.avgPrice = (held * this.avgPrice + quantity * price) / (held + quantity);
      this.quantity = before + signed;
      return;
    }
    const closing = Math.min(quantity, Math.abs(before));
    this.realised += closing * (price - this.avgPrice) * (before > 0 ? 1 : -1);
    let after = before + signed;
    // Fractional quantities can leave dust like 1e-17 where the position is really closed.
    if (Math.abs(after) <= 1e-12 * Math.max(Math.abs(before), quantity)) after = 0;
    this.quantity = after;
    if (after === 0) this.avgPrice = 0;
    else if (after > 0 !== before > 0) this.avgPrice = price;
  }

  equityAt(price: number): number {
    return this.quantity === 0 ? this.cash : this.cash + this.quantity * price;
  }

  get unrealised(): number {
    return this.quantity === 0 ? 0 : this.quantity * (this.lastPrice - this.avgPrice);
  }
}
