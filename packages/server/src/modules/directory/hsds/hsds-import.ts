// Longer than 300 lines: validation and the upsert of every HSDS object type run in one transaction.
import { sql } from 'kysely';
import { capacityStatuses, capacityUnits, type TaxonomyCode, isValidTimeZone } from '@continuum/contracts';
import type { Clock } from '../../../clock.ts';
import type { Db, DbOrTrx } from '../../../db/database.ts';
import { AppError } from '../../../errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../../../core/access-context.ts';
import type { Hsds } from './hsds-export.ts';
import { validateHsds, type HsdsIssue, type HsdsKind } from './hsds-schemas.ts';
import { findTreatmentRowToHsds, isFindTreatmentExport } from './findtreatment.ts';
import { continuumCodeOf } from './hsds-taxonomy.ts';
import { locationFieldIssues, organizationFieldIssues, serviceFieldIssues } from './hsds-fields.ts';

/**
 * Imports HSDS 3.0 records: `organization_full`, `service_full` and `service_at_location_full`
 * objects, a list of them, or an HSDS API page (`contents`); a FindTreatment.gov export (`rows`)
 * is converted to HSDS first (`findtreatment.ts`). Every record is validated against
 * the official schema and Continuum's own needs (a service's organization, a location's
 * coordinates); any issue is reported with its path and reason, and nothing is written. Otherwise
 * the whole import is one transaction. Records are upserted by id; an imported service's hours and
 * locations are replaced by the import's.
 */
export interface HsdsSource {
  name: string;
  value: unknown;
}

export interface HsdsImportCounts {
  organizations: number;
  locations: number;
  services: number;
  serviceAtLocations: number;
  schedules: number;
  capacities: number;
  taxonomyTerms: number;
}

