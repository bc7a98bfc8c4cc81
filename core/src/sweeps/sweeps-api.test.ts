import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { SMA_CROSSOVER, waitFor } from '../../test/strategies.ts';

const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:AAPL', timeframe: '1d' };
const range = { from: '2024-01-01', to: '2025-01-01' };
const axes = { fast: { values: [5, 10, 15] }, slow: { values: [20, 40] } };

for (const dialect of dialects) {
  // A sweep on a loaded 2-core machine can take longer than the 30 s default.
  describe.skipIf(dialect.skip)(`sweeps API, in-process executor, on ${dialect.name}`, { timeout: 120_000 }, () => {
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
      strategyId = (await api.call('strategies.create', { source: SMA_CROSSOVER }, editor)).data.id;
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    const finished = (id: string) =>
      waitFor(
        async () => (await api.call('sweeps.get', { id }, viewer)).data,
        (sweep) => sweep.status !== 'running',
        60_000,
      );

    it('runs a grid in process to completion, every point once, with PBO and deflated Sharpe', async () => {
      const created = await api.call('sweeps.create', { strategyId, mode: 'grid', axes, ...market, range }, editor);
      expect(created.status).toBe(200);
      expect(created.data).toMatchObject({ total: 6, queued: 6 });
      const sweep = await finished(created.data.id);
      expect(sweep.status).toBe('done');
      expect(sweep.progress).toEqual({ total: 6, done: 6, failed: 0, pending: 0 });
      // Axes sorted by name, the last varying fastest.
      expect(sweep.points.map((point: any) => [point.params.fast, point.params.slow])).toEqual([
        [5, 20],
        [5, 40],
        [10, 20],
        [10, 40],
        [15, 20],
        [15, 40],
      ]);
      expect(new Set(sweep.points.map((point: any) => point.hash)).size).toBe(6);
      for (const point of sweep.points) expect(point.metrics.bars).toBeGreaterThan(200);
      const best = Math.max(...sweep.points.map((point: any) => point.metrics.sharpe ?? Number.NEGATIVE_INFINITY));
      expect(sweep.best.metrics.sharpe).toBe(best);
      expect(sweep.statistics.trials).toBe(6);
      expect(sweep.statistics.pbo).toBeGreaterThanOrEqual(0);
      expect(sweep.statistics.pbo).toBeLessThanOrEqual(1);
      expect(sweep.statistics.deflatedSharpe).toBeGreaterThanOrEqual(0);
      expect(sweep.statistics.deflatedSharpe).toBeLessThanOrEqual(1);
    });

    it('gives the same grid the second time and reuses every stored result', async () => {
      const first = (await api.call('sweeps.list', { strategyId }, viewer)).data.at(-1);
      const again = await api.call('sweeps.create', { strategyId, mode: 'grid', axes, ...market, range }, editor);
      expect(again.data).toMatchObject({ total: 6, queued: 0 });
      const [a, b] = await Promise.all([finished(first.id), finished(again.data.id)]);
      expect(b.status).toBe('done');
      expect(b.points.map((point: any) => point.hash)).toEqual(a.points.map((point: any) => point.hash));
      expect(b.points.map((point: any) => point.metrics)).toEqual(a.points.map((point: any) => point.metrics));
    });

    it('draws the same random sample for the same seed, and another for another seed', async () => {
      const body = {
        strategyId,
        mode: 'random',
        axes: { fast: { min: 2, max: 30, step: 2 }, slow: { min: 35, max: 60, step: 5 } },
        budget: 5,
        ...market,
        range,
      };
      const sweeps = await Promise.all([
        api.call('sweeps.create', { ...body, seed: 7 }, editor),
        api.call('sweeps.create', { ...body, seed: 7 }, editor),
        api.call('sweeps.create', { ...body, seed: 8 }, editor),
      ]);
      const grids = await Promise.all(
        sweeps.map(async (sweep) => (await finished(sweep.data.id)).points.map((point: any) => point.params)),
      );
      expect(grids[0]).toHaveLength(5);
      expect(grids[1]).toEqual(grids[0]);
      expect(grids[2]).not.toEqual(grids[0]);
    });

    it('walks forward: each fold optimises in sample and evaluates its best point out of sample', async () => {
      const created = await api.call(
        'sweeps.create',
        {
          strategyId,
          mode: 'walk-forward',
          axes: { fast: { values: [5, 10] }, slow: { values: [20, 30] } },
          walkForward: { folds: 2 },
          ...market,
          range,
        },
        editor,
      );
      expect(created.data.total).toBe(2 * (4 + 1));
      const sweep = await finished(created.data.id);
      expect(sweep.status).toBe('done');
      expect(sweep.folds).toHaveLength(2);
      for (const fold of sweep.folds) {
        expect(fold.outOfSample.from).toBe(fold.inSample.to);
        const inSample = sweep.points.filter((point: any) => point.phase === 'in-sample' && point.fold === fold.fold);
        const top = Math.max(...inSample.map((point: any) => point.metrics.sharpe ?? Number.NEGATIVE_INFINITY));
        const chosen = inSample.find((point: any) => (point.metrics.sharpe ?? Number.NEGATIVE_INFINITY) === top);
        expect(fold.chosen).toEqual(chosen.params);
        expect(fold.inSampleMetric).toBe(chosen.metrics.sharpe);
      }
    });

    it('saves the best point as a new version whose defaults are its params', async () => {
      const first = (await api.call('sweeps.list', { strategyId }, viewer)).data.at(-1);
      const sweep = await finished(first.id);
      const latest = (await api.call('strategies.get', { id: strategyId }, viewer)).data.version;
      const saved = await api.call('sweeps.saveAsVersion', { id: sweep.id, idx: sweep.best.idx, baseVersion: latest }, editor);
      expect(saved.status).toBe(200);
      expect(saved.data.version).toBe(latest + 1);
      const record = (await api.call('strategies.get', { id: strategyId, version: latest + 1 }, viewer)).data;
      expect(record.params.fast.default).toBe(sweep.best.params.fast);
      expect(record.params.slow.default).toBe(sweep.best.params.slow);
      const stale = await api.call('sweeps.saveAsVersion', { id: sweep.id, idx: sweep.best.idx, baseVersion: latest }, editor);
      expect(stale.error.data.nautilus.code).toBe('CONFLICT');
    });

    it('rejects bad input naming the field, and lets viewers read but not create or cancel', async () => {
      const bad = await api.call(
        'sweeps.create',
        { strategyId, mode: 'grid', axes: { fast: { values: [0, 5] }, speed: { values: [1] } }, ...market, range },
        editor,
      );
      expect(bad.status).toBe(400);
      const paths = bad.error.data.nautilus.fields.map((field) => field.path);
      expect(paths).toEqual(expect.arrayContaining(['axes.fast.values', 'axes.speed']));
      const huge = await api.call(
        'sweeps.create',
        { strategyId, mode: 'grid', axes: { fast: { min: 1, max: 100 }, slow: { min: 2, max: 100 } }, ...market, range },
        editor,
      );
      expect(huge.status).toBe(400);
      expect(huge.error.data.nautilus.fields[0]).toMatchObject({ path: 'axes' });
      const noBudget = await api.call('sweeps.create', { strategyId, mode: 'random', axes, ...market, range }, editor);
      expect(noBudget.error.data.nautilus.fields[0]).toMatchObject({ path: 'budget' });
      const created = await api.call('sweeps.create', { strategyId, mode: 'grid', axes, ...market, range }, viewer);
      expect(created.status).toBe(403);
      const first = (await api.call('sweeps.list', { strategyId }, viewer)).data[0];
      expect((await api.call('sweeps.cancel', { id: first.id }, viewer)).status).toBe(403);
    });

    it('cancels a running sweep: it stops, and results stored so far stay', async () => {
      const created = await api.call(
        'sweeps.create',
        { strategyId, mode: 'grid', axes: { fast: { min: 3, max: 12 }, slow: { values: [50] } }, ...market, range },
        editor,
      );
      const cancelled = await api.call('sweeps.cancel', { id: created.data.id }, editor);
      expect(cancelled.data.status).toBe('cancelled');
      const sweep = (await api.call('sweeps.get', { id: created.data.id }, viewer)).data;
      expect(sweep.status).toBe('cancelled');
      expect(sweep.progress.done).toBeLessThan(10);
    });
  });
}
