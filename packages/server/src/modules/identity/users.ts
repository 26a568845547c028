// Longer than 300 lines: users and memberships share the organization-scoping rule of the admin policy.
import { sql } from 'kysely';
import type { CreateMembership, CreateUser, Membership, Role, UpdateUser, User } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/search.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { changedFields, getOrganization, organizationNameOf } from '../organizations/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { canGrantRoles, rolesNeedingSecondApproval } from '../../core/admin-policy.ts';
import { actorUserId } from '../../core/access-context.ts';
import { pendingRolesOf, requestAccessGrant } from './access-grants.ts';
import { checkPassword } from './password-policy.ts';
import { hashPassword } from './passwords.ts';
import { authorizeAdmin } from '../../core/admin-authorize.ts';

function uniqueRoles(roles: readonly Role[]): Role[] {
  return [...new Set(roles)];
}

/** A roles array for a write; an empty one is typed explicitly (a membership whose only roles await approval). */
function rolesValue(roles: readonly Role[]) {
  return sql<Role[]>`cast(${`{${roles.join(',')}}`} as text[])`;
}

function assertCanGrant(access: AccessContext, roles: readonly Role[]) {
  if (!canGrantRoles(access, roles)) {
    throw new AppError('FORBIDDEN', { message: 'Only a network administrator can grant the network administrator role.' });
  }
}

export function assertPasswordPolicy(password: string, email: string, field: string) {
  const check = checkPassword(password, email);
  if (!check.ok)
    throw new AppError('PASSWORD_POLICY_VIOLATION', { message: check.message, fields: [{ path: field, message: check.message }] });
}

async function usersWithMemberships(db: DbOrTrx, userIds: string[]): Promise<Map<string, User['memberships']>> {
  const map = new Map<string, User['memberships']>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('memberships')
    .select([
      'memberships.id',
      'memberships.user_id',
      'memberships.organization_id',
      'memberships.roles',
      organizationNameOf('memberships.organization_id').$notNull().as('name'),
    ])
    .where('memberships.user_id', 'in', userIds)
    .orderBy('name')
    .execute();
  for (const r of rows) {
    const list = map.get(r.user_id) ?? [];
    list.push({ id: r.id, organizationId: r.organization_id, organizationName: r.name, roles: r.roles });
    map.set(r.user_id, list);
  }
  return map;
}

/** Users, for their administrators: the whole network for a network administrator, else the active organization's people. */
export async function listUsers(
  db: DbOrTrx,
  access: AccessContext,
  filter: {
    organizationId?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: User[]; total: number }> {
  const scopeOrganizationId = authorizeAdmin(access, 'user.list');
  let query = db.selectFrom('users');
  for (const orgId of [scopeOrganizationId, filter.organizationId]) {
    if (orgId) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('memberships')
            .select('memberships.id')
            .whereRef('memberships.user_id', '=', 'users.id')
            .where('memberships.organization_id', '=', orgId),
        ),
      );
    }
  }
  if (filter.q) {
    const like = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('display_name', 'ilike', like), eb('email', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('display_name').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const memberships = await usersWithMemberships(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      status: r.status,
      lockedUntil: r.locked_until?.toISOString() ?? null,
      lastLoginAt: r.last_login_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      memberships: memberships.get(r.id) ?? [],
    })),
    total: Number(count.n),
  };
}

/**
 * An organization administrator may change a user only if the user belongs to their organization
 * and is not a network administrator anywhere; a network administrator may change anyone.
 */
async function authorizeUserChange(db: DbOrTrx, access: AccessContext, userId: string) {
  if (authorizeAdmin(access, 'user.update') === null) return;
  const orgs = await organizationsOfUser(db, userId);
  if (orgs.length === 0) await getUser(db, userId);
  const inMyOrg = orgs.some((o) => o.organizationId === access.organizationId);
  const isNetworkAdmin = orgs.some((o) => o.roles.includes('network_admin'));
  if (!inMyOrg || isNetworkAdmin)
    throw new AppError('FORBIDDEN', { message: 'Not allowed: organization administrators manage only the people of their organization.' });
}

/** One user, for an administrator who may change them. */
export async function readUser(db: DbOrTrx, access: AccessContext, id: string): Promise<User> {
  await authorizeUserChange(db, access, id);
  return getUser(db, id);
}

