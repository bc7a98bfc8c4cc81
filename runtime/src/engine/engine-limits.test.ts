import type { LimitSet, OrderDenial, OrderTicket } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { DAY, flat, runEngine } from './test-harness.ts';

const withLimits = (limits: LimitSet['limits'], onHardBreach: LimitSet['onHardBreach'] = 'deny') => ({
  config: { initialCash: 10_000, limits: { limits, onHardBreach } },
});

describe('engine: pre-trade limits', () => {
  it('denies an order beyond a hard limit before it reaches the market, and tells the strategy why', () => {
    const events: string[] = [];
    const tickets: OrderTicket[] = [];
    const run = runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex !== 0) return;
          tickets.push(ctx.order({ side: 'buy', quantity: 15 }));
          tickets.push(ctx.order({ side: 'buy', quantity: 8 }));
          events.push('onBar returns');
        },
        onOrderDenied(_ctx, denial: OrderDenial) {
          events.push(`denied ${denial.order.id} (${denial.order.status}): ${denial.finding.message}`);
        },
        onOrderRejected() {
          events.push('rejected');
        },
      },
      [flat(10), flat(10), flat(10)],
      withLimits([{ kind: 'maxPosition', warn: 5, hard: 10 }]),
    );
    const message = 'maxPosition SIM:TEST: resulting position 15 exceeds hard limit 10';
    expect(events).toEqual(['onBar returns', `denied 1 (denied): ${message}`]);
    expect(tickets[0]).toMatchObject({ id: 1, status: 'denied', accepted: false, reason: message, warnings: [] });
    expect(tickets[0]!.denial).toMatchObject({
      limit: 'maxPosition',
      level: 'hard',
      threshold: 10,
      value: 15,
      symbol: 'SIM:TEST',
    });
    expect(tickets[1]).toMatchObject({ id: 2, status: 'open', accepted: true, reason: null, denial: null });
    expect(tickets[1]!.warnings.map((warning) => warning.message)).toEqual([
      'maxPosition SIM:TEST: resulting position 8 exceeds warn limit 5',
    ]);
    expect(run.orders.map((order) => [order.id, order.status, order.reason])).toEqual([
      [1, 'denied', message],
      [2, 'filled', null],
    ]);
    expect(run.fills.map((fill) => [fill.orderId, fill.quantity])).toEqual([[2, 8]]);
    expect(run.riskEvents).toEqual([
      { type: 'denial', time: 0, barIndex: 0, orderId: 1, mode: 'normal', ...tickets[0]!.denial },
      { type: 'warning', time: 0, barIndex: 0, orderId: 2, mode: 'normal', ...tickets[1]!.warnings[0] },
    ]);
  });

  it('counts open orders on the same side toward the resulting position', () => {
    const run = runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex !== 0) return;
          ctx.buy(6, { type: 'limit', limitPrice: 5 });
          ctx.buy(6, { type: 'limit', limitPrice: 5 });
          ctx.sell(6, { type: 'limit', limitPrice: 50 });
        },
      },
      [flat(10), flat(10)],
      withLimits([{ kind: 'maxPosition', hard: 10 }]),
    );
    expect(run.orders.map((order) => [order.id, order.status])).toEqual([[2, 'denied']]);
    expect(run.last.account.openOrders.map((order) => order.id)).toEqual([1, 3]);
  });

  it('switches to reduce-only when drawdown breaches its hard limit at a close, and still lets the strategy cut', () => {
    const modes: string[] = [];
    const run = runEngine(
      {
        onBar(ctx) {
          modes.push(ctx.tradingMode);
          if (ctx.barIndex === 0) ctx.buy(100);
          if (ctx.barIndex === 2) {
            ctx.buy(10);
            ctx.sell(50);
          }
        },
      },
      // Bought at 100 on bar 1; bar 2 closes at 80: equity 8,000, 20 % below the 10,000 peak.
      [flat(100), flat(100), { open: 100, high: 100, low: 80, close: 80 }, flat(80), flat(80)],
      withLimits([{ kind: 'maxDrawdown', warn: 0.05, hard: 0.1 }], 'reduce-only'),
    );
    expect(modes).toEqual(['normal', 'normal', 'reduce-only', 'reduce-only', 'reduce-only']);
    expect(
      run.riskEvents.map(({ type, level, barIndex, orderId, mode, message }) => [type, level, barIndex, orderId, mode, message]),
    ).toEqual([
      [
        'breach',
        'hard',
        2,
        null,
        'reduce-only',
        'maxDrawdown: drawdown from peak equity 20 % exceeds hard limit 10 %; trading is now reduce-only',
      ],
      [
        'denial',
        'hard',
        2,
        2,
        'reduce-only',
        'maxDrawdown: reduce-only after a hard breach (maxDrawdown: drawdown from peak equity 20 % exceeds hard limit 10 %; trading is now reduce-only); buy 10 SIM:TEST does not bring the position (100 with open orders) closer to flat',
      ],
    ]);
    expect(run.fills.map((fill) => [fill.orderId, fill.side, fill.quantity, fill.price])).toEqual([
      [1, 'buy', 100, 100],
      [3, 'sell', 50, 80],
    ]);
    expect(run.last.tradingMode).toBe('reduce-only');
  });

  it('halts: cancels open orders, stops calling onBar, keeps marking to market', () => {
    const calls: string[] = [];
    const run = runEngine(
      {
        onBar(ctx) {
          calls.push(`onBar ${ctx.barIndex}`);
          if (ctx.barIndex === 0) ctx.buy(100);
          if (ctx.barIndex === 1) ctx.sell(100, { type: 'limit', limitPrice: 200 });
        },
        onStop(ctx) {
          calls.push(`onStop ${ctx.tradingMode}`);
        },
      },
      [flat(100), flat(100), flat(80), flat(70), flat(90)],
      withLimits([{ kind: 'maxDailyLoss', hard: 1_500 }], 'halt'),
    );
    expect(calls).toEqual(['onBar 0', 'onBar 1', 'onStop halted']);
    const cancelled = run.orders.find((order) => order.id === 2)!;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.reason).toBe(
      'trading halted after a hard breach (maxDailyLoss: loss today 2,000 exceeds hard limit 1,500; trading is now halted)',
    );
    // Cash 0 after buying 100 at 100: equity is 100 × close to the end.
    expect(run.equity).toEqual([10_000, 10_000, 8_000, 7_000, 9_000]);
    expect(run.riskEvents.map(({ type, limit, barIndex, mode }) => [type, limit, barIndex, mode])).toEqual([
      ['breach', 'maxDailyLoss', 2, 'halted'],
    ]);
  });

  it("with 'deny', a daily loss blocks new risk for the rest of that day only", () => {
    const tickets: [number, string][] = [];
    const run = runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex === 0) ctx.buy(100);
          if (ctx.barIndex >= 2)
            tickets.push([ctx.barIndex, ctx.order({ side: 'buy', quantity: 1, type: 'limit', limitPrice: 1 }).status]);
        },
      },
      // Daily bars at UTC midnight. Day 2 closes at 90: 1,000 below day 1's closing equity.
      [flat(100), flat(100), flat(90), flat(90)],
      // 100 left after buying 100 at 100, so the cash account can pay for the limit buys.
      { config: { ...withLimits([{ kind: 'maxDailyLoss', warn: 250, hard: 500 }]).config, initialCash: 10_100 } },
    );
    expect(tickets).toEqual([
      [2, 'denied'],
      [3, 'open'],
    ]);
    expect(run.riskEvents.map(({ type, level, time, mode }) => [type, level, time, mode])).toEqual([
      ['breach', 'hard', 2 * DAY, 'normal'],
      ['denial', 'hard', 2 * DAY, 'normal'],
    ]);
  });

  it('limits the order rate within a sliding window of simulation time', () => {
    const run = runEngine(
      {
        onBar(ctx) {
          for (let count = 0; count < 3; count++) ctx.buy(1, { type: 'limit', limitPrice: 1 });
        },
      },
      [flat(10), flat(10)],
      withLimits([{ kind: 'maxOrderRate', windowMs: DAY, hard: 2 }]),
    );
    // Two per bar: the window (t − 1 day, t] holds only the bar's own orders.
    expect(run.orders.map((order) => [order.id, order.status])).toEqual([
      [3, 'denied'],
      [6, 'denied'],
    ]);
    expect(run.riskEvents.map((event) => event.message)).toEqual([
      'maxOrderRate: 3 orders in 86,400,000 ms exceeds hard limit 2',
      'maxOrderRate: 3 orders in 86,400,000 ms exceeds hard limit 2',
    ]);
  });

  it('caps the risk events a run reports like its other records', () => {
    const run = runEngine({ onBar: (ctx) => void ctx.buy(100) }, [flat(10), flat(10), flat(10)], {
      ...withLimits([{ kind: 'maxOrderQuantity', hard: 10 }]),
      limits: { maxRecords: 2 },
    });
    expect(run.riskEvents.map((event) => event.orderId)).toEqual([1, 2]);
    expect(run.last.counters.dropped.riskEvents).toBe(1);
  });

  it('records nothing and stays normal without limits', () => {
    const run = runEngine({ onBar: (ctx) => void ctx.buy(1) }, [flat(10), flat(10)]);
    expect(run.riskEvents).toEqual([]);
    expect(run.last.tradingMode).toBe('normal');
    expect(run.last.counters.dropped.riskEvents).toBe(0);
  });
});
