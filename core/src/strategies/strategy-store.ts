import { randomUUID } from 'node:crypto';
import { NautilusError, type ParamSpecs } from '@nautilus/sdk';
import { type Kysely, sql } from 'kysely';
import type { Permission, Tables } from '../db/tables.ts';
import { addInitialGrants, deleteGrantsOf, type InitialAccess } from '../sharing/grants.ts';
import { type Actor, permissionFromRank, permissionRankSql } from '../sharing/permissions.ts';
import { checkStrategySource } from './check-source.ts';
import { diffStats, sourceDiff } from './source-diff.ts';

export interface StrategySummary {
  id: string;
  name: string;
  description: string | null;
  latestVersion: number;
  runningDeployments: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  /** What the asking user may do with it. */
  permission: Permission;
}

/** One version of a strategy: its source, the params it declares and the diff from the one before. */
export interface StrategyRecord {
  id: string;
  name: string;
  description: string | null;
  version: number;
  latestVersion: number;
  source: string;
  params: ParamSpecs;
  message: string | null;
  diff: string | null;
  /** Saved with type errors on request: backtests may run it, deployments may not. */
  draft: boolean;
  /** When and by whom this version was saved. */
  createdAt: string;
  createdBy: string | null;
}

export interface StrategyVersionInfo {
  version: number;
  message: string | null;
  draft: boolean;
  linesAdded: number;
  linesRemoved: number;
  createdAt: string;
  createdBy: string | null;
}

const notFound = (id: string) => new NautilusError('NOT_FOUND', `Strategy ${id} does not exist; it may have been deleted.`);

/** The strategies `actor` may view (all of them when absent), with their permission on each. */
export async function listStrategies(db: Kysely<Tables>, actor?: Actor): Promise<StrategySummary[]> {
  const who = actor ?? { id: '', role: 'admin' as const };
  const rank = permissionRankSql(who, 'strategy', 'strategies.id', 'strategies.created_by');
  const rows = await db
    .selectFrom('strategies')
    .leftJoin('users', 'users.id', 'strategies.created_by')
    .select([
      'strategies.id',
      'strategies.name',
      'strategies.description',
      'strategies.latest_version',
      'strategies.created_at',
      'strategies.updated_at',
      'users.username',
    ])
    .select(rank.as('rank'))
    .where(sql<boolean>`${rank} > 0`)
    .select((eb) =>
      eb
        .selectFrom('deployments')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('deployments.strategy_id', '=', 'strategies.id')
        .where('deployments.status', '=', 'running')
        .as('running'),
    )
    .orderBy('strategies.updated_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    latestVersion: row.latest_version,
    runningDeployments: Number(row.running ?? 0),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    createdBy: row.username,
    permission: permissionFromRank(row.rank, who.role) as Permission,
  }));
}

