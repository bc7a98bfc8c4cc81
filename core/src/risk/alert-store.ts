import { randomUUID } from 'node:crypto';
import type { Bus, LimitFinding, RiskEvent } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { AlertSource, Tables } from '../db/tables.ts';
import type { LivePublisher } from '../live/live-publisher.ts';

/** The bus topic every stored alert is published on, for other instances and live views. */
export const ALERTS_TOPIC = 'risk.alerts';

/** A stored limit warning or breach. */
export interface RiskAlert {
  id: string;
  at: string;
  level: 'warn' | 'hard';
  limit: string;
  message: string;
  symbol: string | null;
  source: { kind: AlertSource; id: string; name: string };
  details: Record<string, unknown>;
}

export interface AlertInput extends LimitFinding {
  /** e.g. 'denial', 'warning', 'breach', with the order or bar time it concerns. */
  details?: Record<string, unknown>;
}

/** A run's risk event as an alert: the finding, with what happened and when in the details. */
export function alertOf(event: RiskEvent, context: Record<string, unknown> = {}): AlertInput {
  const { type, time, barIndex, orderId, mode, ...finding } = event;
  return { ...finding, details: { ...context, event: type, time, barIndex, orderId, mode } };
}

/** A run can deny thousands of orders: past this many per call, the rest are summed up in one alert. */
const MAX_ALERTS_PER_CALL = 200;

/** Stores findings as alerts and publishes each on {@link ALERTS_TOPIC} and, with `live`, on the live `alerts` channel. */
export async function recordAlerts(
  db: Kysely<Tables>,
  bus: Bus,
  source: RiskAlert['source'],
  findings: AlertInput[],
  live?: LivePublisher,
): Promise<RiskAlert[]> {
  if (findings.length === 0) return [];
  const kept = findings.slice(0, MAX_ALERTS_PER_CALL);
  const rest = findings.length - kept.length;
  const now = new Date();
  const alerts: RiskAlert[] = kept.map((finding) => ({
    id: randomUUID(),
    at: now.toISOString(),
    level: finding.level,
    limit: finding.limit,
    message: finding.message,
    symbol: finding.symbol ?? null,
    source,
    details: { threshold: finding.threshold, value: finding.value, ...finding.details },
  }));
  if (rest > 0) {
    alerts.push({
      id: randomUUID(),
      at: now.toISOString(),
      level: kept.some((finding) => finding.level === 'hard') ? 'hard' : 'warn',
      limit: 'summary',
      message: `${rest} more limit findings in ${source.kind} ${source.name} were not stored one by one; see its risk events.`,
      symbol: null,
      source,
      details: { omitted: rest },
    });
  }
  await db
    .insertInto('risk_alerts')
    .values(
      alerts.map((alert) => ({
        id: alert.id,
        created_at: now,
        level: alert.level,
        limit_kind: alert.limit,
        message: alert.message,
        symbol: alert.symbol,
        source_kind: source.kind,
        source_id: source.id,
        source_name: source.name,
        details: JSON.stringify(alert.details),
      })),
    )
    .execute();
  for (const alert of alerts) await bus.publish(ALERTS_TOPIC, alert);
  // The stored alert is what counts: a live channel that cannot take it (Redis down) fails no caller.
  for (const alert of alerts) await live?.publish({ kind: 'alerts' }, alert).catch(() => undefined);
  return alerts;
}

/** Newest first. */
export async function listAlerts(
  db: Kysely<Tables>,
  filter: { limit?: number | undefined; sourceKind?: AlertSource | undefined; sourceId?: string | undefined } = {},
): Promise<RiskAlert[]> {
  let query = db
    .selectFrom('risk_alerts')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.sourceKind) query = query.where('source_kind', '=', filter.sourceKind);
  if (filter.sourceId) query = query.where('source_id', '=', filter.sourceId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.created_at.toISOString(),
    level: row.level,
    limit: row.limit_kind,
    message: row.message,
    symbol: row.symbol,
    source: { kind: row.source_kind, id: row.source_id, name: row.source_name },
    details: row.details as Record<string, unknown>,
  }));
}

/** Deletes alerts older than `days`; returns how many went. */
export async function pruneAlerts(db: Kysely<Tables>, days: number, now = Date.now()): Promise<number> {
  const result = await db
    .deleteFrom('risk_alerts')
    .where('created_at', '<', new Date(now - days * 86_400_000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Prunes now and then every hour until the returned stop is called. */
export function keepAlertsPruned(db: Kysely<Tables>, days: number, onError: (error: unknown) => void): () => void {
  const prune = () => void pruneAlerts(db, days).catch(onError);
  prune();
  const timer = setInterval(prune, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
