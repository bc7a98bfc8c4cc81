import { describe, expect, it } from 'vitest';
import { type PricedOrder, pricedExecutionQuality } from './index.ts';

const priced = (fields: Partial<PricedOrder> & Pick<PricedOrder, 'type' | 'side' | 'quantity' | 'status'>): PricedOrder => ({
  filledQuantity: 0,
  averageFillPrice: null,
  commission: 0,
  decisionPrice: null,
  arrivalPrice: null,
  fillBarOpen: null,
  ...fields,
});

describe('pricedExecutionQuality', () => {
  // A market buy of 10 decided at 100, arriving at 101, filled at 101.5 (commission 1); a limit
  // sell of 5 decided at 110, arriving at 109, filled at 109 on a bar opening at 108; a limit buy
  // of 10 decided at 100 that expired; the last price is 104.
  const orders = [
    priced({
      type: 'market',
      side: 'buy',
      quantity: 10,
      status: 'filled',
      filledQuantity: 10,
      averageFillPrice: 101.5,
      commission: 1,
      decisionPrice: 100,
      arrivalPrice: 101,
      fillBarOpen: 101,
    }),
    priced({
      type: 'limit',
      side: 'sell',
      quantity: 5,
      status: 'filled',
      filledQuantity: 5,
      averageFillPrice: 109,
      decisionPrice: 110,
      arrivalPrice: 109,
      fillBarOpen: 108,
    }),
    priced({ type: 'limit', side: 'buy', quantity: 10, status: 'expired', decisionPrice: 100, arrivalPrice: 99 }),
    priced({ type: 'market', side: 'buy', quantity: 3, status: 'rejected', decisionPrice: 100 }),
  ];
  const quality = pricedExecutionQuality(orders, 104);

  it('weights the bps by filled quantity and signs them so a cost is positive', () => {
    // Market: (101.5 − 100) / 100 = 150 bps; limit sell: −(109 − 110) / 110 = 90.909… bps.
    expect(quality.byType.market?.shortfallVsDecisionBps).toBeCloseTo(150, 10);
    expect(quality.byType.limit?.shortfallVsDecisionBps).toBeCloseTo(10_000 / 110, 10);
    expect(quality.shortfallVsDecisionBps).toBeCloseTo((150 * 10 + (10_000 / 110) * 5) / 15, 10);
    // Against arrival: 49.5049… bps (0.5 / 101) and 0 for the sell at its arrival price.
    expect(quality.shortfallVsArrivalBps).toBeCloseTo(((0.5 / 101) * 10_000 * 10) / 15, 10);
    // Against the fill bar's open: the sell got 1 above an open of 108, a gain of 92.59… bps.
    expect(quality.byType.limit?.slippageBps).toBeCloseTo((-1 / 108) * 10_000, 10);
  });

  it('adds commissions and the opportunity cost of unfilled, not refused, quantity to the money shortfall', () => {
    // Buy: (101.5 − 100) × 10 = 15 plus commission 1; sell: −1 × (109 − 110) × 5 = 5; expired buy: (104 − 100) × 10 = 40; the rejected order adds nothing.
    expect(quality.implementationShortfall).toBeCloseTo(15 + 1 + 5 + 40, 10);
    expect(quality.byType.limit?.implementationShortfall).toBeCloseTo(45, 10);
    expect(quality.commissions).toBe(1);
    expect(quality.fillRatio).toBeCloseTo(15 / 28, 12);
    expect(quality.filledOrders).toBe(2);
    expect(Object.keys(quality.byType)).toEqual(['limit', 'market']);
  });

  it('leaves an order without a decision price out of the decision figures', () => {
    const onStart = pricedExecutionQuality(
      [
        priced({
          type: 'market',
          side: 'buy',
          quantity: 1,
          status: 'filled',
          filledQuantity: 1,
          averageFillPrice: 50,
          arrivalPrice: 50,
          fillBarOpen: 50,
        }),
      ],
      null,
    );
    expect(onStart.shortfallVsDecisionBps).toBeNull();
    expect(onStart.shortfallVsArrivalBps).toBe(0);
    expect(onStart.implementationShortfall).toBe(0);
  });
});
