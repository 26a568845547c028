import {
  accessGrantListSchema,
  accessGrantSchema,
  apiTokenListSchema,
  apiTokenSchema,
  auditPageSchema,
  auditVerifySchema,
  createdApiTokenSchema,
  ehrConnectionListSchema,
  locationListSchema,
  locationSchema,
  membershipListSchema,
  membershipSchema,
  okSchema,
  organizationPageSchema,
  organizationSchema,
  userPageSchema,
  userSchema,
  type AccessGrant,
  type ApiToken,
  type AuditEntry,
  type AuditVerify,
  type CreateApiToken,
  type CreateLocation,
  type CreateMembership,
  type CreateOrganization,
  type CreateUser,
  type CreatedApiToken,
  type EhrConnection,
  type Location,
  type Membership,
  type Organization,
  type OrganizationType,
  type UpdateLocation,
  type UpdateMembership,
  type UpdateOrganization,
  type UpdateUser,
  type User,
} from '@continuum/contracts';
import { queryString, segment, type ApiRequest } from '../../api/request.ts';

export interface Page<T> {
  items: T[];
  total: number;
}
export interface PageParams {
  limit?: number;
  offset?: number;
  q?: string;
}
export interface OrganizationListParams extends PageParams {
  type?: OrganizationType;
}
export interface UserListParams extends PageParams {
  organizationId?: string;
}
export interface AuditListParams extends PageParams {
  action?: string;
  entityType?: string;
}

/** Administration (`contracts/src/admin.ts`): organizations, locations, users, memberships, API tokens, the audit log. */
export interface AdminApi {
  listOrganizations(params?: OrganizationListParams): Promise<Page<Organization>>;
  getOrganization(id: string): Promise<Organization>;
  createOrganization(body: CreateOrganization): Promise<Organization>;
  updateOrganization(id: string, body: UpdateOrganization): Promise<Organization>;

  listLocations(organizationId: string): Promise<Location[]>;
  createLocation(organizationId: string, body: CreateLocation): Promise<Location>;
  updateLocation(id: string, body: UpdateLocation): Promise<Location>;

  listUsers(params?: UserListParams): Promise<Page<User>>;
  createUser(body: CreateUser): Promise<User>;
  updateUser(id: string, body: UpdateUser): Promise<User>;

  listMemberships(organizationId: string): Promise<Membership[]>;
  createMembership(body: CreateMembership): Promise<Membership>;
  updateMembership(id: string, body: UpdateMembership): Promise<Membership>;
  deleteMembership(id: string): Promise<void>;

  listApiTokens(organizationId: string): Promise<ApiToken[]>;
  createApiToken(organizationId: string, body: CreateApiToken): Promise<CreatedApiToken>;
  revokeApiToken(id: string): Promise<ApiToken>;

  listAuditEntries(params?: AuditListParams): Promise<Page<AuditEntry>>;
  verifyAuditChain(): Promise<AuditVerify>;

  listEhrConnections(): Promise<EhrConnection[]>;

  listAccessGrants(status: 'pending' | 'decided'): Promise<AccessGrant[]>;
  decideAccessGrant(id: string, decision: 'approve' | 'reject'): Promise<AccessGrant>;
}

export function createAdminHttpApi(request: ApiRequest): AdminApi {
  const organization = (id: string) => `/api/admin/organizations/${segment(id)}`;
  return {
    listOrganizations: (params) => request('GET', `/api/admin/organizations${queryString(params)}`, organizationPageSchema),
    getOrganization: (id) => request('GET', organization(id), organizationSchema),
    createOrganization: (body) => request('POST', '/api/admin/organizations', organizationSchema, body),
    updateOrganization: (id, body) => request('PATCH', organization(id), organizationSchema, body),

    listLocations: async (organizationId) =>
      (await request('GET', `${organization(organizationId)}/locations?limit=500`, locationListSchema)).items,
    createLocation: (organizationId, body) => request('POST', `${organization(organizationId)}/locations`, locationSchema, body),
    updateLocation: (id, body) => request('PATCH', `/api/admin/locations/${segment(id)}`, locationSchema, body),

    listUsers: (params) => request('GET', `/api/admin/users${queryString(params)}`, userPageSchema),
    createUser: (body) => request('POST', '/api/admin/users', userSchema, body),
    updateUser: (id, body) => request('PATCH', `/api/admin/users/${segment(id)}`, userSchema, body),

    listMemberships: async (organizationId) =>
      (await request('GET', `${organization(organizationId)}/memberships`, membershipListSchema)).items,
    createMembership: (body) => request('POST', '/api/admin/memberships', membershipSchema, body),
    updateMembership: (id, body) => request('PATCH', `/api/admin/memberships/${segment(id)}`, membershipSchema, body),
    async deleteMembership(id) {
      await request('DELETE', `/api/admin/memberships/${segment(id)}`, okSchema);
    },

    listApiTokens: async (organizationId) => (await request('GET', `${organization(organizationId)}/api-tokens`, apiTokenListSchema)).items,
    createApiToken: (organizationId, body) => request('POST', `${organization(organizationId)}/api-tokens`, createdApiTokenSchema, body),
    revokeApiToken: (id) => request('POST', `/api/admin/api-tokens/${segment(id)}/revoke`, apiTokenSchema),

    listAuditEntries: (params) => request('GET', `/api/admin/audit${queryString(params)}`, auditPageSchema),
    verifyAuditChain: () => request('POST', '/api/admin/audit/verify', auditVerifySchema),

    listEhrConnections: async () => (await request('GET', '/api/admin/ehr-connections', ehrConnectionListSchema)).items,

    listAccessGrants: async (status) =>
      (await request('GET', `/api/admin/access-grants${queryString({ status })}`, accessGrantListSchema)).items,
    decideAccessGrant: (id, decision) => request('POST', `/api/admin/access-grants/${segment(id)}/${decision}`, accessGrantSchema),
  };
}
