import { randomUUID } from 'node:crypto';
import { type DashboardDocument, NautilusError, resolveTimeRange, type TimeRange } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import { randomToken, sha256 } from '../auth/tokens.ts';
import { getDashboard } from '../dashboards/dashboard-store.ts';
import type { Tables } from '../db/tables.ts';
import { permissionOn } from './permissions.ts';

/** Share tokens are told apart from API keys (`nau_`) at a glance. */
const PREFIX = 'nsh_';
/** The longest a link may live. */
export const MAX_LINK_DAYS = 365;

export type ShareLinkState = 'active' | 'expired' | 'revoked';

export interface ShareLinkInfo {
  id: string;
  dashboardId: string;
  label: string | null;
  variables: Record<string, string>;
  timeRange: TimeRange;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  state: ShareLinkState;
}

/** What a valid link opens: its dashboard's current document and the view the link was made with. */
export interface OpenedLink {
  linkId: string;
  dashboardId: string;
  document: DashboardDocument;
  /** Each variable's value: the link's where it set one, else the document's default. */
  values: Record<string, string>;
  timeRange: TimeRange;
  expiresAt: Date;
}

function stateOf(row: { expires_at: Date; revoked_at: Date | null }, now = Date.now()): ShareLinkState {
  if (row.revoked_at) return 'revoked';
  return row.expires_at.getTime() <= now ? 'expired' : 'active';
}

/**
 * Makes a read-only link to one dashboard with the variables and time range it should open with.
 * Returns the token once; only its SHA-256 is stored (256 random bits, so a fast hash is enough).
 */
export async function createShareLink(
  db: Kysely<Tables>,
  input: {
    dashboardId: string;
    by: string;
    expiresAt: number;
    variables: Record<string, string>;
    timeRange: TimeRange;
    label?: string | undefined;
  },
): Promise<{ id: string; token: string; expiresAt: string }> {
  const { document } = await getDashboard(db, input.dashboardId);
  const fields = [];
  const now = Date.now();
  if (input.expiresAt <= now + 60_000) fields.push({ path: 'expiresAt', message: 'must be at least a minute from now' });
  if (input.expiresAt > now + MAX_LINK_DAYS * 86_400_000)
    fields.push({ path: 'expiresAt', message: `must be within ${MAX_LINK_DAYS} days` });
  const names = new Set(document.variables.map((variable) => variable.name));
  for (const name of Object.keys(input.variables)) {
    if (!names.has(name)) fields.push({ path: `variables.${name}`, message: 'not a variable of this dashboard' });
  }
  try {
    resolveTimeRange(input.timeRange, now);
  } catch (error) {
    const issues = error instanceof NautilusError ? error.fields : [];
    for (const issue of issues) fields.push({ path: issue.path.replace(/^range/, 'timeRange'), message: issue.message });
  }
  if (fields.length) throw NautilusError.validation('share link', fields);
  const id = randomUUID();
  const token = `${PREFIX}${randomToken()}`;
  const expiresAt = new Date(input.expiresAt);
  await db
    .insertInto('share_links')
    .values({
      id,
      dashboard_id: input.dashboardId,
      token_hash: sha256(token),
      label: input.label?.trim() || null,
      variables: JSON.stringify(input.variables),
      time_range: JSON.stringify({ from: input.timeRange.from, to: input.timeRange.to }),
      created_by: input.by,
      expires_at: expiresAt,
    })
    .execute();
  return { id, token, expiresAt: expiresAt.toISOString() };
}

/** A dashboard's links, newest first, revoked and expired ones included (with their state). */
export async function listShareLinks(db: Kysely<Tables>, dashboardId: string): Promise<ShareLinkInfo[]> {
  const rows = await db
    .selectFrom('share_links as l')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .selectAll('l')
    .select('u.username')
    .where('l.dashboard_id', '=', dashboardId)
    .orderBy('l.created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    dashboardId: row.dashboard_id,
    label: row.label,
    variables: row.variables as Record<string, string>,
    timeRange: row.time_range as TimeRange,
    createdBy: row.username,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    state: stateOf(row),
  }));
}

/** The dashboard a link belongs to; NOT_FOUND for an unknown link id. */
export async function shareLinkDashboard(db: Kysely<Tables>, id: string): Promise<string> {
  const row = await db.selectFrom('share_links').select('dashboard_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new NautilusError('NOT_FOUND', `Share link ${id} does not exist; reload the list of links.`);
  return row.dashboard_id;
}

/** Revokes a link at once; revoking a revoked link changes nothing. */
export async function revokeShareLink(db: Kysely<Tables>, id: string): Promise<void> {
  await db
    .updateTable('share_links')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

const gone = (reason: string, message: string) => new NautilusError('FORBIDDEN', message, { details: { reason } });

/**
 * What a token opens, or why not: NOT_FOUND for an unknown token (or a deleted dashboard), FORBIDDEN
 * with `details.reason` `revoked`, `expired` or `inactive` (its creator was disabled or may no
 * longer view the dashboard: a link never gives more than its creator still has).
 */
export async function openShareLink(db: Kysely<Tables>, token: string): Promise<OpenedLink> {
  const row = token.startsWith(PREFIX)
    ? await db
        .selectFrom('share_links as l')
        .leftJoin('users as u', 'u.id', 'l.created_by')
        .selectAll('l')
        .select(['u.role', 'u.disabled_at'])
        .where('l.token_hash', '=', sha256(token))
        .executeTakeFirst()
    : undefined;
  if (!row) {
    throw new NautilusError(
      'NOT_FOUND',
      'This share link does not exist: check that it was copied whole, or ask whoever sent it for a new one.',
      { details: { reason: 'unknown' } },
    );
  }
  const state = stateOf(row);
  if (state === 'revoked') {
    throw gone('revoked', 'This share link was revoked. Ask whoever sent it for a new one.');
  }
  if (state === 'expired') {
    throw gone('expired', `This share link expired on ${row.expires_at.toISOString()}. Ask whoever sent it for a new one.`);
  }
  const creator = row.created_by && row.role && !row.disabled_at ? { id: row.created_by, role: row.role } : undefined;
  if (!creator || !(await permissionOn(db, creator, 'dashboard', row.dashboard_id))) {
    throw gone('inactive', 'This share link no longer works: whoever made it may no longer see the dashboard.');
  }
  const { document } = await getDashboard(db, row.dashboard_id);
  const chosen = row.variables as Record<string, string>;
  const values = Object.fromEntries(
    document.variables.map((variable) => [
      variable.name,
      Object.hasOwn(chosen, variable.name) ? (chosen[variable.name] as string) : variable.default,
    ]),
  );
  // Record use at most once a minute, so a refreshing view does not write on every request.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('share_links').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  return {
    linkId: row.id,
    dashboardId: row.dashboard_id,
    document,
    values,
    timeRange: row.time_range as TimeRange,
    expiresAt: row.expires_at,
  };
}
