import { NautilusError } from '@nautilus/sdk';
import type { Kysely, Transaction } from 'kysely';
import { type ObjectType, type Permission, ROLES, type Role, type Tables } from '../db/tables.ts';

/**
 * Who may see a new object. `team` is today's rule, and what every object that existed before
 * per-object permissions got: viewers view, editors edit. `private` leaves only the owner (and
 * global admins) until it is shared.
 */
export type InitialAccess = 'team' | 'private';
export const INITIAL_ACCESS = ['team', 'private'] as const;

export interface GrantInfo {
  granteeType: 'user' | 'role';
  /** A user id or a role name. */
  grantee: string;
  /** The username for a user grant (null if the user was deleted), the role name for a role grant. */
  granteeName: string | null;
  permission: Permission;
  createdAt: string;
}

type Db = Kysely<Tables> | Transaction<Tables>;

/** The grants a new object starts with (see {@link InitialAccess}); call it in the transaction that creates the object. */
export async function addInitialGrants(db: Db, type: ObjectType, id: string, access: InitialAccess, by: string | null) {
  if (access === 'private') return;
  await db
    .insertInto('object_grants')
    .values([
      { object_type: type, object_id: id, grantee_type: 'role', grantee: 'viewer', permission: 'view', created_by: by },
      { object_type: type, object_id: id, grantee_type: 'role', grantee: 'editor', permission: 'edit', created_by: by },
    ])
    .execute();
}

/** Forgets an object's grants; call it in the transaction that deletes the object. */
export async function deleteGrantsOf(db: Db, type: ObjectType, id: string): Promise<void> {
  await db.deleteFrom('object_grants').where('object_type', '=', type).where('object_id', '=', id).execute();
}

export async function listGrants(db: Kysely<Tables>, type: ObjectType, id: string): Promise<GrantInfo[]> {
  const rows = await db
    .selectFrom('object_grants as g')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'g.grantee').on('g.grantee_type', '=', 'user'))
    .select(['g.grantee_type', 'g.grantee', 'g.permission', 'g.created_at', 'u.username'])
    .where('g.object_type', '=', type)
    .where('g.object_id', '=', id)
    .orderBy('g.grantee_type', 'desc')
    .orderBy('g.created_at')
    .execute();
  return rows.map((row) => ({
    granteeType: row.grantee_type,
    grantee: row.grantee,
    granteeName: row.grantee_type === 'role' ? row.grantee : row.username,
    permission: row.permission,
    createdAt: row.created_at.toISOString(),
  }));
}

/** Gives a user or a role `permission` on the object, replacing what that grantee had. */
export async function setGrant(
  db: Kysely<Tables>,
  input: { type: ObjectType; id: string; granteeType: 'user' | 'role'; grantee: string; permission: Permission; by: string },
): Promise<void> {
  if (input.granteeType === 'role' && !ROLES.includes(input.grantee as Role)) {
    throw NautilusError.validation('grant', [{ path: 'grantee', message: `must be one of ${ROLES.join(', ')}` }]);
  }
  if (input.granteeType === 'user') {
    const user = await db.selectFrom('users').select('id').where('id', '=', input.grantee).executeTakeFirst();
    if (!user) {
      throw new NautilusError('NOT_FOUND', `User ${input.grantee} does not exist; pick someone from the list.`, {
        fields: [{ path: 'grantee', message: 'no such user' }],
      });
    }
  }
  await db
    .insertInto('object_grants')
    .values({
      object_type: input.type,
      object_id: input.id,
      grantee_type: input.granteeType,
      grantee: input.grantee,
      permission: input.permission,
      created_by: input.by,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['object_type', 'object_id', 'grantee_type', 'grantee'])
        .doUpdateSet({ permission: input.permission, created_by: input.by }),
    )
    .execute();
}

/** Takes a grantee's grant away; NOT_FOUND when they had none. */
export async function removeGrant(
  db: Kysely<Tables>,
  input: { type: ObjectType; id: string; granteeType: 'user' | 'role'; grantee: string },
): Promise<void> {
  const result = await db
    .deleteFrom('object_grants')
    .where('object_type', '=', input.type)
    .where('object_id', '=', input.id)
    .where('grantee_type', '=', input.granteeType)
    .where('grantee', '=', input.grantee)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) {
    throw new NautilusError('NOT_FOUND', `That ${input.granteeType} has no grant on this ${input.type}; reload the list.`, {
      fields: [{ path: 'grantee', message: 'no grant' }],
    });
  }
}
