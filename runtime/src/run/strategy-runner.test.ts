import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { createStrategyRunner, describeStrategy, runBacktest } from '../index.ts';
import { dailyBars } from './test-bars.ts';

const SOURCE = `
export default defineStrategy({
  name: 'Mean reversion',
  description: 'Buys below the SMA, sells above it.',
  params: { period: { type: 'integer', default: 5, min: 2, label: 'SMA period' }, size: { type: 'number', default: 2 } },
  onBar(ctx) {
    const sma = ctx.indicators.sma(ctx.params.period).value;
    if (sma === undefined) return;
    if (ctx.bar.close < sma && ctx.position.quantity <= 0) ctx.buy(ctx.params.size);
    if (ctx.bar.close > sma && ctx.position.quantity > 0) ctx.liquidate();
  },
});`;

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw new Error(`expected a NautilusError, got ${String(error)}`);
  return error;
}

describe('createStrategyRunner', () => {
  it('describes the strategy and resolves its params before it runs', async () => {
    const runner = await createStrategyRunner({ source: SOURCE, params: { size: 3 } });
    try {
      expect(runner.strategy).toEqual({
        name: 'Mean reversion',
        description: 'Buys below the SMA, sells above it.',
        params: { period: { type: 'integer', default: 5, min: 2, label: 'SMA period' }, size: { type: 'number', default: 2 } },
      });
      expect(runner.params).toEqual({ period: 5, size: 3 });
      expect(runner.sandboxed).toBe(true);
    } finally {
      runner.dispose();
    }
  });

  for (const sandbox of [true, false]) {
    it(`takes bars one at a time like a live feed and ends where a backtest ends (${sandbox ? 'sandboxed' : 'host'})`, async () => {
      const bars = dailyBars(60);
      const runner = await createStrategyRunner({ source: SOURCE, sandbox, timeframe: '1d' });
      const equity: number[] = [];
      try {
        await runner.start(bars.time[0]!);
        for (let index = 0; index < 60; index++) {
          const update =
            index % 2 === 0
              ? await runner.push(bars, { from: index, to: index + 1 })
              : await runner.pushBar({
                  time: bars.time[index]!,
                  open: bars.open[index]!,
                  high: bars.high[index]!,
                  low: bars.low[index]!,
                  close: bars.close[index]!,
                  volume: bars.volume[index]!,
                });
          equity.push(update.equity[0]!);
          const { account } = update;
          // The account balances after every bar.
          expect(account.equity).toBeCloseTo(account.cash + account.position.quantity * bars.close[index]!, 9);
          expect(account.barIndex).toBe(index);
        }
        await runner.stop();
        expect(await runner.account()).toMatchObject({ barIndex: 59 });
      } finally {
        runner.dispose();
      }
      const backtest = await runBacktest({ source: SOURCE, bars, sandbox });
      expect(equity).toEqual(backtest.curve.equity);
      expect(backtest.trades.length).toBeGreaterThan(1);
    });
  }

  it('enforces the order start, push, stop', async () => {
    const bars = dailyBars(3);
    const runner = await createStrategyRunner({ source: SOURCE });
    try {
      expect((await failure(runner.push(bars))).code).toBe('CONFLICT');
      await runner.start(bars.time[0]!);
      await runner.push(bars, { from: 0, to: 2 });
      // A bar no later than the last one pushed is refused.
      expect((await failure(runner.push(bars, { from: 1, to: 3 }))).fields[0]?.path).toBe('bars.time[1]');
      await runner.stop();
      expect((await failure(runner.push(bars, { from: 2, to: 3 }))).message).toBe('Cannot push bars: the runner is stopped.');
    } finally {
      runner.dispose();
    }
  });

  it('describes a strategy for the params form without running it', async () => {
    const description = await describeStrategy({ source: SOURCE });
    expect(description.name).toBe('Mean reversion');
    expect(Object.keys(description.params)).toEqual(['period', 'size']);
  });

  it('needs exactly one of source and compiled', async () => {
    expect((await failure(createStrategyRunner({}))).fields).toEqual([
      { path: 'source', message: 'give either source or compiled, not both or neither' },
    ]);
  });
});
