import { NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';

/** Failures allowed before each further attempt must wait. */
const FREE_FAILURES = 3;
const MAX_DELAY_MS = 15 * 60_000;

/** How long after the last failure the next attempt must wait: 1 s, 2 s, 4 s … up to 15 min. */
export function loginDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/**
 * Throws RATE_LIMITED while the username is in its back-off window. Counted per username (known or
 * not) in the database, so every instance sees the same count.
 */
export async function assertLoginAllowed(db: Kysely<Tables>, username: string, now = Date.now()): Promise<void> {
  const row = await db.selectFrom('login_attempts').selectAll().where('username', '=', username).executeTakeFirst();
  if (!row) return;
  const waitUntil = row.last_failure_at.getTime() + loginDelayMs(row.failures);
  if (now < waitUntil) {
    const retryAfterSeconds = Math.ceil((waitUntil - now) / 1000);
    throw new NautilusError('RATE_LIMITED', `Too many failed logins for '${username}'; try again in ${retryAfterSeconds} s.`, {
      details: { retryAfterSeconds },
    });
  }
}

export async function recordLoginFailure(db: Kysely<Tables>, username: string): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ username, failures: 1, last_failure_at: new Date() })
    .onConflict((conflict) =>
      conflict
        .column('username')
        .doUpdateSet((eb) => ({ failures: eb('login_attempts.failures', '+', 1), last_failure_at: new Date() })),
    )
    .execute();
}

export async function clearLoginFailures(db: Kysely<Tables>, username: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('username', '=', username).execute();
}
