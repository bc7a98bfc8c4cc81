import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { SMA_CROSSOVER, waitFor } from '../../test/strategies.ts';

const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:MSFT', timeframe: '1d' };
const range = { from: '2023-01-01', to: '2024-01-01' };

interface Summary {
  id: string;
  number: number;
  status: string;
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`backtest reports on ${dialect.name}: run numbers, curves to overlay, the run's bars`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let viewer: Auth;
    let strategyId: string;
    let otherId: string;
    const ids: string[] = [];

    const run = async (strategy: string, params: Record<string, number>, config?: unknown) => {
      const queued = await api.call('backtests.run', { strategyId: strategy, params, ...market, range, config }, editor);
      expect(queued.status, JSON.stringify(queued.error)).toBe(200);
      return queued.data.id as string;
    };
    const finished = (id: string) =>
      waitFor(
        async () => (await api.call('backtests.get', { id }, viewer)).data,
        (found) => found.status === 'done' || found.status === 'failed',
      );

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      strategyId = (await api.call('strategies.create', { source: SMA_CROSSOVER }, editor)).data.id;
      otherId = (await api.call('strategies.create', { source: SMA_CROSSOVER, name: 'Other' }, editor)).data.id;
      // One after the other, so each has its own creation time.
      for (const [fast, slow] of [
        [5, 20],
        [10, 30],
        [15, 40],
      ] as const) {
        const id = await run(strategyId, { fast, slow }, { initialCash: 25_000 });
        ids.push(id);
        await finished(id);
      }
      await finished(await run(otherId, { fast: 5, slow: 20 }));
    }, 120_000);
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it("numbers a strategy's runs 1, 2, 3 by creation, in the list, in get and in compare", async () => {
      const list: Summary[] = (await api.call('backtests.list', { strategyId }, viewer)).data;
      expect(list.map((item) => [item.id, item.number])).toEqual([
        [ids[2], 3],
        [ids[1], 2],
        [ids[0], 1],
      ]);
      // A limit shows the newest runs with their numbers among all of the strategy's runs.
      const newest: Summary[] = (await api.call('backtests.list', { strategyId, limit: 1 }, viewer)).data;
      expect(newest.map((item) => item.number)).toEqual([3]);
      expect((await api.call('backtests.get', { id: ids[1] }, viewer)).data.number).toBe(2);
      const compared: Summary[] = (await api.call('backtests.compare', { ids: [ids[2], ids[0]] }, viewer)).data;
      expect(compared.map((item) => item.number)).toEqual([3, 1]);
      // Another strategy counts from 1.
      const other: Summary[] = (await api.call('backtests.list', { strategyId: otherId }, viewer)).data;
      expect(other.map((item) => item.number)).toEqual([1]);
      // Across strategies each keeps its own number.
      const all: Summary[] = (await api.call('backtests.list', {}, viewer)).data;
      expect(all.map((item) => item.number).sort()).toEqual([1, 1, 2, 3]);
    });

    it('adds each run its stored equity curve and initial cash only when asked', async () => {
      const plain = (await api.call('backtests.compare', { ids: [ids[0]] }, viewer)).data;
      expect(plain[0]).not.toHaveProperty('curve');
      const [first, second] = (await api.call('backtests.compare', { ids: [ids[0], ids[1]], curves: true }, viewer)).data;
      const stored = (await api.call('backtests.get', { id: ids[0] }, viewer)).data.result.curve;
      expect(first.curve).toEqual(stored);
      expect(first.initialCash).toBe(25_000);
      expect(second.curve.time).toEqual(stored.time);
      expect(second.curve.equity).not.toEqual(stored.equity);
    });

    it('serves the bars a run traded on: as many as it had, from its first to its last, buy & hold as its metrics say', async () => {
      const full = (await api.call('backtests.get', { id: ids[0] }, viewer)).data;
      const bars = (await api.call('backtests.bars', { id: ids[0] }, viewer)).data;
      expect(bars).toMatchObject({ kind: 'ohlcv', symbol: 'SIM:MSFT', timeframe: '1d' });
      expect(bars.time).toHaveLength(full.result.bars);
      expect(bars.time[0]).toBe(full.result.from);
      expect(bars.time.at(-1)).toBe(full.result.to);
      // The metric's definition: last close / first bar's open − 1.
      expect(bars.close.at(-1) / bars.open[0] - 1).toBeCloseTo(full.metrics.buyAndHoldReturn, 12);
      // Every trade entered and left on one of these bars.
      const times = new Set(bars.time);
      for (const trade of full.result.trades) {
        expect(times.has(trade.entryTime)).toBe(true);
        expect(times.has(trade.exitTime)).toBe(true);
      }
      const missing = await api.call('backtests.bars', { id: '00000000-0000-4000-8000-000000000000' }, viewer);
      expect(missing.error.data.nautilus.code).toBe('NOT_FOUND');
    });
  });
}
