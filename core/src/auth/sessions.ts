import type { Kysely } from 'kysely';
import type { Tables, User } from '../db/tables.ts';
import { randomToken, sha256 } from './tokens.ts';

/** Starts a session and returns its token (for the cookie); only its hash is stored. */
export async function createSession(db: Kysely<Tables>, userId: string, ttlMs: number): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), user_id: userId, expires_at: new Date(Date.now() + ttlMs) })
    .execute();
  // Expired sessions are swept here rather than by a timer, so idle instances do no work.
  await db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
  return token;
}

/**
 * The user of a live session, or undefined. Sliding expiry: a session used after half its lifetime
 * is extended by a full one, so active users stay logged in and idle ones are logged out.
 */
export async function resolveSession(db: Kysely<Tables>, token: string, ttlMs: number): Promise<User | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.expires_at')
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return undefined;
  const now = Date.now();
  if (row.expires_at.getTime() <= now) return undefined;
  if (row.expires_at.getTime() - now < ttlMs / 2) {
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(now + ttlMs) })
      .where('token_hash', '=', sha256(token))
      .execute();
  }
  const { expires_at: _expires, ...user } = row;
  return user;
}

export async function deleteSession(db: Kysely<Tables>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}
