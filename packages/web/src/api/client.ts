import {
  CSRF_HEADER,
  devMailboxSchema,
  notificationListSchema,
  apiTokenListSchema,
  apiTokenSchema,
  auditPageSchema,
  auditVerifySchema,
  createdApiTokenSchema,
  locationListSchema,
  locationSchema,
  membershipListSchema,
  membershipSchema,
  okSchema,
  organizationPageSchema,
  organizationSchema,
  sessionSchema,
  userPageSchema,
  userSchema,
  type ApiToken,
  type AuditEntry,
  type Notification,
  type AuditVerify,
  type ChangePasswordRequest,
  type CreateApiToken,
  type CreateLocation,
  type CreateMembership,
  type CreateOrganization,
  type CreateUser,
  type CreatedApiToken,
  type Location,
  type LoginRequest,
  type Membership,
  type Organization,
  type OrganizationType,
  type Session,
  type UpdateLocation,
  type UpdateMembership,
  type UpdateOrganization,
  type UpdateUser,
  type User,
} from '@continuum/contracts';
import {
  breakGlassListSchema,
  breakGlassStartedSchema,
  consentListSchema,
  consentSchema,
  networkOrganizationListSchema,
  disclosureListSchema,
  duplicateCheckResultSchema,
  mergeResultSchema,
  personDetailSchema,
  personSearchResultSchema,
  timelineSchema,
  type AddCareTeamMember,
  type AddIdentifier,
  type AddTimelineEvent,
  type BreakGlass,
  type BreakGlassStarted,
  type Consent,
  type CreateConsent,
  type DisclosureList,
  type DisclosureQuery,
  type DuplicateCandidate,
  type DuplicateCheck,
  type MergeResult,
  type PersonDetail,
  type PersonSearchResult,
  type Purpose,
  type RegisterPerson,
  type ReviewBreakGlass,
  type RevokeConsent,
  type SignConsent,
  type Timeline,
  type UpdatePerson,
} from '@continuum/contracts';
import { ApiError, apiErrorFromBody } from './api-error.ts';
import { createDirectoryHttpApi, type DirectoryApi } from './directory-api.ts';
import { createWorklistHttpApi, type WorklistApi } from './worklist-api.ts';
import { createSafetyHttpApi, type SafetyApi } from './safety-api.ts';

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
export interface PersonSearchParams {
  q?: string;
  birthDate?: string;
  limit?: number;
}
/** A network member organization, as offered when linking a care team or naming consent recipients. */
export interface NetworkOrganization {
  id: string;
  name: string;
}

/** Where the browser downloads the accounting of disclosures as CSV (a plain GET with the session cookie). */
export function disclosuresCsvPath(personId: string, params: DisclosureQuery = {}): string {
  return `/api/people/${encodeURIComponent(personId)}/disclosures.csv${queryString(params)}`;
}

/**
 * Everything the web app asks of the server. Components depend on this interface only, so tests can
 * hand them a fake (`test-support/fake-api-client.ts`) instead of a network.
 */
export interface NotificationList {
  items: Notification[];
  unread: number;
}
export interface DevMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

export interface ApiClient extends DirectoryApi, WorklistApi, SafetyApi {
  /** The current session, or null when nobody is signed in (or the session ended). */
  getSession(): Promise<Session | null>;
  login(credentials: LoginRequest): Promise<Session>;
  logout(): Promise<void>;
  switchOrganization(organizationId: string): Promise<Session>;
  changePassword(request: ChangePasswordRequest): Promise<void>;

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

  // People and consent: every read passes the server's access chokepoint.
  searchPeople(params: PersonSearchParams): Promise<PersonSearchResult>;
  checkDuplicates(body: DuplicateCheck): Promise<DuplicateCandidate[]>;
  registerPerson(body: Partial<RegisterPerson>): Promise<{ id: string }>;
  getPerson(id: string, purpose?: Purpose): Promise<PersonDetail>;
  updatePerson(id: string, body: UpdatePerson): Promise<void>;
  addIdentifier(personId: string, body: AddIdentifier): Promise<void>;
  addCareTeamMember(personId: string, body: AddCareTeamMember): Promise<{ id: string }>;
  endCareTeamMember(personId: string, memberId: string): Promise<void>;
  getTimeline(personId: string, purpose?: Purpose): Promise<Timeline>;
  addTimelineEvent(personId: string, body: AddTimelineEvent): Promise<{ id: string }>;
  /** Merges `mergedId` into `survivorId` (privacy officers); undone with `unmergePeople`. */
  mergePeople(body: { survivorId: string; mergedId: string; reason: string }): Promise<MergeResult>;
  unmergePeople(mergeId: string, body: { reason: string }): Promise<MergeResult>;
  /** Member organizations of the network whose name matches `q` (from the directory listings). */
  searchNetworkOrganizations(q: string): Promise<NetworkOrganization[]>;