export interface HsdsImportReport {
  ok: boolean;
  dryRun: boolean;
  counts: HsdsImportCounts;
  issues: HsdsIssue[];
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const SIMPLE_SCHEDULE_KEYS = new Set([
  'id',
  'service_id',
  'location_id',
  'service_at_location_id',
  'freq',
  'byday',
  'opens_at',
  'closes_at',
  'description',
]);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): Hsds[] => (Array.isArray(v) ? (v as Hsds[]) : []);
const isTimeZone = (zone: unknown): zone is string => typeof zone === 'string' && isValidTimeZone(zone);
const omit = (o: Hsds, keys: readonly string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** Weekly hours Continuum can evaluate ("open now"); anything richer is kept verbatim. */
export function simpleWeeklyHours(s: Hsds): { dayOfWeek: number; opensAt: string; closesAt: string }[] | null {
  if (!Object.keys(s).every((k) => SIMPLE_SCHEDULE_KEYS.has(k))) return null;
  if (s.freq !== 'WEEKLY' || typeof s.byday !== 'string' || typeof s.opens_at !== 'string' || typeof s.closes_at !== 'string') return null;
  if (!HHMM.test(s.opens_at) || !HHMM.test(s.closes_at) || s.opens_at === s.closes_at) return null;
  const days = s.byday.split(',').map((d) => WEEKDAYS.indexOf(d.trim()) + 1);
  if (days.some((d) => d === 0)) return null;
  return days.map((dayOfWeek) => ({ dayOfWeek, opensAt: s.opens_at as string, closesAt: s.closes_at as string }));
}

class Collector {
  organizations = new Map<string, Row>();
  locations = new Map<string, Row>();
  services = new Map<string, Row>();
  links = new Map<string, Row>();
  schedules = new Map<string, Row[]>();
  capacities = new Map<string, Row[]>();
  terms = new Map<string, Row>();
  /** Where a location names an organization the data does not hold: the organization of the service offered there. */
  fallbackOrganization = new Map<string, string>();
  taxonomies = new Map<string, Row>();
  issues: HsdsIssue[] = [];

  issue(path: string, reason: string) {
    this.issues.push({ path, reason });
  }

  organization(o: Hsds, path: string) {
    const id = str(o.id)!;
    const phone = str(list(o.phones)[0]?.number);
    this.issues.push(...organizationFieldIssues({ name: o.name, description: o.description, website: o.website }, path));
    this.organizations.set(id, {
      id,
      name: str(o.name) ?? '',
      description: str(o.description),
      website: str(o.website),
      email: str(o.email),
      phone,
      extra: omit(o, ['id', 'name', 'description', 'website', 'email', 'locations', 'services']),
    });
    list(o.locations).forEach((l, i) => this.location(l, id, `${path}/locations/${i}`));
    list(o.services).forEach((s, i) => this.service(s, id, `${path}/services/${i}`));
  }

  location(l: Hsds, organizationId: string | null, path: string) {
    const id = str(l.id)!;
    const orgId = str(l.organization_id) ?? organizationId;
    if (!orgId) this.issue(`${path}/organization_id`, 'A location needs its organization');
    if (typeof l.latitude !== 'number' || typeof l.longitude !== 'number')
      this.issue(`${path}/latitude`, 'Continuum needs latitude and longitude to place a location');
    if (l.time_zone !== undefined && !isTimeZone(l.time_zone))
      this.issue(`${path}/time_zone`, 'Expected an IANA time zone, e.g. America/Los_Angeles');
    if (organizationId && orgId !== organizationId) this.fallbackOrganization.set(id, organizationId);
    const address = list(l.addresses)[0] ?? {};
    this.issues.push(
      ...locationFieldIssues({ name: l.name, address1: address.address_1, address2: address.address_2, city: address.city }, path),
    );
    this.locations.set(id, {
      id,
      organization_id: orgId,
      name: str(l.name) ?? '',
      address1: str(address.address_1) ?? '',
      address2: str(address.address_2),
      city: str(address.city) ?? '',
      region: str(address.state_province) ?? '',
      postal_code: str(address.postal_code) ?? '',
      country: str(address.country) ?? 'US',
      latitude: l.latitude,
      longitude: l.longitude,
      phone: str(list(l.phones)[0]?.number),
      time_zone: isTimeZone(l.time_zone) ? l.time_zone : null,
      extra: omit(l, ['id', 'organization_id', 'name', 'latitude', 'longitude', 'time_zone']),
    });
  }

  private hours(serviceId: string, locationId: string | null, schedules: Hsds[]): { kept: Hsds[]; note: string | null } {
    const kept: Hsds[] = [];
    let note: string | null = null;
    for (const s of schedules) {
      const weekly = simpleWeeklyHours(s);
      if (!weekly) {
        kept.push(s);
        continue;
      }
      note ??= str(s.description);
      const rows = this.schedules.get(serviceId) ?? [];
      rows.push(
        ...weekly.map((w) => ({
          service_id: serviceId,
          location_id: locationId,
          day_of_week: w.dayOfWeek,
          opens_at: w.opensAt,
          closes_at: w.closesAt,
        })),
      );
      this.schedules.set(serviceId, rows);
    }
    return { kept, note };
  }

  service(s: Hsds, organizationId: string | null, path: string) {
    const id = str(s.id)!;
    const nested = s.organization as Hsds | undefined;
    if (nested && typeof nested === 'object') this.organization(omit(nested, ['services']), `${path}/organization`);
    const orgId = str(s.organization_id) ?? str(nested?.id) ?? organizationId;
    if (!orgId) this.issue(`${path}/organization_id`, 'A service needs its organization');
    this.issues.push(
      ...serviceFieldIssues(
        {
          name: s.name,
          description: s.description,
          url: s.url,
          eligibilityDescription: s.eligibility_description,
          feesDescription: s.fees_description,
        },
        path,
      ),
    );
    for (const key of ['minimum_age', 'maximum_age'] as const) {
      if (s[key] !== undefined && !Number.isInteger(s[key])) this.issue(`${path}/${key}`, 'Expected a whole number of years');
    }
    const codes: TaxonomyCode[] = [];
    const otherAttributes: Hsds[] = [];
    for (const a of list(s.attributes)) {
      const code = continuumCodeOf(a);
      if (code) codes.push(code);
      else {
        otherAttributes.push(a);
        this.term(a.taxonomy_term as Hsds | undefined);
      }
    }
    this.schedules.set(id, []);
    const own = this.hours(id, null, list(s.schedules));
    let note = own.note;
    list(s.service_at_locations).forEach((link, i) => {
      const at = `${path}/service_at_locations/${i}`;
      const location = link.location as Hsds | undefined;
      if (location && typeof location === 'object') this.location(location, orgId, `${at}/location`);
      const locationId = str(link.location_id) ?? str(location?.id);
      if (!locationId) this.issue(`${at}/location_id`, 'A service at location needs its location');
      const hours = this.hours(id, locationId, list(link.schedules));
      note ??= hours.note;
      this.links.set(str(link.id)!, {
        id: link.id,
        service_id: id,
        location_id: locationId,
        extra: {
          ...omit(link, ['id', 'service_id', 'location_id', 'location', 'schedules']),
          ...(hours.kept.length > 0 ? { schedules: hours.kept } : {}),
        },
      });
    });
    this.capacities.set(id, []);
    list(s.capacities).forEach((c, i) => {
      const unit = str((c.unit as Hsds | undefined)?.identifier) ?? str(c.unit);
      const status = str(c.status) ?? 'accepting';
      if (!unit || !(capacityUnits as readonly string[]).includes(unit))
        return this.issue(`${path}/capacities/${i}/unit`, `Expected one of ${capacityUnits.join(', ')}`);
      if (!(capacityStatuses as readonly string[]).includes(status))
        return this.issue(`${path}/capacities/${i}/status`, `Expected one of ${capacityStatuses.join(', ')}`);
      if (!Number.isInteger(c.available) || (c.available as number) < 0)
        return this.issue(`${path}/capacities/${i}/available`, 'Expected a whole number, at least 0');
      this.capacities.get(id)!.push({
        id: c.id,
        service_id: id,
        unit,
        status,
        available: c.available,
        maximum: c.maximum ?? null,
        waitlist_days: c.waitlist_days ?? null,
        note: str(c.description),
        updated_at: str(c.updated) ?? new Date(0).toISOString(),
      });
    });
    this.services.set(id, {
      id,
      organization_id: orgId,
      name: str(s.name) ?? '',
      description: str(s.description),
      status: str(s.status),
      url: str(s.url),
      email: str(s.email),
      phone: str(list(s.phones)[0]?.number),
      eligibility_description: str(s.eligibility_description),
      minimum_age: s.minimum_age ?? null,
      maximum_age: s.maximum_age ?? null,
      fees_description: str(s.fees_description),
      codes: [...new Set(codes)],
      languages: [
        ...new Set(
          list(s.languages)
            .map((l) => str(l.code))
            .filter((c): c is string => c !== null),
        ),
      ],
      schedule_note: note,
      extra: {
        ...omit(s, [
          'id',
          'organization_id',
          'name',
          'description',
          'status',
          'url',
          'email',
          'eligibility_description',
          'minimum_age',
          'maximum_age',
          'fees_description',
          'organization',
          'service_at_locations',
          'attributes',
          'schedules',
          'capacities',
        ]),
        ...(otherAttributes.length > 0 ? { attributes: otherAttributes } : {}),
        ...(own.kept.length > 0 ? { schedules: own.kept } : {}),
      },
    });
  }

  term(t: Hsds | undefined) {
    if (!t || typeof t !== 'object' || typeof t.id !== 'string') return;
    const detail = t.taxonomy_detail as Hsds | undefined;
    if (detail && typeof detail.id === 'string') {
      this.taxonomies.set(detail.id, {
        id: detail.id,
        name: str(detail.name) ?? '',
        description: str(detail.description) ?? '',
        uri: str(detail.uri),
        version: str(detail.version),
        extra: omit(detail, ['id', 'name', 'description', 'uri', 'version']),
      });
    }
    this.terms.set(t.id, {
      id: t.id,
      taxonomy_id: str(t.taxonomy_id) ?? str(detail?.id),
      code: str(t.code),
      name: str(t.name) ?? '',
      description: str(t.description) ?? '',
      parent_id: str(t.parent_id),
      extra: omit(t, ['id', 'taxonomy_id', 'code', 'name', 'description', 'parent_id', 'taxonomy_detail']),
    });
  }
}

function kindOf(r: Hsds): HsdsKind {
  if ('service' in r && 'location' in r) return 'service_at_location';
  if ('status' in r) return 'service';
  return 'organization';
}

/** Validates every record and gathers the rows to write; no database access. */
export function collectHsds(sources: readonly HsdsSource[]): Collector {
  const c = new Collector();
  for (const source of sources) {
    const v = (isFindTreatmentExport(source.value) ? source.value.rows.map(findTreatmentRowToHsds) : source.value) as Hsds;
    const records = Array.isArray(v)
      ? (v as Hsds[]).map((r, i) => [r, `${source.name}/${i}`] as const)
      : v && typeof v === 'object' && Array.isArray(v.contents)
        ? (v.contents as Hsds[]).map((r, i) => [r, `${source.name}/contents/${i}`] as const)
        : [[v, source.name] as const];
    for (const [record, path] of records) {
      if (!record || typeof record !== 'object' || Array.isArray(record)) {
        c.issue(path, 'Expected an HSDS object');
        continue;
      }
      const kind = kindOf(record);
      const issues = validateHsds(kind, record, path);
      if (issues.length > 0) {
        c.issues.push(...issues);
        continue;
      }
      if (kind === 'organization') c.organization(record, path);
      else if (kind === 'service') c.service(record, null, path);
      else {
        const service = record.service as Hsds;
        const location = record.location as Hsds;
        c.service(
          { ...service, service_at_locations: [{ ...omit(record, ['service', 'location']), location }] },
          str(location.organization_id),
          `${path}/service`,
        );
      }
    }
  }
  return c;
}

class DryRun extends Error {}

async function upsert(trx: DbOrTrx, table: string, rows: Row[], update: string[]) {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => ('extra' in r ? { ...r, extra: JSON.stringify(r.extra) } : r));
    await trx
      .insertInto(table as 'directory_services')
      .values(chunk as never)
      .onConflict((oc) => oc.column('id').doUpdateSet(Object.fromEntries(update.map((col) => [col, sql.ref(`excluded.${col}`)])) as never))
      .execute();
  }
}

