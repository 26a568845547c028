import { sql } from 'kysely';
import zipcodes from 'zipcodes';
import type { CapacityBadge, LocatorSearchQuery, LocatorSearchResult, LocatorServiceDetails, TaxonomyCode } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { capacityAge, hasCapacityNow } from './capacity-rules.ts';
import type { DirectoryCapacityRow } from './directory.table.ts';
import { boundingBox, directionsUrl, distanceMiles, roundMiles, type Point } from './geo.ts';
import { isOpenAt, localTime, sortHours, type WeeklyHours } from './hours.ts';

export interface LocatorContext {
  now: Date;
  /** Hours after which capacity is "not confirmed recently". */
  staleHours: number;
  /** The network's time zone, for locations without their own. */
  timeZone: string;
}

export interface Place extends Point {
  label: string;
  source: 'network' | 'us_zip' | 'coordinates';
}

/**
 * Resolves the search place: coordinates as given; a ZIP or town from the network's own areas
 * first (the demo county's postal codes overlap real ones), then the offline `zipcodes` data for
 * real US ZIP codes and "Town, ST" names. Unknown → 400 PLACE_NOT_FOUND naming the field.
 */
export async function resolvePlace(db: DbOrTrx, query: Pick<LocatorSearchQuery, 'zip' | 'town' | 'lat' | 'lon'>): Promise<Place> {
  const given = [query.zip !== undefined, query.town !== undefined, query.lat !== undefined || query.lon !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw new AppError('VALIDATION_FAILED', { message: 'Give exactly one place: zip, town, or lat and lon.', fields: [{ path: 'querystring.zip', message: 'Give exactly one of zip, town, or lat and lon' }] });
  }
  if (query.lat !== undefined || query.lon !== undefined) {
    if (query.lat === undefined || query.lon === undefined) {
      const missing = query.lat === undefined ? 'lat' : 'lon';
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: `querystring.${missing}`, message: 'Give both lat and lon' }] });
    }
    return { label: 'Your location', latitude: query.lat, longitude: query.lon, source: 'coordinates' };
  }
  if (query.zip !== undefined) {
    const area = await db.selectFrom('areas').select(['town', 'postal_code', 'latitude', 'longitude']).where('postal_code', '=', query.zip).orderBy('id').executeTakeFirst();
    if (area) return { label: `${area.postal_code} · ${area.town}`, latitude: area.latitude, longitude: area.longitude, source: 'network' };
    const zip = zipcodes.lookup(query.zip);
    if (zip) return { label: `${zip.zip} · ${zip.city}, ${zip.state}`, latitude: zip.latitude, longitude: zip.longitude, source: 'us_zip' };
    throw new AppError('PLACE_NOT_FOUND', { message: 'Unknown ZIP code.', fields: [{ path: 'querystring.zip', message: 'Unknown ZIP code' }] });
  }
  const town = (query.town ?? '').trim();
  const [name, state] = town.split(',').map((s) => s.trim());
  const area = await db
    .selectFrom('areas')
    .select(['town', 'postal_code', 'latitude', 'longitude'])
    .where(sql<boolean>`lower(town) = lower(${name ?? ''})`)
    .orderBy('postal_code')
    .executeTakeFirst();
  if (area) return { label: area.town, latitude: area.latitude, longitude: area.longitude, source: 'network' };
  if (name && state) {
    const found = zipcodes.lookupByName(name, state);
    if (found.length > 0) {
      const lat = found.reduce((s, z) => s + z.latitude, 0) / found.length;
      const lon = found.reduce((s, z) => s + z.longitude, 0) / found.length;
      return { label: `${found[0]!.city}, ${found[0]!.state}`, latitude: lat, longitude: lon, source: 'us_zip' };
    }
  }
  throw new AppError('PLACE_NOT_FOUND', { message: 'Unknown town.', fields: [{ path: 'querystring.town', message: 'Unknown town; try "Town, ST" or a ZIP code' }] });
}

function badgeFrom(rows: readonly DirectoryCapacityRow[], ctx: LocatorContext): CapacityBadge[] {
  return [...rows]
    .sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime())
    .map((r) => ({
      unit: r.unit,
      status: r.status,
      available: r.available,
      maximum: r.maximum,
      waitlistDays: r.waitlist_days,
      updatedAt: r.updated_at.toISOString(),
      ...capacityAge(r.updated_at, ctx.now, ctx.staleHours),
    }));
}

const addressLine = (l: { address1: string; city: string; region: string; postal_code: string }) => `${l.address1}, ${l.city}, ${l.region} ${l.postal_code}`;