  listConsents(personId: string): Promise<Consent[]>;
  createConsent(personId: string, body: Partial<CreateConsent>): Promise<Consent>;
  getConsent(id: string): Promise<Consent>;
  updateConsent(id: string, body: Partial<CreateConsent>): Promise<Consent>;
  signConsent(id: string, body: Partial<SignConsent>): Promise<Consent>;
  revokeConsent(id: string, body: RevokeConsent): Promise<Consent>;
  /** The consent's expiry event happened (e.g. treatment ended) on `occurredOn`: signed → expired. */
  recordConsentExpiryEvent(id: string, body: { occurredOn: string }): Promise<Consent>;

  listDisclosures(personId: string, params?: DisclosureQuery): Promise<DisclosureList>;
  startBreakGlass(personId: string, body: { reason: string }): Promise<BreakGlassStarted>;
  listBreakGlass(status: 'open' | 'closed'): Promise<BreakGlass[]>;

  /** My inbox, newest first, with the count of unread notifications. */
  listNotifications(unreadOnly?: boolean): Promise<NotificationList>;
  markNotificationRead(id: string): Promise<void>;
  markAllNotificationsRead(): Promise<void>;
  /** Email the server would have sent (no SMTP configured, outside production); 404 otherwise. */
  listDevMail(): Promise<DevMail[]>;
  reviewBreakGlass(id: string, body: ReviewBreakGlass): Promise<void>;

  /** Called when any request learns the session has ended (401); returns an unsubscribe function. */
  onSessionLost(listener: () => void): () => void;
}

