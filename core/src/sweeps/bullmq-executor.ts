import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { PointJob } from './execute-point.ts';
import type { SweepExecutor } from './sweep-executor.ts';

/** The BullMQ queue every instance and `nautilus worker` share (NAUTILUS_SWEEP_QUEUE / `--queue` to keep deployments apart on one Redis). */
export const SWEEP_QUEUE = 'nautilus-sweeps';

/** A Redis connection as BullMQ needs it: commands wait for a reconnect instead of failing. */
export function queueConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null });
}

/**
 * Queues sweep points on BullMQ; `nautilus worker` processes run them. The job id is the point's
 * hash, so a point queued twice (by two sweeps, or by two workers advancing a walk-forward) waits
 * once. Completed jobs are removed: the stored result, not the job, says a point is done.
 */
export class BullMqExecutor implements SweepExecutor {
  readonly kind = 'bullmq' as const;
  readonly #connection: Redis;
  readonly queue: Queue<PointJob>;

  constructor(redisUrl: string, queueName = SWEEP_QUEUE) {
    this.#connection = queueConnection(redisUrl);
    this.queue = new Queue<PointJob>(queueName, { connection: this.#connection });
  }

  async enqueue(jobs: PointJob[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += 500) {
      await this.queue.addBulk(
        jobs.slice(start, start + 500).map((job) => ({
          name: 'point',
          data: job,
          opts: {
            jobId: job.hash,
            attempts: 3,
            backoff: { type: 'fixed', delay: 1_000 },
            removeOnComplete: true,
            removeOnFail: 1_000,
          },
        })),
      );
    }
  }

  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.#connection.disconnect();
  }
}
