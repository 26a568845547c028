import type {
  CreateLocation,
  CreateOrganization,
  ListPageQuery,
  Location,
  Organization,
  UpdateLocation,
  UpdateOrganization,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/search.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { authorizeAdmin } from '../../core/admin-authorize.ts';
import type { LocationRow, OrganizationRow } from './organization.table.ts';

export function organizationFromRow(r: OrganizationRow): Organization {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    description: r.description,
    website: r.website,
    phone: r.phone,
    email: r.email,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function locationFromRow(r: LocationRow): Location {
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
    active: r.active,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Names of the fields a patch sets; the audit trail records which fields changed, not their values. */
export function changedFields(patch: object): string[] {
  return Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
}

/** The organizations the caller administers: the whole network for a network administrator, else the active one. */
export async function listOrganizations(
  db: DbOrTrx,
  access: AccessContext,
  filter: { q?: string | undefined; type?: string | undefined; limit: number; offset: number },
): Promise<{ items: Organization[]; total: number }> {
  const scopeOrganizationId = authorizeAdmin(access, 'organization.list');
  let query = db.selectFrom('organizations');
  if (scopeOrganizationId) query = query.where('id', '=', scopeOrganizationId);
  if (filter.q) query = query.where('name', 'ilike', containsPattern(filter.q));
  if (filter.type) query = query.where('type', '=', filter.type as Organization['type']);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(organizationFromRow), total: Number(count.n) };
}

/** One organization, for its administrators. */
export async function readOrganization(db: DbOrTrx, access: AccessContext, id: string): Promise<Organization> {
  authorizeAdmin(access, 'organization.read', id);
  return getOrganization(db, id);
}

/** One organization without authorization, for other modules' checks (404 ORGANIZATION_NOT_FOUND when there is none). */
export async function getOrganization(db: DbOrTrx, id: string): Promise<Organization> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND');
  return organizationFromRow(row);
}

export async function createOrganization(db: Db, clock: Clock, access: AccessContext, input: CreateOrganization): Promise<Organization> {
  authorizeAdmin(access, 'organization.create');
  return db.transaction().execute((trx) => insertOrganization(trx, clock, access, input));
}

/**
 * Writes a new organization and its audit entry in the caller's transaction, with no role check: for
 * createOrganization and the first-run bootstrap (`continuum admin bootstrap`), which has no administrator yet.
 */
export async function insertOrganization(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  input: CreateOrganization,
): Promise<Organization> {
  const now = clock.now();
  const row = await trx
    .insertInto('organizations')
    .values({
      name: input.name,
      type: input.type,
      description: input.description ?? null,
      website: input.website ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, clock, access, {
    action: 'organization.create',
    entityType: 'organization',
    entityId: row.id,
    organizationId: row.id,
  });
  return organizationFromRow(row);
}

export async function updateOrganization(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  patch: UpdateOrganization,
): Promise<Organization> {
  authorizeAdmin(access, 'organization.update', id);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('organizations')
      .set({ ...patch, updated_at: clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('ORGANIZATION_NOT_FOUND');
    await recordAudit(trx, clock, access, {
      action: 'organization.update',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      details: { fields: changedFields(patch) },
    });
    return organizationFromRow(row);
  });
}

/** An organization's locations, a page at a time. */
export async function listLocations(
  db: DbOrTrx,
  access: AccessContext,
  organizationId: string,
  page: ListPageQuery = { limit: 50, offset: 0 },
): Promise<{ items: Location[]; total: number }> {
  authorizeAdmin(access, 'location.read', organizationId);
  await getOrganization(db, organizationId);
  const where = db.selectFrom('locations').where('organization_id', '=', organizationId);
  const [rows, count] = await Promise.all([
    where.selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    where.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(locationFromRow), total: Number(count.n) };
}

export async function getLocationRow(db: DbOrTrx, id: string): Promise<LocationRow> {
  const row = await db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('LOCATION_NOT_FOUND');
  return row;
}

export async function createLocation(
  db: Db,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  input: CreateLocation,
): Promise<Location> {
  authorizeAdmin(access, 'location.write', organizationId);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await getOrganization(trx, organizationId);
    const row = await trx
      .insertInto('locations')
      .values({
        organization_id: organizationId,
        name: input.name,
        address1: input.address1,
        address2: input.address2 ?? null,
        city: input.city,
        region: input.region,
        postal_code: input.postalCode,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, { action: 'location.create', entityType: 'location', entityId: row.id, organizationId });
    return locationFromRow(row);
  });
}

export async function updateLocation(db: Db, clock: Clock, access: AccessContext, id: string, patch: UpdateLocation): Promise<Location> {
  const location = await getLocationRow(db, id);
  authorizeAdmin(access, 'location.write', location.organization_id);
  return db.transaction().execute(async (trx) => {
    const { postalCode, ...rest } = patch;
    const row = await trx
      .updateTable('locations')
      .set({ ...rest, ...(postalCode !== undefined ? { postal_code: postalCode } : {}), updated_at: clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('LOCATION_NOT_FOUND');
    await recordAudit(trx, clock, access, {
      action: 'location.update',
      entityType: 'location',
      entityId: id,
      organizationId: row.organization_id,
      details: { fields: changedFields(patch) },
    });
    return locationFromRow(row);
  });
}

/** Active organizations by name (id, name, type only): the network's own directory for pickers. */
export async function listNetworkOrganizations(db: DbOrTrx, query: { q?: string | undefined; type?: Organization['type'] | undefined }) {
  let q = db.selectFrom('organizations').select(['id', 'name', 'type']).where('active', '=', true);
  if (query.q) q = q.where('name', 'ilike', containsPattern(query.q));
  if (query.type) q = q.where('type', '=', query.type);
  return q.orderBy('name').limit(1000).execute();
}
