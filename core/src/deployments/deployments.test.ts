import { runBacktest } from '@nautilus/runtime';
import type { OhlcvFrame } from '@nautilus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { LOOPS_AFTER, RHYTHM_TRADER, RHYTHM_TRADER_V1, subscribe, THROWS_AFTER, waitFor } from '../../test/strategies.ts';

// 1m crypto bars trade around the clock; 30 bars replayed at 600x arrive one every 100 ms.
const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:BTCUSD', timeframe: '1m' };
const replay = { bars: 30, speed: 600 };

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`paper deployments on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let viewer: Auth;
    let traderId: string;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      traderId = (await api.call('strategies.create', { source: RHYTHM_TRADER_V1 }, editor)).data.id;
      await api.call('strategies.save', { id: traderId, baseVersion: 1, source: RHYTHM_TRADER, message: 'sized' }, editor);
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    const deployment = async (id: string) => (await api.call('deployments.get', { id }, viewer)).data;
    const deploy = async (input: Record<string, unknown>) => {
      const result = await api.call('deployments.deploy', { ...market, replay, warmupBars: 10, ...input }, editor);
      expect(result.error).toBeUndefined();
      return result.data;
    };

    it('trades on an accelerated feed, streaming bars, fills and PnL; the equity matches a backtest of the same bars', async () => {
      const deployed = await deploy({ strategyId: traderId, params: { hold: 2, size: 0.1 } });
      expect(deployed).toMatchObject({
        status: 'running',
        version: 2,
        params: { hold: 2, size: 0.1 },
        replay: { bars: 30, speed: 600 },
      });
      expect(deployed.account.bars).toBe(10);
      // The warm-up saw 10 bars and placed no order: the paper account starts flat at the initial cash.
      expect(deployed.account).toMatchObject({
        warmUpBars: 10,
        liveFrom: deployed.replay.from,
        cash: 100_000,
        equity: 100_000,
        pnl: 0,
        liveEquity: 100_000,
        position: { quantity: 0 },
      });
      expect(deployed.activity.fills).toEqual([]);
      expect(deployed.activity.equity.equity).toEqual(new Array(10).fill(100_000));

      const { status, events } = await subscribe(
        api,
        'deployments.watch',
        { id: deployed.id },
        viewer,
        (seen) => seen.filter((event) => event.type === 'bar').length >= 12,
      );
      expect(status).toBe(200);
      expect(events[0]).toMatchObject({ type: 'snapshot', deployment: { id: deployed.id, status: 'running' } });
      const bars = events.filter((event) => event.type === 'bar');
      const times = bars.map((event) => event.bar.time);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(times).size).toBe(times.length);
      expect(events.some((event) => event.type === 'fills' && event.fills[0].quantity === 0.1)).toBe(true);
      const equities = events.filter((event) => event.type === 'account').map((event) => event.account.equity);
      expect(new Set(equities).size).toBeGreaterThan(3);

      // Determinism: live bars trade exactly like a backtest that starts with them (the warm-up placed
      // no orders, and this strategy keeps no state across a flat position), equity bar by bar.
      const stored = await waitFor(
        () => deployment(deployed.id),
        (current) => current.account.bars >= 10 + bars.length,
      );
      expect(times[0]).toBe(deployed.replay.from);
      const [frame] = await api.services.plugins.query(market.dataSource, {
        params: { symbol: market.symbol, timeframe: market.timeframe },
        range: { from: times[0], to: times.at(-1) + 1 },
        maxPoints: 10_000,
      });
      const backtest = await runBacktest({ source: RHYTHM_TRADER, bars: frame as OhlcvFrame, params: { hold: 2, size: 0.1 } });
      expect(backtest.curve.time).toEqual(times.slice(0, backtest.curve.time.length));
      expect(bars.slice(0, backtest.curve.time.length).map((event) => event.equity)).toEqual(backtest.curve.equity);

      expect(stored.activity.fills.length).toBeGreaterThan(2);
      expect(stored.account).toMatchObject({ initialCash: 100_000, openOrders: expect.any(Number) });
      expect(stored.account.pnl).toBeCloseTo(stored.account.equity - 100_000, 6);

      const stopped = await api.call('deployments.stop', { id: deployed.id }, editor);
      expect(stopped.data).toMatchObject({ status: 'stopped', stopReason: 'stopped by editor-1' });
      expect(api.services.deployments.runningHere()).not.toContain(deployed.id);
    });

    it('stops a looping and a throwing deployment with their reasons while a sound one keeps trading', async () => {
      const looper = (await api.call('strategies.create', { source: LOOPS_AFTER(14), name: 'Looper' }, editor)).data.id;
      const thrower = (await api.call('strategies.create', { source: THROWS_AFTER(16), name: 'Thrower' }, editor)).data.id;
      const good = await deploy({ strategyId: traderId });
      // What /metrics reports for a stuck-deployment alert: when each one running here last processed a bar.
      const lastBar = () => api.services.deployments.progressHere().find((item) => item.id === good.id)?.lastBarProcessedAt ?? 0;
      const afterWarmUp = lastBar();
      const loops = await deploy({ strategyId: looper, limits: { batchTimeoutMs: 200 } });
      const throws = await deploy({ strategyId: thrower });

      const failedLoop = await waitFor(
        () => deployment(loops.id),
        (current) => current.status !== 'running',
      );
      expect(failedLoop).toMatchObject({ status: 'failed', error: { code: 'SANDBOX_TIMEOUT' } });
      expect(failedLoop.stopReason).toContain('200 ms limit for one batch');
      const failedThrow = await waitFor(
        () => deployment(throws.id),
        (current) => current.status !== 'running',
      );
      expect(failedThrow).toMatchObject({ status: 'failed', error: { details: { line: 4, phase: 'onBar' } } });
      expect(failedThrow.stopReason).toContain('position book corrupted');

      const before = (await deployment(good.id)).account.bars;
      const after = await waitFor(
        () => deployment(good.id),
        (current) => current.account.bars >= before + 3,
      );
      expect(after.status).toBe('running');
      expect(api.services.deployments.runningHere()).toEqual([good.id]);
      expect(afterWarmUp).toBeGreaterThan(0);
      await expect.poll(lastBar).toBeGreaterThan(afterWarmUp);
      expect(api.services.deployments.progressHere().map((item) => item.id)).toEqual([good.id]);
      await api.call('deployments.stop', { id: good.id }, editor);
    });

    it('rolls back to the previous version with the same params in one action', async () => {
      const current = await deploy({ strategyId: traderId, params: { hold: 3, size: 0.2 } });
      const rolled = await api.call('deployments.rollback', { id: current.id }, editor);
      expect(rolled.error).toBeUndefined();
      expect(rolled.data.stopped).toMatchObject({ id: current.id, status: 'stopped', stopReason: 'rolled back to version 1' });
      // Version 1 declares only `hold`; it keeps its value.
      expect(rolled.data.deployed).toMatchObject({ status: 'running', version: 1, params: { hold: 3 }, rollbackOf: current.id });
      const none = await api.call('deployments.rollback', { id: rolled.data.deployed.id }, editor);
      expect(none.error.data.nautilus).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'id' }] });
      expect((await deployment(rolled.data.deployed.id)).status).toBe('running');
      await api.call('deployments.stop', { id: rolled.data.deployed.id }, editor);
      const listed = (await api.call('deployments.list', { strategyId: traderId }, viewer)).data;
      expect(listed.every((item: { status: string }) => item.status === 'stopped')).toBe(true);
    });

    it('refuses a source that cannot stream and a strategy deleted under a running deployment', async () => {
      const instruments = await api.call(
        'deployments.deploy',
        { strategyId: traderId, ...market, dataSource: 'nautilus.sim-market/instruments' },
        editor,
      );
      expect(instruments.error.data.nautilus.code).toBe('VALIDATION');
      const running = await deploy({ strategyId: traderId });
      const refused = await api.call('strategies.delete', { id: traderId }, editor);
      expect(refused.error.data.nautilus.code).toBe('CONFLICT');
      await api.call('deployments.stop', { id: running.id }, editor);
    });
  });
}
