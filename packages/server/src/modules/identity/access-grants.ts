import { sql } from 'kysely';
import type { AccessGrant, Role } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { authorizeAdmin } from '../../core/admin-authorize.ts';
import { organizationNameOf } from '../organizations/index.ts';
import { userDisplayNameOf } from './user-lookups.ts';

/*
 * Person-level access an administrator grants to themselves waits for a second administrator: a
 * clinical (person-level) role added to their own membership, or an API token with a person-level
 * role (the minting administrator holds its secret). The membership keeps its other roles and the
 * token does not authenticate until another administrator who may administer that organization
 * approves; the organization's privacy officers are told. docs/privacy.md, "Administrators granting
 * themselves access".
 */

export type GrantTarget = { kind: 'membership'; membershipId: string; userId: string } | { kind: 'api_token'; apiTokenId: string };

/**
 * Records a pending grant and audits it. The organization's privacy officers and administrators are
 * told by the notifications module's job (notifications.announce-access-grants, every minute),
 * which reads `grantsToAnnounce`: notifications depends on identity, not the other way round.
 */
export async function requestAccessGrant(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  target: GrantTarget,
  roles: readonly Role[],
): Promise<string> {
  const requestedBy = actorUserId(access);
  if (requestedBy === null) throw new AppError('FORBIDDEN', { message: 'Administration is for signed-in people.' });
  const now = clock.now();
  const row = await trx
    .insertInto('access_grants')
    .values({
      kind: target.kind,
      organization_id: organizationId,
      user_id: target.kind === 'membership' ? target.userId : null,
      membership_id: target.kind === 'membership' ? target.membershipId : null,
      api_token_id: target.kind === 'api_token' ? target.apiTokenId : null,
      roles: [...roles],
      requested_by_user_id: requestedBy,
      requested_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, clock, access, {
    action: 'access-grant.request',
    entityType: 'access_grant',
    entityId: row.id,
    organizationId,
    details: { kind: target.kind, roles: [...roles] },
  });
  return row.id;
}

/** Grants asked for and not yet announced to the organization's privacy officers. */
export async function grantsToAnnounce(
  db: DbOrTrx,
  limit: number,
): Promise<{ id: string; kind: 'membership' | 'api_token'; organizationId: string }[]> {
  const rows = await db
    .selectFrom('access_grants')
    .select(['id', 'kind', 'organization_id'])
    .where('announced_at', 'is', null)
    .orderBy('requested_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, organizationId: r.organization_id }));
}

export async function markGrantsAnnounced(db: DbOrTrx, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length > 0) await db.updateTable('access_grants').set({ announced_at: at }).where('id', 'in', ids).execute();
}

/** Person-level roles waiting for approval, per membership. */
export function pendingRolesOf(membershipRef: string) {
  return sql<Role[]>`coalesce((select array_agg(distinct r) from access_grants as own_g, unnest(own_g.roles) as r
    where own_g.membership_id = ${sql.ref(membershipRef)} and own_g.status = 'pending'), '{}')`;
}

/** Grants for administrators to decide (pending) or look back on (decided): the network's, or the active organization's. */
export async function listAccessGrants(db: DbOrTrx, access: AccessContext, status: 'pending' | 'decided'): Promise<AccessGrant[]> {
  return readGrants(db, authorizeAdmin(access, 'membership.read'), { status });
}

async function readGrants(
  db: DbOrTrx,
  scope: string | null,
  filter: { status: 'pending' | 'decided' } | { id: string },
): Promise<AccessGrant[]> {
  let query = db
    .selectFrom('access_grants as g')
    .select([
      'g.id',
      'g.kind',
      'g.organization_id',
      'g.membership_id',
      'g.api_token_id',
      organizationNameOf('g.organization_id').$notNull().as('organization_name'),
      userDisplayNameOf('g.user_id').as('user_name'),
      (eb) => eb.selectFrom('api_tokens as t').select('t.name').whereRef('t.id', '=', 'g.api_token_id').as('token_name'),
      'g.roles',
      'g.status',
      'g.requested_by_user_id',
      userDisplayNameOf('g.requested_by_user_id').$notNull().as('requested_by_name'),
      'g.requested_at',
      userDisplayNameOf('g.decided_by_user_id').as('decided_by_name'),
      'g.decided_at',
    ])
    .$if('id' in filter, (q) => q.where('g.id', '=', (filter as { id: string }).id))
    .$if('status' in filter, (q) => q.where('g.status', (filter as { status: string }).status === 'pending' ? '=' : '!=', 'pending'));
  if (scope !== null) query = query.where('g.organization_id', '=', scope);
  const ascending = 'status' in filter && filter.status === 'pending';
  const rows = await query
    .orderBy('g.requested_at', ascending ? 'asc' : 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    membershipId: r.membership_id,
    userDisplayName: r.user_name,
    apiTokenId: r.api_token_id,
    apiTokenName: r.token_name ?? null,
    roles: r.roles,
    status: r.status,
    requestedByUserId: r.requested_by_user_id,
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at.toISOString(),
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
  }));
}

/**
 * A second administrator approves or rejects a pending grant. They must be allowed to administer
 * the organization, and may not decide a grant they asked for or one that is theirs.
 */
export async function decideAccessGrant(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  decision: 'approve' | 'reject',
): Promise<AccessGrant> {
  // Only administrators decide; who may decide this one is checked against its organization below.
  authorizeAdmin(access, 'membership.read');
  const deciderId = actorUserId(access);
  return db.transaction().execute(async (trx) => {
    const grant = await trx.selectFrom('access_grants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!grant) throw new AppError('NOT_FOUND', { message: 'No such grant.' });
    authorizeAdmin(access, grant.kind === 'membership' ? 'membership.write' : 'api-token.write', grant.organization_id);
    if (deciderId === null || grant.requested_by_user_id === deciderId || grant.user_id === deciderId)
      throw new AppError('FORBIDDEN', { message: 'A second administrator must decide a grant you asked for or that is yours.' });
    if (grant.status !== 'pending') throw new AppError('CONFLICT', { message: 'This grant is already decided.' });
    const now = clock.now();
    if (grant.kind === 'membership' && decision === 'approve') {
      await trx
        .updateTable('memberships')
        .set({ roles: sql<Role[]>`(select array_agg(distinct r) from unnest(roles || ${sql.val(grant.roles)}::text[]) as r)` })
        .where('id', '=', grant.membership_id!)
        .execute();
    }
    if (grant.kind === 'api_token') {
      await trx
        .updateTable('api_tokens')
        .set(decision === 'approve' ? { awaiting_approval: false } : { awaiting_approval: false, revoked_at: now })
        .where('id', '=', grant.api_token_id!)
        .execute();
    }
    await trx
      .updateTable('access_grants')
      .set({ status: decision === 'approve' ? 'approved' : 'rejected', decided_by_user_id: deciderId, decided_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, access, {
      action: `access-grant.${decision}`,
      entityType: 'access_grant',
      entityId: id,
      organizationId: grant.organization_id,
      details: { kind: grant.kind, roles: grant.roles },
    });
    return (await readGrants(trx, null, { id }))[0]!;
  });
}
