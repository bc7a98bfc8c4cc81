import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { PointJob } from './execute-point.ts';
import { pointHash } from './point-hash.ts';
import {
  addPoint,
  countPoints,
  finishSweep,
  getSweepRecord,
  keyOf,
  type SweepPointView,
  sweepPoints,
  withoutResults,
} from './sweep-store.ts';
import { walkForwardFolds } from './walk-forward.ts';

/** The point a metric ranks best: highest value, failures and nulls last, ties to the lowest index. */
export function bestPoint(points: SweepPointView[], metric: 'sharpe' | 'totalReturn'): SweepPointView | undefined {
  let best: SweepPointView | undefined;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    const value = point.metrics?.[metric] ?? Number.NEGATIVE_INFINITY;
    if (best === undefined || value > bestValue) {
      best = point;
      bestValue = value;
    }
  }
  return best;
}

/**
 * Moves a sweep on after a result: for walk-forward, each fold whose in-sample grid is complete gets
 * its out-of-sample point (the in-sample best, on the next window) at a fixed index, so two workers
 * finishing at once add it once; a sweep whose every point has a result is marked done. Safe to call
 * from any worker, any number of times.
 */
export async function advanceSweep(
  db: Kysely<Tables>,
  sweepId: string,
  enqueue: (jobs: PointJob[]) => Promise<void>,
): Promise<void> {
  const sweep = await getSweepRecord(db, sweepId);
  if (sweep.status !== 'running') return;
  const walkForward = sweep.request.walkForward;
  if (!walkForward) {
    // A grid needs only counts (every point finishing calls this: no reading the whole grid each time).
    const { points, pending } = await countPoints(db, sweepId);
    if (points === sweep.total && pending === 0) await finishSweep(db, sweepId);
    return;
  }
  const points = await sweepPoints(db, sweepId);
  const folds = walkForwardFolds(sweep.request.from, sweep.request.to, walkForward);
  const jobs: PointJob[] = [];
  for (const fold of folds) {
    const inSample = points.filter((point) => point.phase === 'in-sample' && point.fold === fold.fold);
    const outOfSample = points.find((point) => point.phase === 'out-of-sample' && point.fold === fold.fold);
    if (inSample.length === 0 || inSample.some((point) => point.status === 'pending')) continue;
    if (outOfSample) {
      if (outOfSample.status === 'pending') jobs.push({ hash: outOfSample.hash, key: keyOf(sweep, outOfSample) });
      continue;
    }
    const chosen = bestPoint(inSample, sweep.request.metric);
    if (!chosen) continue;
    const point = { phase: 'out-of-sample' as const, fold: fold.fold, params: chosen.params, ...fold.outOfSample };
    const key = keyOf(sweep, point);
    const hash = pointHash(key);
    await addPoint(db, sweepId, folds.length * walkForward.gridSize + fold.fold, point, hash);
    jobs.push({ hash, key });
  }
  const pending = await withoutResults(db, jobs);
  if (pending.length > 0) await enqueue(pending);
  // An out-of-sample point another sweep computed already needs no job: look again at once.
  if (pending.length < jobs.length) return advanceSweep(db, sweepId, enqueue);
  const done = points.filter((point) => point.status !== 'pending').length;
  if (points.length === sweep.total && done === sweep.total) await finishSweep(db, sweepId);
}
