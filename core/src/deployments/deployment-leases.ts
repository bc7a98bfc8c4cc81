import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables.ts';

const expiresIn = (ms: number) => sql<Date>`now() + ${ms} * interval '1 millisecond'`;

/**
 * Renews the leases of the running deployments `owner` holds among `ids`; returns the ids it still
 * holds (a deployment stopped elsewhere, or taken over after a lapse, is missing).
 */
export async function renewDeploymentLeases(
  db: Kysely<Tables>,
  ids: string[],
  owner: string,
  leaseMs: number,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .updateTable('deployments')
    .set({ lease_expires_at: expiresIn(leaseMs) })
    .where('id', 'in', ids)
    .where('owner', '=', owner)
    .where('status', '=', 'running')
    .returning('id')
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Claims running deployments whose lease lapsed (their instance stopped); returns their ids. */
export async function claimOrphanedDeployments(
  db: Kysely<Tables>,
  owner: string,
  leaseMs: number,
  limit: number,
): Promise<string[]> {
  if (limit <= 0) return [];
  const candidates = await db
    .selectFrom('deployments')
    .select('id')
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', sql<Date>`now()`)]))
    .orderBy('started_at')
    .limit(limit)
    .execute();
  const claimed: string[] = [];
  for (const { id } of candidates) {
    const row = await db
      .updateTable('deployments')
      .set({ owner, lease_expires_at: expiresIn(leaseMs) })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', sql<Date>`now()`)]))
      .returning('id')
      .executeTakeFirst();
    if (row) claimed.push(row.id);
  }
  return claimed;
}