/** The latest version, or the numbered one. */
export async function getStrategy(db: Kysely<Tables>, id: string, version?: number): Promise<StrategyRecord> {
  const strategy = await db.selectFrom('strategies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!strategy) throw notFound(id);
  const wanted = version ?? strategy.latest_version;
  const row = await db
    .selectFrom('strategy_versions')
    .leftJoin('users', 'users.id', 'strategy_versions.created_by')
    .select([
      'strategy_versions.version',
      'strategy_versions.source',
      'strategy_versions.params',
      'strategy_versions.message',
      'strategy_versions.diff',
      'strategy_versions.draft',
      'strategy_versions.created_at',
      'users.username',
    ])
    .where('strategy_versions.strategy_id', '=', id)
    .where('strategy_versions.version', '=', wanted)
    .executeTakeFirst();
  if (!row) throw new NautilusError('NOT_FOUND', `Strategy ${id} has no version ${wanted}; see strategies.versions.`);
  return {
    id,
    name: strategy.name,
    description: strategy.description,
    version: row.version,
    latestVersion: strategy.latest_version,
    source: row.source,
    params: row.params as ParamSpecs,
    message: row.message,
    diff: row.diff,
    draft: row.draft,
    createdAt: row.created_at.toISOString(),
    createdBy: row.username,
  };
}

/**
 * Compiles and type-checks first: a source that does not compile, or has type errors and is not a
 * `draft`, is refused with its line and column, and nothing is written. Names need not be unique
 * here (scripts create from the same file again and again); `renameStrategy` keeps them apart.
 */
export async function createStrategy(
  db: Kysely<Tables>,
  userId: string,
  input: {
    source: string;
    name?: string | undefined;
    description?: string | undefined;
    message?: string | undefined;
    /** Who else sees it (see InitialAccess); `team` by default. */
    access?: InitialAccess | undefined;
    /** Store it even with type errors, as a draft. */
    draft?: boolean | undefined;
  },
): Promise<{ id: string; version: number; draft: boolean; typeErrors: number | null }> {
  const checked = await checkStrategySource(input.source, { draft: input.draft ?? false });
  const draft = checked.typeErrors !== 0;
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('strategies')
      .values({
        id,
        name: input.name ?? checked.name ?? 'Untitled strategy',
        description: input.description ?? checked.description,
        latest_version: 1,
        created_by: userId,
        updated_at: new Date(),
      })
      .execute();
    await trx
      .insertInto('strategy_versions')
      .values({
        strategy_id: id,
        version: 1,
        source: input.source,
        params: JSON.stringify(checked.params),
        message: input.message ?? 'Created',
        diff: null,
        draft,
        created_by: userId,
      })
      .execute();
    await addInitialGrants(trx, 'strategy', id, input.access ?? 'team', userId);
  });
  return { id, version: 1, draft, typeErrors: checked.typeErrors };
}

/**
 * Saves the source as a new version if `baseVersion` is still the latest (CONFLICT otherwise), with
 * the diff from it. Compiles and type-checks first: type errors are refused unless `draft`, which
 * stores the version as a draft (not deployable); a draft that has no type errors is stored as an
 * ordinary version. A source equal to the latest one writes nothing (`unchanged`). A new `name` must
 * not be another strategy's (CONFLICT).
 */
export async function saveStrategy(
  db: Kysely<Tables>,
  userId: string,
  input: {
    id: string;
    baseVersion: number;
    source: string;
    message?: string | undefined;
    name?: string | undefined;
    description?: string | undefined;
    draft?: boolean | undefined;
  },
): Promise<{ id: string; version: number; unchanged: boolean; draft: boolean; typeErrors: number | null }> {
  const checked = await checkStrategySource(input.source, { draft: input.draft ?? false });
  const draft = checked.typeErrors !== 0;
  const base = await getStrategy(db, input.id, input.baseVersion);
  if (base.latestVersion !== input.baseVersion) throw conflict(input.id, base.latestVersion, input.baseVersion);
  const renamed =
    (input.name !== undefined && input.name !== base.name) || (input.description ?? base.description) !== base.description;
  if (base.source === input.source && !renamed && base.draft === draft) {
    return { id: input.id, version: base.version, unchanged: true, draft: base.draft, typeErrors: checked.typeErrors };
  }
  const version = input.baseVersion + 1;
  await db.transaction().execute(async (trx) => {
    if (input.name !== undefined && input.name !== base.name) await refuseTakenName(trx, input.id, input.name);
    const updated = await trx
      .updateTable('strategies')
      .set({
        latest_version: version,
        name: input.name ?? base.name,
        description: input.description ?? base.description,
        updated_at: new Date(),
      })
      .where('id', '=', input.id)
      .where('latest_version', '=', input.baseVersion)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw conflict(input.id, undefined, input.baseVersion);
    await trx
      .insertInto('strategy_versions')
      .values({
        strategy_id: input.id,
        version,
        source: input.source,
        params: JSON.stringify(checked.params),
        message: input.message ?? null,
        diff: sourceDiff(base.source, input.source, input.baseVersion, version),
        draft,
        created_by: userId,
      })
      .execute();
  });
  return { id: input.id, version, unchanged: false, draft, typeErrors: checked.typeErrors };
}

