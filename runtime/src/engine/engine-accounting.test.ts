import type { OrderType, StrategyDefinition } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { createRandom } from './seeded-random.ts';
import { runEngine, type TestBar } from './test-harness.ts';

/** A random walk with gaps between bars, so every matching branch gets exercised. */
function randomBars(count: number, seed: number): TestBar[] {
  const draw = createRandom(seed);
  let price = 50;
  return Array.from({ length: count }, () => {
    const open = price * (1 + (draw() - 0.5) * 0.04);
    const close = open * (1 + (draw() - 0.5) * 0.04);
    price = close;
    return { open, close, high: Math.max(open, close) * (1 + draw() * 0.01), low: Math.min(open, close) * (1 - draw() * 0.01) };
  });
}

const TYPES: OrderType[] = ['market', 'limit', 'stop', 'stop-limit'];

/** Trades at random (long, short, flips, partial closes, all order types), and goes flat at the end. */
function randomTrader(bars: number): StrategyDefinition {
  return {
    onBar(ctx) {
      if (ctx.barIndex >= bars - 3) {
        ctx.cancelAll();
        if (ctx.barIndex === bars - 3) ctx.liquidate();
        return;
      }
      if (ctx.random() < 0.1) ctx.cancelAll();
      if (ctx.random() < 0.5) return;
      const type = TYPES[Math.floor(ctx.random() * 4)]!;
      const side = ctx.random() < 0.5 ? 'buy' : 'sell';
      const close = ctx.bar.close;
      const away = (side === 'buy' ? -1 : 1) * close * 0.01;
      ctx.submitOrder({
        side,
        quantity: 1 + Math.floor(ctx.random() * 20),
        type,
        limitPrice: type === 'limit' || type === 'stop-limit' ? close + away : undefined,
        stopPrice: type === 'stop' || type === 'stop-limit' ? close - away : undefined,
        timeInForce: (['gtc', 'day', 'ioc'] as const)[Math.floor(ctx.random() * 3)],
      });
    },
  };
}

const CONFIG = {
  initialCash: 10_000,
  // Shorts and flips need a margin account; some orders it rejects, which the balance must survive.
  account: { type: 'margin', leverage: 2 },
  commission: { type: 'percent', rate: 0.001, minimum: 0.5 },
  slippage: { type: 'percent', rate: 0.0005 },
  seed: 7,
} as const;

describe('engine: accounting', () => {
  it('balances at every bar: equity = cash + position × close = initial cash + realised + unrealised − fees', () => {
    const bars = randomBars(400, 3);
    const run = runEngine(randomTrader(bars.length), bars, { config: CONFIG, batch: 1 });
    const pushes = run.outputs.slice(1, -1);
    expect(run.fills.length).toBeGreaterThan(50);
    expect(new Set(run.trades.map((trade) => trade.side))).toEqual(new Set(['long', 'short']));
    pushes.forEach((output, index) => {
      const { account } = output;
      const close = bars[index]!.close;
      expect(output.equity[0]).toBeCloseTo(account.cash + account.position.quantity * close, 8);
      expect(account.realisedPnl + account.unrealisedPnl - account.fees).toBeCloseTo(output.equity[0]! - CONFIG.initialCash, 8);
    });
    // Flat at the end: closed trades account for every profit and fee.
    const final = run.last.account;
    expect(final.position.quantity).toBe(0);
    const tradePnl = run.trades.reduce((sum, trade) => sum + trade.pnl, 0);
    expect(tradePnl).toBeCloseTo(final.realisedPnl - final.fees, 8);
    expect(final.cash).toBeCloseTo(CONFIG.initialCash + tradePnl, 8);
  });

  it('gives the same run whatever the batch size', () => {
    const bars = randomBars(300, 11);
    const runs = [1, 7, 300].map((batch) => runEngine(randomTrader(bars.length), bars, { config: CONFIG, batch }));
    for (const run of runs.slice(1)) {
      expect(run.equity).toEqual(runs[0]!.equity);
      expect(run.fills).toEqual(runs[0]!.fills);
      expect(run.orders).toEqual(runs[0]!.orders);
      expect(run.trades).toEqual(runs[0]!.trades);
      expect(run.last.counters).toEqual(runs[0]!.last.counters);
    }
  });

  it('counts bars that closed holding a position', () => {
    const bars = randomBars(10, 1);
    const run = runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex === 2) ctx.buy(1);
          if (ctx.barIndex === 5) ctx.sell(1);
        },
      },
      bars,
    );
    // Filled at bar 3's open, sold at bar 6's open: bars 3, 4, 5 closed long.
    expect(run.last.counters.barsInMarket).toBe(3);
    expect(run.last.counters.bars).toBe(10);
  });
});
