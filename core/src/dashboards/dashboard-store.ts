import { randomUUID } from 'node:crypto';
import { DASHBOARD_SCHEMA_VERSION, type DashboardDocument, migrateDashboard, NautilusError } from '@nautilus/sdk';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Permission, Tables } from '../db/tables.ts';
import { addInitialGrants, deleteGrantsOf, type InitialAccess } from '../sharing/grants.ts';
import { type Actor, permissionFromRank, permissionRankSql } from '../sharing/permissions.ts';
import { validateDashboard } from './validate-dashboard.ts';

export interface DashboardSummary {
  id: string;
  title: string;
  version: number;
  tags: string[];
  panelCount: number;
  updatedAt: string;
  updatedBy: string | null;
  /** The folder it is filed in; null at the top level. */
  folder: string | null;
  /** Who created it: the owner, who always has admin on it. */
  owner: string | null;
  /** What the asking user may do with it. */
  permission: Permission;
}

export interface DashboardListOptions {
  /** Only what this user may view, with their permission; everything (as admin) when absent. */
  actor?: Actor | undefined;
  /** Only this folder; null for the top level; every folder when absent. */
  folder?: string | null | undefined;
  /** Only titles containing this text, case-insensitively. */
  search?: string | undefined;
}

export interface DashboardRecord {
  id: string;
  version: number;
  document: DashboardDocument;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  folder: string | null;
}

export interface DashboardVersionInfo {
  version: number;
  title: string;
  message: string | null;
  createdAt: string;
  createdBy: string | null;
}

/** Stored documents are migrated on read, so an upgrade never needs a data rewrite. */
const load = (stored: unknown) => migrateDashboard(stored).document as DashboardDocument;

/**
 * Every dashboard's summary, newest first. The list fields come out of the stored JSON in SQL, so no
 * document is sent to this process or parsed here; `jsonb_to_record` opens each document once (three
 * `->` would decompress it three times). A document stored under an older schema version (none is,
 * once saved by this version) is fetched and migrated instead, to list what it holds now.
 */
export async function listDashboards(db: Kysely<Tables>, options: DashboardListOptions = {}): Promise<DashboardSummary[]> {
  const actor = options.actor ?? { id: '', role: 'admin' as const };
  const rank = permissionRankSql(actor, 'dashboard', 'd.id', 'd.created_by');
  const conditions = [sql`${rank} > 0`];
  if (options.folder === null) conditions.push(sql`d.folder is null`);
  else if (options.folder !== undefined) conditions.push(sql`d.folder = ${options.folder}`);
  if (options.search?.trim()) {
    const escaped = options.search
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (char) => `\\${char}`);
    conditions.push(sql`lower(d.title) like ${`%${escaped}%`}`);
  }
  // Stored documents are validated, so tags and panels are arrays; the checks only keep a row edited
  // by hand from breaking the whole list.
  const { rows } = await sql<{
    id: string;
    title: string;
    version: number;
    updated_at: Date;
    username: string | null;
    schema_version: unknown;
    tags: string[];
    panel_count: number;
    folder: string | null;
    owner: string | null;
    rank: number;
  }>`
    select d.id, d.title, d.version, d.updated_at, u.username, d.folder, owner.username as owner, ${rank} as rank,
      fields."schemaVersion" as schema_version,
      case when jsonb_typeof(fields.tags) = 'array' then fields.tags else '[]'::jsonb end as tags,
      case when jsonb_typeof(fields.panels) = 'array' then jsonb_array_length(fields.panels) else 0 end as panel_count
    from dashboards d
    left join users u on u.id = d.updated_by
    left join users owner on owner.id = d.created_by
    cross join lateral jsonb_to_record(d.document) as fields("schemaVersion" jsonb, tags jsonb, panels jsonb)
    where ${sql.join(conditions, sql` and `)}
    order by d.updated_at desc
  `.execute(db);
  const older = rows.filter((row) => row.schema_version !== DASHBOARD_SCHEMA_VERSION).map((row) => row.id);
  const migrated = new Map<string, DashboardDocument>();
  if (older.length > 0) {
    const documents = await db.selectFrom('dashboards').select(['id', 'document']).where('id', 'in', older).execute();
    for (const { id, document } of documents) migrated.set(id, load(document));
  }
  return rows.map((row) => {
    const document = migrated.get(row.id);
    return {
      id: row.id,
      title: row.title,
      version: row.version,
      tags: document ? document.tags : row.tags,
      panelCount: document ? document.panels.length : row.panel_count,
      updatedAt: row.updated_at.toISOString(),
      updatedBy: row.username,
      folder: row.folder,
      owner: row.owner,
      permission: permissionFromRank(row.rank, actor.role) as Permission,
    };
  });
}