interface Parser<T> {
  parse(data: unknown): T;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpApiClientOptions {
  /** Prefix for every path; '' means same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

function queryString(params: object | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const segment = encodeURIComponent;
/** `{ id }` answers of creating endpoints. */
const idResultSchema: Parser<{ id: string }> = {
  parse(data) {
    const id = (data as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw new Error('Expected { id }');
    return { id };
  },
};

/** The real client: same-origin JSON over fetch with the session cookie and the CSRF header on writes. */
export function createHttpApiClient(options: HttpApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sessionLostListeners = new Set<() => void>();
  let csrfToken: string | null = null;

  async function request<T>(method: Method, path: string, parser: Parser<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (csrfToken) headers[CSRF_HEADER] = csrfToken;
    }
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
      });
    } catch {
      throw new ApiError('NETWORK_ERROR', 'Cannot reach the server.');
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = apiErrorFromBody(response.status, json, response.headers.get('retry-after'));
      if (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') {
        csrfToken = null;
        if (!path.startsWith('/api/auth/')) for (const listener of sessionLostListeners) listener();
      }
      throw error;
    }
    try {
      return parser.parse(json);
    } catch {
      throw new ApiError('UNEXPECTED_RESPONSE', 'The server answered in an unexpected shape.', {
        status: response.status,
      });
    }
  }

  async function sessionRequest(method: Method, path: string, body?: unknown): Promise<Session> {
    const session = await request(method, path, sessionSchema, body);
    csrfToken = session.csrfToken;
    return session;
  }

  return {
    async getSession() {
      try {
        return await sessionRequest('GET', '/api/auth/session');
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')) {
          return null;
        }
        throw error;
      }
    },
    login: (credentials) => sessionRequest('POST', '/api/auth/login', credentials),
    async logout() {
      try {
        await request('POST', '/api/auth/logout', okSchema);
      } finally {
        csrfToken = null;
      }
    },
    switchOrganization: (organizationId) => sessionRequest('POST', '/api/auth/organization', { organizationId }),
    async changePassword(body) {
      await request('POST', '/api/auth/password', okSchema, body);
    },

    listOrganizations: (params) => request('GET', `/api/admin/organizations${queryString(params)}`, organizationPageSchema),
    getOrganization: (id) => request('GET', `/api/admin/organizations/${segment(id)}`, organizationSchema),
    createOrganization: (body) => request('POST', '/api/admin/organizations', organizationSchema, body),
    updateOrganization: (id, body) => request('PATCH', `/api/admin/organizations/${segment(id)}`, organizationSchema, body),

    listLocations: async (organizationId) =>
      (await request('GET', `/api/admin/organizations/${segment(organizationId)}/locations`, locationListSchema)).items,
    createLocation: (organizationId, body) =>
      request('POST', `/api/admin/organizations/${segment(organizationId)}/locations`, locationSchema, body),
    updateLocation: (id, body) => request('PATCH', `/api/admin/locations/${segment(id)}`, locationSchema, body),

    listUsers: (params) => request('GET', `/api/admin/users${queryString(params)}`, userPageSchema),
    createUser: (body) => request('POST', '/api/admin/users', userSchema, body),
    updateUser: (id, body) => request('PATCH', `/api/admin/users/${segment(id)}`, userSchema, body),

    listMemberships: async (organizationId) =>
      (await request('GET', `/api/admin/organizations/${segment(organizationId)}/memberships`, membershipListSchema)).items,
    createMembership: (body) => request('POST', '/api/admin/memberships', membershipSchema, body),
    updateMembership: (id, body) => request('PATCH', `/api/admin/memberships/${segment(id)}`, membershipSchema, body),
    async deleteMembership(id) {
      await request('DELETE', `/api/admin/memberships/${segment(id)}`, okSchema);
    },

    listApiTokens: async (organizationId) =>
      (await request('GET', `/api/admin/organizations/${segment(organizationId)}/api-tokens`, apiTokenListSchema)).items,
    createApiToken: (organizationId, body) =>
      request('POST', `/api/admin/organizations/${segment(organizationId)}/api-tokens`, createdApiTokenSchema, body),
    revokeApiToken: (id) => request('POST', `/api/admin/api-tokens/${segment(id)}/revoke`, apiTokenSchema),

    listAuditEntries: (params) => request('GET', `/api/admin/audit${queryString(params)}`, auditPageSchema),
    verifyAuditChain: () => request('POST', '/api/admin/audit/verify', auditVerifySchema),

    searchPeople: (params) => request('GET', `/api/people${queryString(params)}`, personSearchResultSchema),
    checkDuplicates: async (body) => (await request('POST', '/api/people/duplicate-check', duplicateCheckResultSchema, body)).candidates,
    registerPerson: (body) => request('POST', '/api/people', idResultSchema, body),
    getPerson: (id, purpose) => request('GET', `/api/people/${segment(id)}${queryString({ purpose })}`, personDetailSchema),
    async updatePerson(id, body) {
      await request('PATCH', `/api/people/${segment(id)}`, okSchema, body);
    },
    async addIdentifier(personId, body) {
      await request('POST', `/api/people/${segment(personId)}/identifiers`, okSchema, body);
    },
    addCareTeamMember: (personId, body) => request('POST', `/api/people/${segment(personId)}/care-team`, idResultSchema, body),
    async endCareTeamMember(personId, memberId) {
      await request('POST', `/api/people/${segment(personId)}/care-team/${segment(memberId)}/end`, okSchema);
    },
    getTimeline: (personId, purpose) =>
      request('GET', `/api/people/${segment(personId)}/timeline${queryString({ purpose })}`, timelineSchema),
    addTimelineEvent: (personId, body) => request('POST', `/api/people/${segment(personId)}/events`, idResultSchema, body),
    mergePeople: (body) => request('POST', '/api/people/merge', mergeResultSchema, body),
    unmergePeople: (mergeId, body) => request('POST', `/api/people/merges/${segment(mergeId)}/unmerge`, mergeResultSchema, body),
    async searchNetworkOrganizations(q) {
      const list = await request('GET', `/api/organizations${queryString({ q })}`, networkOrganizationListSchema);
      return list.items.map((o) => ({ id: o.id, name: o.name }));
    },

    listConsents: async (personId) => (await request('GET', `/api/people/${segment(personId)}/consents`, consentListSchema)).items,
    createConsent: (personId, body) => request('POST', `/api/people/${segment(personId)}/consents`, consentSchema, body),
    getConsent: (id) => request('GET', `/api/consents/${segment(id)}`, consentSchema),
    updateConsent: (id, body) => request('PATCH', `/api/consents/${segment(id)}`, consentSchema, body),
    signConsent: (id, body) => request('POST', `/api/consents/${segment(id)}/sign`, consentSchema, body),
    revokeConsent: (id, body) => request('POST', `/api/consents/${segment(id)}/revoke`, consentSchema, body),
    recordConsentExpiryEvent: (id, body) => request('POST', `/api/consents/${segment(id)}/expiry-event`, consentSchema, body),

    listDisclosures: (personId, params) =>
      request('GET', `/api/people/${segment(personId)}/disclosures${queryString(params)}`, disclosureListSchema),
    startBreakGlass: (personId, body) => request('POST', `/api/people/${segment(personId)}/break-glass`, breakGlassStartedSchema, body),
    listBreakGlass: async (status) => (await request('GET', `/api/break-glass${queryString({ status })}`, breakGlassListSchema)).items,
    listNotifications: (unreadOnly) =>
      request('GET', `/api/notifications${queryString({ unread: unreadOnly ? 'true' : undefined })}`, notificationListSchema),
    async markNotificationRead(id) {
      await request('POST', `/api/notifications/${segment(id)}/read`, okSchema);
    },
    async markAllNotificationsRead() {
      await request('POST', '/api/notifications/read-all', okSchema);
    },
    listDevMail: async () => (await request('GET', '/api/dev/mailbox', devMailboxSchema)).items,
    async reviewBreakGlass(id, body) {
      await request('POST', `/api/break-glass/${segment(id)}/review`, okSchema, body);
    },

    ...createDirectoryHttpApi(request),
    ...createWorklistHttpApi(request),
    ...createSafetyHttpApi(request),

    onSessionLost(listener) {
      sessionLostListeners.add(listener);
      return () => sessionLostListeners.delete(listener);
    },
  };
}
