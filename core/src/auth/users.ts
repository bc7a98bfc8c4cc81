import { randomUUID } from 'node:crypto';
import { NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Role, Tables, User } from '../db/tables.ts';
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts';

/** What the API shows of a user: never the hash. */
export interface PublicUser {
  id: string;
  username: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,39}$/;

export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    createdAt: user.created_at.toISOString(),
    disabled: user.disabled_at !== null,
  };
}

function checkCredentials(username: string, password: string): void {
  const fields = [];
  if (!USERNAME_PATTERN.test(username)) {
    fields.push({
      path: 'username',
      message: '3-40 lower-case letters, digits, dot, dash or underscore, starting with a letter or digit',
    });
  }
  const problem = passwordProblem(password);
  if (problem) fields.push({ path: 'password', message: problem });
  if (fields.length) throw NautilusError.validation('user', fields);
}

/** Creates a user; CONFLICT when the username is taken. */
export async function createUser(db: Kysely<Tables>, input: { username: string; password: string; role: Role }): Promise<User> {
  checkCredentials(input.username, input.password);
  const user = {
    id: randomUUID(),
    username: input.username,
    password_hash: await hashPassword(input.password),
    role: input.role,
    disabled_at: null,
  };
  const inserted = await db
    .insertInto('users')
    .values(user)
    .onConflict((conflict) => conflict.column('username').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) throw new NautilusError('CONFLICT', `The username '${input.username}' is taken; choose another.`);
  return inserted;
}

export async function findUserByName(db: Kysely<Tables>, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function getUser(db: Kysely<Tables>, id: string): Promise<User> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw new NautilusError('NOT_FOUND', `User ${id} does not exist.`);
  return user;
}

export async function listUsers(db: Kysely<Tables>): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

/** Changes a user's role, password or disabled state; refuses to leave no enabled admin. */
export async function updateUser(
  db: Kysely<Tables>,
  id: string,
  change: { role?: Role | undefined; password?: string | undefined; disabled?: boolean | undefined },
): Promise<User> {
  const user = await getUser(db, id);
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password);
    if (problem) throw NautilusError.validation('user', [{ path: 'password', message: problem }]);
  }
  const losesAdmin = user.role === 'admin' && ((change.role && change.role !== 'admin') || change.disabled === true);
  if (losesAdmin) await assertAnotherAdmin(db, id);
  const updated = await db
    .updateTable('users')
    .set({
      ...(change.role ? { role: change.role } : {}),
      ...(change.password !== undefined ? { password_hash: await hashPassword(change.password) } : {}),
      ...(change.disabled !== undefined ? { disabled_at: change.disabled ? new Date() : null } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (change.password !== undefined || change.disabled) await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  return updated;
}

export async function deleteUser(db: Kysely<Tables>, id: string): Promise<void> {
  const user = await getUser(db, id);
  if (user.role === 'admin') await assertAnotherAdmin(db, id);
  await db.deleteFrom('users').where('id', '=', id).execute();
}

async function assertAnotherAdmin(db: Kysely<Tables>, exceptId: string): Promise<void> {
  const other = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  if (!other) throw new NautilusError('CONFLICT', 'This is the last enabled admin; make another user admin first.');
}

/**
 * On an empty database, creates the `admin` user: with `password` when given (automation), else a
 * random one that the caller prints once. Returns undefined when users already exist.
 */
export async function ensureAdmin(
  db: Kysely<Tables>,
  password: string | undefined,
): Promise<{ username: string; password: string; generated: boolean } | undefined> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  const chosen = password ?? generatePassword();
  try {
    await createUser(db, { username: 'admin', password: chosen, role: 'admin' });
  } catch (error) {
    // Another instance created it first.
    if (error instanceof NautilusError && error.code === 'CONFLICT') return undefined;
    throw error;
  }
  return { username: 'admin', password: chosen, generated: password === undefined };
}
