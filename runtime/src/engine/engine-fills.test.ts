import type { Fill, StrategyDefinition } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { DAY, runEngine, type TestBar } from './test-harness.ts';

const BARS: TestBar[] = [
  { open: 10, high: 11, low: 9, close: 10 },
  { open: 12, high: 13, low: 11, close: 12 },
  { open: 14, high: 15, low: 13, close: 14 },
];

/** Buys one unit on bar 0 and records what it could see at each callback. */
function buyOnFirstBar(seen: string[]): StrategyDefinition {
  return {
    onBar(ctx) {
      seen.push(`onBar ${ctx.barIndex} close ${ctx.bar.close} position ${ctx.position.quantity}`);
      if (ctx.barIndex === 0) ctx.buy(1);
    },
    onOrderFilled(ctx, fill: Fill) {
      seen.push(
        `filled at ${fill.price} on bar ${fill.barIndex} (time ${fill.time / DAY}d) seeing bar ${ctx.barIndex} close ${ctx.bar.close}, clock ${ctx.time / DAY}d`,
      );
    },
  };
}

describe('engine: when orders fill', () => {
  it("fills a market order decided on bar t at bar t+1's open, and shows the strategy nothing of bar t+1 but that fill", () => {
    const seen: string[] = [];
    const run = runEngine(buyOnFirstBar(seen), BARS, { config: { initialCash: 1_000 } });
    expect(seen).toEqual([
      'onBar 0 close 10 position 0',
      'filled at 12 on bar 1 (time 1d) seeing bar 0 close 10, clock 1d',
      'onBar 1 close 12 position 1',
      'onBar 2 close 14 position 1',
    ]);
    // Cash 1,000 − 12 = 988; equity marks one unit at each close.
    expect(run.equity).toEqual([1_000, 1_000, 1_002]);
  });

  it("with fillAt 'close' fills at the deciding bar's close, right after onBar", () => {
    const seen: string[] = [];
    const run = runEngine(buyOnFirstBar(seen), BARS, { config: { initialCash: 1_000, fillAt: 'close' } });
    expect(seen.slice(0, 2)).toEqual([
      'onBar 0 close 10 position 0',
      'filled at 10 on bar 0 (time 0d) seeing bar 0 close 10, clock 0d',
    ]);
    expect(run.equity).toEqual([1_000, 1_002, 1_004]);
  });

  it('never fills an order against the prices of the bar that decided it', () => {
    // Bar 0's low (9) is below the limit, but the order exists only once bar 0 has closed.
    const run = runEngine({ onBar: (ctx) => void (ctx.barIndex === 0 && ctx.buy(1, { type: 'limit', limitPrice: 9.5 })) }, [
      { open: 10, high: 11, low: 9, close: 10 },
      { open: 12, high: 13, low: 11, close: 12 },
      { open: 10, high: 10, low: 9, close: 9.5 },
    ]);
    expect(run.fills.map((fill) => [fill.barIndex, fill.price])).toEqual([[2, 9.5]]);
  });

  it('lets orders submitted from onOrderFilled fill from the next bar on', () => {
    const run = runEngine(
      {
        onBar: (ctx) => void (ctx.barIndex === 0 && ctx.buy(1)),
        onOrderFilled: (ctx, fill) => void (fill.side === 'buy' && ctx.sell(1, { type: 'limit', limitPrice: 12.5 })),
      },
      BARS,
    );
    // Bar 1 (high 13) would reach 12.5, but the sell was placed during bar 1: it fills on bar 2 at its open of 14.
    expect(run.fills.map((fill) => [fill.side, fill.barIndex, fill.price])).toEqual([
      ['buy', 1, 12],
      ['sell', 2, 14],
    ]);
  });

  it('fills orders placed in onStart on the first bar', () => {
    const run = runEngine({ onStart: (ctx) => void ctx.buy(2), onBar() {} }, BARS);
    expect(run.fills.map((fill) => [fill.barIndex, fill.price, fill.time])).toEqual([[0, 10, 0]]);
  });

  it('charges commission and slippage in cash', () => {
    const run = runEngine({ onBar: (ctx) => void (ctx.barIndex === 0 && ctx.buy(50)) }, BARS, {
      config: {
        initialCash: 1_000,
        commission: { type: 'per-share', perShare: 0.01, minimum: 1 },
        slippage: { type: 'fixed', amount: 0.1 },
      },
    });
    // Fills at 12 + 0.1; commission max(50 · 0.01, 1) = 1; cash 1,000 − 605 − 1 = 394.
    expect(run.fills[0]).toMatchObject({ price: 12.1, commission: 1 });
    expect(run.last.account.cash).toBeCloseTo(394, 9);
    expect(run.equity[1]).toBeCloseTo(394 + 50 * 12, 9);
    expect(run.equity[2]).toBeCloseTo(394 + 50 * 14, 9);
    expect(run.last.account.fees).toBe(1);
  });

  it('applies slippage to stop fills but never to limit fills', () => {
    const run = runEngine(
      {
        onBar(ctx) {
          if (ctx.barIndex !== 0) return;
          ctx.buy(1, { type: 'stop', stopPrice: 12.5 });
          ctx.buy(1, { type: 'limit', limitPrice: 11.5 });
        },
      },
      BARS,
      { config: { slippage: { type: 'percent', rate: 0.01 } } },
    );
    expect(run.fills.map((fill) => [fill.orderId, fill.price])).toEqual([
      [1, 12.5 * 1.01],
      [2, 11.5],
    ]);
  });
});