function hoursAt(schedules: readonly { service_id: string; location_id: string | null; day_of_week: number; opens_at: string; closes_at: string }[], serviceId: string, locationId: string): WeeklyHours[] {
  return sortHours(
    schedules
      .filter((s) => s.service_id === serviceId && (s.location_id === null || s.location_id === locationId))
      .map((s) => ({ dayOfWeek: s.day_of_week, opensAt: s.opens_at, closesAt: s.closes_at })),
  );
}

/** Every filter of the public locator; results sorted by great-circle distance. */
export async function searchLocator(db: DbOrTrx, ctx: LocatorContext, query: LocatorSearchQuery): Promise<LocatorSearchResult> {
  const place = await resolvePlace(db, query);
  const box = boundingBox(place, query.radius);
  const anyOf = [query.medication, query.levelOfCare, query.harmReduction, query.support, query.payment, query.population].filter((f): f is string[] => !!f && f.length > 0);
  const allOf = [...(query.walkIn ? ['WALKIN'] : []), ...(query.telehealth ? ['TELE'] : [])];
  const staleCutoff = new Date(ctx.now.getTime() - ctx.staleHours * 3_600_000);

  let q = db
    .selectFrom('directory_locations as l')
    .innerJoin('directory_service_at_locations as sal', 'sal.location_id', 'l.id')
    .innerJoin('directory_services as s', 's.id', 'sal.service_id')
    .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
    .select([
      's.id as service_id', 's.name as service_name', 's.description', 's.phone as service_phone', 's.codes', 's.languages', 's.schedule_note', 's.verified_at',
      'o.id as organization_id', 'o.name as organization_name', 'o.phone as organization_phone',
      'l.id as location_id', 'l.name as location_name', 'l.address1', 'l.address2', 'l.city', 'l.region', 'l.postal_code', 'l.latitude', 'l.longitude', 'l.phone as location_phone', 'l.time_zone',
    ])
    .where('s.status', '=', 'active')
    .where('l.latitude', '>=', box.minLatitude)
    .where('l.latitude', '<=', box.maxLatitude)
    .where('l.longitude', '>=', box.minLongitude)
    .where('l.longitude', '<=', box.maxLongitude);
  for (const codes of anyOf) q = q.where(sql<boolean>`s.codes && ${codes}::text[]`);
  if (allOf.length > 0) q = q.where(sql<boolean>`s.codes @> ${allOf}::text[]`);
  if (query.language && query.language.length > 0) q = q.where(sql<boolean>`s.languages && ${query.language}::text[]`);
  if (query.hasCapacity) {
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('directory_capacities as c').select('c.id').whereRef('c.service_id', '=', 's.id').where('c.status', '=', 'accepting').where('c.available', '>', 0).where('c.updated_at', '>=', staleCutoff),
      ),
    );
  }
  const rows = await q.execute();

  let candidates = rows
    .map((r) => ({ r, miles: distanceMiles(place, { latitude: r.latitude, longitude: r.longitude }) }))
    .filter((c) => c.miles <= query.radius)
    .sort((a, b) => a.miles - b.miles || a.r.service_name.localeCompare(b.r.service_name) || a.r.service_id.localeCompare(b.r.service_id) || a.r.location_id.localeCompare(b.r.location_id));

  const schedulesFor = async (serviceIds: string[]) =>
    serviceIds.length === 0
      ? []
      : db.selectFrom('directory_schedules').select(['service_id', 'location_id', 'day_of_week', 'opens_at', 'closes_at']).where(sql<boolean>`service_id = any(${serviceIds}::uuid[])`).execute();

  const openNowOf = (hours: WeeklyHours[], zone: string | null) => isOpenAt(hours, localTime(ctx.now, zone ?? ctx.timeZone));
  let schedules = query.openNow ? await schedulesFor([...new Set(candidates.map((c) => c.r.service_id))]) : null;
  if (query.openNow && schedules) {
    const all = schedules;
    candidates = candidates.filter((c) => openNowOf(hoursAt(all, c.r.service_id, c.r.location_id), c.r.time_zone) === true);
  }
  const page = candidates.slice(query.offset, query.offset + query.limit);
  const pageServiceIds = [...new Set(page.map((c) => c.r.service_id))];
  schedules ??= await schedulesFor(pageServiceIds);
  const capacities = pageServiceIds.length === 0 ? [] : await db.selectFrom('directory_capacities').selectAll().where(sql<boolean>`service_id = any(${pageServiceIds}::uuid[])`).execute();

  const finalSchedules = schedules;
  return {
    place: { label: place.label, latitude: place.latitude, longitude: place.longitude, source: place.source },
    radiusMiles: query.radius,
    total: candidates.length,
    items: page.map(({ r, miles }) => {
      const hours = hoursAt(finalSchedules, r.service_id, r.location_id);
      const badges = badgeFrom(capacities.filter((c) => c.service_id === r.service_id), ctx);
      const point = { latitude: r.latitude, longitude: r.longitude };
      return {
        serviceId: r.service_id,
        locationId: r.location_id,
        organizationId: r.organization_id,
        serviceName: r.service_name,
        organizationName: r.organization_name,
        locationName: r.location_name,
        description: r.description,
        distanceMiles: roundMiles(miles),
        address: { address1: r.address1, address2: r.address2, city: r.city, region: r.region, postalCode: r.postal_code },
        phone: r.location_phone ?? r.service_phone ?? r.organization_phone,
        directions: { url: directionsUrl(point), ...point, address: addressLine(r) },
        codes: r.codes as TaxonomyCode[],
        languages: r.languages,
        walkIn: r.codes.includes('WALKIN'),
        telehealth: r.codes.includes('TELE'),
        hours,
        hoursNote: r.schedule_note,
        timeZone: r.time_zone ?? ctx.timeZone,
        openNow: openNowOf(hours, r.time_zone),
        capacity: badges.find((b) => hasCapacityNow(b)) ?? badges[0] ?? null,
        verifiedAt: r.verified_at ? r.verified_at.toISOString() : null,
      };
    }),
  };
}

