import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { DirectoryCapacityRow } from './directory.table.ts';

/*
 * The directory's tables as other modules read them (referrals: pathways, referrals and
 * suggestions). Plain lookups by id, in the caller's transaction; no authorization, since listings
 * are public directory data.
 */

/** The services with these ids (any status), in no particular order. */
export async function findServices(trx: DbOrTrx, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return [];
  return trx
    .selectFrom('directory_services')
    .select(['id', 'name', 'codes', 'minimum_age', 'maximum_age', 'status'])
    .where('id', 'in', [...serviceIds])
    .execute();
}

/** Which of these services a member organization offers (its directory listing's services). */
export async function servicesOfMember(trx: DbOrTrx, serviceIds: readonly string[], memberOrganizationId: string): Promise<Set<string>> {
  if (serviceIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('directory_services as s')
    .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
    .select('s.id')
    .where('s.id', 'in', [...serviceIds])
    .where('o.member_organization_id', '=', memberOrganizationId)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether the service is offered at the location. */
export async function isOfferedAt(trx: DbOrTrx, serviceId: string, locationId: string): Promise<boolean> {
  const at = await trx
    .selectFrom('directory_service_at_locations')
    .select('id')
    .where('service_id', '=', serviceId)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  return at !== undefined;
}

/** A location's name, or undefined when there is no such location. */
export async function locationName(trx: DbOrTrx, locationId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('directory_locations').select('name').where('id', '=', locationId).executeTakeFirst();
  return row?.name;
}

/** Where each of these services is offered: one row per service and location. */
export async function serviceLocations(trx: DbOrTrx, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return [];
  return trx
    .selectFrom('directory_service_at_locations as sl')
    .innerJoin('directory_locations as l', 'l.id', 'sl.location_id')
    .select(['sl.service_id', 'l.id', 'l.name', 'l.latitude', 'l.longitude'])
    .where('sl.service_id', 'in', [...serviceIds])
    .execute();
}

/** The current capacity rows (one per service and unit) of these services. */
export async function serviceCapacities(trx: DbOrTrx, serviceIds: readonly string[]): Promise<DirectoryCapacityRow[]> {
  if (serviceIds.length === 0) return [];
  return trx
    .selectFrom('directory_capacities')
    .selectAll()
    .where('service_id', 'in', [...serviceIds])
    .execute();
}

/**
 * Active services carrying any of these taxonomy codes, one row per service and location, with the
 * location's point and the service's last change: what the needs-and-gaps analysis maps.
 */
export async function servicePointsWithCodes(trx: DbOrTrx, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return trx
    .selectFrom('directory_services as s')
    .innerJoin('directory_service_at_locations as sl', 'sl.service_id', 's.id')
    .innerJoin('directory_locations as l', 'l.id', 'sl.location_id')
    .select(['s.id as service_id', 's.codes', 's.updated_at', 'l.id as location_id', 'l.latitude', 'l.longitude'])
    .where('s.status', '=', 'active')
    .where(sql<boolean>`s.codes && ${sql.val([...codes])}::text[]`)
    .orderBy('s.id')
    .orderBy('l.id')
    .execute();
}

/**
 * Active services carrying any of these codes, one row per service and location, with the listing
 * organization (its name and the network member it belongs to, if any) and the location's name and
 * point: the needs-and-gaps hub-and-spoke view's supply.
 */
export async function servicePointsWithOrganizations(trx: DbOrTrx, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return trx
    .selectFrom('directory_services as s')
    .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
    .innerJoin('directory_service_at_locations as sl', 'sl.service_id', 's.id')
    .innerJoin('directory_locations as l', 'l.id', 'sl.location_id')
    .select([
      's.id as service_id',
      's.codes',
      's.updated_at',
      'o.id as listing_id',
      'o.name as organization_name',
      'o.member_organization_id',
      'l.id as location_id',
      'l.name as location_name',
      'l.latitude',
      'l.longitude',
    ])
    .where('s.status', '=', 'active')
    .where(sql<boolean>`s.codes && ${sql.val([...codes])}::text[]`)
    .orderBy('s.id')
    .orderBy('l.id')
    .execute();
}
