import { randomUUID } from 'node:crypto';
import type { RunLimits } from '@nautilus/runtime';
import { capText, MAX_ERROR_MESSAGE, NautilusError, type ResolvedBacktestConfig, type Timeframe } from '@nautilus/sdk';
import type { Kysely, Selectable } from 'kysely';
import type { DeploymentStatus, DeploymentsTable, Tables } from '../db/tables.ts';
import type { RunError } from '../strategies/describe-failure.ts';
import type { AccountSnapshot, DeploymentActivity } from './account-snapshot.ts';

/** A replay asked for at deploy time: `bars` bars before the deployment at `speed` times real time, from `from`. */
export interface ReplaySpec {
  bars: number;
  speed: number;
  from: number;
}

export interface DeploymentSummary {
  id: string;
  strategyId: string;
  strategyName: string | null;
  version: number;
  params: Record<string, number | boolean | string>;
  dataSource: string;
  symbol: string;
  timeframe: Timeframe;
  status: DeploymentStatus;
  stopReason: string | null;
  account: AccountSnapshot | null;
  rollbackOf: string | null;
  startedAt: string;
  stoppedAt: string | null;
  updatedAt: string;
  createdBy: string | null;
}

export interface DeploymentRecord extends DeploymentSummary {
  config: ResolvedBacktestConfig;
  limits: RunLimits;
  warmupBars: number;
  replay: ReplaySpec | null;
  error: RunError | null;
  activity: DeploymentActivity | null;
  /** The instance running it, while it runs. */
  owner: string | null;
  firstBarTime: number | null;
}

export interface NewDeployment {
  strategyId: string;
  version: number;
  params: Record<string, number | boolean | string>;
  config: ResolvedBacktestConfig;
  limits: RunLimits;
  dataSource: string;
  symbol: string;
  timeframe: Timeframe;
  warmupBars: number;
  replay: ReplaySpec | null;
  rollbackOf: string | null;
  owner: string;
  leaseMs: number;
  createdBy: string;
}

const notFound = (id: string) =>
  new NautilusError('NOT_FOUND', `Deployment ${id} does not exist; it may have been deleted with its strategy.`);

export async function insertDeployment(db: Kysely<Tables>, deployment: NewDeployment): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await db
    .insertInto('deployments')
    .values({
      id,
      strategy_id: deployment.strategyId,
      version: deployment.version,
      params: JSON.stringify(deployment.params),
      config: JSON.stringify(deployment.config),
      limits: JSON.stringify(deployment.limits),
      data_source: deployment.dataSource,
      symbol: deployment.symbol,
      timeframe: deployment.timeframe,
      warmup_bars: deployment.warmupBars,
      replay: deployment.replay ? JSON.stringify(deployment.replay) : null,
      status: 'running',
      rollback_of: deployment.rollbackOf,
      owner: deployment.owner,
      lease_expires_at: new Date(now.getTime() + deployment.leaseMs),
      created_by: deployment.createdBy,
      updated_at: now,
    })
    .execute();
  return id;
}

type Row = Selectable<DeploymentsTable> & { strategy_name: string | null; username: string | null };

function toRecord(row: Row): DeploymentRecord {
  return {
    id: row.id,
    strategyId: row.strategy_id,
    strategyName: row.strategy_name,
    version: row.version,
    params: row.params as DeploymentRecord['params'],
    config: row.config as ResolvedBacktestConfig,
    limits: row.limits as RunLimits,
    dataSource: row.data_source,
    symbol: row.symbol,
    timeframe: row.timeframe as Timeframe,
    warmupBars: row.warmup_bars,
    replay: row.replay as ReplaySpec | null,
    status: row.status,
    stopReason: row.stop_reason,
    error: row.error as RunError | null,
    account: row.account as AccountSnapshot | null,
    activity: row.activity as DeploymentActivity | null,
    rollbackOf: row.rollback_of,
    owner: row.owner,
    firstBarTime: row.first_bar_time?.getTime() ?? null,
    startedAt: row.started_at.toISOString(),
    stoppedAt: row.stopped_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    createdBy: row.username,
  };
}

const deployments = (db: Kysely<Tables>) =>
  db
    .selectFrom('deployments')
    .leftJoin('strategies', 'strategies.id', 'deployments.strategy_id')
    .leftJoin('users', 'users.id', 'deployments.created_by')
    .selectAll('deployments')
    .select(['strategies.name as strategy_name', 'users.username']);

export async function getDeployment(db: Kysely<Tables>, id: string): Promise<DeploymentRecord> {
  const row = await deployments(db).where('deployments.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(id);
  return toRecord(row);
}

/** Newest first, without activity; of one strategy and/or status when given. */
export async function listDeployments(
  db: Kysely<Tables>,
  filter: { strategyId?: string | undefined; status?: DeploymentStatus | undefined; limit: number },
): Promise<DeploymentSummary[]> {
  let query = deployments(db).orderBy('deployments.started_at', 'desc').orderBy('deployments.id').limit(filter.limit);
  if (filter.strategyId) query = query.where('deployments.strategy_id', '=', filter.strategyId);
  if (filter.status) query = query.where('deployments.status', '=', filter.status);
  return (await query.execute()).map((row) => {
    const {
      config: _c,
      limits: _l,
      warmupBars: _w,
      replay: _r,
      error: _e,
      activity: _a,
      owner: _o,
      firstBarTime: _f,
      ...summary
    } = toRecord(row);
    return summary;
  });
}

/** The source of the version a deployment runs. */
export async function deploymentSource(db: Kysely<Tables>, strategyId: string, version: number): Promise<string> {
  const row = await db
    .selectFrom('strategy_versions')
    .select('source')
    .where('strategy_id', '=', strategyId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new NautilusError('NOT_FOUND', `Strategy ${strategyId} has no version ${version}.`);
  return row.source;
}

/**
 * Writes the account and activity if `owner` still runs the deployment; `final` (the last write of a
 * deployment that ended, possibly by another instance's stop) writes regardless.
 */
export async function saveAccount(
  db: Kysely<Tables>,
  id: string,
  owner: string,
  state: { account: AccountSnapshot; activity: DeploymentActivity; final?: boolean },
): Promise<void> {
  let query = db
    .updateTable('deployments')
    .set({ account: JSON.stringify(state.account), activity: JSON.stringify(state.activity), updated_at: new Date() })
    .where('id', '=', id);
  if (!state.final) query = query.where('owner', '=', owner);
  await query.execute();
}

export async function setFirstBarTime(db: Kysely<Tables>, id: string, time: number): Promise<void> {
  await db
    .updateTable('deployments')
    .set({ first_bar_time: new Date(time) })
    .where('id', '=', id)
    .execute();
}

/** Ends a running deployment with its reason; false when it was not running any more (someone else ended it). */
export async function markEnded(
  db: Kysely<Tables>,
  id: string,
  end: { status: 'stopped' | 'failed'; reason: string; error?: RunError | undefined },
): Promise<boolean> {
  const now = new Date();
  const result = await db
    .updateTable('deployments')
    .set({
      status: end.status,
      stop_reason: capText(end.reason, MAX_ERROR_MESSAGE),
      error: end.error ? JSON.stringify(end.error) : null,
      stopped_at: now,
      updated_at: now,
      owner: null,
      lease_expires_at: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Hands this instance's running deployments back (at shutdown) so the next start resumes them at once. */
export async function releaseDeployments(db: Kysely<Tables>, owner: string): Promise<void> {
  await db
    .updateTable('deployments')
    .set({ owner: null, lease_expires_at: null })
    .where('owner', '=', owner)
    .where('status', '=', 'running')
    .execute();
}