/** One active service for its public details page. */
export async function getLocatorService(db: DbOrTrx, ctx: LocatorContext, serviceId: string): Promise<LocatorServiceDetails> {
  const s = await db
    .selectFrom('directory_services as s')
    .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
    .selectAll('s')
    .select(['o.name as organization_name', 'o.description as organization_description', 'o.phone as organization_phone'])
    .where('s.id', '=', serviceId)
    .where('s.status', '=', 'active')
    .executeTakeFirst();
  if (!s) throw new AppError('DIRECTORY_SERVICE_NOT_FOUND');
  const [locations, schedules, capacities] = await Promise.all([
    db
      .selectFrom('directory_service_at_locations as sal')
      .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
      .selectAll('l')
      .where('sal.service_id', '=', serviceId)
      .orderBy('l.name')
      .orderBy('l.id')
      .execute(),
    db.selectFrom('directory_schedules').select(['service_id', 'location_id', 'day_of_week', 'opens_at', 'closes_at']).where('service_id', '=', serviceId).execute(),
    db.selectFrom('directory_capacities').selectAll().where('service_id', '=', serviceId).execute(),
  ]);
  return {
    serviceId: s.id,
    organizationId: s.organization_id,
    serviceName: s.name,
    organizationName: s.organization_name,
    description: s.description,
    organizationDescription: s.organization_description,
    url: s.url,
    email: s.email,
    phone: s.phone ?? s.organization_phone,
    eligibilityDescription: s.eligibility_description,
    minimumAge: s.minimum_age,
    maximumAge: s.maximum_age,
    feesDescription: s.fees_description,
    codes: s.codes as TaxonomyCode[],
    languages: s.languages,
    walkIn: s.codes.includes('WALKIN'),
    telehealth: s.codes.includes('TELE'),
    capacities: badgeFrom(capacities, ctx),
    verifiedAt: s.verified_at ? s.verified_at.toISOString() : null,
    hoursNote: s.schedule_note,
    locations: locations.map((l) => {
      const hours = hoursAt(schedules, s.id, l.id);
      const point = { latitude: l.latitude, longitude: l.longitude };
      return {
        locationId: l.id,
        name: l.name,
        address: { address1: l.address1, address2: l.address2, city: l.city, region: l.region, postalCode: l.postal_code },
        phone: l.phone ?? s.phone ?? s.organization_phone,
        directions: { url: directionsUrl(point), ...point, address: addressLine(l) },
        hours,
        timeZone: l.time_zone ?? ctx.timeZone,
        openNow: isOpenAt(hours, localTime(ctx.now, l.time_zone ?? ctx.timeZone)),
      };
    }),
  };
}

/** The network's towns (one centre point each), for a town picker. */
export async function listLocatorTowns(db: DbOrTrx) {
  const areas = await db.selectFrom('areas').select(['town', 'postal_code', 'latitude', 'longitude']).orderBy('town').orderBy('postal_code').execute();
  const seen = new Set<string>();
  const items = [];
  for (const a of areas) {
    if (seen.has(a.town)) continue;
    seen.add(a.town);
    items.push({ town: a.town, postalCode: a.postal_code, latitude: a.latitude, longitude: a.longitude });
  }
  return { items };
}
