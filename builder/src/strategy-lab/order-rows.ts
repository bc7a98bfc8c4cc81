import type { Order, OrderStatus } from '@nautilus/sdk';

/** One row of a backtest's orders table. */
export interface OrderRow extends Order {
  key: number;
}

/** Orders as table rows, by id as the result lists them. */
export function orderRows(orders: readonly Order[]): OrderRow[] {
  return orders.map((order) => ({ ...order, key: order.id }));
}

/**
 * How many orders the run had rejected. Results stored before the account check (`config.account`)
 * carry no `rejectedOrders`: their kept orders are counted instead.
 */
export function rejectedCount(result: { rejectedOrders?: number; orders: readonly Pick<Order, 'status'>[] }): number {
  return result.rejectedOrders ?? result.orders.filter((order) => order.status === 'rejected').length;
}

/** Tag colour of each status: refusals stand out, final states that are no one's fault stay grey. */
export const STATUS_COLORS: Record<OrderStatus, string> = {
  open: 'processing',
  filled: 'success',
  cancelled: 'default',
  expired: 'default',
  rejected: 'error',
  denied: 'volcano',
};
