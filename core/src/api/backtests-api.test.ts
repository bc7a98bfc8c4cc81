import { runBacktest } from '@nautilus/runtime';
import type { OhlcvFrame } from '@nautilus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { SMA_CROSSOVER, THROWS_AFTER, waitFor } from '../../test/strategies.ts';
import { closedBars } from '../backtests/load-bars.ts';

const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:MSFT', timeframe: '1h' };
const range = { from: '2024-01-01', to: '2024-07-01' };

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`strategies and backtests API on ${dialect.name}`, () => {
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
      const created = await api.call('strategies.create', { source: SMA_CROSSOVER, message: 'first cut' }, editor);
      expect(created.status).toBe(200);
      strategyId = created.data.id;
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    const finished = (id: string) =>
      waitFor(
        async () => (await api.call('backtests.get', { id }, viewer)).data,
        (run) => run.status === 'done' || run.status === 'failed',
      );

    it('answers a source that does not compile with VALIDATION at its line and column, storing nothing', async () => {
      const before = (await api.call('strategies.list', undefined, viewer)).data.length;
      const result = await api.call(
        'strategies.create',
        { source: 'export default defineStrategy({\n  onBar(ctx) { ctx.sell( }\n});' },
        editor,
      );
      expect(result.status).toBe(400);
      expect(result.error.data.nautilus).toMatchObject({ code: 'VALIDATION', details: { line: 2, column: 26 } });
      expect(result.error.data.nautilus.details.diagnostics).toHaveLength(1);
      expect((await api.call('strategies.list', undefined, viewer)).data).toHaveLength(before);
    });

    it('lets viewers read but not save, run or deploy', async () => {
      expect((await api.call('strategies.get', { id: strategyId }, viewer)).data.name).toBe('SMA crossover');
      const attempts = await Promise.all([
        api.call('strategies.save', { id: strategyId, baseVersion: 1, source: SMA_CROSSOVER }, viewer),
        api.call('backtests.run', { strategyId, ...market, range }, viewer),
        api.call('deployments.deploy', { strategyId, ...market }, viewer),
        api.call('strategies.delete', { id: strategyId }, viewer),
      ]);
      for (const attempt of attempts) {
        expect(attempt.status).toBe(403);
        expect(attempt.error.data.nautilus.code).toBe('FORBIDDEN');
      }
    });

    it('saves versions with diffs, and reads any two versions diffed', async () => {
      const saved = await api.call(
        'strategies.save',
        {
          id: strategyId,
          baseVersion: 1,
          source: SMA_CROSSOVER.replace("'SMA crossover'", "'SMA crossover v2'"),
          message: 'rename',
        },
        editor,
      );
      expect(saved.data).toEqual({ id: strategyId, version: 2, unchanged: false, draft: false, typeErrors: 0 });
      const versions = (await api.call('strategies.versions', { id: strategyId }, viewer)).data;
      expect(versions.map((version: { version: number; message: string }) => [version.version, version.message])).toEqual([
        [2, 'rename'],
        [1, 'first cut'],
      ]);
      const diff = (await api.call('strategies.diff', { id: strategyId, to: 2, from: 1 }, viewer)).data.diff as string;
      expect(diff).toContain("-  name: 'SMA crossover',");
      expect(diff).toContain("+  name: 'SMA crossover v2',");
      const conflict = await api.call('strategies.save', { id: strategyId, baseVersion: 1, source: SMA_CROSSOVER }, editor);
      expect(conflict.error.data.nautilus.code).toBe('CONFLICT');
    });

    it('runs a backtest in the background whose stored result equals runBacktest on the same bars', async () => {
      const params = { fast: 8, slow: 21 };
      const config = { initialCash: 50_000, commission: { type: 'per-share', perShare: 0.005, minimum: 1 } };
      const started = performance.now();
      const queued = await api.call('backtests.run', { strategyId, version: 1, params, config, ...market, range }, editor);
      expect(queued.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2_000);
      const run = await finished(queued.data.id);
      expect(run).toMatchObject({ status: 'done', progress: 1, version: 1, symbol: 'SIM:MSFT', params, error: null });

      const [frame] = await api.services.plugins.query(market.dataSource, {
        params: { symbol: market.symbol, timeframe: market.timeframe },
        range: { from: Date.parse(range.from), to: Date.parse(range.to) },
        maxPoints: 1_000_000,
      });
      const source = (await api.call('strategies.get', { id: strategyId, version: 1 }, viewer)).data.source;
      const direct = await runBacktest({
        source,
        bars: closedBars(frame as OhlcvFrame, Date.now()),
        params,
        config: config as never,
      });
      expect(direct.trades.length).toBeGreaterThan(3);
      expect(run.metrics).toEqual(direct.metrics);
      expect(run.result.final).toEqual(direct.final);
      expect(run.result.trades).toEqual(direct.trades);
      expect(run.result.stored.curve).toEqual({ bars: direct.curve.time.length, points: direct.curve.time.length });
      expect(run.result.curve).toEqual(direct.curve);
    });

    it('backtests on nautilus.core/bars (the fallback chain and its cache) exactly as on the provider behind it', async () => {
      const params = { fast: 8, slow: 21 };
      const direct = await finished(
        (await api.call('backtests.run', { strategyId, version: 1, params, ...market, range }, editor)).data.id,
      );
      const viaChain = await finished(
        (
          await api.call(
            'backtests.run',
            { strategyId, version: 1, params, ...market, dataSource: 'nautilus.core/bars', range },
            editor,
          )
        ).data.id,
      );
      // Twice: the second run reads its bars from the cache.
      const viaCache = await finished(
        (
          await api.call(
            'backtests.run',
            { strategyId, version: 1, params, ...market, dataSource: 'nautilus.core/bars', range },
            editor,
          )
        ).data.id,
      );
      for (const run of [viaChain, viaCache]) {
        expect(run).toMatchObject({ status: 'done', error: null });
        expect(run.metrics).toEqual(direct.metrics);
        expect(run.result.trades).toEqual(direct.result.trades);
      }
    });

    it('refuses params outside the spec and an unknown symbol before storing a run', async () => {
      const before = (await api.call('backtests.list', { strategyId }, viewer)).data.length;
      const badParam = await api.call('backtests.run', { strategyId, params: { fast: 0 }, ...market, range }, editor);
      expect(badParam.error.data.nautilus.fields).toEqual([{ path: 'params.fast', message: 'must be >= 1, got 0' }]);
      const badSymbol = await api.call('backtests.run', { strategyId, ...market, symbol: 'SIM:NOPE', range }, editor);
      expect(badSymbol.error.data.nautilus.fields[0]?.path).toBe('params.symbol');
      const badConfig = await api.call('backtests.run', { strategyId, ...market, range, config: { initialCash: -5 } }, editor);
      expect(badConfig.error.data.nautilus.fields).toEqual([
        { path: 'config.initialCash', message: 'must be a positive number, got -5' },
      ]);
      expect((await api.call('backtests.list', { strategyId }, viewer)).data).toHaveLength(before);
    });

    it('lists runs newest first and compares their metrics side by side', async () => {
      const a = (await api.call('backtests.run', { strategyId, params: { fast: 5, slow: 10 }, ...market, range }, editor)).data
        .id;
      const b = (await api.call('backtests.run', { strategyId, params: { fast: 20, slow: 50 }, ...market, range }, editor)).data
        .id;
      await finished(a);
      await finished(b);
      const list = (await api.call('backtests.list', { strategyId }, viewer)).data;
      expect(
        list
          .slice(0, 2)
          .map((run: { id: string }) => run.id)
          .sort(),
      ).toEqual([a, b].sort());
      expect(list[0]).not.toHaveProperty('result');
      const compared = (await api.call('backtests.compare', { ids: [b, a] }, viewer)).data;
      expect(compared.map((run: { id: string; params: unknown }) => [run.id, run.params])).toEqual([
        [b, { fast: 20, slow: 50 }],
        [a, { fast: 5, slow: 10 }],
      ]);
      expect(compared[0].metrics.totalReturn).not.toBe(compared[1].metrics.totalReturn);
      const missing = await api.call('backtests.compare', { ids: [a, '00000000-0000-4000-8000-000000000000'] }, viewer);
      expect(missing.error.data.nautilus.code).toBe('NOT_FOUND');
    });

    it('records a strategy that throws as a failed run with its line', async () => {
      const created = await api.call('strategies.create', { source: THROWS_AFTER(10), name: 'Thrower' }, editor);
      const queued = await api.call('backtests.run', { strategyId: created.data.id, ...market, range }, editor);
      const run = await finished(queued.data.id);
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({ code: 'VALIDATION', details: { phase: 'onBar', barIndex: 10, line: 4 } });
      expect(run.error.message).toContain('position book corrupted');
    });
  });
}
