import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { BullMqExecutor } from './bullmq-executor.ts';
import { createPointRunner } from './execute-point.ts';
import { InProcessExecutor } from './in-process-executor.ts';
import { SweepService } from './sweep-service.ts';

/**
 * The server's sweep service. With REDIS_URL and DATABASE_URL, points go on the BullMQ queue and `nautilus worker`
 * processes run them (the server itself runs none, so API latency does not suffer from a sweep);
 * without it, they run in this process, NAUTILUS_BACKTEST_CONCURRENCY at once.
 */
export function createSweepService(options: {
  db: Kysely<Tables>;
  plugins: PluginHost;
  logger: Logger;
  config: Config;
}): SweepService {
  const { db, plugins, logger, config } = options;
  // Workers need the database too: with the embedded one (one process only) points stay in process.
  const executor =
    config.redisUrl && config.databaseUrl
      ? new BullMqExecutor(config.redisUrl, process.env.NAUTILUS_SWEEP_QUEUE || undefined)
      : new InProcessExecutor({
          db,
          runner: createPointRunner({ db, plugins, maxBars: config.backtestMaxBars, worker: 'in-process' }),
          concurrency: config.backtestConcurrency,
          logger,
        });
  const service = new SweepService({ db, plugins, executor });
  // Sweeps a stopped server left running (its in-process queue died with it) carry on.
  service.resume().then(
    (queued) => queued > 0 && logger.info({ queued }, 'resumed unfinished sweep points'),
    (error: unknown) => logger.warn({ err: error }, 'could not resume unfinished sweeps'),
  );
  return service;
}
