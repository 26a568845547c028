import {
  capacityHistorySchema,
  capacityStatusSchema,
  directoryLocationListSchema,
  directoryLocationSchema,
  directoryOrganizationPageSchema,
  directoryOrganizationSchema,
  directoryPath,
  directoryPaths,
  directoryServiceListSchema,
  directoryServiceSchema,
  locatorSearchResultSchema,
  locatorServiceDetailsSchema,
  locatorTownListSchema,
  verificationReminderListSchema,
  type CapacityHistoryEntry,
  type CapacityStatus,
  type CreateDirectoryLocation,
  type CreateDirectoryOrganization,
  type CreateDirectoryService,
  type DirectoryLocation,
  type DirectoryOrganization,
  type DirectoryService,
  type LocatorSearchParams,
  type LocatorSearchResult,
  type LocatorServiceDetails,
  type ReplaceSchedules,
  type UpdateCapacity,
  type UpdateDirectoryLocation,
  type UpdateDirectoryOrganization,
  type UpdateDirectoryService,
  type VerificationReminder,
} from '@continuum/contracts';

export interface LocatorTown {
  town: string;
  postalCode: string;
  latitude: number;
  longitude: number;
}

export interface DirectoryOrganizationListParams {
  limit?: number;
  offset?: number;
  q?: string;
  memberOrganizationId?: string;
  unverifiedForDays?: number;
}

/**
 * The resource directory and the public treatment locator (`contracts/src/directory.ts` lists the
 * endpoints). The locator calls need no session.
 */
export interface DirectoryApi {
  searchLocator(params: LocatorSearchParams): Promise<LocatorSearchResult>;
  getLocatorService(id: string): Promise<LocatorServiceDetails>;
  listLocatorTowns(): Promise<LocatorTown[]>;

  listDirectoryOrganizations(params?: DirectoryOrganizationListParams): Promise<{ items: DirectoryOrganization[]; total: number }>;
  getDirectoryOrganization(id: string): Promise<DirectoryOrganization>;
  createDirectoryOrganization(body: CreateDirectoryOrganization): Promise<DirectoryOrganization>;
  updateDirectoryOrganization(id: string, body: UpdateDirectoryOrganization): Promise<DirectoryOrganization>;
  verifyDirectoryOrganization(id: string): Promise<DirectoryOrganization>;

  listDirectoryLocations(organizationId: string): Promise<DirectoryLocation[]>;
  createDirectoryLocation(organizationId: string, body: CreateDirectoryLocation): Promise<DirectoryLocation>;
  updateDirectoryLocation(id: string, body: UpdateDirectoryLocation): Promise<DirectoryLocation>;

  listDirectoryServices(organizationId: string): Promise<DirectoryService[]>;
  getDirectoryService(id: string): Promise<DirectoryService>;
  createDirectoryService(organizationId: string, body: CreateDirectoryService): Promise<DirectoryService>;
  updateDirectoryService(id: string, body: UpdateDirectoryService): Promise<DirectoryService>;
  replaceServiceSchedules(id: string, body: ReplaceSchedules): Promise<DirectoryService>;
  updateServiceCapacity(id: string, body: UpdateCapacity): Promise<CapacityStatus>;
  listCapacityHistory(id: string): Promise<CapacityHistoryEntry[]>;

  listVerificationReminders(): Promise<VerificationReminder[]>;
}

interface Parser<T> {
  parse(data: unknown): T;
}

/** The one request function of the HTTP client (`client.ts`), which adds the cookie, CSRF header and errors. */
export type DirectoryRequest = <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, parser: Parser<T>, body?: unknown) => Promise<T>;

function queryString(params: object | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const p = directoryPaths;
const at = directoryPath;

export function createDirectoryHttpApi(request: DirectoryRequest): DirectoryApi {
  return {
    searchLocator: (params) => request('GET', `${p.locatorSearch}${queryString(params)}`, locatorSearchResultSchema),
    getLocatorService: (id) => request('GET', at(p.locatorService, id), locatorServiceDetailsSchema),
    listLocatorTowns: async () => (await request('GET', p.locatorTowns, locatorTownListSchema)).items,

    listDirectoryOrganizations: (params) => request('GET', `${p.organizations}${queryString(params)}`, directoryOrganizationPageSchema),
    getDirectoryOrganization: (id) => request('GET', at(p.organization, id), directoryOrganizationSchema),
    createDirectoryOrganization: (body) => request('POST', p.organizations, directoryOrganizationSchema, body),
    updateDirectoryOrganization: (id, body) => request('PATCH', at(p.organization, id), directoryOrganizationSchema, body),
    verifyDirectoryOrganization: (id) => request('POST', at(p.organizationVerify, id), directoryOrganizationSchema),

    listDirectoryLocations: async (organizationId) =>
      (await request('GET', at(p.organizationLocations, organizationId), directoryLocationListSchema)).items,
    createDirectoryLocation: (organizationId, body) =>
      request('POST', at(p.organizationLocations, organizationId), directoryLocationSchema, body),
    updateDirectoryLocation: (id, body) => request('PATCH', at(p.location, id), directoryLocationSchema, body),

    listDirectoryServices: async (organizationId) =>
      (await request('GET', at(p.organizationServices, organizationId), directoryServiceListSchema)).items,
    getDirectoryService: (id) => request('GET', at(p.service, id), directoryServiceSchema),
    createDirectoryService: (organizationId, body) =>
      request('POST', at(p.organizationServices, organizationId), directoryServiceSchema, body),
    updateDirectoryService: (id, body) => request('PATCH', at(p.service, id), directoryServiceSchema, body),
    replaceServiceSchedules: (id, body) => request('PUT', at(p.serviceSchedules, id), directoryServiceSchema, body),
    updateServiceCapacity: (id, body) => request('POST', at(p.serviceCapacity, id), capacityStatusSchema, body),
    listCapacityHistory: async (id) => (await request('GET', at(p.serviceCapacityHistory, id), capacityHistorySchema)).items,

    listVerificationReminders: async () => (await request('GET', p.verificationReminders, verificationReminderListSchema)).items,
  };
}
