import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables.ts';

/** An address stays known for this long after the user's last successful login from it. */
export const KNOWN_ADDRESS_DAYS = 30;

const KNOWN_FOR = sql.raw(`interval '${KNOWN_ADDRESS_DAYS} days'`);

/**
 * Whether `username` logged in successfully from `address` in the last {@link KNOWN_ADDRESS_DAYS}
 * days. One query whether or not the user exists, so its timing does not tell which names exist.
 */
export async function isKnownAddress(db: Kysely<Tables>, username: string, address: string): Promise<boolean> {
  const row = await db
    .selectFrom('login_known_addresses as known')
    .innerJoin('users', 'users.id', 'known.user_id')
    .select('known.user_id')
    .where('users.username', '=', username)
    .where('known.address', '=', address)
    .where(sql<boolean>`known.last_login_at > now() - ${KNOWN_FOR}`)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a successful login from `address`, and forgets the user's addresses unused for too long. */
export async function rememberAddress(db: Kysely<Tables>, userId: string, address: string): Promise<void> {
  await db
    .insertInto('login_known_addresses')
    .values({ user_id: userId, address, last_login_at: sql<Date>`now()` })
    .onConflict((conflict) => conflict.columns(['user_id', 'address']).doUpdateSet({ last_login_at: sql<Date>`now()` }))
    .execute();
  await db
    .deleteFrom('login_known_addresses')
    .where('user_id', '=', userId)
    .where(sql<boolean>`last_login_at < now() - ${KNOWN_FOR}`)
    .execute();
}
