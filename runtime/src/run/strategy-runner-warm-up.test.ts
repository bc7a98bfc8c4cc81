import { describe, expect, it } from 'vitest';
import { createStrategyRunner } from '../index.ts';
import { DAY, dailyBars, START } from './test-bars.ts';

// Buys 10 whenever flat and sells after 3 bars: without a warm-up rule it trades from the first bar.
const TRADER = `
export default defineStrategy({
  initialState: () => ({ held: 0, seen: 0 }),
  onStart(ctx) { ctx.buy(1); },
  onBar(ctx) {
    ctx.state.seen++;
    if (ctx.position.quantity === 0) { ctx.buy(10); ctx.state.held = 0; return; }
    if (++ctx.state.held >= 3) ctx.sell(ctx.position.quantity);
  },
});`;

describe('a paper deployment’s warm-up (liveFrom)', () => {
  for (const sandbox of [true, false]) {
    it(`runs warm-up bars through the strategy but places no order, so the account is flat at the initial cash when live bars begin (${sandbox ? 'sandboxed' : 'host'})`, async () => {
      const bars = dailyBars(30, (index) => 100 - index); // a falling market: warm-up trades would lose
      const liveFrom = START + 20 * DAY;
      const runner = await createStrategyRunner({ source: TRADER, sandbox, timeframe: '1d', config: { initialCash: 10_000 } });
      try {
        const started = await runner.start(START, { liveFrom });
        const warmUp = await runner.push(bars, { from: 0, to: 20 });
        expect(started.orders.map((order) => order.status)).toEqual(['rejected']);
        expect(warmUp.orders.length).toBe(20);
        expect(warmUp.orders.every((order) => order.status === 'rejected' && order.reason?.startsWith('warm-up'))).toBe(true);
        expect(warmUp.fills).toEqual([]);
        expect(warmUp.account.cash).toBe(10_000);
        expect(warmUp.account.equity).toBe(10_000);
        expect(warmUp.account.position.quantity).toBe(0);
        expect(Array.from(warmUp.equity)).toEqual(new Array(20).fill(10_000));

        // The first live bar's onBar orders; it fills at the next open.
        const live = await runner.push(bars, { from: 20, to: 22 });
        expect(live.orders.filter((order) => order.status === 'rejected')).toEqual([]);
        expect(live.fills.length).toBe(1);
        expect(live.fills[0]!.time).toBe(START + 21 * DAY);
        expect(live.account.position.quantity).toBe(10);
      } finally {
        runner.dispose();
      }
    });
  }

  it('trades from the first bar when no liveFrom is given (a backtest)', async () => {
    const bars = dailyBars(5);
    const runner = await createStrategyRunner({ source: TRADER, sandbox: false, timeframe: '1d' });
    try {
      await runner.start(START);
      const update = await runner.push(bars);
      expect(update.fills.length).toBeGreaterThan(0);
      expect(update.fills[0]!.time).toBe(START);
    } finally {
      runner.dispose();
    }
  });
});
