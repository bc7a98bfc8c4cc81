import { NautilusError } from '@nautilus/sdk';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type ObjectType, PERMISSIONS, type Permission, ROLES, type Role, type Tables } from '../db/tables.ts';

/** Who is asking: what a permission check needs of a user. */
export interface Actor {
  id: string;
  role: Role;
}

/** The rank of a permission; 0 is none. */
const RANK: Record<Permission, number> = { view: 1, edit: 2, admin: 3 };

export const OBJECT_TABLES = { dashboard: 'dashboards', strategy: 'strategies', portfolio: 'portfolios' } as const;

const NOUNS: Record<ObjectType, string> = { dashboard: 'Dashboard', strategy: 'Strategy', portfolio: 'Portfolio' };

/** Whether `held` allows what `needed` asks. */
export function allows(held: Permission | undefined, needed: Permission): boolean {
  return held !== undefined && RANK[held] >= RANK[needed];
}

/**
 * The most a global role allows on any object: a viewer only ever views (writes need the editor role,
 * whatever was granted); editors and admins may hold every permission.
 */
export function roleCeiling(role: Role): Permission {
  return role === 'viewer' ? 'view' : 'admin';
}

/** The roles whose role grants reach a user of `role`: a grant to a role covers it and every higher one. */
export function rolesCovering(role: Role): Role[] {
  return ROLES.slice(0, ROLES.indexOf(role) + 1);
}

function fromRank(rank: number, role: Role): Permission | undefined {
  const capped = Math.min(rank, RANK[roleCeiling(role)]);
  return capped <= 0 ? undefined : PERMISSIONS[capped - 1];
}

/**
 * The permission rank (0-3) of `actor` on the object whose id and owner column are given, in SQL:
 * global admins and the owner have admin; otherwise the best of the user's own grants and the grants
 * to roles covering theirs. Not yet capped by the role ceiling ({@link permissionFromRank} does that).
 */
export function permissionRankSql(actor: Actor, type: ObjectType, idColumn: string, ownerColumn: string): RawBuilder<number> {
  if (actor.role === 'admin') return sql<number>`3`;
  const roles = rolesCovering(actor.role);
  return sql<number>`(case when ${sql.ref(ownerColumn)} = ${actor.id} then 3 else coalesce((
    select max(case g.permission when 'view' then 1 when 'edit' then 2 else 3 end) from object_grants g
    where g.object_type = ${type} and g.object_id = ${sql.ref(idColumn)}
      and ((g.grantee_type = 'user' and g.grantee = ${actor.id})
        or (g.grantee_type = 'role' and g.grantee in (${sql.join(roles)})))
  ), 0) end)`;
}

/** A rank from {@link permissionRankSql} as the permission it gives, capped by the role. */
export function permissionFromRank(rank: number, role: Role): Permission | undefined {
  return fromRank(Number(rank), role);
}

/** The actor's permission on one object; undefined when they have none or it does not exist. */
export async function permissionOn(
  db: Kysely<Tables>,
  actor: Actor,
  type: ObjectType,
  id: string,
): Promise<Permission | undefined> {
  const table = OBJECT_TABLES[type] as 'dashboards';
  const row = await db
    .selectFrom(`${table} as o`)
    .select(permissionRankSql(actor, type, 'o.id', 'o.created_by').as('rank'))
    .where('o.id', '=', id)
    .executeTakeFirst();
  return row ? permissionFromRank(row.rank, actor.role) : undefined;
}

/** The answer for an object the caller may not see: the same as for one that does not exist, so ids do not leak. */
export function notFoundError(type: ObjectType, id: string): NautilusError {
  return new NautilusError('NOT_FOUND', `${NOUNS[type]} ${id} does not exist; it may have been deleted.`);
}

const VERBS: Record<Permission, string> = { view: 'view', edit: 'change', admin: 'share or delete' };

/**
 * Checks that `actor` holds `needed` on the object and returns what they hold. NOT_FOUND when they
 * may not even view it (or it does not exist); FORBIDDEN when they see it but may not do this.
 */
export async function requirePermission(
  db: Kysely<Tables>,
  actor: Actor,
  type: ObjectType,
  id: string,
  needed: Permission,
): Promise<Permission> {
  const held = await permissionOn(db, actor, type, id);
  if (!held) throw notFoundError(type, id);
  if (!allows(held, needed)) {
    const noun = NOUNS[type].toLowerCase();
    throw new NautilusError(
      'FORBIDDEN',
      `You may ${VERBS[held]} this ${noun} but not ${VERBS[needed]} it; ask its owner or an admin for ${needed} access.`,
      { details: { permission: held, needed } },
    );
  }
  return held;
}
