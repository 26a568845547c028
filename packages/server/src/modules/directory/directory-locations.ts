import { isValidTimeZone } from '@continuum/contracts';
import type { CreateDirectoryLocation, DirectoryLocation, ListPageQuery, UpdateDirectoryLocation } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError, validationError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { changedFields } from '../organizations/index.ts';
import type { DirectoryLocationRow } from './directory.table.ts';
import { authorizeListing } from './listing-access.ts';
import { getDirectoryOrganizationRow } from './directory-organizations.ts';

/* Directory locations: where a listed organization serves, with its own time zone when it differs from the network's. */

// ── Locations ────────────────────────────────────────────────────────────────
export function directoryLocationFromRow(r: DirectoryLocationRow): DirectoryLocation {
  return {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    address1: r.address1,
    address2: r.address2,
    city: r.city,
    region: r.region,
    postalCode: r.postal_code,
    latitude: r.latitude,
    longitude: r.longitude,
    phone: r.phone,
    timeZone: r.time_zone,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function assertTimeZone(zone: string | null | undefined) {
  if (zone && !isValidTimeZone(zone)) throw validationError('body.timeZone', 'Expected an IANA time zone, e.g. America/Los_Angeles');
}

/** A listing's locations, a page at a time (a listing may have thousands). */
export async function listDirectoryLocations(
  db: DbOrTrx,
  access: AccessContext,
  organizationId: string,
  page: ListPageQuery = { limit: 50, offset: 0 },
): Promise<{ items: DirectoryLocation[]; total: number }> {
  authorizeListing(access, 'read', null);
  await getDirectoryOrganizationRow(db, organizationId);
  const where = db.selectFrom('directory_locations').where('organization_id', '=', organizationId);
  const [rows, count] = await Promise.all([
    where.selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    where.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(directoryLocationFromRow), total: Number(count.n) };
}

export async function createDirectoryLocation(
  db: Db,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  input: CreateDirectoryLocation,
): Promise<DirectoryLocation> {
  assertTimeZone(input.timeZone);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const org = await getDirectoryOrganizationRow(trx, organizationId);
    authorizeListing(access, 'edit', org.member_organization_id);
    const row = await trx
      .insertInto('directory_locations')
      .values({
        organization_id: organizationId,
        name: input.name,
        address1: input.address1,
        address2: input.address2 ?? null,
        city: input.city,
        region: input.region,
        postal_code: input.postalCode,
        latitude: input.latitude,
        longitude: input.longitude,
        phone: input.phone ?? null,
        time_zone: input.timeZone ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, { action: 'directory.location.create', entityType: 'directory_location', entityId: row.id });
    return directoryLocationFromRow(row);
  });
}

export async function updateDirectoryLocation(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  patch: UpdateDirectoryLocation,
): Promise<DirectoryLocation> {
  assertTimeZone(patch.timeZone);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('directory_locations').select('organization_id').where('id', '=', id).executeTakeFirst();
    if (!current) throw new AppError('DIRECTORY_LOCATION_NOT_FOUND');
    const org = await getDirectoryOrganizationRow(trx, current.organization_id);
    authorizeListing(access, 'edit', org.member_organization_id);
    const { postalCode, timeZone, ...rest } = patch;
    const row = await trx
      .updateTable('directory_locations')
      .set({
        ...rest,
        ...(postalCode !== undefined ? { postal_code: postalCode } : {}),
        ...(timeZone !== undefined ? { time_zone: timeZone } : {}),
        updated_at: clock.now(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'directory.location.update',
      entityType: 'directory_location',
      entityId: id,
      details: { fields: changedFields(patch) },
    });
    return directoryLocationFromRow(row);
  });
}
