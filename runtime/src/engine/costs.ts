import type { CommissionModel, OrderSide, SlippageModel } from '@nautilus/sdk';

/** Commission of one fill. */
export function commissionFor(model: CommissionModel, quantity: number, price: number): number {
  switch (model.type) {
    case 'none':
      return 0;
    case 'per-share':
      return Math.max(model.perShare * quantity, model.minimum ?? 0);
    case 'percent':
      return Math.max(model.rate * quantity * price, model.minimum ?? 0);
  }
}

/** The matched price moved against the trader: buys pay more, sells receive less. */
export function slippedPrice(model: SlippageModel, side: OrderSide, price: number): number {
  switch (model.type) {
    case 'none':
      return price;
    case 'fixed':
      return side === 'buy' ? price + model.amount : price - model.amount;
    case 'percent':
      return side === 'buy' ? price * (1 + model.rate) : price * (1 - model.rate);
  }
}
