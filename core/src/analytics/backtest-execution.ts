import { type ExecutionQuality, executionQuality } from '@nautilus/analytics';
import { NautilusError } from '@nautilus/sdk';
import type { Services } from '../api/context.ts';
import { getRun } from '../backtests/backtest-store.ts';

/** Execution quality of a run, and what it was measured on. */
export type ExecutionView = ExecutionQuality & { notes: string[] };

/**
 * A finished run's execution quality from its stored orders and fills and the bars it traded on (its
 * data source, symbol, timeframe and range, as `backtests.bars`). A run stores its first 1,000 orders
 * and fills; the notes say when that is fewer than it made.
 */
export async function backtestExecution(services: Pick<Services, 'db' | 'backtests'>, id: string): Promise<ExecutionView> {
  const run = await getRun(services.db, id);
  if (run.status !== 'done' || !run.result) {
    throw NautilusError.validation('run', [
      { path: 'id', message: `run ${id} is ${run.status}; execution quality needs a finished run` },
    ]);
  }
  const result = run.result;
  const bars = await services.backtests.bars(id);
  const notes: string[] = [];
  if (result.stored.orders.kept < result.stored.orders.total || result.stored.fills.kept < result.stored.fills.total) {
    notes.push(
      `from the first ${result.stored.orders.kept} of ${result.stored.orders.total} orders and ${result.stored.fills.kept} of ${result.stored.fills.total} fills the run kept`,
    );
  }
  return { ...executionQuality(result.orders, result.fills, bars), notes };
}
