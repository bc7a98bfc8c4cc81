import type { OhlcvFrame } from '@nautilus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { waitFor } from '../../test/strategies.ts';
import { closedBars } from '../backtests/load-bars.ts';

const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:MSFT', timeframe: '1d' };
const range = { from: '2024-01-01', to: '2024-03-01' };

/**
 * Bar 0: buys `share` × its cash worth at the close (more than a cash account holds when share > 1);
 * bar 1: buys one unit; bar 3: sells one more than it holds (a short sale at the end).
 */
const OVERSPENDER = `
export default defineStrategy({
  params: { share: { type: 'number', default: 2 } },
  onOrderRejected(ctx, order) {
    ctx.log('rejected', order.id, order.reason);
  },
  onBar(ctx) {
    if (ctx.barIndex === 0) ctx.buy(Math.floor((ctx.cash * ctx.params.share) / ctx.bar.close));
    if (ctx.barIndex === 1) ctx.buy(1);
    if (ctx.barIndex === 3) ctx.sell(ctx.position.quantity + 1);
  },
});`;

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`the account check through the API on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let viewer: Auth;
    let strategyId: string;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      strategyId = (await api.call('strategies.create', { source: OVERSPENDER, name: 'Overspender' }, editor)).data.id;
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    const backtest = async (params: Record<string, number>, config: Record<string, unknown>) => {
      const queued = await api.call('backtests.run', { strategyId, params, config, ...market, range }, editor);
      expect(queued.error).toBeUndefined();
      return waitFor(
        async () => (await api.call('backtests.get', { id: queued.data.id }, viewer)).data,
        (run) => run.status === 'done' || run.status === 'failed',
      );
    };

    it('stores the orders a cash account rejected, with what they needed and what was available', async () => {
      const run = await backtest({ share: 2 }, { initialCash: 100_000 });
      expect(run.status).toBe('done');
      const [frame] = await api.services.plugins.query(market.dataSource, {
        params: { symbol: market.symbol, timeframe: market.timeframe },
        range: { from: Date.parse(range.from), to: Date.parse(range.to) },
        maxPoints: 10_000,
      });
      const close = closedBars(frame as OhlcvFrame, Date.now()).close[0]!;
      const quantity = Math.floor((100_000 * 2) / close);
      const { orders, rejectedOrders, config } = run.result;
      expect(config.account).toEqual({ type: 'cash' });
      expect(rejectedOrders).toBe(2);
      expect(orders.map((order: { id: number; status: string }) => [order.id, order.status])).toEqual([
        [1, 'rejected'],
        [2, 'filled'],
        [3, 'rejected'],
      ]);
      expect(orders[0].reason).toBe(
        `insufficient cash at submission: the order needs ${(quantity * close).toFixed(2)} (${quantity} × ${close} + commission 0.00) ` +
          'but 100000.00 is available; trade fewer units, or use a margin account (config.account)',
      );
      expect(orders[2].reason).toBe(
        'a cash account cannot sell short: the order sells 2 but 1 is held; sell at most the units held, or use a margin account (config.account)',
      );
      // The strategy heard both, with the same reasons.
      expect(run.result.logs.map((line: { message: string }) => line.message)).toEqual([
        `rejected 1 ${orders[0].reason}`,
        `rejected 3 ${orders[2].reason}`,
      ]);
      expect(run.result.final.cash).toBeGreaterThanOrEqual(0);
    });

    it('lets a margin account with leverage 2 buy what the cash account refused, and sell short', async () => {
      const run = await backtest({ share: 1.9 }, { initialCash: 100_000, account: { type: 'margin', leverage: 2 } });
      expect(run.status).toBe('done');
      expect(run.result.config.account).toEqual({ type: 'margin', leverage: 2 });
      expect(run.result.rejectedOrders).toBe(0);
      expect(run.result.orders.map((order: { status: string }) => order.status)).toEqual(['filled', 'filled', 'filled']);
      expect(run.result.final.position.quantity).toBe(-1);
    });

    it('refuses a bad account setting with VALIDATION naming the field, storing no run or deployment', async () => {
      const runsBefore = (await api.call('backtests.list', { strategyId }, viewer)).data.length;
      const leverage = await api.call(
        'backtests.run',
        { strategyId, ...market, range, config: { account: { type: 'margin', leverage: 0.5 } } },
        editor,
      );
      expect(leverage.error.data.nautilus).toMatchObject({
        code: 'VALIDATION',
        fields: [
          {
            path: 'config.account.leverage',
            message: 'must be a number from 1 to 100 (gross position value allowed per unit of equity, e.g. 2), got 0.5',
          },
        ],
      });
      const unknownType = await api.call(
        'backtests.run',
        { strategyId, ...market, range, config: { account: { type: 'loan' } } },
        editor,
      );
      expect(unknownType.error.data.nautilus.code).toBe('VALIDATION');
      expect(unknownType.error.data.nautilus.fields[0]?.path).toBe('config.account.type');
      const cashLeverage = await api.call(
        'backtests.run',
        { strategyId, ...market, range, config: { account: { type: 'cash', leverage: 2 } } },
        editor,
      );
      expect(cashLeverage.error.data.nautilus.code).toBe('VALIDATION');
      expect(cashLeverage.error.data.nautilus.fields[0]?.path).toBe('config.account');
      expect(cashLeverage.error.data.nautilus.fields[0]?.message).toContain('leverage');
      expect((await api.call('backtests.list', { strategyId }, viewer)).data).toHaveLength(runsBefore);

      const deploymentsBefore = (await api.call('deployments.list', { strategyId }, viewer)).data.length;
      const deploy = await api.call(
        'deployments.deploy',
        { strategyId, ...market, config: { account: { type: 'margin', leverage: 101 } } },
        editor,
      );
      expect(deploy.error.data.nautilus.code).toBe('VALIDATION');
      expect(deploy.error.data.nautilus.fields[0]?.path).toBe('config.account.leverage');
      expect((await api.call('deployments.list', { strategyId }, viewer)).data).toHaveLength(deploymentsBefore);
    });

    it('applies the cash account to a paper deployment: the strategy hears its rejections there too', async () => {
      const deployed = await api.call(
        'deployments.deploy',
        {
          strategyId,
          params: { share: 2 },
          // Simulated bitcoin is dear: enough cash that twice of it buys whole units.
          config: { initialCash: 10_000_000 },
          dataSource: market.dataSource,
          symbol: 'SIM:BTCUSD',
          timeframe: '1m',
          // Warm-up bars place no orders (the account starts flat): bar 0 must be live, from a replay.
          warmupBars: 0,
          replay: { bars: 10, speed: 600 },
        },
        editor,
      );
      expect(deployed.error).toBeUndefined();
      expect(deployed.data.config.account).toEqual({ type: 'cash' });
      const seen = await waitFor(
        async () => (await api.call('deployments.get', { id: deployed.data.id }, viewer)).data,
        (deployment) => deployment.activity.logs.some((line: { message: string }) => line.message.startsWith('rejected 1 ')),
      );
      expect(seen.activity.logs[0].message).toMatch(
        /^rejected 1 insufficient cash at submission: the order needs [\d.]+ \(\d+ × [\d.]+ \+ commission 0\.00\) but 10000000\.00 is available; /,
      );
      expect(seen.account.cash).toBeGreaterThanOrEqual(0);
      await api.call('deployments.stop', { id: deployed.data.id }, editor);
    });
  });
}
