// Longer than 300 lines because it fakes every directory endpoint (listings, locations, services, hours,
// capacity, reminders) over one in-memory state; the public locator's fake is features/locator/fake-api.ts.
import {
  listingEditorRoles,
  createDirectoryLocationSchema,
  createDirectoryOrganizationSchema,
  createDirectoryServiceSchema,
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
  type Session,
  type VerificationReminder,
  DAY_MS,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import { validateLikeServer } from '../../test-support/fake-validate.ts';
import type { DirectoryOrganizationListParams } from './api.ts';

let sequence = 0;
const nextId = () => `10000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;
/** The fake's clock: every write happens at this instant. */
export const fakeDirectoryNow = '2026-03-04T15:00:00.000Z';

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

/**
 * The resource directory of the fake API: listings, services, hours, capacity with history and
 * verification reminders, changed only by the editors the contract's role table allows.
 */
export class FakeDirectory {
  organizations: DirectoryOrganization[] = [];
  locations: DirectoryLocation[] = [];
  services: DirectoryService[] = [];
  history = new Map<string, CapacityHistoryEntry[]>();
  reminders: VerificationReminder[] = [];

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
          Date.parse(fakeDirectoryNow) - Date.parse(organization.verifiedAt) > params.unverifiedForDays * DAY_MS),
    );
    const offset = params.offset ?? 0;
    return { items: items.slice(offset, offset + (params.limit ?? 50)), total: items.length };
  }

  getOrganization(id: string) {
    this.session();
    return { ...this.getOrganizationRecord(id) };
  }

  createOrganization(body: unknown) {
    const input = validateLikeServer(createDirectoryOrganizationSchema, body);
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
    const input = validateLikeServer(updateDirectoryOrganizationSchema, body);
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
    const input = validateLikeServer(createDirectoryLocationSchema, body);
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
    Object.assign(location, validateLikeServer(updateDirectoryLocationSchema, body), { updatedAt: fakeDirectoryNow });
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
    const input = validateLikeServer(createDirectoryServiceSchema, body);
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
    const input = validateLikeServer(updateDirectoryServiceSchema, body);
    Object.assign(service, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)), {
      updatedAt: fakeDirectoryNow,
    });
    return structuredClone(service);
  }

  replaceSchedules(id: string, body: unknown) {
    const service = this.getServiceRecord(id);
    this.requireEditor(this.ownerOfService(service));
    const input = validateLikeServer(replaceSchedulesSchema, body);
    service.schedules = input.items.map((item) => ({ ...item, locationId: item.locationId ?? null }));
    service.scheduleNote = input.note ?? null;
    return structuredClone(service);
  }

  updateCapacity(id: string, body: unknown): CapacityStatus {
    const service = this.getServiceRecord(id);
    const session = this.requireEditor(this.ownerOfService(service));
    const input = validateLikeServer(updateCapacitySchema, body);
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