async function missingIds(trx: DbOrTrx, table: 'directory_organizations' | 'directory_locations', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await trx
    .selectFrom(table)
    .select('id')
    .where(sql<boolean>`id = any(${ids}::uuid[])`)
    .execute();
  const have = new Set(found.map((f) => f.id));
  return new Set(ids.filter((id) => !have.has(id)));
}

export async function importHsds(
  db: Db,
  clock: Clock,
  access: AccessContext,
  sources: readonly HsdsSource[],
  options: { dryRun?: boolean } = {},
): Promise<HsdsImportReport> {
  const c = collectHsds(sources);
  const counts: HsdsImportCounts = {
    organizations: c.organizations.size,
    locations: c.locations.size,
    services: c.services.size,
    serviceAtLocations: c.links.size,
    schedules: [...c.schedules.values()].reduce((n, r) => n + r.length, 0),
    capacities: [...c.capacities.values()].reduce((n, r) => n + r.length, 0),
    taxonomyTerms: c.terms.size,
  };
  const dryRun = options.dryRun === true;
  if (c.issues.length > 0) return { ok: false, dryRun, counts, issues: c.issues };
  const now = clock.now();
  try {
    await db.transaction().execute(async (trx) => {
      let orgRefs = [...new Set([...c.services.values(), ...c.locations.values()].map((r) => r.organization_id as string))].filter(
        (id) => !c.organizations.has(id),
      );
      let missingOrgs = await missingIds(trx, 'directory_organizations', orgRefs);
      for (const location of c.locations.values()) {
        const fallback = c.fallbackOrganization.get(location.id as string);
        if (fallback && missingOrgs.has(location.organization_id as string)) {
          // Keep the stated organization as data (exported unchanged) and list the location under the service's.
          location.extra = { ...(location.extra as Hsds), organization_id: location.organization_id };
          location.organization_id = fallback;
        }
      }
      orgRefs = [...new Set([...c.services.values(), ...c.locations.values()].map((r) => r.organization_id as string))].filter(
        (id) => !c.organizations.has(id),
      );
      missingOrgs = await missingIds(trx, 'directory_organizations', orgRefs);
      const locationRefs = [...new Set([...c.links.values()].map((l) => l.location_id as string))].filter((id) => !c.locations.has(id));
      const missingLocations = await missingIds(trx, 'directory_locations', locationRefs);
      const issues = [
        ...[...missingOrgs].map((id) => ({ path: `organization_id=${id}`, reason: 'No such organization in the import or the directory' })),
        ...[...missingLocations].map((id) => ({ path: `location_id=${id}`, reason: 'No such location in the import or the directory' })),
      ];
      if (issues.length > 0)
        throw new AppError('HSDS_INVALID', {
          message: 'The HSDS import refers to records that do not exist.',
          fields: issues.map((i) => ({ path: i.path, message: i.reason })),
        });

      const stamp = { created_at: now, updated_at: now };
      await upsert(
        trx,
        'directory_organizations',
        [...c.organizations.values()].map((r) => ({ ...r, ...stamp })),
        ['name', 'description', 'website', 'email', 'phone', 'extra', 'updated_at'],
      );
      await upsert(
        trx,
        'directory_locations',
        [...c.locations.values()].map((r) => ({ ...r, ...stamp })),
        [
          'organization_id',
          'name',
          'address1',
          'address2',
          'city',
          'region',
          'postal_code',
          'country',
          'latitude',
          'longitude',
          'phone',
          'time_zone',
          'extra',
          'updated_at',
        ],
      );
      await upsert(
        trx,
        'directory_services',
        [...c.services.values()].map((r) => ({ ...r, ...stamp })),
        [
          'organization_id',
          'name',
          'description',
          'status',
          'url',
          'email',
          'phone',
          'eligibility_description',
          'minimum_age',
          'maximum_age',
          'fees_description',
          'codes',
          'languages',
          'schedule_note',
          'extra',
          'updated_at',
        ],
      );
      const serviceIds = [...c.services.keys()];
      for (let i = 0; i < serviceIds.length; i += 1000) {
        const chunk = serviceIds.slice(i, i + 1000);
        await trx
          .deleteFrom('directory_schedules')
          .where(sql<boolean>`service_id = any(${chunk}::uuid[])`)
          .execute();
        await trx
          .deleteFrom('directory_service_at_locations')
          .where(sql<boolean>`service_id = any(${chunk}::uuid[])`)
          .execute();
        await trx
          .deleteFrom('directory_capacities')
          .where(sql<boolean>`service_id = any(${chunk}::uuid[])`)
          .execute();
      }
      await upsert(trx, 'directory_service_at_locations', [...c.links.values()], ['service_id', 'location_id', 'extra']);
      const scheduleRows = [...c.schedules.values()].flat();
      for (let i = 0; i < scheduleRows.length; i += 1000)
        await trx
          .insertInto('directory_schedules')
          .values(scheduleRows.slice(i, i + 1000) as never)
          .execute();
      const capacityRows: Row[] = [...c.capacities.values()]
        .flat()
        .map((r) => ({ ...r, id: r.id ?? undefined, updated_by_user_id: null, updated_by_label: 'HSDS import' }));
      for (let i = 0; i < capacityRows.length; i += 500) {
        const chunk = capacityRows.slice(i, i + 500);
        await trx
          .insertInto('directory_capacities')
          .values(chunk as never)
          .execute();
        await trx
          .insertInto('directory_capacity_history')
          .values(
            chunk.map((r) => ({
              service_id: r.service_id,
              unit: r.unit,
              status: r.status,
              available: r.available,
              maximum: r.maximum,
              waitlist_days: r.waitlist_days,
              recorded_at: r.updated_at,
              recorded_by_user_id: null,
              recorded_by_label: 'HSDS import',
            })) as never,
          )
          .execute();
      }
      await upsert(trx, 'directory_taxonomies', [...c.taxonomies.values()], ['name', 'description', 'uri', 'version', 'extra']);
      // A term may name a taxonomy the import does not describe; keep that link as data, not a reference.
      const terms = [...c.terms.values()].map((t) =>
        t.taxonomy_id && !c.taxonomies.has(t.taxonomy_id as string)
          ? { ...t, taxonomy_id: null, extra: { ...(t.extra as Hsds), taxonomy_id: t.taxonomy_id } }
          : t,
      );
      await upsert(trx, 'directory_taxonomy_terms', terms, ['taxonomy_id', 'code', 'name', 'description', 'parent_id', 'extra']);
      await recordAudit(trx, clock, access, {
        action: 'directory.hsds-import',
        entityType: 'directory_organization',
        details: { ...counts, dryRun },
      });
      if (dryRun) throw new DryRun();
    });
  } catch (e) {
    if (e instanceof DryRun) return { ok: true, dryRun, counts, issues: [] };
    if (e instanceof AppError && e.code === 'HSDS_INVALID')
      return { ok: false, dryRun, counts, issues: (e.fields ?? []).map((f) => ({ path: f.path, reason: f.message })) };
    throw e;
  }
  return { ok: true, dryRun, counts, issues: [] };
}
