// Sweep throughput: backtests per second of a 100-point SMA-crossover grid on one year of daily bars,
// run by one and by two `nautilus worker` processes (BullMQ over Redis, results in PostgreSQL), and by
// the in-process executor for comparison. Run alone: node --no-node-snapshot bench/sweep.bench.ts
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createUser } from '../src/auth/users.ts';
import { MemoryBus } from '../src/bus/memory-bus.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import { loadPlugins } from '../src/server.ts';
import { createStrategy } from '../src/strategies/strategy-store.ts';
import { BullMqExecutor } from '../src/sweeps/bullmq-executor.ts';
import { createPointRunner } from '../src/sweeps/execute-point.ts';
import { InProcessExecutor } from '../src/sweeps/in-process-executor.ts';
import type { SweepExecutor } from '../src/sweeps/sweep-executor.ts';
import { type SweepRequest, SweepService } from '../src/sweeps/sweep-service.ts';
import { dialects } from '../test/databases.ts';
import { REDIS_URL, skipRedis } from '../test/redis.ts';
import { SMA_CROSSOVER } from '../test/strategies.ts';
import { printTable } from './stats.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function startWorker(env: Record<string, string>, queue: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--no-node-snapshot', cli, 'worker', '--queue', queue], {
    env: { ...process.env, NAUTILUS_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (output.includes('sweep worker ready')) resolve(child);
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
  });
}

async function timeSweep(service: SweepService, request: SweepRequest): Promise<{ points: number; seconds: number }> {
  const started = performance.now();
  const { id, total } = await service.create(null, request);
  for (;;) {
    const sweep = await service.get(id);
    if (sweep.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { points: total, seconds: (performance.now() - started) / 1000 };
}

/** Measures and prints the sweep throughput table; a row says why when Redis or PostgreSQL is unreachable. */
export async function printSweepTable(): Promise<void> {
  const title =
    'Sweep throughput: 100-point SMA-crossover grid, 1 year of daily SIM:AAPL bars (warm workers, concurrency 1 each; median of 3 runs)';
  const header = ['executor', 'workers', 'points', 'seconds', 'backtests/s', 'vs one worker'];
  const postgres = dialects.find((dialect) => dialect.name === 'postgres')!;
  if (postgres.skip || skipRedis) {
    printTable(title, header, [['bullmq', '', '', 'Redis or PostgreSQL unreachable', '', '']]);
    return;
  }
  const database = await postgres.create();
  const db = await openDatabase(database.options);
  const env = { DATABASE_URL: database.options.databaseUrl!, REDIS_URL, NAUTILUS_DATA_DIR: database.options.dataDir };
  const plugins = await loadPlugins(loadConfig(env), createLogger('silent'), new MemoryBus());
  const user = await createUser(db.db, { username: 'bench', password: 'correct horse battery staple', role: 'editor' });
  const strategy = await createStrategy(db.db, user.id, { source: SMA_CROSSOVER });
  // A different initial cash gives every run its own point hashes, so no run reuses another's results.
  let cash = 100_000;
  const request = (): SweepRequest => ({
    strategyId: strategy.id,
    mode: 'grid',
    axes: { fast: { min: 2, max: 20, step: 2 }, slow: { min: 30, max: 75, step: 5 } },
    config: { initialCash: cash++ },
    dataSource: 'nautilus.sim-market/bars',
    symbol: 'SIM:AAPL',
    timeframe: '1d',
    from: Date.UTC(2024, 0, 1),
    to: Date.UTC(2025, 0, 1),
  });
  const warmRequest = (): SweepRequest => ({ ...request(), axes: { fast: { values: [3, 5] }, slow: { values: [31, 33] } } });
  const rows: string[][] = [];
  let single = 0;
  const measure = async (label: string, workers: number, executor: SweepExecutor) => {
    const service = new SweepService({ db: db.db, plugins, executor });
    await timeSweep(service, warmRequest());
    // Three runs, the median kept: a 100-point sweep takes seconds, so one neighbour's burst moves a single run.
    const runs = [];
    for (let run = 0; run < 3; run++) runs.push(await timeSweep(service, request()));
    runs.sort((a, b) => b.points / b.seconds - a.points / a.seconds);
    const { points, seconds } = runs[1]!;
    const rate = points / seconds;
    if (label === 'bullmq' && workers === 1) single = rate;
    rows.push([
      label,
      String(workers),
      String(points),
      seconds.toFixed(2),
      rate.toFixed(1),
      label === 'bullmq' && single ? (rate / single).toFixed(2) : '',
    ]);
    await service.close();
  };
  try {
    for (const count of [1, 2]) {
      const queue = `nautilus-sweeps-bench-${randomBytes(4).toString('hex')}`;
      const workers = await Promise.all(Array.from({ length: count }, () => startWorker(env, queue)));
      try {
        await measure('bullmq', count, new BullMqExecutor(REDIS_URL, queue));
      } finally {
        for (const worker of workers) worker.kill('SIGTERM');
      }
    }
    const runner = createPointRunner({ db: db.db, plugins, maxBars: 1_000_000, worker: 'in-process' });
    await measure('in-process', 1, new InProcessExecutor({ db: db.db, runner, concurrency: 1, logger: createLogger('silent') }));
    await measure('in-process', 2, new InProcessExecutor({ db: db.db, runner, concurrency: 2, logger: createLogger('silent') }));
  } finally {
    await plugins.teardown();
    await db.close();
    await database.drop();
  }
  printTable(title, header, rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await printSweepTable();
  process.exit(0);
}
