import { sql, type RawBuilder } from 'kysely';
import type { Role } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { organizationIsActive } from '../organizations/index.ts';

/*
 * What other modules read about users and memberships, without reading identity's tables themselves
 * (decision 0014, table ownership): a display name beside their own rows, names and emails by id, and
 * who holds which roles where. Lint refuses a read of `users`, `memberships`, `sessions` or `api_tokens`
 * outside this module.
 */

/**
 * The display name of the user whose id is in the column `ref` (for example `'t.by_user_id'`), as a correlated
 * subquery to select beside a module's own rows: `.select(userDisplayNameOf('a.user_id').as('display_name'))`.
 * Null when the column is null.
 */
export function userDisplayNameOf(ref: string): RawBuilder<string | null> {
  return sql<string | null>`(select own_u.display_name from users as own_u where own_u.id = ${sql.ref(ref)})`;
}

/** Display names of users by id (unknown ids are left out). */
export async function userDisplayNames(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((u) => [u.id, u.display_name]));
}

/** One user's display name; undefined when there is no such user. */
export async function userDisplayName(db: DbOrTrx, id: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name;
}

/** Email addresses of users by id (unknown ids are left out). */
/** Active users' ids by lower-cased email, for those among `emails` that exist. */
export async function userIdsByEmail(db: DbOrTrx, emails: readonly string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where(sql<boolean>`lower(email) = any(${emails.map((e) => e.toLowerCase())}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

export async function userEmails(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).execute();
  return new Map(rows.map((u) => [u.id, u.email]));
}

/** Whether the user exists and is active (not disabled). */
export async function isActiveUser(db: DbOrTrx, id: string): Promise<boolean> {
  const user = await db.selectFrom('users').select('status').where('id', '=', id).executeTakeFirst();
  return user?.status === 'active';
}

export interface ActiveMembership {
  userId: string;
  displayName: string;
  organizationId: string;
  roles: Role[];
}

/**
 * Memberships of active users, ordered by display name: in the given organizations, of the given users,
 * and holding at least one of `anyRole` — each filter applies when given (an empty list matches nobody).
 */
export async function activeMemberships(
  db: DbOrTrx,
  where: { organizationIds?: readonly string[]; userIds?: readonly string[]; anyRole?: readonly Role[] },
): Promise<ActiveMembership[]> {
  if (where.organizationIds?.length === 0 || where.userIds?.length === 0 || where.anyRole?.length === 0) return [];
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.display_name', 'm.organization_id', 'm.roles'])
    .where('u.status', '=', 'active');
  if (where.organizationIds) q = q.where('m.organization_id', 'in', where.organizationIds);
  if (where.userIds) q = q.where('m.user_id', 'in', where.userIds);
  if (where.anyRole) q = q.where(sql<boolean>`m.roles && ${[...where.anyRole]}::text[]`);
  const rows = await q.orderBy('u.display_name').orderBy('m.user_id').orderBy('m.organization_id').execute();
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, organizationId: r.organization_id, roles: r.roles }));
}

/** The ids among `userIds` of users with a membership (any status) in the organization. */
export async function membersAmong(db: DbOrTrx, organizationId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('organization_id', '=', organizationId)
    .where('user_id', 'in', userIds)
    .execute();
  return new Set(rows.map((m) => m.user_id));
}

/** The organizations where someone (of any status) holds `role`. */
export async function organizationsWithRole(db: DbOrTrx, role: Role): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('organization_id')
    .distinct()
    .where(sql<boolean>`roles @> ${[role]}::text[]`)
    .execute();
  return rows.map((m) => m.organization_id);
}

/** Whether anyone anywhere holds `role`. */
export async function anyoneHoldsRole(db: DbOrTrx, role: Role): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where((eb) => eb(eb.val(role), '=', eb.fn.any('roles')))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The user's roles in an active organization; undefined when they are not a member of it (or it is not active). */
export async function membershipRoles(db: DbOrTrx, userId: string, organizationId: string): Promise<Role[] | undefined> {
  const membership = await db
    .selectFrom('memberships')
    .select('roles')
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .where(organizationIsActive('memberships.organization_id'))
    .executeTakeFirst();
  return membership?.roles;
}
