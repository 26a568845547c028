import type { CapacityBadge, LocatorSearchQuery, LocatorSearchResult, LocatorServiceDetails, TaxonomyCode } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { capacityAge, hasCapacityNow } from './capacity-rules.ts';
import type { DirectoryCapacityRow } from './directory.table.ts';
import { boundingBox, directionsUrl, haversineMiles, roundMiles } from './geo.ts';
import { isOpenAt, isOpenInPeriods, localTime, sortHours, type WeeklyHours } from './hours.ts';
import { cellKey, cellOf, codeMask, LocatorIndex, type LocatorEntry } from './locator-index.ts';
import { placeFromAreas } from './places.ts';
import { HOUR_MS } from '@continuum/contracts';

export interface LocatorContext {
  now: Date;
  /** Hours after which capacity is "not confirmed recently". */
  staleHours: number;
  /** The network's time zone, for locations without their own. */
  timeZone: string;
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

const addressLine = (l: { address1: string; city: string; region: string; postal_code: string }) =>
  `${l.address1}, ${l.city}, ${l.region} ${l.postal_code}`;

function hoursAt(
  schedules: readonly { service_id: string; location_id: string | null; day_of_week: number; opens_at: string; closes_at: string }[],
  serviceId: string,
  locationId: string,
): WeeklyHours[] {
  return sortHours(
    schedules
      .filter((s) => s.service_id === serviceId && (s.location_id === null || s.location_id === locationId))
      .map((s) => ({ dayOfWeek: s.day_of_week, opensAt: s.opens_at, closesAt: s.closes_at })),
  );
}

type Candidate = { e: LocatorEntry; miles: number };
const byDistance = (a: Candidate, b: Candidate) =>
  a.miles - b.miles ||
  a.e.serviceName.localeCompare(b.e.serviceName) ||
  a.e.serviceId.localeCompare(b.e.serviceId) ||
  a.e.locationId.localeCompare(b.e.locationId);

/**
 * The first `count` candidates in distance order (then name and ids, for a stable order). Only the
 * candidates up to the `count`-th distance are sorted: a wide search can match thousands.
 */
export function nearestFirst(candidates: readonly Candidate[], count: number): Candidate[] {
  if (candidates.length <= count * 2) return [...candidates].sort(byDistance);
  const miles = Float64Array.from(candidates, (c) => c.miles).sort();
  const cutoff = miles[Math.min(count, miles.length) - 1]!;
  return candidates.filter((c) => c.miles <= cutoff).sort(byDistance);
}

/** Every filter of the public locator, over the in-memory directory; results sorted by great-circle distance. */
export async function searchLocator(
  db: DbOrTrx,
  ctx: LocatorContext,
  query: LocatorSearchQuery,
  index: LocatorIndex = new LocatorIndex(),
): Promise<LocatorSearchResult> {
  const snapshot = await index.current(db);
  const place = placeFromAreas(snapshot.areas, query);
  const box = boundingBox(place, query.radius);
  const anyOf = [query.medication, query.levelOfCare, query.harmReduction, query.support, query.payment, query.population].filter(
    (f): f is string[] => !!f && f.length > 0,
  );
  const allOf = [...(query.walkIn ? ['WALKIN'] : []), ...(query.telehealth ? ['TELE'] : [])];
  const languages = query.language && query.language.length > 0 ? query.language : null;
  const anyOfMasks = anyOf.map((codes) => codeMask(codes));
  const allOfMask = codeMask(allOf);
  // Local time once per time zone, not per result: Intl formatting costs tens of microseconds.
  const localTimes = new Map<string, ReturnType<typeof localTime>>();
  const openNowOf = (e: LocatorEntry) => {
    const zone = e.timeZone ?? ctx.timeZone;
    let local = localTimes.get(zone);
    if (!local) localTimes.set(zone, (local = localTime(ctx.now, zone)));
    return isOpenInPeriods(e.periods, local);
  };
  const badgesOf = (serviceId: string) => badgeFrom(snapshot.capacities.get(serviceId) ?? [], ctx);
  const freshSince = ctx.now.getTime() - ctx.staleHours * HOUR_MS;
  const hasCapacity = (serviceId: string) =>
    (snapshot.capacities.get(serviceId) ?? []).some((c) =>
      hasCapacityNow({ status: c.status, available: c.available, stale: c.updated_at.getTime() < freshSince }),
    );

  const candidates: { e: LocatorEntry; miles: number }[] = [];
  const cells: LocatorEntry[][] = [];
  const mayMatch = (m: { maskLo: number; maskHi: number }) =>
    anyOfMasks.every((g) => (m.maskLo & g.maskLo) !== 0 || (m.maskHi & g.maskHi) !== 0) &&
    (m.maskLo & allOfMask.maskLo) === allOfMask.maskLo &&
    (m.maskHi & allOfMask.maskHi) === allOfMask.maskHi;
  for (let lat = cellOf(box.minLatitude); lat <= cellOf(box.maxLatitude); lat++) {
    for (let lon = cellOf(box.minLongitude); lon <= cellOf(box.maxLongitude); lon++) {
      const cell = snapshot.grid.get(cellKey(lat, lon));
      if (cell && mayMatch(cell)) cells.push(cell.entries);
    }
  }
  const cosPlace = Math.cos((place.latitude * Math.PI) / 180);
  for (const cell of cells)
    scan: for (const e of cell) {
      if (e.latitude < box.minLatitude || e.latitude > box.maxLatitude) continue;
      if (e.longitude < box.minLongitude || e.longitude > box.maxLongitude) continue;
      for (const m of anyOfMasks) if ((e.maskLo & m.maskLo) === 0 && (e.maskHi & m.maskHi) === 0) continue scan;
      if ((e.maskLo & allOfMask.maskLo) !== allOfMask.maskLo || (e.maskHi & allOfMask.maskHi) !== allOfMask.maskHi) continue;
      if (languages && !languages.some((l) => e.languages.includes(l))) continue;
      if (query.hasCapacity && !hasCapacity(e.serviceId)) continue;
      if (query.openNow && openNowOf(e) !== true) continue;
      const miles = haversineMiles(place, cosPlace, e);
      if (miles <= query.radius) candidates.push({ e, miles });
    }
  const nearest = nearestFirst(candidates, query.offset + query.limit);

  return {
    place: { label: place.label, latitude: place.latitude, longitude: place.longitude, source: place.source },
    radiusMiles: query.radius,
    total: candidates.length,
    items: nearest.slice(query.offset, query.offset + query.limit).map(({ e, miles }) => {
      const badges = badgesOf(e.serviceId);
      const point = { latitude: e.latitude, longitude: e.longitude };
      return {
        serviceId: e.serviceId,
        locationId: e.locationId,
        organizationId: e.organizationId,
        serviceName: e.serviceName,
        organizationName: e.organizationName,
        locationName: e.locationName,
        description: e.description,
        distanceMiles: roundMiles(miles),
        address: e.address,
        phone: e.phone,
        directions: {
          url: directionsUrl(point),
          ...point,
          address: `${e.address.address1}, ${e.address.city}, ${e.address.region} ${e.address.postalCode}`,
        },
        codes: [...e.codes] as TaxonomyCode[],
        languages: e.languages,
        walkIn: e.codes.has('WALKIN'),
        telehealth: e.codes.has('TELE'),
        hours: e.hours,
        hoursNote: e.hoursNote,
        timeZone: e.timeZone ?? ctx.timeZone,
        openNow: openNowOf(e),
        capacity: badges.find((b) => hasCapacityNow(b)) ?? badges[0] ?? null,
        verifiedAt: e.verifiedAt,
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
    db
      .selectFrom('directory_schedules')
      .select(['service_id', 'location_id', 'day_of_week', 'opens_at', 'closes_at'])
      .where('service_id', '=', serviceId)
      .execute(),
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
  const areas = await db
    .selectFrom('areas')
    .select(['town', 'postal_code', 'latitude', 'longitude'])
    .orderBy('town')
    .orderBy('postal_code')
    .execute();
  const seen = new Set<string>();
  const items = [];
  for (const a of areas) {
    if (seen.has(a.town)) continue;
    seen.add(a.town);
    items.push({ town: a.town, postalCode: a.postal_code, latitude: a.latitude, longitude: a.longitude });
  }
  return { items };
}
