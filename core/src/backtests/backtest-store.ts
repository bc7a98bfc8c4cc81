import { randomUUID } from 'node:crypto';
import { type BacktestMetrics, NautilusError, type ResolvedBacktestConfig, type Timeframe } from '@nautilus/sdk';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { BacktestRunsTable, BacktestStatus, Tables } from '../db/tables.ts';
import type { RunError } from '../strategies/describe-failure.ts';
import type { StoredBacktestResult } from './stored-result.ts';

/** A run without its (large) result, for lists and comparisons. */
export interface BacktestRunSummary {
  id: string;
  /** 1 for a strategy's first run, 2 for its second…: stable, since runs are only deleted with their strategy. */
  number: number;
  strategyId: string;
  strategyName: string | null;
  version: number;
  params: Record<string, number | boolean | string>;
  dataSource: string;
  symbol: string;
  timeframe: Timeframe;
  /** The requested range of bar open times, epoch ms. */
  from: number;
  to: number;
  status: BacktestStatus;
  /** 0..1: the share of bars processed. */
  progress: number;
  metrics: BacktestMetrics | null;
  error: RunError | null;
  createdAt: string;
  createdBy: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface BacktestRun extends BacktestRunSummary {
  config: ResolvedBacktestConfig;
  result: StoredBacktestResult | null;
}

export interface NewRun {
  strategyId: string;
  version: number;
  params: Record<string, number | boolean | string>;
  config: ResolvedBacktestConfig;
  dataSource: string;
  symbol: string;
  timeframe: Timeframe;
  from: number;
  to: number;
  owner: string;
  createdBy: string;
}

const notFound = (id: string) =>
  new NautilusError('NOT_FOUND', `Backtest run ${id} does not exist; it may have been deleted with its strategy.`);

export async function insertRun(db: Kysely<Tables>, run: NewRun): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('backtest_runs')
    .values({
      id,
      strategy_id: run.strategyId,
      version: run.version,
      params: JSON.stringify(run.params),
      config: JSON.stringify(run.config),
      data_source: run.dataSource,
      symbol: run.symbol,
      timeframe: run.timeframe,
      range_from: new Date(run.from),
      range_to: new Date(run.to),
      status: 'queued',
      owner: run.owner,
      heartbeat_at: new Date(),
      created_by: run.createdBy,
    })
    .execute();
  return id;
}

export async function markRunning(db: Kysely<Tables>, id: string): Promise<void> {
  await db.updateTable('backtest_runs').set({ status: 'running', heartbeat_at: new Date() }).where('id', '=', id).execute();
}

export async function recordProgress(db: Kysely<Tables>, id: string, progress: number): Promise<void> {
  await db.updateTable('backtest_runs').set({ progress, heartbeat_at: new Date() }).where('id', '=', id).execute();
}

export async function finishRun(
  db: Kysely<Tables>,
  id: string,
  outcome: { result: StoredBacktestResult; durationMs: number } | { error: RunError; durationMs: number },
): Promise<void> {
  const done = 'result' in outcome;
  await db
    .updateTable('backtest_runs')
    .set({
      status: done ? 'done' : 'failed',
      progress: done ? 1 : undefined,
      metrics: done ? JSON.stringify(outcome.result.metrics) : null,
      result: done ? JSON.stringify(outcome.result) : null,
      error: done ? null : JSON.stringify(outcome.error),
      finished_at: new Date(),
      duration_ms: Math.round(outcome.durationMs),
    })
    .where('id', '=', id)
    .execute();
}