async function getUser(db: DbOrTrx, id: string): Promise<User> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('USER_NOT_FOUND');
  const memberships = await usersWithMemberships(db, [id]);
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    status: r.status,
    lockedUntil: r.locked_until?.toISOString() ?? null,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    memberships: memberships.get(id) ?? [],
  };
}

export async function createUser(db: Db, clock: Clock, access: AccessContext, input: CreateUser): Promise<User> {
  authorizeAdmin(access, 'user.create', input.organizationId);
  assertCanGrant(access, input.roles);
  assertPasswordPolicy(input.password, input.email, 'body.password');
  const passwordHash = await hashPassword(input.password);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await getOrganization(trx, input.organizationId);
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
      .executeTakeFirst();
    if (taken)
      throw new AppError('EMAIL_TAKEN', {
        message: 'An account with this email already exists.',
        fields: [{ path: 'body.email', message: 'Already in use' }],
      });
    const user = await trx
      .insertInto('users')
      .values({
        email: input.email,
        display_name: input.displayName,
        password_hash: passwordHash,
        status: 'active',
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const membership = await trx
      .insertInto('memberships')
      .values({ user_id: user.id, organization_id: input.organizationId, roles: uniqueRoles(input.roles), created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      organizationId: input.organizationId,
    });
    await recordAudit(trx, clock, access, {
      action: 'membership.create',
      entityType: 'membership',
      entityId: membership.id,
      organizationId: input.organizationId,
      details: { roles: uniqueRoles(input.roles) },
    });
    return getUser(trx, user.id);
  });
}

/** The organizations a user belongs to; organization admins may act only on users of their own. */
export async function organizationsOfUser(db: DbOrTrx, userId: string): Promise<{ organizationId: string; roles: Role[] }[]> {
  const rows = await db.selectFrom('memberships').select(['organization_id', 'roles']).where('user_id', '=', userId).execute();
  return rows.map((r) => ({ organizationId: r.organization_id, roles: r.roles }));
}

export async function updateUser(db: Db, clock: Clock, access: AccessContext, id: string, patch: UpdateUser): Promise<User> {
  await authorizeUserChange(db, access, id);
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const set: Record<string, unknown> = { updated_at: now };
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.unlock) Object.assign(set, { locked_until: null, failed_login_count: 0 });
    const row = await trx.updateTable('users').set(set).where('id', '=', id).returning('id').executeTakeFirst();
    if (!row) throw new AppError('USER_NOT_FOUND');
    if (patch.status === 'disabled') {
      await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    }
    await recordAudit(trx, clock, access, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      details: { fields: changedFields(patch) },
    });
    return getUser(trx, id);
  });
}

function membershipFromRow(r: {
  id: string;
  user_id: string;
  organization_id: string;
  roles: Role[];
  pending_roles: Role[];
  created_at: Date;
  email: string;
  display_name: string;
}): Membership {
  return {
    id: r.id,
    userId: r.user_id,
    organizationId: r.organization_id,
    userEmail: r.email,
    userDisplayName: r.display_name,
    roles: r.roles,
    pendingRoles: r.pending_roles,
    createdAt: r.created_at.toISOString(),
  };
}

function membershipQuery(db: DbOrTrx) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.id',
      'memberships.user_id',
      'memberships.organization_id',
      'memberships.roles',
      pendingRolesOf('memberships.id').as('pending_roles'),
      'memberships.created_at',
      'users.email',
      'users.display_name',
    ]);
}

/** An organization's members and their roles, for its administrators. */
export async function listMemberships(db: DbOrTrx, access: AccessContext, organizationId: string): Promise<Membership[]> {
  authorizeAdmin(access, 'membership.read', organizationId);
  await getOrganization(db, organizationId);
  const rows = await membershipQuery(db).where('memberships.organization_id', '=', organizationId).orderBy('users.display_name').execute();
  return rows.map(membershipFromRow);
}

