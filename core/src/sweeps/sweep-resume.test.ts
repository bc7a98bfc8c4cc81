import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { SMA_CROSSOVER, waitFor } from '../../test/strategies.ts';
import { createUser } from '../auth/users.ts';
import { MemoryBus } from '../bus/memory-bus.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createLogger } from '../logger.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { loadPlugins } from '../server.ts';
import { createStrategy } from '../strategies/strategy-store.ts';
import { createPointRunner } from './execute-point.ts';
import { InProcessExecutor } from './in-process-executor.ts';
import { SweepService } from './sweep-service.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`resuming sweeps on ${dialect.name}`, { timeout: 120_000 }, () => {
    let database: TestDatabase;
    let db: Awaited<ReturnType<typeof openDatabase>>;
    let plugins: PluginHost;
    let strategyId: string;

    beforeAll(async () => {
      database = await dialect.create();
      db = await openDatabase(database.options);
      plugins = await loadPlugins(
        loadConfig({ NAUTILUS_DATA_DIR: database.options.dataDir }),
        createLogger('silent'),
        new MemoryBus(),
      );
      const user = await createUser(db.db, { username: 'sweeper', password: 'correct horse battery staple', role: 'editor' });
      strategyId = (await createStrategy(db.db, user.id, { source: SMA_CROSSOVER })).id;
    });
    afterAll(async () => {
      await plugins?.teardown();
      await db?.close();
      await database?.drop();
    });

    const executor = (concurrency: number) =>
      new InProcessExecutor({
        db: db.db,
        runner: createPointRunner({ db: db.db, plugins, maxBars: 1_000_000, worker: 'in-process' }),
        concurrency,
        logger: createLogger('silent'),
      });

    it('finishes on the next start the points a stopped server had queued in process', async () => {
      // A server that stops right after accepting the sweep: its queue is gone, the points are stored.
      const stopped = executor(1);
      await stopped.close();
      const before = new SweepService({ db: db.db, plugins, executor: stopped });
      const { id } = await before.create(null, {
        strategyId,
        mode: 'walk-forward',
        axes: { fast: { values: [5, 10] }, slow: { values: [30] } },
        walkForward: { folds: 2 },
        dataSource: 'nautilus.sim-market/bars',
        symbol: 'SIM:AAPL',
        timeframe: '1d',
        from: Date.UTC(2023, 0, 1),
        to: Date.UTC(2024, 0, 1),
      });
      expect((await before.get(id)).progress).toMatchObject({ done: 0, pending: 6 });
      const after = new SweepService({ db: db.db, plugins, executor: executor(2) });
      expect(await after.resume()).toBe(4);
      const sweep = await waitFor(
        () => after.get(id),
        (view) => view.status !== 'running',
        60_000,
      );
      expect(sweep.status).toBe('done');
      expect(sweep.progress).toMatchObject({ total: 6, done: 6, pending: 0 });
      expect(sweep.folds?.every((fold) => fold.chosen !== null && fold.outOfSampleMetric !== undefined)).toBe(true);
      await after.close();
    });
  });
}