/** Marks runs of `owner` that have not finished as failed (the instance stops), or all runs silent since `staleBefore`. */
export async function failUnfinishedRuns(
  db: Kysely<Tables>,
  which: { owner: string } | { staleBefore: Date },
  error: RunError,
): Promise<number> {
  let query = db
    .updateTable('backtest_runs')
    .set({ status: 'failed', error: JSON.stringify(error), finished_at: new Date() })
    .where('status', 'in', ['queued', 'running']);
  query = 'owner' in which ? query.where('owner', '=', which.owner) : query.where('heartbeat_at', '<', which.staleBefore);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Renews the heartbeat of every unfinished run of `owner`. */
export async function heartbeat(db: Kysely<Tables>, owner: string): Promise<void> {
  await db
    .updateTable('backtest_runs')
    .set({ heartbeat_at: new Date() })
    .where('owner', '=', owner)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

const summaryColumns = [
  'backtest_runs.id',
  'backtest_runs.strategy_id',
  'backtest_runs.version',
  'backtest_runs.params',
  'backtest_runs.data_source',
  'backtest_runs.symbol',
  'backtest_runs.timeframe',
  'backtest_runs.range_from',
  'backtest_runs.range_to',
  'backtest_runs.status',
  'backtest_runs.progress',
  'backtest_runs.metrics',
  'backtest_runs.error',
  'backtest_runs.created_at',
  'backtest_runs.finished_at',
  'backtest_runs.duration_ms',
] as const;

type SummaryRow = Pick<
  Selectable<BacktestRunsTable>,
  | 'id'
  | 'strategy_id'
  | 'version'
  | 'params'
  | 'data_source'
  | 'symbol'
  | 'timeframe'
  | 'range_from'
  | 'range_to'
  | 'status'
  | 'progress'
  | 'metrics'
  | 'error'
  | 'created_at'
  | 'finished_at'
  | 'duration_ms'
> & { strategy_name: string | null; username: string | null; run_number: number };

function toSummary(row: SummaryRow): BacktestRunSummary {
  return {
    id: row.id,
    number: row.run_number,
    strategyId: row.strategy_id,
    strategyName: row.strategy_name,
    version: row.version,
    params: row.params as BacktestRunSummary['params'],
    dataSource: row.data_source,
    symbol: row.symbol,
    timeframe: row.timeframe as Timeframe,
    from: row.range_from.getTime(),
    to: row.range_to.getTime(),
    status: row.status,
    progress: row.progress,
    metrics: row.metrics as BacktestMetrics | null,
    error: row.error as RunError | null,
    createdAt: row.created_at.toISOString(),
    createdBy: row.username,
    finishedAt: row.finished_at?.toISOString() ?? null,
    durationMs: row.duration_ms,
  };
}

const runs = (db: Kysely<Tables>) =>
  db
    .selectFrom('backtest_runs')
    .leftJoin('strategies', 'strategies.id', 'backtest_runs.strategy_id')
    .leftJoin('users', 'users.id', 'backtest_runs.created_by')
    .select(summaryColumns)
    .select(['strategies.name as strategy_name', 'users.username'])
    // Its place among the strategy's runs by creation (index backtest_runs_strategy), ties by id.
    .select(
      sql<number>`(select cast(count(*) as integer) from backtest_runs earlier
        where earlier.strategy_id = backtest_runs.strategy_id
        and (earlier.created_at, earlier.id) <= (backtest_runs.created_at, backtest_runs.id))`.as('run_number'),
    );

export async function getRun(db: Kysely<Tables>, id: string): Promise<BacktestRun> {
  const row = await runs(db)
    .select(['backtest_runs.config', 'backtest_runs.result'])
    .where('backtest_runs.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(id);
  return {
    ...toSummary(row),
    config: row.config as ResolvedBacktestConfig,
    result: row.result as StoredBacktestResult | null,
  };
}

/** Newest first; of one strategy (and version) when given. */
export async function listRuns(
  db: Kysely<Tables>,
  filter: { strategyId?: string | undefined; version?: number | undefined; limit: number },
): Promise<BacktestRunSummary[]> {
  let query = runs(db).orderBy('backtest_runs.created_at', 'desc').orderBy('backtest_runs.id').limit(filter.limit);
  if (filter.strategyId) query = query.where('backtest_runs.strategy_id', '=', filter.strategyId);
  if (filter.version !== undefined) query = query.where('backtest_runs.version', '=', filter.version);
  return (await query.execute()).map(toSummary);
}

/** A run's equity curve as stored (downsampled) and its initial cash, to overlay runs. */
export interface RunCurve {
  initialCash: number;
  curve: { time: number[]; equity: number[]; drawdown: number[] } | null;
}

/**
 * Several runs side by side, in the order asked for; NOT_FOUND names any id that does not exist.
 * With `curves`, each carries its stored equity curve (null until it is done) and initial cash.
 */
export async function compareRuns(
  db: Kysely<Tables>,
  ids: string[],
  options: { curves?: boolean } = {},
): Promise<(BacktestRunSummary & Partial<RunCurve>)[]> {
  const rows = await runs(db)
    // The curve is read out of the stored result only when asked for: it is most of a result's size.
    .$if(options.curves === true, (query) =>
      query.select([
        sql<RunCurve['curve']>`backtest_runs.result->'curve'`.as('curve'),
        sql<number>`cast(backtest_runs.config->>'initialCash' as double precision)`.as('initial_cash'),
      ]),
    )
    .where('backtest_runs.id', 'in', ids)
    .execute();
  const byId = new Map(
    rows.map((row) => [
      row.id,
      options.curves ? { ...toSummary(row), initialCash: Number(row.initial_cash), curve: row.curve ?? null } : toSummary(row),
    ]),
  );
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw notFound(missing.join(', '));
  return ids.map((id) => byId.get(id)!);
}
