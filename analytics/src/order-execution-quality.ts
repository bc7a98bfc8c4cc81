import { type ExecutionQuality, type MeasuredOrder, measuredExecutionQuality } from './execution-figures.ts';

/**
 * An order with the prices its execution is measured against already recorded (a paper deployment
 * keeps no bar index the analytics could look them up by). Orders fill whole, so one fill price.
 */
export interface PricedOrder {
  readonly type: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: number;
  readonly status: string;
  readonly filledQuantity: number;
  readonly averageFillPrice: number | null;
  readonly commission: number;
  /** The last close the strategy saw when it decided; null for orders placed in onStart. */
  readonly decisionPrice: number | null;
  /** The open of the first bar the order could trade on; null while that bar has not come. */
  readonly arrivalPrice: number | null;
  /** The open of the bar that filled it; null unless it filled. */
  readonly fillBarOpen: number | null;
}

const CONVENTIONS =
  'slippage against the open of the bar that filled; decision price = the last close the strategy saw when it placed the order; arrival price = open of the next bar (when the order reached the simulated market); side = +1 buy, −1 sell; bps positive = cost; rejected and denied orders count as unfilled in the fill ratio and add no opportunity cost; opportunity cost of unfilled quantity at the last price; orders without a decision price (onStart) are left out of the decision figures';

/**
 * The figures of `executionQuality` (Perold's implementation shortfall against the decision and the
 * arrival price, slippage in bps, fill ratio, by order type) from orders whose prices were recorded
 * as they traded; `lastPrice` values the unfilled quantity.
 */
export function pricedExecutionQuality(orders: readonly PricedOrder[], lastPrice: number | null): ExecutionQuality {
  const measured = orders.map(
    (order): MeasuredOrder => ({
      ...order,
      fills:
        order.filledQuantity > 0 && order.averageFillPrice !== null
          ? [{ price: order.averageFillPrice, quantity: order.filledQuantity, barOpen: order.fillBarOpen }]
          : [],
    }),
  );
  return measuredExecutionQuality(measured, lastPrice, CONVENTIONS);
}
