import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/users.ts';
import { MemoryBus } from '../src/bus/memory-bus.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import type { PluginHost } from '../src/plugins/plugin-host.ts';
import { loadPlugins } from '../src/server.ts';
import { createStrategy } from '../src/strategies/strategy-store.ts';
import { BullMqExecutor, queueConnection } from '../src/sweeps/bullmq-executor.ts';
import { type SweepRequest, SweepService } from '../src/sweeps/sweep-service.ts';
import { sweepDb } from '../src/sweeps/sweep-tables.ts';
import { dialects, type TestDatabase } from './databases.ts';
import { REDIS_URL, skipRedis } from './redis.ts';
import { SMA_CROSSOVER, waitFor } from './strategies.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const postgres = dialects.find((dialect) => dialect.name === 'postgres')!;

interface WorkerProcess {
  child: ChildProcess;
  output(): string;
}

/** Starts `nautilus worker` as an operator would, and waits for it to say it is ready. */
async function startWorker(env: Record<string, string>, queue: string, concurrency: number): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ['--no-node-snapshot', cli, 'worker', '--queue', queue, '--concurrency', String(concurrency), '--lock-ms', '2000'],
    { env: { ...process.env, NAUTILUS_LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  await waitFor(
    async () => output,
    (text) => text.includes('sweep worker ready') || child.exitCode !== null,
    60_000,
  );
  if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${output}`);
  return { child, output: () => output };
}

/*
 * Two real `nautilus worker` processes over real Redis and PostgreSQL; one is killed with SIGKILL
 * mid-sweep. Under CI=true an unreachable Redis or PostgreSQL fails this suite instead of skipping it.
 */
describe.skipIf(postgres.skip || skipRedis)('sweeps on two worker processes over Redis, one killed mid-sweep', () => {
  const queue = `nautilus-sweeps-test-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let plugins: PluginHost;
  let service: SweepService;
  let events: QueueEvents;
  let request: SweepRequest;
  const workers: WorkerProcess[] = [];
  const stalled: string[] = [];

  beforeAll(async () => {
    // Fail at once (not after the hook's timeout) when CI=true runs this without a Redis.
    const probe = new Redis(REDIS_URL, {
      lazyConnect: true,
      connectTimeout: 3_000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {});
    await probe.connect().catch((error: Error) => {
      throw new Error(`Redis at ${REDIS_URL} is unreachable, and CI=true requires it: ${error.message}`);
    });
    probe.disconnect();
    database = await postgres.create();
    const env = { DATABASE_URL: database.options.databaseUrl!, REDIS_URL, NAUTILUS_DATA_DIR: database.options.dataDir };
    db = await openDatabase(database.options);
    const config = loadConfig(env);
    plugins = await loadPlugins(config, createLogger('silent'), new MemoryBus());
    const user = await createUser(db.db, { username: 'sweeper', password: 'correct horse battery staple', role: 'editor' });
    const strategy = await createStrategy(db.db, user.id, { source: SMA_CROSSOVER });
    service = new SweepService({ db: db.db, plugins, executor: new BullMqExecutor(REDIS_URL, queue) });
    events = new QueueEvents(queue, { connection: queueConnection(REDIS_URL) });
    events.on('stalled', ({ jobId }) => stalled.push(jobId));
    await events.waitUntilReady();
    // 6 × 5 = 30 points of six months of hourly bars: long enough that the kill lands mid-sweep.
    request = {
      strategyId: strategy.id,
      mode: 'grid',
      axes: { fast: { min: 4, max: 24, step: 4 }, slow: { min: 30, max: 70, step: 10 } },
      dataSource: 'nautilus.sim-market/bars',
      symbol: 'SIM:MSFT',
      timeframe: '1h',
      from: Date.parse('2024-01-01'),
      to: Date.parse('2024-07-01'),
    };
    workers.push(...(await Promise.all([startWorker(env, queue, 2), startWorker(env, queue, 1)])));
  }, 150_000);

  afterAll(async () => {
    for (const worker of workers)
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await events?.close();
    await service?.close();
    await plugins?.teardown();
    await db?.close();
    await database?.drop();
  });

  it('completes every point exactly once, the killed worker’s point retried by the other', async () => {
    const [doomed, survivor] = workers as [WorkerProcess, WorkerProcess];
    const created = await service.create(null, request);
    expect(created).toMatchObject({ total: 30, queued: 30 });
    const results = sweepDb(db.db).selectFrom('sweep_results');
    const doomedName = `:${doomed.child.pid}`;
    // Kill once the doomed worker has stored a few results: it is then holding jobs (concurrency 2).
    await waitFor(
      async () => (await results.select('worker').execute()).filter((row) => row.worker.endsWith(doomedName)).length,
      (count) => count >= 3,
      60_000,
    );
    doomed.child.kill('SIGKILL');
    const sweep = await waitFor(
      () => service.get(created.id),
      (view) => view.status !== 'running',
      120_000,
    );
    expect(sweep.status).toBe('done');
    expect(sweep.progress).toEqual({ total: 30, done: 30, failed: 0, pending: 0 });
    const rows = await results.select(['hash', 'worker', 'stored_count']).execute();
    const hashes = sweep.points.map((point) => point.hash);
    // One result row per point hash, each stored once (stored_count counts every store of a hash).
    for (const hash of hashes) {
      const matching = rows.filter((row) => row.hash === hash);
      expect(matching).toHaveLength(1);
      expect(matching[0]!.stored_count).toBe(1);
    }
    expect(rows).toHaveLength(30);
    const byWorker = (suffix: string) => rows.filter((row) => row.worker.endsWith(suffix)).length;
    expect(byWorker(doomedName)).toBeGreaterThanOrEqual(3);
    expect(byWorker(`:${survivor.child.pid}`)).toBeGreaterThan(0);
    // BullMQ's stalled-job check saw the dead worker's jobs and moved them back for the survivor.
    expect(stalled.length).toBeGreaterThan(0);
    expect(survivor.output()).not.toContain('"level":50');
  }, 200_000);

  it('gives the same grid the second time, every result reused', async () => {
    const first = (await service.list({ limit: 10 })).at(-1)!;
    const again = await service.create(null, request);
    expect(again).toMatchObject({ total: 30, queued: 0 });
    const [a, b] = await Promise.all([service.get(first.id), service.get(again.id)]);
    expect(b.status).toBe('done');
    expect(b.points.map((point) => [point.params, point.hash])).toEqual(a.points.map((point) => [point.params, point.hash]));
    expect(b.points.map((point) => point.metrics)).toEqual(a.points.map((point) => point.metrics));
  });
});