export async function getMembership(db: DbOrTrx, id: string): Promise<Membership> {
  const row = await membershipQuery(db).where('memberships.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('MEMBERSHIP_NOT_FOUND');
  return membershipFromRow(row);
}

/** Refuses a change that would leave the network with no network administrator. */
async function assertNetworkAdminRemains(trx: DbOrTrx, membershipId: string) {
  const others = await trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('memberships.id')
    .where('memberships.id', '!=', membershipId)
    .where('users.status', '=', 'active')
    .where((eb) => eb(eb.val('network_admin'), '=', eb.fn.any('memberships.roles')))
    .limit(1)
    .executeTakeFirst();
  if (!others) throw new AppError('LAST_NETWORK_ADMIN', { message: 'The network must keep at least one network administrator.' });
}

export async function createMembership(db: Db, clock: Clock, access: AccessContext, input: CreateMembership): Promise<Membership> {
  authorizeAdmin(access, 'membership.write', input.organizationId);
  assertCanGrant(access, input.roles);
  return db.transaction().execute(async (trx) => {
    await getOrganization(trx, input.organizationId);
    await getUser(trx, input.userId);
    const existing = await trx
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', input.userId)
      .where('organization_id', '=', input.organizationId)
      .executeTakeFirst();
    if (existing)
      throw new AppError('CONFLICT', { message: 'This person is already a member of the organization; edit their roles instead.' });
    // Person-level roles an administrator grants to themselves wait for a second administrator.
    const waiting = rolesNeedingSecondApproval({ toSelf: input.userId === actorUserId(access), roles: input.roles });
    const roles = uniqueRoles(input.roles).filter((r) => !waiting.includes(r));
    const row = await trx
      .insertInto('memberships')
      .values({ user_id: input.userId, organization_id: input.organizationId, roles: rolesValue(roles), created_at: clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'membership.create',
      entityType: 'membership',
      entityId: row.id,
      organizationId: input.organizationId,
      details: { roles },
    });
    if (waiting.length > 0)
      await requestAccessGrant(
        trx,
        clock,
        access,
        input.organizationId,
        { kind: 'membership', membershipId: row.id, userId: input.userId },
        waiting,
      );
    return getMembership(trx, row.id);
  });
}

export async function updateMembership(db: Db, clock: Clock, access: AccessContext, id: string, roles: Role[]): Promise<Membership> {
  return db.transaction().execute(async (trx) => {
    const current = await getMembership(trx, id);
    authorizeAdmin(access, 'membership.write', current.organizationId);
    const adding = roles.filter((r) => !current.roles.includes(r));
    assertCanGrant(access, adding);
    if (current.roles.includes('network_admin') && !roles.includes('network_admin')) {
      if (!access.roles.includes('network_admin'))
        throw new AppError('FORBIDDEN', { message: 'Only a network administrator can change a network administrator.' });
      await assertNetworkAdminRemains(trx, id);
    }
    // Person-level roles an administrator adds to their own membership wait for a second administrator.
    const waiting = rolesNeedingSecondApproval({ toSelf: current.userId === actorUserId(access), roles: adding });
    const effective = uniqueRoles(roles).filter((r) => !waiting.includes(r));
    await trx
      .updateTable('memberships')
      .set({ roles: rolesValue(effective) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'membership.update',
      entityType: 'membership',
      entityId: id,
      organizationId: current.organizationId,
      details: { roles: effective },
    });
    if (waiting.length > 0)
      await requestAccessGrant(
        trx,
        clock,
        access,
        current.organizationId,
        { kind: 'membership', membershipId: id, userId: current.userId },
        waiting,
      );
    return getMembership(trx, id);
  });
}

export async function deleteMembership(db: Db, clock: Clock, access: AccessContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await getMembership(trx, id);
    authorizeAdmin(access, 'membership.write', current.organizationId);
    if (current.roles.includes('network_admin')) {
      if (!access.roles.includes('network_admin'))
        throw new AppError('FORBIDDEN', { message: 'Only a network administrator can change a network administrator.' });
      await assertNetworkAdminRemains(trx, id);
    }
    await trx
      .updateTable('sessions')
      .set({ active_organization_id: null })
      .where('user_id', '=', current.userId)
      .where('active_organization_id', '=', current.organizationId)
      .execute();
    await trx.deleteFrom('memberships').where('id', '=', id).execute();
    await recordAudit(trx, clock, access, {
      action: 'membership.delete',
      entityType: 'membership',
      entityId: id,
      organizationId: current.organizationId,
    });
  });
}
