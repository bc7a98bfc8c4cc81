import type { Fill, Order } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { executionQuality } from './index.ts';

const order = (
  fields: Partial<Order> & Pick<Order, 'id' | 'side' | 'type' | 'quantity' | 'submittedBarIndex' | 'status'>,
): Order => ({
  limitPrice: null,
  stopPrice: null,
  timeInForce: 'gtc',
  triggered: false,
  tag: null,
  submittedTime: 0,
  filledQuantity: 0,
  averageFillPrice: null,
  closedTime: null,
  reason: null,
  ...fields,
});
const fill = (
  orderId: number,
  side: 'buy' | 'sell',
  quantity: number,
  price: number,
  barIndex: number,
  commission = 0,
): Fill => ({
  orderId,
  side,
  quantity,
  price,
  commission,
  time: barIndex,
  barIndex,
  tag: null,
});

// Bars 0..3: open 100, 101, 103, 104; close 100.5, 102, 103.5, 105.
const bars = { open: [100, 101, 103, 104], close: [100.5, 102, 103.5, 105] };

describe('execution quality', () => {
  it('measures shortfall against the decision and arrival prices, slippage and fill ratio, by order type', () => {
    const orders = [
      // Market buy 10 decided at bar 0's close 100.5, arrives at bar 1's open 101, fills at 101.1 (commission 1).
      order({ id: 1, side: 'buy', type: 'market', quantity: 10, submittedBarIndex: 0, status: 'filled' }),
      // Limit sell 10 decided at bar 1's close 102, fills 4 at 103.2 on bar 2 (open 103); 6 never fill.
      order({ id: 2, side: 'sell', type: 'limit', quantity: 10, submittedBarIndex: 1, status: 'cancelled', limitPrice: 103.2 }),
      // A rejected order: unfilled, no opportunity cost.
      order({ id: 3, side: 'buy', type: 'market', quantity: 5, submittedBarIndex: 2, status: 'rejected' }),
    ];
    const quality = executionQuality(orders, [fill(1, 'buy', 10, 101.1, 1, 1), fill(2, 'sell', 4, 103.2, 2)], bars);
    // Fill ratio: (10 + 4) / (10 + 10 + 5) = 0.56.
    expect(quality.fillRatio).toBeCloseTo(0.56, 12);
    expect(quality.filledOrders).toBe(2);
    // Vs decision, bps: buy (101.1 − 100.5) / 100.5 = 59.7015; sell −(103.2 − 102) / 102 = −117.6471;
    // weighted by 10 and 4: (597.015 − 470.588) / 14 = 9.03047.
    expect(quality.shortfallVsDecisionBps).toBeCloseTo(9.03047, 4);
    // Vs arrival: buy (101.1 − 101) / 101 = 9.90099; sell (arrival = bar 2's open 103) −(103.2 − 103) / 103 = −19.41748;
    // (99.0099 − 77.6699) / 14 = 1.52429.
    expect(quality.shortfallVsArrivalBps).toBeCloseTo(1.52429, 4);
    // Both filled on their arrival bar, so slippage against the fill bar's open is the same here.
    expect(quality.slippageBps).toBeCloseTo(1.52429, 4);
    // Perold: buy (101.1 − 100.5) × 10 = 6 + commission 1; sell −(103.2 − 102) × 4 = −4.8;
    // unfilled 6 of the sell: −(105 − 102) × 6 = −18 (the price rose after the decision: selling late would have gained);
    // total 6 + 1 − 4.8 − 18 = −15.8.
    expect(quality.implementationShortfall).toBeCloseTo(-15.8, 10);
    expect(quality.commissions).toBe(1);
    expect(Object.keys(quality.byType)).toEqual(['limit', 'market']);
    expect(quality.byType.market).toMatchObject({ orders: 2, filledOrders: 1, fillRatio: 10 / 15 });
    expect(quality.byType.market!.shortfallVsDecisionBps).toBeCloseTo(59.7015, 3);
    expect(quality.byType.limit!.implementationShortfall).toBeCloseTo(-22.8, 10);
    expect(quality.conventions).toContain('arrival price = open of the next bar');
  });

  it('reads no orders as undefined figures', () => {
    const quality = executionQuality([], [], bars);
    expect(quality).toMatchObject({
      orders: 0,
      fillRatio: null,
      shortfallVsDecisionBps: null,
      slippageBps: null,
      implementationShortfall: 0,
      byType: {},
    });
  });
});
