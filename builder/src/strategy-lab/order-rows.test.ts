import type { Order } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { orderRows, rejectedCount } from './order-rows.ts';

const order = (id: number, status: Order['status'], reason: string | null = null): Order => ({
  id,
  side: 'buy',
  type: 'market',
  quantity: 100,
  limitPrice: null,
  stopPrice: null,
  timeInForce: 'gtc',
  status,
  triggered: false,
  tag: null,
  submittedTime: 0,
  submittedBarIndex: 0,
  filledQuantity: status === 'filled' ? 100 : 0,
  averageFillPrice: status === 'filled' ? 100 : null,
  closedTime: 86_400_000,
  reason,
});

describe('order rows', () => {
  it('keys each order by its id and keeps its status and reason', () => {
    const reason =
      'insufficient cash at the fill: the order needs 10001.00 (100 × 100.01 + commission 0.00) but 10000.00 is available';
    expect(orderRows([order(1, 'filled'), order(2, 'rejected', reason)]).map((row) => [row.key, row.status, row.reason])).toEqual(
      [
        [1, 'filled', null],
        [2, 'rejected', reason],
      ],
    );
  });

  it("counts rejections from the result's own count, which includes orders it did not keep", () => {
    expect(rejectedCount({ rejectedOrders: 7, orders: [order(1, 'rejected')] })).toBe(7);
  });

  it('counts the kept rejected orders of a result stored before the count existed', () => {
    expect(rejectedCount({ orders: [order(1, 'rejected'), order(2, 'denied'), order(3, 'filled'), order(4, 'rejected')] })).toBe(
      2,
    );
  });
});
