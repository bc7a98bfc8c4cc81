import { Worker } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { advanceSweep } from './advance-sweep.ts';
import { BullMqExecutor, queueConnection, SWEEP_QUEUE } from './bullmq-executor.ts';
import { createPointRunner, type PointJob, WORKER_NAME } from './execute-point.ts';
import { isWanted, runningSweepsWith } from './sweep-store.ts';

export interface SweepWorkerOptions {
  db: Kysely<Tables>;
  plugins: PluginHost;
  redisUrl: string;
  logger: Logger;
  /** Points this process runs at once. */
  concurrency: number;
  maxBars: number;
  /**
   * How long a job's lock lasts without renewal: a worker that dies (kill -9, lost machine) has its
   * job taken for stalled and retried elsewhere after about this long. Default 30 s.
   */
  lockMs?: number | undefined;
  /** Default `nautilus-sweeps`. */
  queueName?: string | undefined;
}

export interface SweepWorker {
  name: string;
  close(): Promise<void>;
}

/**
 * A BullMQ worker for sweep points (`nautilus worker`): runs each point (skipping those already
 * stored or wanted by no running sweep), then advances the sweeps holding it. A job whose worker
 * died is moved back to waiting by another worker's stalled-job check and retried (up to 5 times).
 */
export async function startSweepWorker(options: SweepWorkerOptions): Promise<SweepWorker> {
  const { db, logger } = options;
  const runner = createPointRunner({ db, plugins: options.plugins, maxBars: options.maxBars });
  const queueName = options.queueName ?? SWEEP_QUEUE;
  const advancer = new BullMqExecutor(options.redisUrl, queueName);
  const connection = queueConnection(options.redisUrl);
  const lockDuration = options.lockMs ?? 30_000;
  const worker = new Worker<PointJob>(
    queueName,
    async (job) => {
      if (!(await isWanted(db, job.data.hash))) return 'skipped';
      const stored = await runner.run(job.data);
      for (const sweepId of await runningSweepsWith(db, job.data.hash)) {
        await advanceSweep(db, sweepId, (jobs) => advancer.enqueue(jobs));
      }
      return stored ? 'stored' : 'reused';
    },
    {
      connection,
      concurrency: options.concurrency,
      lockDuration,
      stalledInterval: Math.max(1_000, Math.floor(lockDuration / 2)),
      maxStalledCount: 5,
      name: WORKER_NAME,
    },
  );
  worker.on('failed', (job, error) => logger.warn({ err: error, point: job?.id }, 'sweep point failed; BullMQ retries it'));
  worker.on('error', (error) => logger.error({ err: error }, 'sweep worker error'));
  await worker.waitUntilReady();
  logger.info({ worker: WORKER_NAME, concurrency: options.concurrency, queue: queueName }, 'sweep worker ready');
  return {
    name: WORKER_NAME,
    async close() {
      await worker.close();
      await advancer.close();
      connection.disconnect();
    },
  };
}
