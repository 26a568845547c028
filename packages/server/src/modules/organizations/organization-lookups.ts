import { sql, type RawBuilder } from 'kysely';
import type { OrganizationType } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';

/*
 * What other modules read about organizations, without reading the `organizations` table themselves
 * (decision 0014, table ownership): a name or type beside their own rows, a few by id, and whether ids exist.
 * Lint refuses a read of `organizations` or `locations` outside this module.
 */

/**
 * The name of the organization whose id is in the column `ref` (for example `'t.by_organization_id'`), as a
 * correlated subquery to select beside a module's own rows: `.select(organizationNameOf('e.organization_id').as('organization_name'))`.
 * Null when the column is null.
 */
export function organizationNameOf(ref: string): RawBuilder<string | null> {
  return sql<string | null>`(select own_o.name from organizations as own_o where own_o.id = ${sql.ref(ref)})`;
}

/** The type of the organization whose id is in the column `ref`, like organizationNameOf. */
export function organizationTypeOf(ref: string): RawBuilder<OrganizationType | null> {
  return sql<OrganizationType | null>`(select own_o.type from organizations as own_o where own_o.id = ${sql.ref(ref)})`;
}

/** Whether the organization whose id is in the column `ref` is active, as a condition for `.where(…)`. */
export function organizationIsActive(ref: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from organizations as own_o where own_o.id = ${sql.ref(ref)} and own_o.active)`;
}

/** Names of organizations by id (unknown ids are left out). */
export async function organizationNames(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names and public contact details of organizations by id, for a person's own care team (unknown ids are left out). */
export async function organizationContacts(
  db: DbOrTrx,
  ids: readonly string[],
): Promise<Map<string, { name: string; phone: string | null; email: string | null; website: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name', 'phone', 'email', 'website']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Types of organizations by id; every organization when `ids` is left out (unknown ids are left out). */
export async function organizationTypes(db: DbOrTrx, ids?: readonly string[]): Promise<Map<string, OrganizationType>> {
  if (ids && ids.length === 0) return new Map();
  let q = db.selectFrom('organizations').select(['id', 'type']);
  if (ids) q = q.where('id', 'in', ids);
  return new Map((await q.execute()).map((o) => [o.id, o.type]));
}

export interface OrganizationSummary {
  id: string;
  name: string;
  type: OrganizationType;
  active: boolean;
}

/** One organization's id, name, type and whether it is active; undefined when there is none. */
export async function findOrganization(db: DbOrTrx, id: string): Promise<OrganizationSummary | undefined> {
  return db.selectFrom('organizations').select(['id', 'name', 'type', 'active']).where('id', '=', id).executeTakeFirst();
}

/** Like findOrganization, for an id that must exist (the caller's own organization, a foreign key): throws when there is none. */
export async function requireOrganization(db: DbOrTrx, id: string): Promise<OrganizationSummary> {
  return db.selectFrom('organizations').select(['id', 'name', 'type', 'active']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** The ids among `ids` that name an organization. */
export async function knownOrganizationIds(db: DbOrTrx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('organizations').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** The ids of organizations named `key`, or with id `key` when it is a UUID (more than one when names repeat). */
export async function organizationIdsByNameOrId(db: DbOrTrx, key: string): Promise<string[]> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);
  const rows = await db
    .selectFrom('organizations')
    .select('id')
    .where((eb) => (isUuid ? eb.or([eb('id', '=', key), eb('name', '=', key)]) : eb('name', '=', key)))
    .execute();
  return rows.map((r) => r.id);
}

/** The organization's first location with coordinates (by creation), for placing its reports on the map; undefined when none has any. */
export async function firstLocatedPoint(db: DbOrTrx, organizationId: string): Promise<{ latitude: number; longitude: number } | undefined> {
  const location = await db
    .selectFrom('locations')
    .select(['latitude', 'longitude'])
    .where('organization_id', '=', organizationId)
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return location ? { latitude: location.latitude!, longitude: location.longitude! } : undefined;
}
