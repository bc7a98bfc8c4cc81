import type { Fill, Order } from '@nautilus/sdk';
import { type ExecutionQuality, type MeasuredOrder, measuredExecutionQuality } from './execution-figures.ts';

/** Bars the orders traded on, column-wise by bar index (a backtest's bars, index = `barIndex`). */
export interface ExecutionBars {
  readonly open: ArrayLike<number>;
  readonly close: ArrayLike<number>;
}

export type { ExecutionFigures, ExecutionQuality } from './execution-figures.ts';

const CONVENTIONS =
  'slippage against the open of the bar that filled; decision price = close of the bar the strategy submitted on (it decides after the close); arrival price = open of the next bar; side = +1 buy, −1 sell; bps positive = cost; rejected and denied orders count as unfilled in the fill ratio and add no opportunity cost; orders submitted in onStart (bar −1) have no decision price and are left out of the price figures';

/**
 * Implementation shortfall (Perold 1988) against the decision and the arrival price, slippage in bps,
 * fill ratio, and the same by order type. Orders and fills are matched by order id.
 */
export function executionQuality(orders: readonly Order[], fills: readonly Fill[], bars: ExecutionBars): ExecutionQuality {
  const fillsByOrder = new Map<number, Fill[]>();
  for (const fill of fills) fillsByOrder.set(fill.orderId as number, [...(fillsByOrder.get(fill.orderId as number) ?? []), fill]);
  const lastClose = bars.close.length > 0 ? bars.close[bars.close.length - 1]! : null;
  const measured = orders.map((order): MeasuredOrder => {
    const orderFills = fillsByOrder.get(order.id as number) ?? [];
    return {
      type: order.type,
      side: order.side,
      quantity: order.quantity,
      status: order.status,
      filledQuantity: orderFills.reduce((sum, fill) => sum + fill.quantity, 0),
      commission: orderFills.reduce((sum, fill) => sum + fill.commission, 0),
      decisionPrice: order.submittedBarIndex >= 0 ? (bars.close[order.submittedBarIndex] ?? null) : null,
      arrivalPrice: bars.open[order.submittedBarIndex + 1] ?? null,
      fills: orderFills.map((fill) => ({
        price: fill.price,
        quantity: fill.quantity,
        barOpen: bars.open[fill.barIndex] ?? null,
      })),
    };
  });
  return measuredExecutionQuality(measured, lastClose, CONVENTIONS);
}
