import {
  listingEditorRoles,
  createDirectoryLocationSchema,
  createDirectoryOrganizationSchema,
  createDirectoryServiceSchema,
  locatorSearchQuerySchema,
  replaceSchedulesSchema,
  updateCapacitySchema,
  updateDirectoryLocationSchema,
  updateDirectoryOrganizationSchema,
  updateDirectoryServiceSchema,
  type CapacityHistoryEntry,
  type CapacityStatus,
  type DirectoryLocation,
  type DirectoryOrganization,
  type DirectoryService,
  type LocatorResult,
  type LocatorSearchParams,
  type LocatorSearchResult,
  type LocatorServiceDetails,
  type Session,
  type TaxonomyCode,
  type VerificationReminder,
} from '@continuum/contracts';
import { ApiError } from '../api/api-error.ts';
import type { DirectoryOrganizationListParams, LocatorTown } from '../api/directory-api.ts';

interface Validator<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Validates like the server: the contract schema, with field paths prefixed by `prefix`. */
function validate<T>(schema: Validator<T>, body: unknown, prefix = 'body'): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ApiError('VALIDATION_FAILED', 'The request is not valid.', {
    status: 400,
    fields: result.error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message })),
  });
}

let sequence = 0;
const nextId = () => `10000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;
/** The fake's clock: every write happens at this instant. */
export const fakeDirectoryNow = '2026-03-04T15:00:00.000Z';

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

export function aDirectoryOrganization(overrides: Partial<DirectoryOrganization> = {}): DirectoryOrganization {
  return {
    id: nextId(),
    memberOrganizationId: null,
    name: 'Harbor Treatment Center',
    description: null,
    website: null,
    email: null,
    phone: null,
    verifiedAt: null,
    verifiedByLabel: null,
    serviceCount: 0,
    locationCount: 0,
    createdAt: fakeDirectoryNow,
    updatedAt: fakeDirectoryNow,
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
 * The directory half of the fake API: listings, capacity with history, and a locator that filters
 * and sorts like the server (distances are given with each result rather than computed).
 */
export class FakeDirectory {
  organizations: DirectoryOrganization[] = [];
  locations: DirectoryLocation[] = [];
  services: DirectoryService[] = [];
  history = new Map<string, CapacityHistoryEntry[]>();
  reminders: VerificationReminder[] = [];
  locatorResults: LocatorResult[] = [];
  /** ZIP codes and lower-case town names the locator knows. */
  places = new Map<string, { label: string; latitude: number; longitude: number }>([
    ['97104', { label: '97104 · Alder Falls', latitude: 45.5, longitude: -122.6 }],
    ['alder falls', { label: 'Alder Falls', latitude: 45.5, longitude: -122.6 }],
  ]);
  /** Every locator query received, as the API would see it. */
  locatorQueries: LocatorSearchParams[] = [];

  constructor(private readonly session: () => Session) {}

  addOrganization(overrides: Partial<DirectoryOrganization> = {}): DirectoryOrganization {
    const organization = aDirectoryOrganization(overrides);
    this.organizations.push(organization);
    return organization;
  }

  addLocation(organization: DirectoryOrganization, overrides: Partial<DirectoryLocation> = {}): DirectoryLocation {
    const location: DirectoryLocation = {
      id: nextId(),
      organizationId: organization.id,
      name: 'Main clinic',
      address1: '12 Front St',
      address2: null,
      city: 'Alder Falls',
      region: 'XS',
      postalCode: '97104',
      latitude: 45.5,
      longitude: -122.6,
      phone: null,
      timeZone: null,
      createdAt: fakeDirectoryNow,
      updatedAt: fakeDirectoryNow,
      ...overrides,
    };
    this.locations.push(location);
    organization.locationCount += 1;
    return location;
  }

  addService(organization: DirectoryOrganization, overrides: Partial<DirectoryService> = {}): DirectoryService {
    const service: DirectoryService = {
      id: nextId(),
      organizationId: organization.id,
      organizationName: organization.name,
      name: 'Buprenorphine clinic',
      description: null,
      status: 'active',
      url: null,
      email: null,
      phone: null,
      eligibilityDescription: null,
      minimumAge: null,
      maximumAge: null,
      feesDescription: null,
      codes: [],
      languages: [],
      locationIds: [],
      schedules: [],
      scheduleNote: null,
      capacities: [],
      verifiedAt: null,
      verifiedByLabel: null,
      createdAt: fakeDirectoryNow,
      updatedAt: fakeDirectoryNow,
      ...overrides,
    };
    this.services.push(service);
    organization.serviceCount += 1;
    return service;
  }

  addLocatorResult(overrides: Partial<LocatorResult> = {}): LocatorResult {
    const result = aLocatorResult(overrides);
    this.locatorResults.push(result);
    return result;
  }

  // ── Public locator ─────────────────────────────────────────────────────────
  searchLocator(params: LocatorSearchParams): LocatorSearchResult {
    this.locatorQueries.push(params);
    const query = validate(locatorSearchQuerySchema, params, 'querystring');
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

  listLocatorTowns(): LocatorTown[] {
    return [...this.places.entries()]
      .filter(([key]) => !/^\d/.test(key))
      .map(([, place]) => ({ town: place.label, postalCode: '97104', latitude: place.latitude, longitude: place.longitude }));
  }

  // ── Management ─────────────────────────────────────────────────────────────
  private requireEditor(memberOrganizationId: string | null): Session {
    const session = this.session();
    const isAllowed =
      session.roles.includes('network_admin') ||
      (memberOrganizationId !== null &&
        memberOrganizationId === session.activeOrganizationId &&
        session.roles.some((role) => listingEditorRoles.includes(role)));
    if (!isAllowed) {
      throw new ApiError('FORBIDDEN', "Only the organization's staff or a network administrator may change this listing.", { status: 403 });
    }
    return session;
  }

  private getOrganizationRecord(id: string): DirectoryOrganization {
    const organization = this.organizations.find((item) => item.id === id);
    if (!organization) throw new ApiError('DIRECTORY_ORGANIZATION_NOT_FOUND', 'Directory organization not found.', { status: 404 });
    return organization;
  }

  private getServiceRecord(id: string): DirectoryService {
    const service = this.services.find((item) => item.id === id);
    if (!service) throw new ApiError('DIRECTORY_SERVICE_NOT_FOUND', 'Service not found.', { status: 404 });
    return service;
  }

  private ownerOfService(service: DirectoryService): string | null {
    return this.getOrganizationRecord(service.organizationId).memberOrganizationId;
  }

  listOrganizations(params: DirectoryOrganizationListParams = {}) {
    this.session();
    const q = params.q?.toLowerCase();
    const items = this.organizations.filter(
      (organization) =>
        (!q || organization.name.toLowerCase().includes(q)) &&
        (!params.memberOrganizationId || organization.memberOrganizationId === params.memberOrganizationId) &&
        (!params.unverifiedForDays ||
          organization.verifiedAt === null ||
          Date.parse(fakeDirectoryNow) - Date.parse(organization.verifiedAt) > params.unverifiedForDays * 86_400_000),
    );
    const offset = params.offset ?? 0;
    return { items: items.slice(offset, offset + (params.limit ?? 50)), total: items.length };
  }

  getOrganization(id: string) {
    this.session();
    return { ...this.getOrganizationRecord(id) };
  }

  createOrganization(body: unknown) {
    const input = validate(createDirectoryOrganizationSchema, body);
    this.requireEditor(input.memberOrganizationId ?? null);
    return this.addOrganization({
      name: input.name,
      memberOrganizationId: input.memberOrganizationId ?? null,
      description: input.description ?? null,
      website: input.website ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
    });
  }

  updateOrganization(id: string, body: unknown) {
    const organization = this.getOrganizationRecord(id);
    this.requireEditor(organization.memberOrganizationId);
    const input = validate(updateDirectoryOrganizationSchema, body);
    Object.assign(organization, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)), {
      updatedAt: fakeDirectoryNow,
    });
    return { ...organization };
  }

  verifyOrganization(id: string) {
    const organization = this.getOrganizationRecord(id);
    const session = this.requireEditor(organization.memberOrganizationId);
    organization.verifiedAt = fakeDirectoryNow;
    organization.verifiedByLabel = session.user.displayName;
    this.reminders = this.reminders.filter((reminder) => reminder.directoryOrganizationId !== id);
    return { ...organization };
  }

  listLocations(organizationId: string) {
    this.session();
    this.getOrganizationRecord(organizationId);
    return this.locations.filter((location) => location.organizationId === organizationId);
  }

  createLocation(organizationId: string, body: unknown) {
    const organization = this.getOrganizationRecord(organizationId);
    this.requireEditor(organization.memberOrganizationId);
    const input = validate(createDirectoryLocationSchema, body);
    return this.addLocation(organization, {
      ...input,
      address2: input.address2 ?? null,
      phone: input.phone ?? null,
      timeZone: input.timeZone ?? null,
    });
  }

  updateLocation(id: string, body: unknown) {
    const location = this.locations.find((item) => item.id === id);
    if (!location) throw new ApiError('DIRECTORY_LOCATION_NOT_FOUND', 'Location not found.', { status: 404 });
    this.requireEditor(this.getOrganizationRecord(location.organizationId).memberOrganizationId);
    Object.assign(location, validate(updateDirectoryLocationSchema, body), { updatedAt: fakeDirectoryNow });
    return { ...location };
  }

  listServices(organizationId: string) {
    this.session();
    this.getOrganizationRecord(organizationId);
    return this.services.filter((service) => service.organizationId === organizationId);
  }

  getService(id: string) {
    this.session();
    return structuredClone(this.getServiceRecord(id));
  }

  createService(organizationId: string, body: unknown) {
    const organization = this.getOrganizationRecord(organizationId);
    this.requireEditor(organization.memberOrganizationId);
    const input = validate(createDirectoryServiceSchema, body);
    return this.addService(organization, {
      ...input,
      description: input.description ?? null,
      url: input.url ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      eligibilityDescription: input.eligibilityDescription ?? null,
      minimumAge: input.minimumAge ?? null,
      maximumAge: input.maximumAge ?? null,
      feesDescription: input.feesDescription ?? null,
    });
  }

  updateService(id: string, body: unknown) {
    const service = this.getServiceRecord(id);
    this.requireEditor(this.ownerOfService(service));
    const input = validate(updateDirectoryServiceSchema, body);
    Object.assign(service, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)), {
      updatedAt: fakeDirectoryNow,
    });
    return structuredClone(service);
  }

  replaceSchedules(id: string, body: unknown) {
    const service = this.getServiceRecord(id);
    this.requireEditor(this.ownerOfService(service));
    const input = validate(replaceSchedulesSchema, body);
    service.schedules = input.items.map((item) => ({ ...item, locationId: item.locationId ?? null }));
    service.scheduleNote = input.note ?? null;
    return structuredClone(service);
  }

  updateCapacity(id: string, body: unknown): CapacityStatus {
    const service = this.getServiceRecord(id);
    const session = this.requireEditor(this.ownerOfService(service));
    const input = validate(updateCapacitySchema, body);
    const status: CapacityStatus = {
      serviceId: id,
      unit: input.unit,
      status: input.status,
      available: input.available,
      maximum: input.maximum ?? null,
      waitlistDays: input.waitlistDays ?? null,
      note: input.note ?? null,
      updatedAt: fakeDirectoryNow,
      updatedByLabel: session.user.displayName,
      ageMinutes: 0,
      stale: false,
    };
    service.capacities = [status, ...service.capacities.filter((capacity) => capacity.unit !== input.unit)];
    this.history.set(id, [
      {
        unit: status.unit,
        status: status.status,
        available: status.available,
        maximum: status.maximum,
        waitlistDays: status.waitlistDays,
        recordedAt: fakeDirectoryNow,
        recordedByLabel: session.user.displayName,
      },
      ...(this.history.get(id) ?? []),
    ]);
    return status;
  }

  listHistory(id: string) {
    this.session();
    this.getServiceRecord(id);
    return this.history.get(id) ?? [];
  }

  listReminders() {
    const session = this.session();
    const isNetworkAdmin = session.roles.includes('network_admin');
    return this.reminders.filter(
      (reminder) =>
        isNetworkAdmin ||
        this.organizations.some(
          (organization) =>
            organization.id === reminder.directoryOrganizationId && organization.memberOrganizationId === session.activeOrganizationId,
        ),
    );
  }
}
