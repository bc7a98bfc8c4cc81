import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { AlertSource, Tables } from '../db/tables.ts';
import type { RiskAlert } from './alert-store.ts';

/** Which alerts a list or a "mark all read" covers; every field narrows it. */
export interface AlertFilter {
  sourceKind?: AlertSource | undefined;
  sourceId?: string | undefined;
  /** A limit kind, e.g. 'maxPosition'. */
  limit?: string | undefined;
  /** Only alerts the user has not marked read. */
  unread?: boolean | undefined;
}

/** The alerts of one source (run, deployment or portfolio) about one limit. */
export interface AlertGroup {
  source: RiskAlert['source'];
  limit: string;
  count: number;
  /** Of `count`, how many the user has not marked read. */
  unread: number;
  /** 'hard' when any alert of the group is. */
  level: 'warn' | 'hard';
  firstAt: string;
  latestAt: string;
  /** The newest alert of the group, to say what happened last. */
  latest: RiskAlert;
}

/** One group's key, as "mark read" names it. */
export interface AlertGroupKey {
  sourceKind: AlertSource;
  sourceId: string;
  limit: string;
}

type Db = Kysely<Tables>;

const unreadBy = (userId: string) =>
  sql<boolean>`not exists (select 1 from risk_alert_reads r where r.alert_id = risk_alerts.id and r.user_id = ${userId})`;

function matches(filter: AlertFilter, userId: string): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (filter.sourceKind) where.push(sql<SqlBool>`risk_alerts.source_kind = ${filter.sourceKind}`);
  if (filter.sourceId) where.push(sql<SqlBool>`risk_alerts.source_id = ${filter.sourceId}`);
  if (filter.limit) where.push(sql<SqlBool>`risk_alerts.limit_kind = ${filter.limit}`);
  if (filter.unread) where.push(unreadBy(userId));
  return where;
}

/**
 * Alerts grouped per source and limit, the group with the newest alert first, each with its count,
 * the user's unread count and its newest alert; `unread` is the user's unread total over all alerts
 * (the bell's badge), whatever the filter.
 */
export async function listAlertGroups(
  db: Db,
  userId: string,
  filter: AlertFilter & { maxGroups?: number | undefined } = {},
): Promise<{ groups: AlertGroup[]; unread: number }> {
  const where = matches(filter, userId);
  const rows = await db
    .selectFrom('risk_alerts')
    .where((eb) => eb.and(where))
    .select([
      'source_kind',
      'source_id',
      'limit_kind',
      sql<string>`count(*)`.as('count'),
      sql<string>`count(*) filter (where ${unreadBy(userId)})`.as('unread'),
      sql<boolean>`bool_or(level = 'hard')`.as('hard'),
      sql<Date>`min(created_at)`.as('first_at'),
      sql<Date>`max(created_at)`.as('latest_at'),
    ])
    .groupBy(['source_kind', 'source_id', 'limit_kind'])
    .orderBy(sql`max(created_at)`, 'desc')
    .orderBy('source_id')
    .orderBy('limit_kind')
    .limit(filter.maxGroups ?? 100)
    .execute();
  const latest = await newestOf(db, rows, where);
  const [total] = await db.selectFrom('risk_alerts').where(unreadBy(userId)).select(sql<string>`count(*)`.as('unread')).execute();
  const groups = rows.flatMap((row): AlertGroup[] => {
    const newest = latest.get(groupKey(row.source_kind, row.source_id, row.limit_kind));
    if (!newest) return []; // pruned between the two reads
    return [
      {
        source: newest.source,
        limit: row.limit_kind,
        count: Number(row.count),
        unread: Number(row.unread),
        level: row.hard ? 'hard' : 'warn',
        firstAt: new Date(row.first_at).toISOString(),
        latestAt: new Date(row.latest_at).toISOString(),
        latest: newest,
      },
    ];
  });
  return { groups, unread: Number(total?.unread ?? 0) };
}

const groupKey = (sourceKind: string, sourceId: string, limit: string) => JSON.stringify([sourceKind, sourceId, limit]);

/** The newest alert (of those the filter keeps) of each group listed. */
async function newestOf(
  db: Db,
  groups: readonly { source_kind: AlertSource; source_id: string; limit_kind: string }[],
  where: Expression<SqlBool>[],
): Promise<Map<string, RiskAlert>> {
  const newest = new Map<string, RiskAlert>();
  if (groups.length === 0) return newest;
  const rows = await db
    .selectFrom('risk_alerts')
    .distinctOn(['source_kind', 'source_id', 'limit_kind'])
    .selectAll()
    .where((eb) =>
      eb.and([
        ...where,
        eb.or(
          groups.map((group) =>
            eb.and([
              eb('source_kind', '=', group.source_kind),
              eb('source_id', '=', group.source_id),
              eb('limit_kind', '=', group.limit_kind),
            ]),
          ),
        ),
      ]),
    )
    .orderBy('source_kind')
    .orderBy('source_id')
    .orderBy('limit_kind')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    newest.set(groupKey(row.source_kind, row.source_id, row.limit_kind), {
      id: row.id,
      at: row.created_at.toISOString(),
      level: row.level,
      limit: row.limit_kind,
      message: row.message,
      symbol: row.symbol,
      source: { kind: row.source_kind, id: row.source_id, name: row.source_name },
      details: row.details as Record<string, unknown>,
    });
  }
  return newest;
}

/**
 * Marks read, for one user, the alerts of the groups named (or, without groups, every alert the
 * filter keeps) created up to `upTo`, so an alert that arrived after the user looked stays unread.
 * Returns how many alerts became read.
 */
export async function markAlertsRead(
  db: Db,
  userId: string,
  target: { groups?: readonly AlertGroupKey[] | undefined; filter?: AlertFilter | undefined; upTo: Date },
): Promise<number> {
  const result = await db
    .insertInto('risk_alert_reads')
    .columns(['user_id', 'alert_id'])
    .expression((eb) =>
      eb
        .selectFrom('risk_alerts')
        .select([sql<string>`cast(${userId} as text)`.as('user_id'), 'id'])
        .where((inner) => {
          const where = [...matches({ ...target.filter, unread: true }, userId), inner('created_at', '<=', target.upTo)];
          if (target.groups) {
            where.push(
              inner.or(
                target.groups.map((group) =>
                  inner.and([
                    inner('source_kind', '=', group.sourceKind),
                    inner('source_id', '=', group.sourceId),
                    inner('limit_kind', '=', group.limit),
                  ]),
                ),
              ),
            );
          }
          return inner.and(where);
        }),
    )
    .onConflict((conflict) => conflict.columns(['user_id', 'alert_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
