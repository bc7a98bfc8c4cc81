import { describe, expect, it } from 'vitest';
import { createStrategyRunner, runBacktest } from '../index.ts';
import { dailyBars } from './test-bars.ts';

const SOURCE = `
export default defineStrategy({
  name: 'Book reader',
  onBar(ctx) {
    const book = ctx.book;
    ctx.log(book === undefined ? 'no book' : JSON.stringify(book));
    if (book !== undefined && book.spread !== undefined && book.spread < 0.05 && ctx.position.quantity === 0) ctx.buy(1);
  },
});`;

const book = {
  time: 1_700_000_000_000,
  bids: { price: [99.99, 99.98, 99.97], size: [5, 10, 20] },
  asks: {
    price: [100.01, 100.02, 100.03, ...Array.from({ length: 12 }, (_, index) => 100.04 + index / 100)],
    size: Array.from({ length: 15 }, () => 1),
  },
};

describe('ctx.book', () => {
  for (const sandbox of [true, false]) {
    it(`is the book pushed with the bar, its best 10 levels, and stays until the next one (${sandbox ? 'sandboxed' : 'host'})`, async () => {
      const bars = dailyBars(3);
      const runner = await createStrategyRunner({ source: SOURCE, sandbox, timeframe: '1d' });
      try {
        await runner.start(bars.time[0]!);
        const bar = (index: number) => ({
          time: bars.time[index]!,
          open: bars.open[index]!,
          high: bars.high[index]!,
          low: bars.low[index]!,
          close: bars.close[index]!,
          volume: bars.volume[index]!,
        });
        const first = await runner.pushBar(bar(0));
        expect(first.logs.map((line) => line.message)).toEqual(['no book']);
        const second = await runner.pushBar(bar(1), book);
        const seen = JSON.parse(second.logs[0]?.message ?? 'null');
        expect(seen).toEqual({
          time: book.time,
          bestBid: 99.99,
          bestAsk: 100.01,
          spread: 100.01 - 99.99,
          mid: 100,
          bids: book.bids,
          asks: { price: book.asks.price.slice(0, 10), size: book.asks.size.slice(0, 10) },
        });
        // The strategy acted on the spread it read: a market order, open until the next bar fills it.
        expect((await runner.account()).openOrders).toHaveLength(1);
        const third = await runner.pushBar(bar(2));
        expect((await runner.account()).position.quantity).toBe(1);
        expect(JSON.parse(third.logs[0]?.message ?? 'null')).toEqual(seen);
      } finally {
        runner.dispose();
      }
    });
  }

  it('is undefined in a backtest', async () => {
    const result = await runBacktest({ source: SOURCE, bars: dailyBars(5), sandbox: false });
    expect(result.logs.map((line) => line.message)).toEqual(Array.from({ length: 5 }, () => 'no book'));
  });

  it('cannot be changed by the strategy', async () => {
    const runner = await createStrategyRunner({
      source: `export default defineStrategy({ name: 'Writer', onBar(ctx) { try { ctx.book.bids.price[0] = 1; } catch { ctx.log('refused'); } ctx.log(String(ctx.book.bestBid)); } });`,
      timeframe: '1d',
    });
    try {
      const bars = dailyBars(1);
      await runner.start(bars.time[0]!);
      const update = await runner.push(bars, undefined, book);
      expect(update.logs.map((line) => line.message)).toEqual(['refused', '99.99']);
    } finally {
      runner.dispose();
    }
  });
});
