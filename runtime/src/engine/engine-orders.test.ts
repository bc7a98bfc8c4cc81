import type { Order, OrderRequest } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { flat, runEngine } from './test-harness.ts';

const BARS = [flat(10), flat(10), { open: 11, high: 12, low: 10, close: 11 }, flat(11)];

describe('engine: order entry', () => {
  it('rejects an invalid order with a reason and reports it once the submitting callback returned', () => {
    const events: string[] = [];
    const run = runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex !== 0) return;
          events.push(`submitted ${ctx.buy(-5)}`);
          events.push('onBar returns');
        },
        onOrderRejected(_ctx, order: Order) {
          events.push(`rejected ${order.id}: ${order.reason}`);
        },
      },
      BARS,
    );
    expect(events).toEqual(['submitted 1', 'onBar returns', 'rejected 1: quantity must be a positive finite number, got -5']);
    expect(run.orders).toMatchObject([{ id: 1, status: 'rejected', side: 'buy', quantity: -5, submittedBarIndex: 0 }]);
  });

  it('rejects orders beyond maxOpenOrders', () => {
    const run = runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex === 0) for (let price = 5; price < 8; price++) ctx.buy(1, { type: 'limit', limitPrice: price });
        },
      },
      BARS,
      { limits: { maxOpenOrders: 2 } },
    );
    expect(run.orders.map((order) => [order.id, order.status, order.reason])).toEqual([
      [3, 'rejected', 'too many open orders (the limit is 2); cancel some first'],
    ]);
    expect(run.last.account.openOrders.map((order) => order.id)).toEqual([1, 2]);
  });

  it('cancels open orders, once', () => {
    const results: unknown[] = [];
    const run = runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex !== 0) return;
          const first = ctx.buy(1, { type: 'limit', limitPrice: 5 });
          ctx.buy(1, { type: 'limit', limitPrice: 6 });
          ctx.buy(1, { type: 'limit', limitPrice: 7 });
          results.push(
            ctx.cancel(first),
            ctx.cancel(first),
            ctx.cancel(99),
            ctx.openOrders.length,
            ctx.cancelAll(),
            ctx.openOrders.length,
          );
        },
      },
      BARS,
    );
    expect(results).toEqual([true, false, false, 2, 2, 0]);
    expect(run.orders.map((order) => [order.id, order.status, order.closedTime])).toEqual([
      [1, 'cancelled', 0],
      [2, 'cancelled', 0],
      [3, 'cancelled', 0],
    ]);
  });

  it('rejects orders submitted in onStop without calling onOrderRejected', () => {
    let calls = 0;
    const run = runEngine({ onBar() {}, onStop: (ctx) => void ctx.buy(1), onOrderRejected: () => void calls++ }, BARS);
    expect(run.orders.map((order) => [order.status, order.reason])).toEqual([
      ['rejected', 'submitted in onStop: the run has ended'],
    ]);
    expect(calls).toBe(0);
  });

  it('liquidates a short position with a buy of its size', () => {
    const run = runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex === 0) ctx.sell(5);
          if (ctx.barIndex === 1) ctx.log(ctx.liquidate());
          if (ctx.barIndex === 2) ctx.log(ctx.liquidate());
        },
      },
      BARS,
      // Short selling needs a margin account (a cash account rejects it).
      { config: { account: { type: 'margin', leverage: 1 } } },
    );
    expect(run.fills.map((fill) => [fill.side, fill.quantity, fill.price])).toEqual([
      ['sell', 5, 10],
      ['buy', 5, 11],
    ]);
    expect(run.logs.map((line) => line.message)).toEqual(['2', 'undefined']);
    expect(run.trades).toMatchObject([{ side: 'short', quantity: 5, entryPrice: 10, exitPrice: 11, pnl: -5 }]);
  });

  it('shows open orders as a read-only snapshot, rebuilt only when they change', () => {
    const snapshots: (readonly Order[])[] = [];
    runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex === 0) ctx.buy(1, { type: 'stop-limit', stopPrice: 11.5, limitPrice: 11, tag: 'breakout' });
          snapshots.push(ctx.openOrders, ctx.openOrders);
        },
      },
      BARS,
    );
    expect(snapshots[0]).toBe(snapshots[1]);
    expect(Object.isFrozen(snapshots[0])).toBe(true);
    // Bar 2 (high 12) triggers the stop at 11.5 above the limit of 11: the order stays open, now triggered.
    expect(snapshots[4]).not.toBe(snapshots[2]);
    expect(snapshots[4]).toMatchObject([{ id: 1, triggered: true, tag: 'breakout', limitPrice: 11, stopPrice: 11.5 }]);
    expect(snapshots[2]).toMatchObject([{ triggered: false }]);
  });

  it('treats a broken request object as a rejection, not a crash', () => {
    const run = runEngine(
      { onBar: (ctx) => void (ctx.barIndex === 0 && ctx.submitOrder(null as unknown as OrderRequest)) },
      BARS,
    );
    expect(run.orders.map((order) => order.reason)).toEqual(['the order must be an object { side, quantity, … }']);
    expect(run.last.failure).toBeNull();
  });
});