/** Files a dashboard in a folder (trimmed; empty or null is the top level). Not a new version: the document is unchanged. */
export async function moveDashboard(db: Kysely<Tables>, id: string, folder: string | null): Promise<{ folder: string | null }> {
  const name = folder?.trim() || null;
  const result = await db.updateTable('dashboards').set({ folder: name }).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new NautilusError('NOT_FOUND', `Dashboard ${id} does not exist; it may have been deleted.`);
  return { folder: name };
}

/** The current version, or the numbered one from history. */
export async function getDashboard(db: Kysely<Tables>, id: string, version?: number): Promise<DashboardRecord> {
  const current = await db
    .selectFrom('dashboards')
    .leftJoin('users', 'users.id', 'dashboards.updated_by')
    .select([
      'dashboards.id',
      'dashboards.version',
      'dashboards.document',
      'dashboards.created_at',
      'dashboards.updated_at',
      'dashboards.folder',
      'users.username',
    ])
    .where('dashboards.id', '=', id)
    .executeTakeFirst();
  if (!current) throw new NautilusError('NOT_FOUND', `Dashboard ${id} does not exist; it may have been deleted.`);
  const base = { id, createdAt: current.created_at.toISOString(), folder: current.folder };
  if (version === undefined || version === current.version) {
    return {
      ...base,
      version: current.version,
      document: load(current.document),
      updatedAt: current.updated_at.toISOString(),
      updatedBy: current.username,
    };
  }
  const old = await db
    .selectFrom('dashboard_versions')
    .leftJoin('users', 'users.id', 'dashboard_versions.created_by')
    .select(['dashboard_versions.version', 'dashboard_versions.document', 'dashboard_versions.created_at', 'users.username'])
    .where('dashboard_versions.dashboard_id', '=', id)
    .where('dashboard_versions.version', '=', version)
    .executeTakeFirst();
  if (!old) throw new NautilusError('NOT_FOUND', `Dashboard ${id} has no version ${version}; see its history.`);
  return {
    ...base,
    version: old.version,
    document: load(old.document),
    updatedAt: old.created_at.toISOString(),
    updatedBy: old.username,
  };
}

/**
 * Creates a dashboard owned by `userId`. `access` says who else sees it (default `team`: viewers view,
 * editors edit, as before per-object permissions; `private`: the owner and admins until shared).
 */
export async function createDashboard(
  db: Kysely<Tables>,
  userId: string,
  input: unknown,
  options: { access?: InitialAccess | undefined; folder?: string | null | undefined } = {},
): Promise<{ id: string; version: number }> {
  const document = validateDashboard(input);
  const id = randomUUID();
  const json = JSON.stringify(document);
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    await trx
      .insertInto('dashboards')
      .values({
        id,
        title: document.title,
        version: 1,
        document: json,
        created_by: userId,
        updated_by: userId,
        updated_at: now,
        folder: options.folder?.trim() || null,
      })
      .execute();
    await addInitialGrants(trx, 'dashboard', id, options.access ?? 'team', userId);
    await trx
      .insertInto('dashboard_versions')
      .values({ dashboard_id: id, version: 1, document: json, message: 'Created', created_by: userId })
      .execute();
  });
  return { id, version: 1 };
}

