import { NautilusError } from '@nautilus/sdk';
import { redactUrl } from '../bus/create-bus.ts';
import { MemoryBus } from '../bus/memory-bus.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createLogger } from '../logger.ts';
import { loadInstalledInto } from '../plugins/install/install-command.ts';
import { loadPlugins } from '../server.ts';
import { startSweepWorker } from './sweep-worker.ts';

/** `nautilus worker` options, as commander parses them. */
export interface WorkerCommandOptions {
  concurrency: string;
  lockMs?: string | undefined;
  queue?: string | undefined;
}

function whole(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw NautilusError.validation('options', [
      { path: name, message: `must be a whole number from ${min} to ${max}, got '${text}'` },
    ]);
  }
  return value;
}

/**
 * Runs sweep points from the BullMQ queue until SIGINT/SIGTERM. Needs REDIS_URL (the queue) and
 * DATABASE_URL (PostgreSQL: the embedded database belongs to the one server process, and without
 * Redis the server runs sweeps itself). Loads the same plugins as a server so data sources match.
 */
export async function runWorkerCommand(config: Config, options: WorkerCommandOptions): Promise<void> {
  const concurrency = whole('--concurrency', options.concurrency, 1, 64)!;
  const lockMs = whole('--lock-ms', options.lockMs, 1_000, 600_000);
  const issues = [];
  if (!config.redisUrl)
    issues.push({ path: 'REDIS_URL', message: 'is required: workers take sweep points from the BullMQ queue in Redis' });
  if (!config.databaseUrl) {
    issues.push({
      path: 'DATABASE_URL',
      message:
        'is required: workers store results in the shared PostgreSQL database (without Redis, the server runs sweeps itself)',
    });
  }
  if (issues.length > 0) throw NautilusError.validation('configuration', issues);
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const plugins = await loadPlugins(config, logger, new MemoryBus());
  const unlisted = await loadInstalledInto(config, plugins);
  if (unlisted) logger.warn(unlisted);
  const worker = await startSweepWorker({
    db: database.db,
    plugins,
    redisUrl: config.redisUrl!,
    logger,
    concurrency,
    maxBars: config.backtestMaxBars,
    lockMs,
    queueName: options.queue,
  });
  logger.info({ redis: redactUrl(config.redisUrl!) }, 'nautilus worker started');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping after its running points');
    await worker.close();
    await plugins.teardown();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
