import { randomUUID, timingSafeEqual } from 'node:crypto';
import { NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables, User } from '../db/tables.ts';
import { randomToken, sha256 } from './tokens.ts';

const PREFIX = 'nau_';

export interface ApiKeyInfo {
  id: string;
  name: string;
  userId: string;
  username: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Creates an API key for a user. The returned `key` is shown once; only its hash is kept. */
export async function createApiKey(db: Kysely<Tables>, userId: string, name: string): Promise<{ id: string; key: string }> {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) {
    throw NautilusError.validation('API key', [{ path: 'name', message: 'must be 1-100 characters' }]);
  }
  const id = randomUUID();
  const secret = randomToken();
  await db
    .insertInto('api_keys')
    .values({ id, user_id: userId, name: trimmed, secret_hash: sha256(secret) })
    .execute();
  return { id, key: `${PREFIX}${id}_${secret}` };
}

/** The user behind a live API key, or undefined for a malformed, unknown or revoked key. */
export async function resolveApiKey(db: Kysely<Tables>, key: string): Promise<User | undefined> {
  if (!key.startsWith(PREFIX)) return undefined;
  const id = key.slice(PREFIX.length, PREFIX.length + 36);
  const secret = key.slice(PREFIX.length + 37);
  if (key[PREFIX.length + 36] !== '_' || !secret) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .selectAll('users')
    .select(['api_keys.secret_hash', 'api_keys.revoked_at', 'api_keys.last_used_at'])
    .where('api_keys.id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null) return undefined;
  if (!timingSafeEqual(Buffer.from(sha256(secret)), Buffer.from(row.secret_hash))) return undefined;
  // Record use at most once a minute per key: a busy script must not turn every read into a write.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_keys').set({ last_used_at: new Date() }).where('id', '=', id).execute();
  }
  const { secret_hash: _hash, revoked_at: _revoked, last_used_at: _used, ...user } = row;
  return user;
}

/** API keys of one user, or of everyone when `userId` is undefined. */
export async function listApiKeys(db: Kysely<Tables>, userId: string | undefined): Promise<ApiKeyInfo[]> {
  let query = db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select([
      'api_keys.id',
      'api_keys.name',
      'api_keys.user_id',
      'users.username',
      'api_keys.created_at',
      'api_keys.last_used_at',
      'api_keys.revoked_at',
    ])
    .orderBy('api_keys.created_at', 'desc');
  if (userId !== undefined) query = query.where('api_keys.user_id', '=', userId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    userId: row.user_id,
    username: row.username,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }));
}

/** Revokes a key. `ownerId` limits it to that user's keys (admins pass undefined). */
export async function revokeApiKey(db: Kysely<Tables>, id: string, ownerId: string | undefined): Promise<void> {
  let query = db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null);
  if (ownerId !== undefined) query = query.where('user_id', '=', ownerId);
  const result = await query.executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new NautilusError('NOT_FOUND', `No active API key ${id} of yours; list your keys to see their ids.`);
}
