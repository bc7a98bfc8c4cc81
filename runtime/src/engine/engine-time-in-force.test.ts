import type { OrderOptions } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { DAY, flat, runEngine, type TestBar } from './test-harness.ts';

// Daily bars: the limit buy at 9 is out of reach on bar 1 and within reach on bar 2.
const DAILY: TestBar[] = [flat(10), { open: 10, high: 10.5, low: 9.5, close: 10 }, { open: 10, high: 10, low: 8.5, close: 9 }];

function placeOnFirstBar(options: OrderOptions) {
  return {
    onBar: (ctx: { barIndex: number; buy: (quantity: number, options?: OrderOptions) => number }) =>
      void (ctx.barIndex === 0 && ctx.buy(1, options)),
  };
}

describe('engine: time in force', () => {
  it('keeps a gtc order until it fills', () => {
    const run = runEngine(placeOnFirstBar({ type: 'limit', limitPrice: 9 }), DAILY);
    expect(run.orders.map((order) => [order.status, order.closedTime])).toEqual([['filled', 2 * DAY]]);
  });

  it('gives a day order on daily bars exactly the next session', () => {
    const run = runEngine(placeOnFirstBar({ type: 'limit', limitPrice: 9, timeInForce: 'day' }), DAILY);
    expect(run.fills).toEqual([]);
    expect(run.orders.map((order) => [order.status, order.closedTime, order.reason])).toEqual([
      ['expired', 2 * DAY, 'a day order expires at the end of its session day'],
    ]);
  });

  it('gives an ioc order one bar', () => {
    const run = runEngine(placeOnFirstBar({ type: 'limit', limitPrice: 9, timeInForce: 'ioc' }), DAILY);
    expect(run.orders.map((order) => [order.status, order.closedTime])).toEqual([['expired', DAY]]);
  });

  it('keeps a day order through the rest of an intraday session, and expires it on the next day', () => {
    const hour = 3_600_000;
    const bars = [14, 15, 16, 17]
      .map((h) => flat(10, 5 * DAY + h * hour))
      .concat([{ time: 6 * DAY + 14 * hour, open: 9, high: 9, low: 8, close: 8 }]);
    const run = runEngine(placeOnFirstBar({ type: 'limit', limitPrice: 9, timeInForce: 'day' }), bars);
    expect(run.orders.map((order) => [order.status, order.closedTime])).toEqual([['expired', 6 * DAY + 14 * hour]]);
  });

  it('decides session days in the configured UTC offset', () => {
    // 23:00 and 01:00 UTC are two UTC dates, but 18:00 and 20:00 of one day in New York (UTC−5).
    const bars = [
      flat(10, 5 * DAY + 22 * 3_600_000),
      flat(10, 5 * DAY + 23 * 3_600_000),
      { time: 6 * DAY + 3_600_000, open: 9, high: 9, low: 8, close: 8 },
    ];
    const order = { type: 'limit', limitPrice: 8.5, timeInForce: 'day' } as const;
    expect(runEngine(placeOnFirstBar(order), bars).orders[0]?.status).toBe('expired');
    expect(runEngine(placeOnFirstBar(order), bars, { config: { sessionUtcOffsetMinutes: -300 } }).orders[0]?.status).toBe(
      'filled',
    );
  });
});
