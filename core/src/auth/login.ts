import { NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables, User } from '../db/tables.ts';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { findUserByName } from './users.ts';

let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password. Unknown users cost the same argon2 work as known ones, so timing
 * does not reveal which usernames exist; failures are throttled per username.
 */
export async function login(db: Kysely<Tables>, username: string, password: string): Promise<User> {
  await assertLoginAllowed(db, username);
  const user = await findUserByName(db, username);
  decoyHash ??= hashPassword('decoy password never used');
  const valid = await verifyPassword(password, user?.password_hash ?? (await decoyHash));
  if (!user || !valid || user.disabled_at !== null) {
    await recordLoginFailure(db, username);
    throw new NautilusError('UNAUTHORIZED', 'Wrong username or password.');
  }
  await clearLoginFailures(db, username);
  return user;
}
