import type {
  CreateDirectoryService,
  DirectoryService,
  ReplaceSchedules,
  TaxonomyCode,
  UpdateDirectoryService,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError, validationError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { changedFields } from '../organizations/index.ts';
import { capacityFromRow } from './capacity-rules.ts';
import type { DirectoryServiceRow } from './directory.table.ts';
import { sortHours } from './hours.ts';
import { iso, authorizeListing, serviceOwner } from './listing-access.ts';
import { getDirectoryOrganizationRow } from './directory-organizations.ts';

/* Directory services: what is offered where, with hours, eligibility and current capacity. */

// ── Services ─────────────────────────────────────────────────────────────────
export interface ServiceReadOptions {
  now: Date;
  staleHours: number;
}

/** Services with their locations, hours and capacity, in the management shape. */
export async function loadDirectoryServices(
  db: DbOrTrx,
  rows: DirectoryServiceRow[],
  options: ServiceReadOptions,
): Promise<DirectoryService[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const orgIds = [...new Set(rows.map((r) => r.organization_id))];
  const [orgs, links, schedules, capacities] = await Promise.all([
    db.selectFrom('directory_organizations').select(['id', 'name']).where('id', 'in', orgIds).execute(),
    db.selectFrom('directory_service_at_locations').select(['service_id', 'location_id']).where('service_id', 'in', ids).execute(),
    db.selectFrom('directory_schedules').selectAll().where('service_id', 'in', ids).execute(),
    db.selectFrom('directory_capacities').selectAll().where('service_id', 'in', ids).orderBy('unit').execute(),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    organizationName: orgName.get(r.organization_id) ?? '',
    name: r.name,
    description: r.description,
    status: r.status,
    url: r.url,
    email: r.email,
    phone: r.phone,
    eligibilityDescription: r.eligibility_description,
    minimumAge: r.minimum_age,
    maximumAge: r.maximum_age,
    feesDescription: r.fees_description,
    codes: r.codes as TaxonomyCode[],
    languages: r.languages,
    locationIds: links
      .filter((l) => l.service_id === r.id)
      .map((l) => l.location_id)
      .sort(),
    schedules: sortHours(
      schedules
        .filter((s) => s.service_id === r.id)
        .map((s) => ({ locationId: s.location_id, dayOfWeek: s.day_of_week, opensAt: s.opens_at, closesAt: s.closes_at })),
    ),
    scheduleNote: r.schedule_note,
    capacities: capacities.filter((c) => c.service_id === r.id).map((c) => capacityFromRow(c, options.now, options.staleHours)),
    verifiedAt: iso(r.verified_at),
    verifiedByLabel: r.verified_by_label,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function getDirectoryServiceRow(db: DbOrTrx, id: string): Promise<DirectoryServiceRow> {
  const row = await db.selectFrom('directory_services').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('DIRECTORY_SERVICE_NOT_FOUND');
  return row;
}

export async function getDirectoryService(
  db: DbOrTrx,
  access: AccessContext,
  id: string,
  options: ServiceReadOptions,
): Promise<DirectoryService> {
  authorizeListing(access, 'read', null);
  const [service] = await loadDirectoryServices(db, [await getDirectoryServiceRow(db, id)], options);
  return service!;
}

export async function listDirectoryServices(
  db: DbOrTrx,
  access: AccessContext,
  organizationId: string,
  options: ServiceReadOptions,
): Promise<DirectoryService[]> {
  authorizeListing(access, 'read', null);
  await getDirectoryOrganizationRow(db, organizationId);
  const rows = await db
    .selectFrom('directory_services')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return loadDirectoryServices(db, rows, options);
}

async function setServiceLocations(trx: DbOrTrx, serviceId: string, organizationId: string, locationIds: readonly string[]) {
  const unique = [...new Set(locationIds)];
  if (unique.length > 0) {
    const found = await trx
      .selectFrom('directory_locations')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('id', 'in', unique)
      .execute();
    if (found.length !== unique.length)
      throw validationError('body.locationIds', "Every location must belong to the service's organization");
  }
  const current = await trx
    .selectFrom('directory_service_at_locations')
    .select('location_id')
    .where('service_id', '=', serviceId)
    .execute();
  const removed = current.map((c) => c.location_id).filter((id) => !unique.includes(id));
  const added = unique.filter((id) => !current.some((c) => c.location_id === id));
  if (removed.length > 0) {
    await trx.deleteFrom('directory_schedules').where('service_id', '=', serviceId).where('location_id', 'in', removed).execute();
    await trx
      .deleteFrom('directory_service_at_locations')
      .where('service_id', '=', serviceId)
      .where('location_id', 'in', removed)
      .execute();
  }
  if (added.length > 0) {
    await trx
      .insertInto('directory_service_at_locations')
      .values(added.map((location_id) => ({ service_id: serviceId, location_id })))
      .execute();
  }
}

function assertAges(min: number | null | undefined, max: number | null | undefined) {
  if (min != null && max != null && min > max) throw validationError('body.maximumAge', 'Must not be below minimumAge');
}

export async function createDirectoryService(
  db: Db,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  input: CreateDirectoryService,
  options: ServiceReadOptions,
): Promise<DirectoryService> {
  assertAges(input.minimumAge, input.maximumAge);
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const org = await getDirectoryOrganizationRow(trx, organizationId);
    authorizeListing(access, 'edit', org.member_organization_id);
    const row = await trx
      .insertInto('directory_services')
      .values({
        organization_id: organizationId,
        name: input.name,
        description: input.description ?? null,
        status: input.status ?? 'active',
        url: input.url ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        eligibility_description: input.eligibilityDescription ?? null,
        minimum_age: input.minimumAge ?? null,
        maximum_age: input.maximumAge ?? null,
        fees_description: input.feesDescription ?? null,
        codes: [...new Set(input.codes ?? [])],
        languages: [...new Set(input.languages ?? [])],
        schedule_note: null,
        verified_at: null,
        verified_by_user_id: null,
        verified_by_label: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setServiceLocations(trx, row.id, organizationId, input.locationIds ?? []);
    await recordAudit(trx, clock, access, {
      action: 'directory.service.create',
      entityType: 'directory_service',
      entityId: row.id,
      details: { codes: (input.codes ?? []).length },
    });
    return row.id;
  });
  return getDirectoryService(db, access, id, options);
}

export async function updateDirectoryService(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  patch: UpdateDirectoryService,
  options: ServiceReadOptions,
): Promise<DirectoryService> {
  await db.transaction().execute(async (trx) => {
    const current = await getDirectoryServiceRow(trx, id);
    const owner = await serviceOwner(trx, id);
    authorizeListing(access, 'edit', owner.memberOrganizationId);
    assertAges(
      patch.minimumAge !== undefined ? patch.minimumAge : current.minimum_age,
      patch.maximumAge !== undefined ? patch.maximumAge : current.maximum_age,
    );
    const { eligibilityDescription, minimumAge, maximumAge, feesDescription, codes, languages, locationIds, ...rest } = patch;
    await trx
      .updateTable('directory_services')
      .set({
        ...rest,
        ...(eligibilityDescription !== undefined ? { eligibility_description: eligibilityDescription } : {}),
        ...(minimumAge !== undefined ? { minimum_age: minimumAge } : {}),
        ...(maximumAge !== undefined ? { maximum_age: maximumAge } : {}),
        ...(feesDescription !== undefined ? { fees_description: feesDescription } : {}),
        ...(codes !== undefined ? { codes: [...new Set(codes)] } : {}),
        ...(languages !== undefined ? { languages: [...new Set(languages)] } : {}),
        updated_at: clock.now(),
      })
      .where('id', '=', id)
      .execute();
    if (locationIds !== undefined) await setServiceLocations(trx, id, owner.organizationId, locationIds);
    await recordAudit(trx, clock, access, {
      action: 'directory.service.update',
      entityType: 'directory_service',
      entityId: id,
      details: { fields: changedFields(patch) },
    });
  });
  return getDirectoryService(db, access, id, options);
}

/** Replaces a service's weekly hours in one action. */
export async function replaceServiceSchedules(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  input: ReplaceSchedules,
  options: ServiceReadOptions,
): Promise<DirectoryService> {
  await db.transaction().execute(async (trx) => {
    const owner = await serviceOwner(trx, id);
    authorizeListing(access, 'edit', owner.memberOrganizationId);
    const links = await trx.selectFrom('directory_service_at_locations').select('location_id').where('service_id', '=', id).execute();
    const offeredAt = new Set(links.map((l) => l.location_id));
    input.items.forEach((item, i) => {
      if (item.locationId && !offeredAt.has(item.locationId))
        throw validationError(`body.items.${i}.locationId`, 'The service is not offered at this location');
    });
    await trx.deleteFrom('directory_schedules').where('service_id', '=', id).execute();
    if (input.items.length > 0) {
      await trx
        .insertInto('directory_schedules')
        .values(
          input.items.map((s) => ({
            service_id: id,
            location_id: s.locationId ?? null,
            day_of_week: s.dayOfWeek,
            opens_at: s.opensAt,
            closes_at: s.closesAt,
          })),
        )
        .execute();
    }
    await trx
      .updateTable('directory_services')
      .set({ schedule_note: input.note ?? null, updated_at: clock.now() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'directory.service.schedules',
      entityType: 'directory_service',
      entityId: id,
      details: { periods: input.items.length },
    });
  });
  return getDirectoryService(db, access, id, options);
}
