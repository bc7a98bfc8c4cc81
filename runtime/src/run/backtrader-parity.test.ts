// The default cash account against backtrader's default broker, on the same bars and the same
// long-only strategy: fixtures/backtrader-parity.py recorded what backtrader did.
import { readFileSync } from 'node:fs';
import type { OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../index.ts';
import { DAY, START } from './test-bars.ts';

interface Recorded {
  backtrader: string;
  initialCash: number;
  bars: [open: number, high: number, low: number, close: number][];
  runs: {
    name: string;
    commission: number;
    share: number;
    limit: boolean;
    /** [bar index, side, quantity, price] of each execution. */
    fills: [number, string, number, number][];
    /** [bar index, side, quantity] of each order refused for want of cash (status Margin), on the bar backtrader said so. */
    rejected: [number, string, number][];
    finalCash: number;
    finalValue: number;
  }[];
}

const recorded: Recorded = JSON.parse(readFileSync(new URL('./fixtures/backtrader-parity.json', import.meta.url), 'utf8'));
const bars: OhlcvFrame = {
  kind: 'ohlcv',
  symbol: 'SIM:PARITY',
  timeframe: '1d',
  time: recorded.bars.map((_, index) => START + index * DAY),
  open: recorded.bars.map((bar) => bar[0]),
  high: recorded.bars.map((bar) => bar[1]),
  low: recorded.bars.map((bar) => bar[2]),
  close: recorded.bars.map((bar) => bar[3]),
  volume: recorded.bars.map(() => 1_000),
};

const SMA = `
export default defineStrategy({
  params: { share: { type: 'number', default: 1 }, limit: { type: 'boolean', default: false } },
  onStart(ctx) {
    ctx.state.fast = ctx.indicators.sma(10);
    ctx.state.slow = ctx.indicators.sma(30);
  },
  onBar(ctx) {
    const fast = ctx.state.fast.value;
    const slow = ctx.state.slow.value;
    if (fast === undefined || slow === undefined) return;
    const held = ctx.position.quantity;
    if (fast > slow && held === 0) {
      const price = ctx.params.limit ? Math.floor(ctx.bar.close * 0.99 * 100 + 0.5) / 100 : ctx.bar.close;
      const quantity = Math.floor((ctx.cash * ctx.params.share) / price);
      if (quantity > 0) ctx.buy(quantity, ctx.params.limit ? { type: 'limit', limitPrice: price } : {});
    } else if (fast < slow && held > 0) {
      ctx.sell(held);
    }
  },
});`;

describe(`the cash account against backtrader ${recorded.backtrader}'s default broker`, () => {
  for (const run of recorded.runs) {
    it(`fills and rejects the same orders: ${run.name}`, async () => {
      const result = await runBacktest({
        source: SMA,
        bars,
        params: { share: run.share, limit: run.limit },
        config: {
          initialCash: recorded.initialCash,
          ...(run.commission > 0 ? { commission: { type: 'percent', rate: run.commission } } : {}),
        },
      });
      expect(result.fills.map((fill) => [fill.barIndex, fill.side, fill.quantity])).toEqual(
        run.fills.map(([bar, side, quantity]) => [bar, side, quantity]),
      );
      for (const [index, fill] of result.fills.entries()) expect(fill.price).toBeCloseTo(run.fills[index]![3], 9);
      // backtrader checks an order at the start of the bar after it was submitted, so it reports a
      // rejection at submission one bar later, and never checks an order submitted on the last bar.
      const barOf = (time: number) => (time - START) / DAY;
      const rejected = result.orders
        .filter((order) => order.status === 'rejected')
        .map((order) => [
          barOf(order.closedTime!) + (order.reason!.includes('at submission') ? 1 : 0),
          order.side,
          order.quantity,
        ])
        .filter(([bar]) => (bar as number) < recorded.bars.length);
      // Results list orders by id, backtrader its notifications by time.
      const byBar = (a: unknown[], b: unknown[]) => (a[0] as number) - (b[0] as number) || (a[2] as number) - (b[2] as number);
      expect(rejected.sort(byBar)).toEqual([...run.rejected].sort(byBar));
      expect(run.rejected.length).toBeGreaterThan(0);
      expect(result.final.cash).toBeCloseTo(run.finalCash, 6);
      expect(result.final.equity).toBeCloseTo(run.finalValue, 6);
    });
  }
});
