import type { PointJob } from './execute-point.ts';

/** Where sweep points run: in this process (embedded default) or on BullMQ workers over Redis. */
export interface SweepExecutor {
  readonly kind: 'in-process' | 'bullmq';
  enqueue(jobs: PointJob[]): Promise<void>;
  /** Jobs queued or running here (in-process) or on the queue (BullMQ). */
  pending(): Promise<number>;
  close(): Promise<void>;
}
