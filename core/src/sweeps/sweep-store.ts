import { randomUUID } from 'node:crypto';
import { NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { PointJob, PointMetrics } from './execute-point.ts';
import { type PointKey, pointHash } from './point-hash.ts';
import type { ParamPoint } from './sweep-grid.ts';
import { type PointPhase, type SweepKind, type SweepStatus, sweepDb } from './sweep-tables.ts';

/** The checked request a sweep stores and its out-of-sample points are built from. */
export interface StoredSweepRequest {
  kind: SweepKind;
  axes: Record<string, unknown>;
  dataSource: string;
  symbol: string;
  timeframe: string;
  from: number;
  to: number;
  config: unknown;
  /** Metric the best point is chosen by (higher is better). */
  metric: 'sharpe' | 'totalReturn';
  seed?: number | undefined;
  budget?: number | undefined;
  walkForward?: { folds: number; inSampleWindows: number; gridSize: number } | undefined;
}

export interface NewPoint {
  phase: PointPhase;
  fold: number;
  params: ParamPoint;
  from: number;
  to: number;
}

export interface SweepPointView {
  idx: number;
  phase: PointPhase;
  fold: number;
  params: ParamPoint;
  hash: string;
  /** The bars' range: the sweep's, or the fold's window in walk-forward. */
  from: number;
  to: number;
  status: 'pending' | 'done' | 'failed';
  metrics: PointMetrics | null;
  error: unknown;
}

export interface SweepRecord {
  id: string;
  strategyId: string;
  version: number;
  kind: SweepKind;
  status: SweepStatus;
  request: StoredSweepRequest;
  total: number;
  createdAt: string;
  finishedAt: string | null;
}

const notFound = (id: string) => new NautilusError('NOT_FOUND', `No sweep ${id}; see sweeps.list.`);

export function keyOf(sweep: { strategyId: string; version: number; request: StoredSweepRequest }, point: NewPoint): PointKey {
  const { dataSource, symbol, timeframe, config } = sweep.request;
  return {
    strategyId: sweep.strategyId,
    version: sweep.version,
    params: point.params,
    dataSource,
    symbol,
    timeframe,
    from: point.from,
    to: point.to,
    config,
  };
}

/** Stores a sweep and its first points; returns the jobs to queue (points without a stored result). */
export async function insertSweep(
  database: Kysely<Tables>,
  input: { strategyId: string; version: number; request: StoredSweepRequest; total: number; createdBy: string | null },
  points: NewPoint[],
): Promise<{ id: string; jobs: PointJob[] }> {
  const db = sweepDb(database);
  const id = randomUUID();
  const jobs = points.map((point) => {
    const key = keyOf(input, point);
    return { hash: pointHash(key), key };
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sweeps')
      .values({
        id,
        strategy_id: input.strategyId,
        version: input.version,
        kind: input.request.kind,
        request: JSON.stringify(input.request),
        status: 'running',
        total: input.total,
        created_by: input.createdBy,
      })
      .execute();
    for (let start = 0; start < points.length; start += 500) {
      await trx
        .insertInto('sweep_points')
        .values(
          points.slice(start, start + 500).map((point, offset) => ({
            sweep_id: id,
            idx: start + offset,
            phase: point.phase,
            fold: point.fold,
            params: JSON.stringify(point.params),
            range_from: point.from,
            range_to: point.to,
            hash: jobs[start + offset]!.hash,
          })),
        )
        .execute();
    }
  });
  return { id, jobs: await withoutResults(database, jobs) };
}

/** The jobs whose hash has no stored result yet (a result computed by any earlier sweep is reused). */
export async function withoutResults(database: Kysely<Tables>, jobs: PointJob[]): Promise<PointJob[]> {
  if (jobs.length === 0) return [];
  const db = sweepDb(database);
  const done = new Set<string>();
  for (let start = 0; start < jobs.length; start += 500) {
    const rows = await db
      .selectFrom('sweep_results')
      .select('hash')
      .where(
        'hash',
        'in',
        jobs.slice(start, start + 500).map((job) => job.hash),
      )
      .execute();
    for (const row of rows) done.add(row.hash);
  }
  const seen = new Set<string>();
  return jobs.filter((job) => !done.has(job.hash) && !seen.has(job.hash) && seen.add(job.hash));
}

export async function getSweepRecord(database: Kysely<Tables>, id: string): Promise<SweepRecord> {
  const row = await sweepDb(database).selectFrom('sweeps').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(id);
  return toRecord(row);
}

function toRecord(row: {
  id: string;
  strategy_id: string;
  version: number;
  kind: SweepKind;
  status: SweepStatus;
  request: unknown;
  total: number;
  created_at: Date;
  finished_at: Date | null;
}): SweepRecord {
  return {
    id: row.id,
    strategyId: row.strategy_id,
    version: row.version,
    kind: row.kind,
    status: row.status,
    request: row.request as StoredSweepRequest,
    total: row.total,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

/** Every point of a sweep in index order, with its result when one is stored. */
export async function sweepPoints(database: Kysely<Tables>, id: string): Promise<SweepPointView[]> {
  const rows = await sweepDb(database)
    .selectFrom('sweep_points')
    .leftJoin('sweep_results', 'sweep_results.hash', 'sweep_points.hash')
    .select([
      'sweep_points.idx',
      'sweep_points.phase',
      'sweep_points.fold',
      'sweep_points.params',
      'sweep_points.hash',
      'sweep_points.range_from',
      'sweep_points.range_to',
      'sweep_results.metrics',
      'sweep_results.error',
      'sweep_results.worker',
    ])
    .where('sweep_points.sweep_id', '=', id)
    .orderBy('sweep_points.idx')
    .execute();
  return rows.map((row) => ({
    idx: row.idx,
    phase: row.phase,
    fold: row.fold,
    params: row.params as ParamPoint,
    hash: row.hash,
    from: Number(row.range_from),
    to: Number(row.range_to),
    status: row.worker === null ? 'pending' : row.error ? 'failed' : 'done',
    metrics: (row.metrics ?? null) as PointMetrics | null,
    error: row.error ?? null,
  }));
}

/** Bar returns of the given hashes, for the overfitting statistics. */
export async function returnsOf(database: Kysely<Tables>, hashes: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (hashes.length === 0) return out;
  const rows = await sweepDb(database)
    .selectFrom('sweep_results')
    .select(['hash', 'returns'])
    .where('hash', 'in', hashes)
    .where('returns', 'is not', null)
    .execute();
  for (const row of rows) out.set(row.hash, row.returns as number[]);
  return out;
}

export async function listSweeps(
  database: Kysely<Tables>,
  filter: { strategyId?: string | undefined; limit: number },
): Promise<SweepRecord[]> {
  let query = sweepDb(database).selectFrom('sweeps').selectAll().orderBy('created_at', 'desc').limit(filter.limit);
  if (filter.strategyId) query = query.where('strategy_id', '=', filter.strategyId);
  return (await query.execute()).map(toRecord);
}

/** How many points a sweep holds and how many of them have no result yet, counted in SQL. */
export async function countPoints(database: Kysely<Tables>, id: string): Promise<{ points: number; pending: number }> {
  const row = await sweepDb(database)
    .selectFrom('sweep_points')
    .leftJoin('sweep_results', 'sweep_results.hash', 'sweep_points.hash')
    .select((eb) => [
      eb.fn.countAll<string>().as('points'),
      eb.fn.count<string>('sweep_points.idx').filterWhere('sweep_results.hash', 'is', null).as('pending'),
    ])
    .where('sweep_points.sweep_id', '=', id)
    .executeTakeFirstOrThrow();
  return { points: Number(row.points), pending: Number(row.pending) };
}

/** Every running sweep, oldest first. */
export async function listRunningSweeps(database: Kysely<Tables>): Promise<SweepRecord[]> {
  const rows = await sweepDb(database)
    .selectFrom('sweeps')
    .selectAll()
    .where('status', '=', 'running')
    .orderBy('created_at')
    .execute();
  return rows.map(toRecord);
}

/** Marks a running sweep cancelled: its queued points are skipped by whoever picks them up. */
export async function cancelSweep(database: Kysely<Tables>, id: string): Promise<SweepRecord> {
  const db = sweepDb(database);
  await db
    .updateTable('sweeps')
    .set({ status: 'cancelled', finished_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
  return getSweepRecord(database, id);
}

/** True when some running sweep still wants this point (a cancelled sweep's points are skipped). */
export async function isWanted(database: Kysely<Tables>, hash: string): Promise<boolean> {
  const row = await sweepDb(database)
    .selectFrom('sweep_points')
    .innerJoin('sweeps', 'sweeps.id', 'sweep_points.sweep_id')
    .select('sweeps.id')
    .where('sweep_points.hash', '=', hash)
    .where('sweeps.status', '=', 'running')
    .executeTakeFirst();
  return row !== undefined;
}

/** Running sweeps holding this point: the ones to advance after its result is stored. */
export async function runningSweepsWith(database: Kysely<Tables>, hash: string): Promise<string[]> {
  const rows = await sweepDb(database)
    .selectFrom('sweep_points')
    .innerJoin('sweeps', 'sweeps.id', 'sweep_points.sweep_id')
    .select('sweeps.id')
    .distinct()
    .where('sweep_points.hash', '=', hash)
    .where('sweeps.status', '=', 'running')
    .execute();
  return rows.map((row) => row.id);
}

/** Adds a point at a fixed index; false when another worker added it first. */
export async function addPoint(
  database: Kysely<Tables>,
  sweepId: string,
  idx: number,
  point: NewPoint,
  hash: string,
): Promise<boolean> {
  const inserted = await sweepDb(database)
    .insertInto('sweep_points')
    .values({
      sweep_id: sweepId,
      idx,
      phase: point.phase,
      fold: point.fold,
      params: JSON.stringify(point.params),
      range_from: point.from,
      range_to: point.to,
      hash,
    })
    .onConflict((conflict) => conflict.columns(['sweep_id', 'idx']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function finishSweep(database: Kysely<Tables>, id: string): Promise<void> {
  await sweepDb(database)
    .updateTable('sweeps')
    .set({ status: 'done', finished_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}
