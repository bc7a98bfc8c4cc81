import { type BacktestResult, isNautilusError, type NautilusError, type OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../index.ts';
import { DAY, dailyBars, START } from './test-bars.ts';

async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw new Error(`expected a NautilusError, got ${String(error)}`);
  return error;
}

const FIVE_BARS: OhlcvFrame = {
  kind: 'ohlcv',
  symbol: 'SIM:HAND',
  timeframe: '1d',
  time: [0, 1, 2, 3, 4].map((day) => START + day * DAY),
  open: [100, 102, 104, 103, 101],
  high: [101, 103, 106, 104, 102],
  low: [99, 101, 103, 100, 100],
  close: [100, 102, 105, 101, 102],
  volume: [1, 1, 1, 1, 1],
};

const ROUND_TRIP = `
export default defineStrategy({
  params: { quantity: { type: 'integer', default: 10, min: 1 } },
  onBar(ctx) {
    if (ctx.barIndex === 0) ctx.buy(ctx.params.quantity);
    if (ctx.barIndex === 2) ctx.liquidate();
  },
});`;

describe('runBacktest', () => {
  for (const sandbox of [true, false]) {
    it(`matches a backtest worked by hand (${sandbox ? 'sandboxed' : 'host'})`, async () => {
      const result = await runBacktest({
        source: ROUND_TRIP,
        bars: FIVE_BARS,
        sandbox,
        config: { initialCash: 10_000, commission: { type: 'per-share', perShare: 0.05, minimum: 1 } },
      });
      // Buy 10 decided on bar 0 fills at bar 1's open, 102, commission max(0.5, 1) = 1: cash 8,979.
      // Sell decided on bar 2 fills at bar 3's open, 103: cash 8,979 + 1,030 − 1 = 10,008.
      expect(result.curve.equity).toEqual([10_000, 8_979 + 1_020, 8_979 + 1_050, 10_008, 10_008]);
      expect(result.fills.map((fill) => [fill.side, fill.price, fill.commission, fill.time])).toEqual([
        ['buy', 102, 1, START + DAY],
        ['sell', 103, 1, START + 3 * DAY],
      ]);
      expect(result.trades).toMatchObject([
        { side: 'long', quantity: 10, entryPrice: 102, exitPrice: 103, pnl: 8, entryBarIndex: 1, exitBarIndex: 3 },
      ]);
      expect(result.trades[0]!.return).toBeCloseTo(8 / 1_020, 12);
      expect(result.orders.map((order) => [order.id, order.status])).toEqual([
        [1, 'filled'],
        [2, 'filled'],
      ]);
      const m = result.metrics;
      expect(m.totalReturn).toBeCloseTo(8 / 10_000, 12);
      expect(m.exposure).toBe(2 / 5);
      expect(m.buyAndHoldReturn).toBeCloseTo(102 / 100 - 1, 12);
      // Peak 10,029 at bar 2, 10,008 after: −21/10,029, not regained by bar 4.
      expect(m.maxDrawdown).toBeCloseTo(21 / 10_029, 12);
      expect([m.maxDrawdownBars, m.maxDrawdownMs, m.maxDrawdownRecovered]).toEqual([2, 2 * DAY, false]);
      expect(result.curve.drawdown[3]).toBeCloseTo(10_008 / 10_029 - 1, 12);
      expect([m.tradeCount, m.winRate, m.profitFactor, m.averageTrade]).toEqual([1, 1, null, 8]);
      // Five daily bars span five calendar days.
      expect(m.years).toBeCloseTo(5 / 365.25, 12);
      expect(m.cagr).toBeCloseTo(1.0008 ** (365.25 / 5) - 1, 10);
      const returns = [0, 9_999 / 10_000 - 1, 10_029 / 9_999 - 1, 10_008 / 10_029 - 1, 0];
      const mean = returns.reduce((sum, r) => sum + r, 0) / 5;
      const deviation = Math.sqrt(returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / 4);
      expect(m.annualisedVolatility).toBeCloseTo(deviation * Math.sqrt(252), 12);
      expect(m.sharpe).toBeCloseTo((mean / deviation) * Math.sqrt(252), 10);
      expect(m.sortino).toBeCloseTo(
        (mean / Math.sqrt(((9_999 / 10_000 - 1) ** 2 + (10_008 / 10_029 - 1) ** 2) / 5)) * Math.sqrt(252),
        10,
      );
      expect(result.final).toMatchObject({ cash: 10_008, position: { quantity: 0, avgPrice: 0 }, realisedPnl: 10, fees: 2 });
      expect(result.params).toEqual({ quantity: 10 });
      expect(result.config.periodsPerYear).toBe(252);
      expect([result.bars, result.from, result.to]).toEqual([5, START, START + 4 * DAY]);
    });
  }

  for (const sandbox of [true, false]) {
    it(`records each log line with its bar and level: ctx.log and console.log/info as info, console.debug/warn/error as such (${sandbox ? 'sandboxed' : 'host'})`, async () => {
      const result = await runBacktest({
        source: `
export default defineStrategy({
  onBar(ctx) {
    if (ctx.barIndex === 1) ctx.log('close', ctx.bar.close);
    if (ctx.barIndex === 2) { console.warn('wide spread'); console.error('boom', { at: 2 }); }
    if (ctx.barIndex === 3) { console.debug('tick'); console.info('note'); console.log('plain'); }
  },
});`,
        bars: FIVE_BARS,
        sandbox,
      });
      expect(result.logs.map((line) => [line.barIndex, line.time, line.level, line.message])).toEqual([
        [1, START + DAY, 'info', 'close 102'],
        [2, START + 2 * DAY, 'warn', 'wide spread'],
        [2, START + 2 * DAY, 'error', 'boom {"at":2}'],
        [3, START + 3 * DAY, 'debug', 'tick'],
        [3, START + 3 * DAY, 'info', 'note'],
        [3, START + 3 * DAY, 'info', 'plain'],
      ]);
    });
  }

  it('gives identical results for the same code, params and bars: run twice, and sandboxed or not', async () => {
    const source = `
      export default defineStrategy({
        params: { threshold: { type: 'number', default: 0.5 } },
        onBar(ctx) {
          const coin = ctx.random() + Math.random() * 0 + (Date.now() === ctx.time ? 0 : 1);
          if (coin > ctx.params.threshold && ctx.position.quantity <= 0) ctx.buy(1 + Math.floor(ctx.random() * 5));
          else if (coin < 0.2 && ctx.position.quantity >= 0) ctx.sell(1 + Math.floor(Math.random() * 5));
          if (ctx.barIndex % 50 === 0) ctx.log('bar', ctx.barIndex, ctx.equity);
        },
      });`;
    const bars = dailyBars(400);
    const options = {
      source,
      bars,
      params: { threshold: 0.6 },
      // It goes short as well as long, which needs a margin account.
      config: { seed: 2024, slippage: { type: 'percent', rate: 0.001 }, account: { type: 'margin', leverage: 2 } },
    } as const;
    const first = await runBacktest(options);
    const second = await runBacktest(options);
    const host = await runBacktest({ ...options, sandbox: false });
    expect(first.trades.length).toBeGreaterThan(20);
    expect(second).toEqual(first);
    expect(host).toEqual(first);
    const reseeded = await runBacktest({ ...options, config: { ...options.config, seed: 2025 } });
    expect(reseeded.curve.equity).not.toEqual(first.curve.equity);
  });

  it("points a strategy's runtime error at its TypeScript line, with the logs up to it, in both modes", async () => {
    const source = `type Price = number;\nexport default defineStrategy({\n  onBar(ctx) {\n    ctx.log('seen', ctx.barIndex);\n    const limit: Price = 3;\n    if (ctx.barIndex === limit) (undefined as any).boom();\n  },\n});`;
    for (const sandbox of [true, false]) {
      const error = await failure(runBacktest({ source, bars: dailyBars(10), sandbox, batchBars: 2 }));
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(
        /^The strategy threw TypeError in onBar, at bar 3 \(2024-01-04T00:00:00.000Z\), line 6, column 52: /,
      );
      // Column 52 is `boom`, where V8 reports the failed property read.
      expect(error.details).toMatchObject({ phase: 'onBar', barIndex: 3, line: 6, column: 52 });
      expect((error.details.logs as { message: string }[]).map((line) => line.message)).toEqual([
        'seen 0',
        'seen 1',
        'seen 2',
        'seen 3',
      ]);
    }
  });

  it('refuses params the strategy does not accept, naming them', async () => {
    const error = await failure(runBacktest({ source: ROUND_TRIP, bars: FIVE_BARS, params: { quantity: 0, other: 1 } }));
    expect(error.fields).toEqual([
      { path: 'params.other', message: 'is not declared by the strategy' },
      { path: 'params.quantity', message: 'must be >= 1, got 0' },
    ]);
    const declared = await failure(
      runBacktest({
        source: "export default defineStrategy({ params: { n: { type: 'integer', default: 1.5 } }, onBar() {} });",
        bars: FIVE_BARS,
      }),
    );
    expect(declared.message).toContain(
      "Invalid strategy's params declaration: params.n.default: must be a whole number, got 1.5",
    );
  });

  it('reports a file that throws while loading, and one without a strategy', async () => {
    const thrown = await failure(
      runBacktest({ source: "\nthrow new Error('bad file');\nexport default defineStrategy({ onBar() {} });", bars: FIVE_BARS }),
    );
    expect(thrown.message).toBe('The strategy threw Error while loading the file, line 2, column 7: bad file');
    const empty = await failure(runBacktest({ source: 'const x = 1;', bars: FIVE_BARS }));
    expect(empty.message).toBe(
      'The strategy is invalid while loading the file: The file must `export default defineStrategy({ … })`.',
    );
  });

  it('reports progress per batch and caps records while still counting every trade', async () => {
    const progress: number[] = [];
    const result: BacktestResult = await runBacktest({
      source: 'export default defineStrategy({ onBar(ctx) { if (ctx.position.quantity === 0) ctx.buy(1); else ctx.sell(1); } });',
      bars: dailyBars(100),
      batchBars: 30,
      limits: { maxRecords: 5 },
      onProgress: ({ bars, totalBars, usage }) => {
        progress.push(bars);
        expect(totalBars).toBe(100);
        expect(usage.heap?.limitBytes).toBeGreaterThan(0);
      },
    });
    expect(progress).toEqual([30, 60, 90, 100]);
    expect([result.orders.length, result.fills.length, result.trades.length]).toEqual([6, 5, 5]);
    expect(result.dropped).toMatchObject({ fills: 94, trades: 44 });
    expect(result.metrics.tradeCount).toBe(49);
  });
});