/** CONFLICT when a strategy other than `id` is named `name` (ignoring case and surrounding spaces). */
async function refuseTakenName(db: Kysely<Tables>, id: string, name: string): Promise<void> {
  const taken = await db
    .selectFrom('strategies')
    .select('id')
    .where(sql<string>`lower(trim(name))`, '=', name.trim().toLowerCase())
    .where('id', '<>', id)
    .executeTakeFirst();
  if (taken) {
    throw new NautilusError('CONFLICT', `Another strategy is already named “${name.trim()}”; pick another name.`, {
      fields: [{ path: 'name', message: 'is taken by another strategy' }],
    });
  }
}

/** Renames a strategy (no new version: the name is the strategy's, not a version's); CONFLICT when the name is taken. */
export async function renameStrategy(db: Kysely<Tables>, id: string, name: string): Promise<{ id: string; name: string }> {
  const trimmed = name.trim();
  await db.transaction().execute(async (trx) => {
    await refuseTakenName(trx, id, trimmed);
    const updated = await trx
      .updateTable('strategies')
      .set({ name: trimmed, updated_at: new Date() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw notFound(id);
  });
  return { id, name: trimmed };
}

function conflict(id: string, latest: number | undefined, baseVersion: number): NautilusError {
  const which = latest === undefined ? 'a newer version' : `version ${latest}`;
  return new NautilusError(
    'CONFLICT',
    `Strategy ${id} was saved as ${which} after you opened version ${baseVersion}. Your change was not saved: reload, then apply it again.`,
    { details: { currentVersion: latest ?? null } },
  );
}

/** Every version, newest first, with how many lines each changed. */
export async function strategyVersions(db: Kysely<Tables>, id: string): Promise<StrategyVersionInfo[]> {
  const rows = await db
    .selectFrom('strategy_versions')
    .leftJoin('users', 'users.id', 'strategy_versions.created_by')
    .select([
      'strategy_versions.version',
      'strategy_versions.message',
      'strategy_versions.diff',
      'strategy_versions.draft',
      'strategy_versions.created_at',
      'users.username',
    ])
    .where('strategy_versions.strategy_id', '=', id)
    .orderBy('strategy_versions.version', 'desc')
    .execute();
  if (rows.length === 0) throw notFound(id);
  return rows.map((row) => ({
    version: row.version,
    message: row.message,
    draft: row.draft,
    ...diffStats(row.diff),
    createdAt: row.created_at.toISOString(),
    createdBy: row.username,
  }));
}

/** A unified diff between any two versions (`from` defaults to the one before `to`). */
export async function strategyDiff(
  db: Kysely<Tables>,
  id: string,
  to: number,
  from: number = to - 1,
): Promise<{ from: number; to: number; diff: string }> {
  if (from < 1)
    throw NautilusError.validation('diff', [{ path: 'from', message: `version ${to} has no earlier version to compare with` }]);
  const [before, after] = await Promise.all([getStrategy(db, id, from), getStrategy(db, id, to)]);
  return { from, to, diff: sourceDiff(before.source, after.source, from, to) };
}

/** Deletes a strategy with its versions, runs and stopped deployments; CONFLICT while one of its deployments runs. */
export async function deleteStrategy(db: Kysely<Tables>, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const running = await trx
      .selectFrom('deployments')
      .select('id')
      .where('strategy_id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (running) throw new NautilusError('CONFLICT', `Strategy ${id} has a running deployment (${running.id}); stop it first.`);
    await trx.deleteFrom('deployments').where('strategy_id', '=', id).execute();
    await trx.deleteFrom('backtest_runs').where('strategy_id', '=', id).execute();
    const result = await trx.deleteFrom('strategies').where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw notFound(id);
    await deleteGrantsOf(trx, 'strategy', id);
  });
}
