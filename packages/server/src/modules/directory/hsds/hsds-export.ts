// Longer than 300 lines: one mapping per HSDS object (organization, location, service, schedule, capacity, taxonomy), kept beside each other so export mirrors hsds-import.ts field for field.
import { sql } from 'kysely';
import { directoryLanguages, taxonomyCodes, type TaxonomyCode } from '@continuum/contracts';
import type { DbOrTrx } from '../../../db/database.ts';
import type { DirectoryCapacityRow, DirectoryLocationRow, DirectoryOrganizationRow, DirectoryServiceRow } from '../directory.table.ts';
import { CONTINUUM_TAXONOMY, continuumAttribute, continuumTerm, stableId } from './hsds-taxonomy.ts';

/**
 * Builds HSDS 3.0 objects from the directory tables. Modelled fields come from their columns;
 * everything else an import brought (`extra`) is written back unchanged, so import → export keeps
 * every field. Capacity is added in the HSDS 3.1 `service_capacity` shape (`capacities`), with
 * Continuum's status and expected wait as extra properties.
 */
export type Hsds = Record<string, unknown>;

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Drops null and undefined fields: HSDS types them as strings or numbers, never null. */
export function compact(o: Hsds): Hsds {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

const asList = (v: unknown): Hsds[] => (Array.isArray(v) ? (v as Hsds[]) : []);

/**
 * The first item of an HSDS list carries a modelled value (a phone number, the address). When
 * the list came from an import, only the modelled fields are written over it; otherwise one item
 * is made, with `created` fields (its id and link).
 */
export function mergeFirst(list: unknown, modelled: Hsds | null, created: Hsds): Hsds[] | undefined {
  const items = asList(list);
  if (!modelled) return items.length > 1 ? items.slice(1) : undefined;
  if (items.length === 0) return [compact({ ...created, ...modelled })];
  return [compact({ ...items[0], ...modelled }), ...items.slice(1)];
}

function languagesFor(ownerKey: string, ownerId: string, codes: readonly string[], list: unknown): Hsds[] | undefined {
  const items = asList(list);
  const merged = codes.map(
    (code) =>
      items.find((l) => l.code === code) ?? {
        id: stableId('language', ownerId, code),
        name: directoryLanguages[code as keyof typeof directoryLanguages]?.en ?? code,
        code,
        [ownerKey]: ownerId,
      },
  );
  const withoutCode = items.filter((l) => typeof l.code !== 'string');
  const all = [...merged, ...withoutCode];
  return all.length > 0 ? all : undefined;
}

interface ScheduleRow {
  service_id: string;
  location_id: string | null;
  day_of_week: number;
  opens_at: string;
  closes_at: string;
}

/** Weekly hours as HSDS schedules: one per (opening, closing) pair, with its days in `byday`. */
function schedulesFor(serviceId: string, rows: readonly ScheduleRow[], note: string | null, link: Hsds): Hsds[] {
  const groups = new Map<string, ScheduleRow[]>();
  for (const r of rows) groups.set(`${r.opens_at}-${r.closes_at}`, [...(groups.get(`${r.opens_at}-${r.closes_at}`) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, rs]) =>
      compact({
        id: stableId('schedule', serviceId, String(rs[0]!.location_id), key),
        ...link,
        freq: 'WEEKLY',
        byday: [...new Set(rs.map((r) => r.day_of_week))]
          .sort()
          .map((d) => WEEKDAY_CODES[d - 1])
          .join(','),
        opens_at: rs[0]!.opens_at,
        closes_at: rs[0]!.closes_at,
        description: note,
      }),
    );
}

export interface HsdsRows {
  organizations: DirectoryOrganizationRow[];
  locations: DirectoryLocationRow[];
  services: DirectoryServiceRow[];
  serviceAtLocations: { id: string; service_id: string; location_id: string; extra: Hsds }[];
  schedules: ScheduleRow[];
  capacities: DirectoryCapacityRow[];
}

/** Every row behind the given services (and their organizations and locations); all when no filter. */
export async function loadHsdsRows(db: DbOrTrx, filter: { serviceIds?: string[]; organizationIds?: string[] } = {}): Promise<HsdsRows> {
  const anyOf = (column: string, ids: readonly string[]) => sql<boolean>`${sql.ref(column)} = any(${ids}::uuid[])`;
  const { serviceIds, organizationIds } = filter;
  let services = db.selectFrom('directory_services').selectAll();
  if (serviceIds) services = services.where(anyOf('id', serviceIds));
  if (organizationIds) services = services.where(anyOf('organization_id', organizationIds));
  const serviceRows = await services.orderBy('id').execute();
  const scoped = serviceIds !== undefined || organizationIds !== undefined;
  const sIds = serviceRows.map((s) => s.id);
  const orgIds = organizationIds ?? [...new Set(serviceRows.map((s) => s.organization_id))];

  let organizations = db.selectFrom('directory_organizations').selectAll();
  let links = db.selectFrom('directory_service_at_locations').selectAll();
  let schedules = db.selectFrom('directory_schedules').select(['service_id', 'location_id', 'day_of_week', 'opens_at', 'closes_at']);
  let capacities = db.selectFrom('directory_capacities').selectAll();
  if (scoped) {
    organizations = organizations.where(anyOf('id', orgIds));
    links = links.where(anyOf('service_id', sIds));
    schedules = schedules.where(anyOf('service_id', sIds));
    capacities = capacities.where(anyOf('service_id', sIds));
  }
  const [organizationRows, linkRows, scheduleRows, capacityRows] = await Promise.all([
    organizations.orderBy('id').execute(),
    links.orderBy('id').execute(),
    schedules.orderBy('service_id').orderBy('day_of_week').orderBy('opens_at').execute(),
    capacities.orderBy('service_id').orderBy('unit').execute(),
  ]);
  let locations = db.selectFrom('directory_locations').selectAll();
  if (organizationIds) locations = locations.where(anyOf('organization_id', organizationIds));
  else if (scoped) locations = locations.where(anyOf('id', [...new Set(linkRows.map((l) => l.location_id))]));
  const locationRows = await locations.orderBy('id').execute();
  return {
    organizations: organizationRows,
    locations: locationRows,
    services: serviceRows,
    serviceAtLocations: linkRows,
    schedules: scheduleRows,
    capacities: capacityRows,
  };
}

export function organizationToHsds(o: DirectoryOrganizationRow): Hsds {
  const { phones, ...extra } = o.extra;
  return compact({
    ...extra,
    id: o.id,
    name: o.name,
    description: o.description ?? '',
    email: o.email,
    website: o.website,
    phones: mergeFirst(phones, o.phone ? { number: o.phone } : null, { id: stableId('phone', o.id), organization_id: o.id }),
  });
}

export function locationToHsds(l: DirectoryLocationRow): Hsds {
  const { addresses, phones, location_type, ...extra } = l.extra;
  const address = l.address1
    ? {
        address_1: l.address1,
        address_2: l.address2,
        city: l.city,
        state_province: l.region,
        postal_code: l.postal_code,
        country: l.country,
      }
    : null;
  return compact({
    ...extra,
    id: l.id,
    location_type: location_type ?? 'physical',
    organization_id: l.organization_id,
    ...(typeof extra.organization_id === 'string' ? { organization_id: extra.organization_id } : {}),
    name: l.name === '' ? undefined : l.name,
    latitude: l.latitude,
    longitude: l.longitude,
    // Not an HSDS 3.0 field: the location's IANA time zone for opening hours, kept in the JSON export.
    time_zone: l.time_zone,
    addresses: mergeFirst(addresses, address, { id: stableId('address', l.id), location_id: l.id, address_type: 'physical' }),
    phones: mergeFirst(phones, l.phone ? { number: l.phone } : null, { id: stableId('phone', l.id), location_id: l.id }),
  });
}

function capacityToHsds(c: DirectoryCapacityRow): Hsds {
  return compact({
    id: c.id,
    service_id: c.service_id,
    unit: { id: stableId('unit', c.unit), name: c.unit, scheme: 'Continuum', identifier: c.unit },
    available: c.available,
    maximum: c.maximum,
    description: c.note,
    updated: c.updated_at.toISOString(),
    status: c.status,
    waitlist_days: c.waitlist_days,
  });
}

/**
 * One service in the `service_full` shape. With `nest`, its organization and each location are
 * nested (the HSDS API's service endpoints); without, service_at_locations carry ids only (inside
 * an organization_full, whose locations list them).
 */
export function serviceToHsds(
  s: DirectoryServiceRow,
  rows: HsdsRows,
  nest: { organizations?: Map<string, Hsds>; locations?: Map<string, Hsds> } = {},
): Hsds {
  const { phones, languages, attributes, schedules: extraSchedules, capacities: _capacities, ...extra } = s.extra;
  const own = rows.schedules.filter((r) => r.service_id === s.id);
  const links = rows.serviceAtLocations.filter((l) => l.service_id === s.id);
  return compact({
    ...extra,
    id: s.id,
    organization_id: s.organization_id,
    name: s.name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    eligibility_description: s.eligibility_description,
    minimum_age: s.minimum_age,
    maximum_age: s.maximum_age,
    fees_description: s.fees_description,
    phones: mergeFirst(phones, s.phone ? { number: s.phone } : null, { id: stableId('phone', s.id), service_id: s.id }),
    schedules: orUndefined([
      ...asList(extraSchedules),
      ...schedulesFor(
        s.id,
        own.filter((r) => r.location_id === null),
        s.schedule_note,
        { service_id: s.id },
      ),
    ]),
    service_at_locations: orUndefined(
      links.map((link) => {
        const { schedules: salSchedules, ...salExtra } = link.extra;
        return compact({
          ...salExtra,
          id: link.id,
          service_id: s.id,
          location_id: link.location_id,
          schedules: orUndefined([
            ...asList(salSchedules),
            ...schedulesFor(
              s.id,
              own.filter((r) => r.location_id === link.location_id),
              s.schedule_note,
              { service_at_location_id: link.id },
            ),
          ]),
          location: nest.locations?.get(link.location_id),
        });
      }),
    ),
    languages: languagesFor('service_id', s.id, s.languages, languages),
    attributes: orUndefined([...asList(attributes), ...(s.codes as TaxonomyCode[]).map((c) => continuumAttribute(s.id, c))]),
    organization: nest.organizations?.get(s.organization_id),
    capacities: orUndefined(rows.capacities.filter((c) => c.service_id === s.id).map(capacityToHsds)),
  });
}

const orUndefined = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

/** Every service in the `service_full` shape, with organization and locations nested. */
export function servicesFull(rows: HsdsRows): Hsds[] {
  const locations = new Map(rows.locations.map((l) => [l.id, locationToHsds(l)]));
  const organizations = new Map(
    rows.organizations.map((o) => [
      o.id,
      compact({
        ...organizationToHsds(o),
        locations: orUndefined(rows.locations.filter((l) => l.organization_id === o.id).map((l) => locations.get(l.id)!)),
      }),
    ]),
  );
  return rows.services.map((s) => serviceToHsds(s, rows, { organizations, locations }));
}

/** Every organization in the `organization_full` shape: its locations and its services. */
export function organizationsFull(rows: HsdsRows): Hsds[] {
  return rows.organizations.map((o) => ({
    ...organizationToHsds(o),
    locations: rows.locations.filter((l) => l.organization_id === o.id).map(locationToHsds),
    services: rows.services.filter((s) => s.organization_id === o.id).map((s) => serviceToHsds(s, rows)),
  }));
}

/** The taxonomies and terms: Continuum's, plus any an import brought. */
export async function taxonomiesToHsds(db: DbOrTrx): Promise<{ taxonomies: Hsds[]; terms: Hsds[] }> {
  const [taxonomies, terms] = await Promise.all([
    db.selectFrom('directory_taxonomies').selectAll().orderBy('id').execute(),
    db.selectFrom('directory_taxonomy_terms').selectAll().orderBy('id').execute(),
  ]);
  return {
    taxonomies: [
      { ...CONTINUUM_TAXONOMY },
      ...taxonomies.map((t) => compact({ ...t.extra, id: t.id, name: t.name, description: t.description, uri: t.uri, version: t.version })),
    ],
    terms: [
      ...taxonomyCodes.map((c) => continuumTerm(c)),
      ...terms.map((t) =>
        compact({
          ...t.extra,
          id: t.id,
          taxonomy_id: t.taxonomy_id,
          code: t.code,
          name: t.name,
          description: t.description,
          parent_id: t.parent_id,
        }),
      ),
    ],
  };
}
