import zipcodes from 'zipcodes';
import { taxonomyCodesOf, type TaxonomyCode, HOUR_MS } from '@continuum/contracts';
import { continuumAttribute, stableId } from '../../packages/server/src/modules/directory/hsds/hsds-taxonomy.ts';

/*
 * The locator benchmark's data: a directory generated as HSDS 3.0 organization_full objects across
 * Oregon (real ZIP codes as town centres), and the random searches run against it. Seeded, so every
 * run measures the same directory and the same searches.
 */

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Real Oregon ZIP codes (offline `zipcodes` data) as town centres for listings and searches.
const OREGON = zipcodes.lookupByState('OR').filter((z) => z.latitude > 41 && z.longitude < -116);

/** `services` services at 2.5 × `services` locations, as HSDS organization_full (4 services, 10 locations each). */
export function generateDirectory(services: number, seed = 1): Record<string, unknown>[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const some = (xs: readonly TaxonomyCode[], p: number) => xs.filter(() => r() < p);
  const organizations: Record<string, unknown>[] = [];
  for (let o = 0; o < Math.ceil(services / 4); o++) {
    const orgId = stableId('bench-org', String(o));
    const town = pick(OREGON);
    const locations = Array.from({ length: 10 }, (_, l) => {
      const id = stableId('bench-location', String(o), String(l));
      return {
        id,
        location_type: 'physical',
        organization_id: orgId,
        name: `${town.city} site ${l + 1}`,
        latitude: Math.round((town.latitude + (r() - 0.5) * 0.2) * 1e5) / 1e5,
        longitude: Math.round((town.longitude + (r() - 0.5) * 0.28) * 1e5) / 1e5,
        addresses: [
          {
            id: stableId('bench-address', id),
            location_id: id,
            address_1: `${100 + l} Main St`,
            city: town.city,
            state_province: 'OR',
            postal_code: town.zip,
            country: 'US',
            address_type: 'physical',
          },
        ],
      };
    });
    const split = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
      [8, 9],
    ];
    const orgServices = split.map((locs, s) => {
      const id = stableId('bench-service', String(o), String(s));
      const codes = [
        ...some(taxonomyCodesOf('medication'), 0.35),
        ...some(taxonomyCodesOf('level_of_care'), 0.2),
        ...some(taxonomyCodesOf('harm_reduction'), 0.2),
        ...some(taxonomyCodesOf('support'), 0.15),
        ...some(taxonomyCodesOf('payment'), 0.5),
        ...some(taxonomyCodesOf('population'), 0.15),
        ...some(taxonomyCodesOf('access'), 0.3),
      ];
      const opens = pick(['07:00', '08:00', '09:00', '10:00']);
      return {
        id,
        organization_id: orgId,
        name: `Service ${o}-${s}`,
        status: 'active',
        languages: [
          { id: stableId('bench-lang', id, 'en'), code: 'en', name: 'English' },
          ...(r() < 0.3 ? [{ id: stableId('bench-lang', id, 'es'), code: 'es', name: 'Spanish' }] : []),
        ],
        attributes: codes.map((c) => continuumAttribute(id, c)),
        schedules: [
          {
            id: stableId('bench-schedule', id),
            service_id: id,
            freq: 'WEEKLY',
            byday: r() < 0.5 ? 'MO,TU,WE,TH,FR' : 'MO,WE,FR,SA',
            opens_at: opens,
            closes_at: pick(['16:00', '17:00', '19:00']),
          },
        ],
        service_at_locations: locs.map((l) => ({
          id: stableId('bench-sal', id, String(l)),
          service_id: id,
          location_id: locations[l]!.id,
        })),
        ...(r() < 0.3
          ? {
              capacities: [
                {
                  id: stableId('bench-capacity', id),
                  service_id: id,
                  unit: { id: stableId('unit', 'slot'), name: 'slot', scheme: 'Continuum', identifier: 'slot' },
                  available: Math.floor(r() * 6),
                  maximum: 5 + Math.floor(r() * 10),
                  updated: new Date(Date.now() - r() * 48 * HOUR_MS).toISOString(),
                  status: 'accepting',
                },
              ],
            }
          : {}),
      };
    });
    organizations.push({ id: orgId, name: `Organization ${o}`, description: 'Benchmark listing', locations, services: orgServices });
  }
  return organizations;
}

/** A random public search: a place (ZIP, "Town, ST" or coordinates) × a radius × random filters; the first 20 results. */
export function searchUrls(n: number, seed = 2): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const z = pick(OREGON);
    const q = new URLSearchParams();
    const place = r();
    if (place < 0.4) q.set('zip', z.zip);
    else if (place < 0.7) q.set('town', `${z.city}, OR`);
    else {
      q.set('lat', (z.latitude + (r() - 0.5) * 0.1).toFixed(4));
      q.set('lon', (z.longitude + (r() - 0.5) * 0.1).toFixed(4));
    }
    q.set('radius', String(pick([5, 10, 10, 25, 50])));
    if (r() < 0.4) q.set('medication', pick(['BU', 'METH', 'NU', 'BU,METH']));
    if (r() < 0.3) q.set('payment', pick(['MD', 'MC', 'PI', 'SS,NP']));
    if (r() < 0.15) q.set('language', 'es');
    if (r() < 0.1) q.set('levelOfCare', pick(['OTP', 'RES', 'OP']));
    if (r() < 0.1) q.set('population', pick(['VET', 'PREG', 'ADOL']));
    if (r() < 0.1) q.set('harmReduction', 'NALOXONE');
    if (r() < 0.2) q.set('walkIn', 'true');
    if (r() < 0.1) q.set('telehealth', 'true');
    if (r() < 0.15) q.set('openNow', 'true');
    if (r() < 0.15) q.set('hasCapacity', 'true');
    q.set('limit', '20'); // one screen of results on a phone
    return `/api/public/locator/search?${q.toString()}`;
  });
}
