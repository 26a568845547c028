import { addDays } from '@continuum/contracts';
import type { CreateDirectoryOrganization, DirectoryOrganization, UpdateDirectoryOrganization } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/search.ts';
import { AppError, validationError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { changedFields, findOrganization } from '../organizations/index.ts';
import type { DirectoryOrganizationRow } from './directory.table.ts';
import { iso, authorizeListing, actorOf } from './listing-access.ts';

/* Directory organizations: the listed providers (each may be a network member), created, updated and verified by their staff. */

// ── Organizations ────────────────────────────────────────────────────────────
function organizationFromRow(r: DirectoryOrganizationRow, counts: { services: number; locations: number }): DirectoryOrganization {
  return {
    id: r.id,
    memberOrganizationId: r.member_organization_id,
    name: r.name,
    description: r.description,
    website: r.website,
    email: r.email,
    phone: r.phone,
    verifiedAt: iso(r.verified_at),
    verifiedByLabel: r.verified_by_label,
    serviceCount: counts.services,
    locationCount: counts.locations,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

async function countsFor(db: DbOrTrx, ids: string[]) {
  const result = new Map<string, { services: number; locations: number }>(ids.map((id) => [id, { services: 0, locations: 0 }]));
  if (ids.length === 0) return result;
  const [services, locations] = await Promise.all([
    db
      .selectFrom('directory_services')
      .select(['organization_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('organization_id', 'in', ids)
      .groupBy('organization_id')
      .execute(),
    db
      .selectFrom('directory_locations')
      .select(['organization_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('organization_id', 'in', ids)
      .groupBy('organization_id')
      .execute(),
  ]);
  for (const s of services) result.get(s.organization_id)!.services = Number(s.n);
  for (const l of locations) result.get(l.organization_id)!.locations = Number(l.n);
  return result;
}

export async function listDirectoryOrganizations(
  db: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  filter: {
    q?: string | undefined;
    memberOrganizationId?: string | undefined;
    unverifiedForDays?: number | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: DirectoryOrganization[]; total: number }> {
  authorizeListing(access, 'read', null);
  let query = db.selectFrom('directory_organizations');
  if (filter.q) query = query.where('name', 'ilike', containsPattern(filter.q));
  if (filter.memberOrganizationId) query = query.where('member_organization_id', '=', filter.memberOrganizationId);
  if (filter.unverifiedForDays) {
    const cutoff = addDays(clock.now(), -filter.unverifiedForDays);
    query = query.where((eb) => eb.or([eb('verified_at', 'is', null), eb('verified_at', '<', cutoff)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const counts = await countsFor(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => organizationFromRow(r, counts.get(r.id)!)), total: Number(count.n) };
}

export async function getDirectoryOrganizationRow(db: DbOrTrx, id: string): Promise<DirectoryOrganizationRow> {
  const row = await db.selectFrom('directory_organizations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('DIRECTORY_ORGANIZATION_NOT_FOUND');
  return row;
}

export async function getDirectoryOrganization(db: DbOrTrx, access: AccessContext, id: string): Promise<DirectoryOrganization> {
  authorizeListing(access, 'read', null);
  const row = await getDirectoryOrganizationRow(db, id);
  return organizationFromRow(row, (await countsFor(db, [id])).get(id)!);
}

async function assertMemberExists(db: DbOrTrx, memberOrganizationId: string | null | undefined) {
  if (!memberOrganizationId) return;
  const found = await findOrganization(db, memberOrganizationId);
  if (!found) throw validationError('body.memberOrganizationId', 'No such member organization');
}

export async function createDirectoryOrganization(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: CreateDirectoryOrganization,
): Promise<DirectoryOrganization> {
  authorizeListing(access, 'create', input.memberOrganizationId ?? null);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await assertMemberExists(trx, input.memberOrganizationId);
    const row = await trx
      .insertInto('directory_organizations')
      .values({
        member_organization_id: input.memberOrganizationId ?? null,
        name: input.name,
        description: input.description ?? null,
        website: input.website ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        verified_at: null,
        verified_by_user_id: null,
        verified_by_label: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'directory.organization.create',
      entityType: 'directory_organization',
      entityId: row.id,
    });
    return organizationFromRow(row, { services: 0, locations: 0 });
  });
}

export async function updateDirectoryOrganization(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  patch: UpdateDirectoryOrganization,
): Promise<DirectoryOrganization> {
  await db.transaction().execute(async (trx) => {
    const current = await getDirectoryOrganizationRow(trx, id);
    authorizeListing(access, 'edit', current.member_organization_id);
    // Moving a listing to another member organization is a network administrator's decision.
    if (patch.memberOrganizationId !== undefined && patch.memberOrganizationId !== current.member_organization_id) {
      authorizeListing(access, 'edit', patch.memberOrganizationId);
      await assertMemberExists(trx, patch.memberOrganizationId);
    }
    const { memberOrganizationId, ...rest } = patch;
    await trx
      .updateTable('directory_organizations')
      .set({
        ...rest,
        ...(memberOrganizationId !== undefined ? { member_organization_id: memberOrganizationId } : {}),
        updated_at: clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'directory.organization.update',
      entityType: 'directory_organization',
      entityId: id,
      details: { fields: changedFields(patch) },
    });
  });
  return getDirectoryOrganization(db, access, id);
}

/** Marks the listing (the organization and all its services) verified now, by the caller. */
export async function verifyDirectoryOrganization(db: Db, clock: Clock, access: AccessContext, id: string): Promise<DirectoryOrganization> {
  await db.transaction().execute(async (trx) => {
    const current = await getDirectoryOrganizationRow(trx, id);
    authorizeListing(access, 'edit', current.member_organization_id);
    const actor = await actorOf(trx, access);
    const now = clock.now();
    const verified = { verified_at: now, verified_by_user_id: actor.userId, verified_by_label: actor.label };
    await trx.updateTable('directory_organizations').set(verified).where('id', '=', id).execute();
    const services = await trx.updateTable('directory_services').set(verified).where('organization_id', '=', id).executeTakeFirst();
    await trx
      .updateTable('directory_verification_reminders')
      .set({ acknowledged_at: now })
      .where('directory_organization_id', '=', id)
      .where('acknowledged_at', 'is', null)
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'directory.organization.verify',
      entityType: 'directory_organization',
      entityId: id,
      details: { services: Number(services.numUpdatedRows) },
    });
  });
  return getDirectoryOrganization(db, access, id);
}
