import {
  locatorSearchQuerySchema,
  type BoundaryCollection,
  type LocatorResult,
  type LocatorSearchParams,
  type LocatorSearchResult,
  type LocatorServiceDetails,
  type TaxonomyCode,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import { validateLikeServer } from '../../test-support/fake-validate.ts';
import type { LocatorMap, LocatorTown } from './api.ts';

let sequence = 0;
const nextId = () => `20000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

export function aLocatorResult(overrides: Partial<LocatorResult> = {}): LocatorResult {
  const serviceName = overrides.serviceName ?? 'Buprenorphine clinic';
  return {
    serviceId: nextId(),
    locationId: nextId(),
    organizationId: nextId(),
    serviceName,
    organizationName: 'Harbor Treatment Center',
    locationName: 'Main clinic',
    description: null,
    distanceMiles: 2.4,
    address: { address1: '12 Front St', address2: null, city: 'Alder Falls', region: 'XS', postalCode: '97104' },
    phone: '(555) 010-2000',
    directions: {
      url: 'https://www.openstreetmap.org/directions?route=%3B45.5%2C-122.6',
      latitude: 45.5,
      longitude: -122.6,
      address: '12 Front St, Alder Falls, XS 97104',
    },
    codes: ['BU', 'OP', 'MD'],
    languages: ['en'],
    walkIn: false,
    telehealth: false,
    hours: [1, 2, 3, 4, 5].map((dayOfWeek) => ({ dayOfWeek, opensAt: '08:00', closesAt: '17:00' })),
    hoursNote: null,
    timeZone: 'America/Los_Angeles',
    openNow: true,
    capacity: {
      unit: 'slot',
      status: 'accepting',
      available: 3,
      maximum: 10,
      waitlistDays: null,
      updatedAt: '2026-03-04T13:00:00.000Z',
      ageMinutes: 120,
      stale: false,
    },
    verifiedAt: '2026-02-20T10:00:00.000Z',
    ...overrides,
  };
}

const listFilters = {
  medication: 'medication',
  levelOfCare: 'level_of_care',
  harmReduction: 'harm_reduction',
  support: 'support',
  payment: 'payment',
  population: 'population',
} as const;

/**
 * The public locator of the fake API: results arranged by the test, filtered and sorted like the
 * server (distances are given with each result rather than computed), and the places it knows.
 */
export class FakeLocator {
  locatorResults: LocatorResult[] = [];
  /** ZIP codes and lower-case town names the locator knows. */
  places = new Map<string, { label: string; latitude: number; longitude: number }>([
    ['97104', { label: '97104 · Alder Falls', latitude: 45.5, longitude: -122.6 }],
    ['alder falls', { label: 'Alder Falls', latitude: 45.5, longitude: -122.6 }],
  ]);
  /** Every locator query received, as the API would see it. */
  locatorQueries: LocatorSearchParams[] = [];

  addLocatorResult(overrides: Partial<LocatorResult> = {}): LocatorResult {
    const result = aLocatorResult(overrides);
    this.locatorResults.push(result);
    return result;
  }

  searchLocator(params: LocatorSearchParams): LocatorSearchResult {
    this.locatorQueries.push(params);
    const query = validateLikeServer(locatorSearchQuerySchema, params, 'querystring');
    let place: LocatorSearchResult['place'];
    if (query.zip !== undefined || query.town !== undefined) {
      const key = query.zip ?? query.town?.toLowerCase() ?? '';
      const found = this.places.get(key);
      const field = query.zip !== undefined ? 'zip' : 'town';
      if (!found) {
        throw new ApiError('PLACE_NOT_FOUND', 'Unknown place.', {
          status: 400,
          fields: [{ path: `querystring.${field}`, message: 'Unknown place' }],
        });
      }
      place = { ...found, source: 'network' };
    } else if (query.lat !== undefined && query.lon !== undefined) {
      place = { label: 'Your location', latitude: query.lat, longitude: query.lon, source: 'coordinates' };
    } else {
      throw new ApiError('VALIDATION_FAILED', 'Give exactly one place.', {
        status: 400,
        fields: [{ path: 'querystring.zip', message: 'Give a place' }],
      });
    }
    const matches = this.locatorResults
      .filter((result) => result.distanceMiles <= query.radius)
      .filter((result) =>
        (Object.keys(listFilters) as (keyof typeof listFilters)[]).every((name) => {
          const wanted = query[name];
          return !wanted || wanted.length === 0 || wanted.some((code) => result.codes.includes(code as TaxonomyCode));
        }),
      )
      .filter((result) => !query.language?.length || query.language.some((code) => result.languages.includes(code)))
      .filter((result) => !query.walkIn || result.walkIn)
      .filter((result) => !query.telehealth || result.telehealth)
      .filter((result) => !query.openNow || result.openNow === true)
      .filter(
        (result) =>
          !query.hasCapacity ||
          (result.capacity !== null && !result.capacity.stale && result.capacity.status === 'accepting' && result.capacity.available > 0),
      )
      .sort((a, b) => a.distanceMiles - b.distanceMiles);
    return { place, radiusMiles: query.radius, total: matches.length, items: matches.slice(query.offset, query.offset + query.limit) };
  }

  getLocatorService(id: string): LocatorServiceDetails {
    const results = this.locatorResults.filter((result) => result.serviceId === id);
    const first = results[0];
    if (!first) throw new ApiError('DIRECTORY_SERVICE_NOT_FOUND', 'Service not found.', { status: 404 });
    return {
      serviceId: first.serviceId,
      organizationId: first.organizationId,
      serviceName: first.serviceName,
      organizationName: first.organizationName,
      description: first.description,
      organizationDescription: null,
      url: null,
      email: null,
      phone: first.phone,
      eligibilityDescription: null,
      minimumAge: null,
      maximumAge: null,
      feesDescription: null,
      codes: first.codes,
      languages: first.languages,
      walkIn: first.walkIn,
      telehealth: first.telehealth,
      capacities: first.capacity ? [first.capacity] : [],
      verifiedAt: first.verifiedAt,
      locations: results.map((result) => ({
        locationId: result.locationId,
        name: result.locationName,
        address: result.address,
        phone: result.phone,
        directions: result.directions,
        hours: result.hours,
        timeZone: result.timeZone,
        openNow: result.openNow,
      })),
      hoursNote: first.hoursNote,
    };
  }

  boundaries: BoundaryCollection = { type: 'FeatureCollection', features: [] };
  getLocatorMap(): LocatorMap {
    return { styleUrl: null, boundaries: this.boundaries };
  }

  listLocatorTowns(): LocatorTown[] {
    return [...this.places.entries()]
      .filter(([key]) => !/^\d/.test(key))
      .map(([, place]) => ({ town: place.label, postalCode: '97104', latitude: place.latitude, longitude: place.longitude }));
  }
}
