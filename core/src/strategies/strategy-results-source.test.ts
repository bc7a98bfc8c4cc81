import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { SMA_CROSSOVER, waitFor } from '../../test/strategies.ts';
import { equityFrame, STRATEGY_RESULTS_REF, tradesFrame } from './strategy-results-source.ts';

const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:MSFT', timeframe: '1h' };
const range = { from: '2024-01-01', to: '2024-07-01' };
const everything = { from: '2023-01-01', to: '2025-01-01' };

describe('strategy-results frames', () => {
  it('keeps only points and trades inside the range, drawdown in %', () => {
    const frame = equityFrame({ time: [1, 2, 3], equity: [100, 110, 99], drawdown: [0, 0, -0.1] }, { from: 2, to: 3 });
    expect(frame.series[0]).toEqual({ name: 'equity', time: [2, 3], values: [110, 99] });
    expect(frame.series[1]?.values[1]).toBeCloseTo(-10);
    const derived = equityFrame({ time: [1, 2], equity: [100, 50] }, { from: 0, to: 9 });
    expect(derived.series[1]?.values).toEqual([0, -50]);
    const trade = {
      side: 'long',
      quantity: 1,
      entryTime: 5,
      entryBarIndex: 0,
      entryPrice: 10,
      exitTime: 6,
      exitBarIndex: 1,
      exitPrice: 11,
      pnl: 1,
      return: 0.1,
      commission: 0,
    } as const;
    expect(tradesFrame([trade], { from: 0, to: 4 }).rows).toHaveLength(0);
    expect(tradesFrame([trade], { from: 0, to: 9 }).rows[0]).toEqual([5, 6, 'long', 1, 10, 11, 1, 10]);
  });
});

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`nautilus.core/strategy-results on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let editor: Auth;
    let viewer: Auth;
    let run: any;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      const created = await api.call('strategies.create', { source: SMA_CROSSOVER, message: 'first cut' }, editor);
      const queued = await api.call(
        'backtests.run',
        { strategyId: created.data.id, version: 1, params: { fast: 8, slow: 21 }, ...market, range },
        editor,
      );
      expect(queued.status).toBe(200);
      run = await waitFor(
        async () => (await api.call('backtests.get', { id: queued.data.id }, viewer)).data,
        (found) => found.status === 'done' || found.status === 'failed',
      );
      expect(run.status).toBe('done');
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    const query = (params: Record<string, unknown>) =>
      api.call('dataSources.query', { dataSource: STRATEGY_RESULTS_REF, params, range: everything }, viewer);

    it('is a built-in plugin, active, listed with source core', async () => {
      const plugins = (await api.call('plugins.list', undefined, viewer)).data as { id: string; state: string; source: string }[];
      expect(plugins.find((plugin) => plugin.id === 'nautilus.core')).toMatchObject({ state: 'active', source: 'core' });
      const sources = (await api.call('dataSources.list', undefined, viewer)).data as { ref?: string }[];
      expect(JSON.stringify(sources)).toContain(STRATEGY_RESULTS_REF);
    });

    it('returns the equity curve of a finished run, equal to the stored curve', async () => {
      const result = await query({ id: run.id });
      expect(result.status).toBe(200);
      const [frame] = result.data.frames ?? result.data;
      expect(frame.kind).toBe('timeseries');
      const equity = frame.series.find((series: { name: string }) => series.name === 'equity');
      expect(equity.time).toEqual(run.result.curve.time);
      expect(equity.values).toEqual(run.result.curve.equity);
      expect(frame.series.map((series: { name: string }) => series.name)).toEqual(['equity']);
      const drawdown = (await query({ id: run.id, view: 'drawdown' })).data.frames[0];
      expect(drawdown.series.map((series: { name: string; unit?: string }) => [series.name, series.unit])).toEqual([
        ['drawdown', '%'],
      ]);
      expect(Math.min(...drawdown.series[0].values)).toBeLessThanOrEqual(0);
    });

    it('returns one table row per stored trade', async () => {
      const result = await query({ kind: 'backtest', id: run.id, view: 'trades' });
      const [frame] = result.data.frames ?? result.data;
      expect(frame.kind).toBe('table');
      expect(run.result.trades.length).toBeGreaterThan(0);
      expect(frame.rows).toHaveLength(run.result.trades.length);
    });

    it('answers an unknown id with NOT_FOUND saying what to pick', async () => {
      const missing = await query({ id: randomUUID() });
      expect(missing.error.data.nautilus.code).toBe('NOT_FOUND');
      expect(missing.error.data.nautilus.message).toContain('backtests.list');
      const deployment = await query({ kind: 'deployment', id: randomUUID(), view: 'trades' });
      expect(deployment.error.data.nautilus.code).toBe('NOT_FOUND');
      expect(deployment.error.data.nautilus.message).toContain('deployments.list');
    });
  });
}
