import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { subscribe, waitFor } from '../../test/strategies.ts';

/**
 * Every fourth bar a market buy; two bars later a limit sell far below the close (it fills at the
 * next open, as the engine fills a limit the bar opens through) and an immediate-or-cancel limit buy
 * at half the close (it never fills and expires).
 */
const TWO_ORDER_TYPES = `
export default defineStrategy({
  name: 'Two order types',
  params: {},
  initialState: () => ({ n: 0 }),
  onBar(ctx) {
    ctx.state.n++;
    if (ctx.state.n % 4 === 1) ctx.buy(0.1);
    if (ctx.state.n % 4 === 3 && ctx.position.quantity > 0) {
      ctx.sell(ctx.position.quantity, { type: 'limit', limitPrice: ctx.bar.close * 0.9 });
      ctx.buy(0.2, { type: 'limit', limitPrice: ctx.bar.close * 0.5, timeInForce: 'ioc' });
    }
  },
});
`;

interface StoredOrder {
  id: number;
  submittedTime: number;
  side: 'buy' | 'sell';
  type: string;
  quantity: number;
  decisionPrice: number | null;
  arrivalPrice: number | null;
  status: string;
  filledQuantity: number;
  averageFillPrice: number | null;
  commission: number;
  fillBarOpen: number | null;
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`paper deployment execution quality on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let viewer: Auth;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
    }, 120_000);
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('stores each order with its decision and arrival prices and measures market and limit orders as worked by hand', async () => {
      const strategyId = (await api.call('strategies.create', { source: TWO_ORDER_TYPES }, editor)).data.id;
      const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:BTCUSD', timeframe: '1m' };
      const deployed = await api.call(
        'deployments.deploy',
        {
          strategyId,
          ...market,
          config: { slippage: { type: 'percent', rate: 0.0005 }, commission: { type: 'per-share', perShare: 0, minimum: 1 } },
          warmupBars: 2,
          replay: { bars: 24, speed: 600 },
        },
        editor,
      );
      expect(deployed.error).toBeUndefined();
      const id = deployed.data.id;
      // The deployment publishes its orders beside its fills: placed (open), then filled.
      const { events } = await subscribe(api, 'deployments.watch', { id }, viewer, (seen) =>
        seen.some((event) => event.type === 'orders' && event.orders.some((order: StoredOrder) => order.status === 'filled')),
      );
      const published = events.filter((event) => event.type === 'orders').flatMap((event) => event.orders as StoredOrder[]);
      expect(published.find((order) => order.status === 'open')).toMatchObject({
        type: 'market',
        side: 'buy',
        arrivalPrice: null,
      });
      expect(published.find((order) => order.status === 'filled')?.arrivalPrice).toBeGreaterThan(0);
      await waitFor(
        async () => (await api.call('analytics.deploymentExecution', { id }, viewer)).data,
        (found) => found?.orderList.filter((order: StoredOrder) => order.type === 'limit' && order.status !== 'open').length >= 4,
      );
      await api.call('deployments.stop', { id, reason: 'execution test' }, editor);
      const answer = await api.call('analytics.deploymentExecution', { id }, viewer);
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      const quality = answer.data;
      const orders: StoredOrder[] = quality.orderList;
      expect(Object.keys(quality.byType)).toEqual(['limit', 'market']);
      // Orders of the warm-up bars were rejected by the engine before reaching the market: not stored.
      const liveFrom: number = (await api.call('deployments.get', { id }, viewer)).data.account.liveFrom;
      expect(orders.every((order) => order.submittedTime >= liveFrom && order.status !== 'rejected')).toBe(true);

      // The decision price is the close of the bar the strategy decided on, the arrival price the next bar's open.
      const first = Math.min(...orders.map((order) => order.submittedTime));
      const last = Math.max(...orders.map((order) => order.submittedTime));
      const bars = (
        await api.call(
          'dataSources.query',
          {
            dataSource: market.dataSource,
            params: { symbol: market.symbol, timeframe: '1m' },
            range: { from: new Date(first).toISOString(), to: new Date(last + 180_000).toISOString() },
          },
          viewer,
        )
      ).data.frames.find((frame: { kind: string }) => frame.kind === 'ohlcv');
      for (const order of orders) {
        const index = (bars.time as number[]).indexOf(order.submittedTime);
        expect(index, `bar of order ${order.id}`).toBeGreaterThanOrEqual(0);
        expect(order.decisionPrice).toBe(bars.close[index]);
        if (order.arrivalPrice !== null) expect(order.arrivalPrice).toBe(bars.open[index + 1]);
      }

      // Market buys fill at the next open moved 0.05 % against them: 5 bps against arrival and the
      // fill bar's open, 1 of commission each. The limit sells fill at the next open (0 bps); the
      // ioc buys never fill. Orders placed on the last bars may still be open when it stops.
      const markets = orders.filter((order) => order.type === 'market' && order.status === 'filled');
      const limitSells = orders.filter((order) => order.type === 'limit' && order.side === 'sell' && order.status === 'filled');
      const iocBuys = orders.filter((order) => order.type === 'limit' && order.side === 'buy');
      expect(markets.length).toBeGreaterThanOrEqual(2);
      expect(limitSells.length).toBeGreaterThanOrEqual(2);
      expect(iocBuys.some((order) => order.status === 'expired')).toBe(true);
      expect(iocBuys.every((order) => order.filledQuantity === 0)).toBe(true);
      for (const order of markets) expect(order.averageFillPrice).toBeCloseTo(order.arrivalPrice! * 1.0005, 8);
      for (const order of limitSells) expect(order.averageFillPrice).toBe(order.arrivalPrice);
      const byMarket = quality.byType.market;
      expect(byMarket.shortfallVsArrivalBps).toBeCloseTo(5, 8);
      expect(byMarket.slippageBps).toBeCloseTo(5, 8);
      expect(byMarket.commissions).toBe(markets.length);
      const fillRatio = (list: StoredOrder[]) =>
        list.reduce((sum, order) => sum + order.filledQuantity, 0) / list.reduce((sum, order) => sum + order.quantity, 0);
      expect(byMarket.fillRatio).toBeCloseTo(fillRatio(orders.filter((order) => order.type === 'market')), 12);
      const byLimit = quality.byType.limit;
      expect(byLimit.shortfallVsArrivalBps).toBeCloseTo(0, 10);
      expect(byLimit.slippageBps).toBeCloseTo(0, 10);
      const limitOrders = orders.filter((order) => order.type === 'limit');
      expect(byLimit.orders).toBe(limitOrders.length);
      expect(byLimit.fillRatio).toBeCloseTo(fillRatio(limitOrders), 12);
      expect(byLimit.fillRatio).toBeLessThan(1);

      // Shortfall against the decision price, by hand: side × (fill − decision) / decision, weighted by
      // quantity; in money with commissions and the unfilled quantity's opportunity cost at the last price.
      const lastPrice: number = quality.lastPrice;
      const side = (order: StoredOrder) => (order.side === 'buy' ? 1 : -1);
      const filled = orders.filter((order) => order.filledQuantity > 0);
      const weighted = filled.reduce(
        (sum, order) =>
          sum +
          ((side(order) * (order.averageFillPrice! - order.decisionPrice!)) / order.decisionPrice!) *
            10_000 *
            order.filledQuantity,
        0,
      );
      const quantity = filled.reduce((sum, order) => sum + order.filledQuantity, 0);
      expect(quality.shortfallVsDecisionBps).toBeCloseTo(weighted / quantity, 8);
      const money =
        filled.reduce(
          (sum, order) =>
            sum + side(order) * (order.averageFillPrice! - order.decisionPrice!) * order.filledQuantity + order.commission,
          0,
        ) +
        orders.reduce(
          (sum, order) => sum + side(order) * (lastPrice - order.decisionPrice!) * (order.quantity - order.filledQuantity),
          0,
        );
      expect(quality.implementationShortfall).toBeCloseTo(money, 6);
      expect(quality.orders).toBe(orders.length);
    }, 120_000);

    it('answers NOT_FOUND for an unknown deployment, names a bad id, and refuses callers without a login', async () => {
      const unknown = await api.call('analytics.deploymentExecution', { id: '00000000-0000-4000-8000-000000000000' }, viewer);
      expect(unknown.error.data.nautilus.code).toBe('NOT_FOUND');
      const bad = await api.call('analytics.deploymentExecution', { id: 'nope' }, viewer);
      expect(bad.status).toBe(400);
      expect(bad.error.data.nautilus.fields[0]?.path).toBe('id');
      const anonymous = await api.call('analytics.deploymentExecution', { id: '00000000-0000-4000-8000-000000000000' });
      expect(anonymous.status).toBe(401);
    });
  });
}
