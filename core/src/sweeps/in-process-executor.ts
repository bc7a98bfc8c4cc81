import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../db/tables.ts';
import { advanceSweep } from './advance-sweep.ts';
import type { PointJob, PointRunner } from './execute-point.ts';
import type { SweepExecutor } from './sweep-executor.ts';
import { isWanted, runningSweepsWith } from './sweep-store.ts';

/**
 * Runs sweep points in this process, at most `concurrency` at once, in the order queued: the
 * embedded default, so sweeps work without Redis. Queued points die with the server; the next start
 * queues them again (SweepService.resume); with Redis, BullMQ keeps them.
 */
export class InProcessExecutor implements SweepExecutor {
  readonly kind = 'in-process' as const;
  readonly #queue: PointJob[] = [];
  readonly #running = new Set<Promise<void>>();
  readonly #queued = new Set<string>();
  #closing = false;

  readonly #options: { db: Kysely<Tables>; runner: PointRunner; concurrency: number; logger: Logger };

  constructor(options: { db: Kysely<Tables>; runner: PointRunner; concurrency: number; logger: Logger }) {
    this.#options = options;
  }

  async enqueue(jobs: PointJob[]): Promise<void> {
    for (const job of jobs) {
      if (this.#queued.has(job.hash)) continue;
      this.#queued.add(job.hash);
      this.#queue.push(job);
    }
    this.#drain();
  }

  async pending(): Promise<number> {
    return this.#queue.length + this.#running.size;
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#queue.length = 0;
    await Promise.allSettled([...this.#running]);
  }

  #drain(): void {
    while (!this.#closing && this.#running.size < this.#options.concurrency && this.#queue.length > 0) {
      const job = this.#queue.shift()!;
      const running: Promise<void> = this.#process(job).finally(() => {
        this.#running.delete(running);
        this.#queued.delete(job.hash);
        this.#drain();
      });
      this.#running.add(running);
    }
  }

  async #process(job: PointJob): Promise<void> {
    const { db, runner, logger } = this.#options;
    try {
      if (!(await isWanted(db, job.hash))) return;
      await runner.run(job);
      for (const sweepId of await runningSweepsWith(db, job.hash)) await advanceSweep(db, sweepId, (jobs) => this.enqueue(jobs));
    } catch (error) {
      if (!this.#closing) logger.error({ err: error, point: job.hash }, 'sweep point failed');
    }
  }
}
