import type { BacktestConfig, Fill, OrderType, StrategyDefinition } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { createRandom } from './seeded-random.ts';
import { runEngine, type TestBar } from './test-harness.ts';

/** A random walk with gaps of up to ±4 % between bars, so accepted orders often become unaffordable. */
function gappyBars(count: number, seed: number): TestBar[] {
  const draw = createRandom(seed);
  let price = 50;
  return Array.from({ length: count }, () => {
    const open = price * (1 + (draw() - 0.5) * 0.08);
    const close = open * (1 + (draw() - 0.5) * 0.04);
    price = close;
    return { open, close, high: Math.max(open, close) * (1 + draw() * 0.01), low: Math.min(open, close) * (1 - draw() * 0.01) };
  });
}

const TYPES: OrderType[] = ['market', 'limit', 'stop', 'stop-limit'];

interface AfterFill {
  fill: Fill;
  cash: number;
  quantity: number;
}

/**
 * Submits several orders a bar of every type and side, sized from nothing to twice the buying power,
 * and records every fill in `seen` with the account right after it.
 */
function spender(seen: AfterFill[] = []): StrategyDefinition {
  return {
    onOrderFilled(ctx, fill) {
      seen.push({ fill, cash: ctx.cash, quantity: ctx.position.quantity });
    },
    onBar(ctx) {
      if (ctx.random() < 0.05) ctx.cancelAll();
      const count = Math.floor(ctx.random() * 4);
      for (let index = 0; index < count; index++) {
        const type = TYPES[Math.floor(ctx.random() * 4)]!;
        const side = ctx.random() < 0.55 ? 'buy' : 'sell';
        const close = ctx.bar.close;
        const away = (ctx.random() - 0.5) * close * 0.04;
        const budget = Math.max(ctx.buyingPower, ctx.cash, 1_000) * ctx.random() * 2;
        const quantity =
          side === 'sell' && ctx.random() < 0.5 ? Math.abs(ctx.position.quantity) || 1 : Math.max(1, Math.floor(budget / close));
        ctx.submitOrder({
          side,
          quantity,
          type,
          limitPrice: type === 'limit' || type === 'stop-limit' ? close + away : undefined,
          stopPrice: type === 'stop' || type === 'stop-limit' ? close - away : undefined,
          timeInForce: (['gtc', 'day', 'ioc'] as const)[Math.floor(ctx.random() * 3)],
        });
      }
    },
  };
}

const COSTS = {
  commission: { type: 'percent', rate: 0.001, minimum: 0.5 },
  slippage: { type: 'percent', rate: 0.0005 },
} as const;

describe('engine: the account check over random trading', () => {
  for (const seed of [1, 2, 3]) {
    it(`never lets a cash account owe money or go short, however the strategy overspends (seed ${seed})`, () => {
      const seen: AfterFill[] = [];
      const config: BacktestConfig = { initialCash: 10_000, seed, ...COSTS };
      const run = runEngine(spender(seen), gappyBars(500, seed), { config, batch: 7 });
      const rejections = run.orders.filter((order) => order.status === 'rejected');
      expect(run.fills.length).toBeGreaterThan(50);
      // Both moments of the check were exercised.
      expect(rejections.some((order) => order.reason?.startsWith('insufficient cash at submission'))).toBe(true);
      expect(rejections.some((order) => order.reason?.startsWith('insufficient cash at the fill'))).toBe(true);
      expect(rejections.some((order) => order.reason?.startsWith('a cash account cannot sell short'))).toBe(true);
      expect(run.last.counters.rejectedOrders).toBe(rejections.length);
      // Right after every fill (a sell's commission never exceeds its proceeds here) and at every batch's end.
      expect(seen).toHaveLength(run.fills.length);
      for (const { cash, quantity } of [
        ...seen,
        ...run.outputs.map((output) => ({ ...output.account, ...output.account.position })),
      ]) {
        expect(cash).toBeGreaterThanOrEqual(0);
        expect(quantity).toBeGreaterThanOrEqual(0);
      }
    });
  }

  for (const leverage of [1, 2, 4]) {
    it(`keeps gross position value within ${leverage} × equity after every fill that adds to it, in a margin account`, () => {
      const seen: AfterFill[] = [];
      const definition = spender(seen);
      const config: BacktestConfig = { initialCash: 10_000, seed: leverage, account: { type: 'margin', leverage }, ...COSTS };
      const run = runEngine(definition, gappyBars(500, 10 + leverage), { config, batch: 50 });
      expect(seen.length).toBeGreaterThan(50);
      expect(run.orders.some((order) => order.reason?.startsWith('insufficient buying power'))).toBe(true);
      expect(seen.some(({ quantity }) => quantity < 0)).toBe(true);
      let before = 0;
      for (const { fill, cash, quantity } of seen) {
        const gross = Math.abs(quantity) * fill.price;
        const equity = cash + quantity * fill.price;
        if (Math.abs(quantity) > Math.abs(before)) expect(gross).toBeLessThanOrEqual(leverage * equity + 1e-9 * gross);
        before = quantity;
      }
    });
  }

  it('gives the same run whatever the batch size, rejections included', () => {
    const bars = gappyBars(300, 5);
    const config: BacktestConfig = { initialCash: 10_000, seed: 5, ...COSTS };
    const runs = [1, 13, 300].map((batch) => runEngine(spender(), bars, { config, batch }));
    for (const run of runs.slice(1)) {
      expect(run.orders).toEqual(runs[0]!.orders);
      expect(run.fills).toEqual(runs[0]!.fills);
      expect(run.last.counters).toEqual(runs[0]!.last.counters);
    }
  });
});
