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
  verificationReminderListSchema,
  type CapacityHistoryEntry,
  type CapacityStatus,
  type CreateDirectoryLocation,
  type CreateDirectoryOrganization,
  type CreateDirectoryService,
  type DirectoryLocation,
  type DirectoryOrganization,
  type DirectoryService,
  type ReplaceSchedules,
  type UpdateCapacity,
  type UpdateDirectoryLocation,
  type UpdateDirectoryOrganization,
  type UpdateDirectoryService,
  type VerificationReminder,
} from '@continuum/contracts';
import { queryString, type ApiRequest } from '../../api/request.ts';

export interface DirectoryOrganizationListParams {
  limit?: number;
  offset?: number;
  q?: string;
  memberOrganizationId?: string;
  unverifiedForDays?: number;
}

/** The resource directory, signed in: listings, services, hours and capacity (`contracts/src/directory.ts` lists the endpoints). */
export interface DirectoryApi {
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

const p = directoryPaths;
const at = directoryPath;

export function createDirectoryHttpApi(request: ApiRequest): DirectoryApi {
  return {
    listDirectoryOrganizations: (params) => request('GET', `${p.organizations}${queryString(params)}`, directoryOrganizationPageSchema),
    getDirectoryOrganization: (id) => request('GET', at(p.organization, id), directoryOrganizationSchema),
    createDirectoryOrganization: (body) => request('POST', p.organizations, directoryOrganizationSchema, body),
    updateDirectoryOrganization: (id, body) => request('PATCH', at(p.organization, id), directoryOrganizationSchema, body),
    verifyDirectoryOrganization: (id) => request('POST', at(p.organizationVerify, id), directoryOrganizationSchema),

    listDirectoryLocations: async (organizationId) =>
      (await request('GET', `${at(p.organizationLocations, organizationId)}?limit=500`, directoryLocationListSchema)).items,
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