/**
 * Saves a new version if `baseVersion` is still the current one; otherwise CONFLICT (with who saved
 * the newer version) and nothing is written. The row lock on UPDATE makes this safe across instances.
 */
export async function saveDashboard(
  db: Kysely<Tables>,
  userId: string,
  input: { id: string; baseVersion: number; document: unknown; message?: string | undefined },
): Promise<{ id: string; version: number }> {
  const document = validateDashboard(input.document);
  return db
    .transaction()
    .execute((trx) => writeVersion(trx, userId, input.id, input.baseVersion, document, input.message ?? null));
}

/** Makes an old version the newest one (a new version; history is never rewritten). */
export async function restoreDashboard(
  db: Kysely<Tables>,
  userId: string,
  input: { id: string; version: number; baseVersion: number },
): Promise<{ id: string; version: number }> {
  const old = await getDashboard(db, input.id, input.version);
  return db
    .transaction()
    .execute((trx) => writeVersion(trx, userId, input.id, input.baseVersion, old.document, `Restored version ${input.version}`));
}

async function writeVersion(
  trx: Transaction<Tables>,
  userId: string,
  id: string,
  baseVersion: number,
  document: DashboardDocument,
  message: string | null,
): Promise<{ id: string; version: number }> {
  const json = JSON.stringify(document);
  const version = baseVersion + 1;
  const updated = await trx
    .updateTable('dashboards')
    .set({ title: document.title, version, document: json, updated_by: userId, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', baseVersion)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) {
    const current = await trx
      .selectFrom('dashboards')
      .leftJoin('users', 'users.id', 'dashboards.updated_by')
      .select(['dashboards.version', 'dashboards.updated_at', 'users.username'])
      .where('dashboards.id', '=', id)
      .executeTakeFirst();
    if (!current) throw new NautilusError('NOT_FOUND', `Dashboard ${id} does not exist; it may have been deleted.`);
    throw new NautilusError(
      'CONFLICT',
      `Dashboard was changed by ${current.username ?? 'someone'} (version ${current.version}) after you opened version ${baseVersion}. Your changes were not saved: reload to see theirs, then apply yours again.`,
      { details: { currentVersion: current.version, updatedBy: current.username, updatedAt: current.updated_at.toISOString() } },
    );
  }
  await trx
    .insertInto('dashboard_versions')
    .values({ dashboard_id: id, version, document: json, message, created_by: userId })
    .execute();
  return { id, version };
}

/** Deletes a dashboard with its history, grants and share links. */
export async function deleteDashboard(db: Kysely<Tables>, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('dashboards').where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n)
      throw new NautilusError('NOT_FOUND', `Dashboard ${id} does not exist; it may have been deleted.`);
    await deleteGrantsOf(trx, 'dashboard', id);
  });
}

export async function dashboardHistory(db: Kysely<Tables>, id: string): Promise<DashboardVersionInfo[]> {
  const rows = await db
    .selectFrom('dashboard_versions')
    .leftJoin('users', 'users.id', 'dashboard_versions.created_by')
    .select(['dashboard_versions.version', 'dashboard_versions.message', 'dashboard_versions.created_at', 'users.username'])
    .select(sql<string>`dashboard_versions.document->>'title'`.as('title'))
    .where('dashboard_versions.dashboard_id', '=', id)
    .orderBy('dashboard_versions.version', 'desc')
    .execute();
  if (rows.length === 0) throw new NautilusError('NOT_FOUND', `Dashboard ${id} does not exist; it may have been deleted.`);
  return rows.map((row) => ({
    version: row.version,
    title: row.title,
    message: row.message,
    createdAt: row.created_at.toISOString(),
    createdBy: row.username,
  }));
}
