import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables.ts';

const expiresIn = (ms: number) => sql<Date>`now() + ${ms} * interval '1 millisecond'`;

/**
 * Takes or renews the lease on a feed: true when `owner` holds it afterwards (it was free, expired or
 * already ours). The database's clock decides expiry, so instances need not agree on time.
 */
export async function claimFeedLease(db: Kysely<Tables>, topic: string, owner: string, leaseMs: number): Promise<boolean> {
  const row = await db
    .insertInto('market_feeds')
    .values({ topic, owner, lease_expires_at: expiresIn(leaseMs) })
    .onConflict((conflict) =>
      conflict
        .column('topic')
        .doUpdateSet({ owner, lease_expires_at: expiresIn(leaseMs) })
        .where((eb) => eb.or([eb('market_feeds.owner', '=', owner), eb('market_feeds.lease_expires_at', '<', sql<Date>`now()`)])),
    )
    .returning('owner')
    .executeTakeFirst();
  return row?.owner === owner;
}

export async function releaseFeedLease(db: Kysely<Tables>, topic: string, owner: string): Promise<void> {
  await db.deleteFrom('market_feeds').where('topic', '=', topic).where('owner', '=', owner).execute();
}
