import type { OrderSide, OrderType } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { matchPrice } from './order-matching.ts';
import { WorkingOrder } from './working-order.ts';

function order(side: OrderSide, type: OrderType, prices: { limit?: number; stop?: number } = {}): WorkingOrder {
  return new WorkingOrder(
    {
      id: 1,
      side,
      type,
      quantity: 1,
      limitPrice: prices.limit ?? Number.NaN,
      stopPrice: prices.stop ?? Number.NaN,
      timeInForce: 'gtc',
      tag: null,
    },
    0,
    -1,
  );
}

// Bars as [open, high, low].
describe('matchPrice', () => {
  it('fills market orders at the open', () => {
    expect(matchPrice(order('buy', 'market'), 101, 105, 99)).toBe(101);
    expect(matchPrice(order('sell', 'market'), 101, 105, 99)).toBe(101);
  });

  it('fills a buy limit when the low reaches it, at the limit or at a lower open', () => {
    expect(matchPrice(order('buy', 'limit', { limit: 100 }), 102, 103, 99.5)).toBe(100);
    expect(matchPrice(order('buy', 'limit', { limit: 100 }), 98, 101, 97)).toBe(98);
    expect(matchPrice(order('buy', 'limit', { limit: 100 }), 102, 103, 100.01)).toBeNaN();
    expect(matchPrice(order('buy', 'limit', { limit: 100 }), 102, 103, 100)).toBe(100);
  });

  it('fills a sell limit when the high reaches it, at the limit or at a higher open', () => {
    expect(matchPrice(order('sell', 'limit', { limit: 110 }), 105, 111, 104)).toBe(110);
    expect(matchPrice(order('sell', 'limit', { limit: 110 }), 112, 113, 109)).toBe(112);
    expect(matchPrice(order('sell', 'limit', { limit: 110 }), 105, 109.99, 104)).toBeNaN();
  });

  it('triggers a buy stop when the high reaches it, filling at the stop or at a higher open', () => {
    expect(matchPrice(order('buy', 'stop', { stop: 105 }), 102, 106, 101)).toBe(105);
    expect(matchPrice(order('buy', 'stop', { stop: 105 }), 107, 108, 106)).toBe(107);
    expect(matchPrice(order('buy', 'stop', { stop: 105 }), 102, 104.9, 101)).toBeNaN();
  });

  it('triggers a sell stop when the low reaches it, filling at the stop or at a lower open', () => {
    expect(matchPrice(order('sell', 'stop', { stop: 95 }), 98, 99, 94)).toBe(95);
    expect(matchPrice(order('sell', 'stop', { stop: 95 }), 93, 94, 90)).toBe(93);
    expect(matchPrice(order('sell', 'stop', { stop: 95 }), 98, 99, 95.5)).toBeNaN();
  });

  describe('stop-limit', () => {
    it('fills at the stop when triggered inside the bar and the limit allows it', () => {
      const buy = order('buy', 'stop-limit', { stop: 105, limit: 106 });
      expect(matchPrice(buy, 102, 107, 101)).toBe(105);
      expect(buy.triggered).toBe(true);
    });

    it('rests as a limit after an intrabar trigger below which it cannot fill on that bar', () => {
      // Buy stop 105 limit 104: triggers at 105, but whether the low of 101 came after the trigger is unknown.
      const buy = order('buy', 'stop-limit', { stop: 105, limit: 104 });
      expect(matchPrice(buy, 102, 107, 101)).toBeNaN();
      expect(buy.triggered).toBe(true);
      // Next bar: a plain limit at 104.
      expect(matchPrice(buy, 106, 108, 103)).toBe(104);
    });

    it('after a gap through the stop, fills at the open within the limit, else at the limit if the bar reaches it', () => {
      expect(matchPrice(order('buy', 'stop-limit', { stop: 105, limit: 108 }), 107, 109, 106)).toBe(107);
      expect(matchPrice(order('buy', 'stop-limit', { stop: 105, limit: 106 }), 107, 109, 105.5)).toBe(106);
      const missed = order('buy', 'stop-limit', { stop: 105, limit: 106 });
      expect(matchPrice(missed, 107, 109, 106.5)).toBeNaN();
      expect(missed.triggered).toBe(true);
    });

    it('mirrors the rules for sells', () => {
      expect(matchPrice(order('sell', 'stop-limit', { stop: 95, limit: 94 }), 98, 99, 93)).toBe(95);
      expect(matchPrice(order('sell', 'stop-limit', { stop: 95, limit: 94 }), 92, 95, 90)).toBe(94);
      expect(matchPrice(order('sell', 'stop-limit', { stop: 95, limit: 90 }), 92, 93, 89)).toBe(92);
      const untouched = order('sell', 'stop-limit', { stop: 95, limit: 94 });
      expect(matchPrice(untouched, 98, 99, 95.1)).toBeNaN();
      expect(untouched.triggered).toBe(false);
    });
  });
});
