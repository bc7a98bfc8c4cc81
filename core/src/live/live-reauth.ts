import type { Kysely } from 'kysely';
import { sha256 } from '../auth/tokens.ts';
import type { Tables } from '../db/tables.ts';

/** What a connection authenticated with, kept to check it again later: a session's token hash or an API key's id. */
export type Credential = `session:${string}` | `api-key:${string}`;

/** The credential of an authenticated upgrade. */
export function credentialOf(
  via: 'session' | 'api-key',
  sessionToken: string | undefined,
  authorization: string | undefined,
): Credential {
  if (via === 'session') return `session:${sha256(sessionToken ?? '')}`;
  // `nau_<36-character id>_<secret>`: the id names the key row.
  const key = (authorization ?? '').slice('Bearer '.length).trim();
  return `api-key:${key.slice('nau_'.length, 'nau_'.length + 36)}`;
}

/** Rows one check asks about at most, so 20,000 connections take 20 small queries. */
const BATCH = 1_000;

/**
 * Which of `credentials` still hold: a session that exists, has not expired and whose user is not
 * disabled; an API key not revoked whose user is not disabled. Sessions past half their lifetime
 * are extended, as any use of them is (an open live view is use). Batched: a few queries for every
 * connection of the instance.
 */
export async function validCredentials(
  db: Kysely<Tables>,
  credentials: Credential[],
  sessionTtlMs: number,
): Promise<Set<Credential>> {
  const valid = new Set<Credential>();
  const sessions = [...new Set(credentials.filter((c) => c.startsWith('session:')).map((c) => c.slice('session:'.length)))];
  const keys = [...new Set(credentials.filter((c) => c.startsWith('api-key:')).map((c) => c.slice('api-key:'.length)))];
  const now = Date.now();
  for (let start = 0; start < sessions.length; start += BATCH) {
    const batch = sessions.slice(start, start + BATCH);
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.token_hash', 'sessions.expires_at'])
      .where('sessions.token_hash', 'in', batch)
      .where('users.disabled_at', 'is', null)
      .execute();
    const extend: string[] = [];
    for (const row of rows) {
      const left = row.expires_at.getTime() - now;
      if (left <= 0) continue;
      valid.add(`session:${row.token_hash}`);
      if (left < sessionTtlMs / 2) extend.push(row.token_hash);
    }
    if (extend.length > 0) {
      await db
        .updateTable('sessions')
        .set({ expires_at: new Date(now + sessionTtlMs) })
        .where('token_hash', 'in', extend)
        .execute();
    }
  }
  const uuid = /^[0-9a-f-]{36}$/i;
  const ids = keys.filter((id) => uuid.test(id));
  for (let start = 0; start < ids.length; start += BATCH) {
    const rows = await db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .select('api_keys.id')
      .where('api_keys.id', 'in', ids.slice(start, start + BATCH))
      .where('api_keys.revoked_at', 'is', null)
      .where('users.disabled_at', 'is', null)
      .execute();
    for (const row of rows) valid.add(`api-key:${row.id}`);
  }
  return valid;
}
