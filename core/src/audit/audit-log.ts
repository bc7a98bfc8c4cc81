import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { AuditTarget } from './audit-target.ts';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  via: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  version: number | null;
  outcome: string;
  message: string | null;
}

export interface AuditFilter {
  /** A username (as it was when the change was made) or a user id. */
  actor?: string | undefined;
  /** A procedure path (`dashboards.save`) or an area followed by a dot (`dashboards.`). */
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** `ok`, or an error code. */
  outcome?: string | undefined;
}

/** Error messages are kept short: the log says what failed, the server log has the rest. */
const MAX_MESSAGE = 500;

/** Writes one audit row. */
export async function recordAudit(
  db: Kysely<Tables>,
  entry: {
    actor: { id: string; username: string } | undefined;
    via: string | undefined;
    action: string;
    target: AuditTarget;
    outcome: string;
    message?: string | undefined;
  },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      actor_id: entry.actor?.id ?? null,
      actor_name: entry.actor?.username ?? null,
      via: entry.via ?? null,
      action: entry.action,
      target_type: entry.target.type,
      target_id: entry.target.id,
      version: entry.target.version,
      outcome: entry.outcome,
      message: entry.message ? entry.message.slice(0, MAX_MESSAGE) : null,
    })
    .execute();
}

/** One page of the log, newest first, and how many rows match in all. */
export async function listAudit(
  db: Kysely<Tables>,
  filter: AuditFilter,
  page: { offset: number; limit: number },
): Promise<{ entries: AuditEntry[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (filter.actor) {
    const actor = filter.actor;
    query = query.where((eb) => eb.or([eb('actor_name', '=', actor), eb('actor_id', '=', actor)]));
  }
  if (filter.action?.endsWith('.')) query = query.where('action', 'like', `${filter.action.replace(/[\\%_]/g, '\\$&')}%`);
  else if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorId: row.actor_id,
      actorName: row.actor_name,
      via: row.via,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      version: row.version,
      outcome: row.outcome,
      message: row.message,
    })),
  };
}

/** The actions and target types the log holds, for the page's filters. */
export async function auditFacets(db: Kysely<Tables>): Promise<{ actions: string[]; targetTypes: string[] }> {
  const [actions, types] = await Promise.all([
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
    db
      .selectFrom('audit_log')
      .select('target_type')
      .distinct()
      .where('target_type', 'is not', null)
      .orderBy('target_type')
      .execute(),
  ]);
  return { actions: actions.map((row) => row.action), targetTypes: types.map((row) => row.target_type as string) };
}
