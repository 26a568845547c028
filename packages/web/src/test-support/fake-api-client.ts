import {
  createApiTokenSchema,
  createLocationSchema,
  createMembershipSchema,
  createOrganizationSchema,
  createUserSchema,
  loginRequestSchema,
  updateLocationSchema,
  updateMembershipSchema,
  updateOrganizationSchema,
  updateUserSchema,
  type ApiToken,
  type AuditEntry,
  type Notification,
  type Location,
  type Membership,
  type Organization,
  type Purpose,
  type Role,
  type Session,
  type User,
} from '@continuum/contracts';
import { ApiError } from '../api/api-error.ts';
import type { ApiClient } from '../api/client.ts';
import type { Page } from '../features/admin/api.ts';
import type { DirectoryOrganizationListParams } from '../features/directory/api.ts';
import { FakeDirectory } from '../features/directory/fake-api.ts';
import type { DevMail } from '../features/inbox/api.ts';
import type { PersonSearchParams } from '../features/people/api.ts';
import { FakeRegistry, type FakeActor } from '../features/people/fake-api.ts';
import { FakeSafety } from '../features/safety/fake-api.ts';
import { FakeWorklist } from '../features/worklist/fake-api.ts';

interface Validator<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Validates like the server: the contract schema, with field paths prefixed by "body.". */
function validate<T>(schema: Validator<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ApiError('VALIDATION_FAILED', 'The request is not valid.', {
    status: 422,
    fields: result.error.issues.map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message })),
  });
}

let sequence = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;
const now = () => new Date(Date.UTC(2026, 2, 4, 15, 0, sequence)).toISOString();

export function anOrganization(overrides: Partial<Organization> = {}): Organization {
  const at = now();
  return {
    id: nextId(),
    name: 'Harbor Treatment Center',
    type: 'opioid_treatment_program',
    description: null,
    website: null,
    phone: null,
    email: null,
    active: true,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export interface FakeAccount {
  id: string;
  email: string;
  displayName: string;
  password: string;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
}

type FailableMethod = Exclude<keyof ApiClient, 'onSessionLost'>;

/**
 * An in-memory stand-in for the Continuum API, implementing the same `ApiClient` interface over the
 * contract types and validating bodies with the contract schemas. Tests arrange a world (organizations,
 * people, memberships), act through the UI, and assert what the person sees.
 */
export class FakeApiClient implements ApiClient {
  organizations: Organization[] = [];
  accounts: FakeAccount[] = [];
  memberships: Membership[] = [];
  locations: Location[] = [];
  tokens: ApiToken[] = [];
  /** People, timelines, consents, disclosures and break-glass (see fake-registry.ts). */
  registry = new FakeRegistry(() => this.organizations);
  /** Directory listings, capacity and the public locator (see fake-directory.ts). */
  directory = new FakeDirectory(() => this.buildSession());
  /** Navigator worklists: outreach tasks and contact attempts (see fake-worklist.ts). */
  worklist = new FakeWorklist(() => this.buildSession());
  /** Prescribing safety: panels, taper plans and the prescriber report (see fake-safety.ts). */
  safety = new FakeSafety(() => this.buildSession());
  audit: AuditEntry[] = [];
  /** Inbox notifications, each for one account. */
  notifications: (Notification & { userId: string })[] = [];
  /** The development mailbox; null answers 404 as a server with SMTP (or in production) does. */
  devMail: (DevMail & { userId: string })[] | null = [];
  private current: { userId: string; activeOrganizationId: string | null } | null = null;
  private failures = new Map<FailableMethod, ApiError[]>();
  private sessionLostListeners = new Set<() => void>();

  addOrganization(overrides: Partial<Organization> = {}): Organization {
    const organization = anOrganization(overrides);
    this.organizations.push(organization);
    return organization;
  }

  /** Adds a person with an account and a membership (with roles) in each given organization. */
  addPerson(options: { email: string; displayName: string; password?: string; memberships?: [Organization, Role[]][] }): FakeAccount {
    const account: FakeAccount = {
      id: nextId(),
      email: options.email,
      displayName: options.displayName,
      password: options.password ?? 'correct horse battery staple',
      status: 'active',
      lockedUntil: null,
    };
    this.accounts.push(account);
    for (const [organization, roles] of options.memberships ?? []) this.addMembership(account, organization, roles);
    return account;
  }

  /** Starts the test already signed in as this person, in their first organization. */
  signInAs(account: FakeAccount): this {
    this.current = { userId: account.id, activeOrganizationId: this.membershipsOf(account.id)[0]?.organizationId ?? null };
    return this;
  }

  /** The next call of `method` fails with this error (e.g. ACCOUNT_LOCKED, RATE_LIMITED). */
  failNext(method: FailableMethod, error: ApiError): this {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
    return this;
  }

  /** Simulates the server ending the session (expiry, sign-out elsewhere). */
  expireSession(): void {
    this.current = null;
    for (const listener of this.sessionLostListeners) listener();
  }

  private addMembership(account: FakeAccount, organization: Organization, roles: Role[]): Membership {
    const membership: Membership = {
      id: nextId(),
      userId: account.id,
      organizationId: organization.id,
      userEmail: account.email,
      userDisplayName: account.displayName,
      roles,
      createdAt: now(),
    };
    this.memberships.push(membership);
    return membership;
  }

  private membershipsOf(userId: string) {
    return this.memberships.filter((membership) => membership.userId === userId);
  }

  private takeFailure(method: FailableMethod): void {
    const queue = this.failures.get(method);
    const failure = queue?.shift();
    if (failure) throw failure;
  }

  private buildSession(): Session {
    if (!this.current) throw new ApiError('UNAUTHENTICATED', 'Sign in to continue.', { status: 401 });
    const { userId, activeOrganizationId } = this.current;
    const account = this.accounts.find((item) => item.id === userId);
    if (!account) throw new ApiError('UNAUTHENTICATED', 'Sign in to continue.', { status: 401 });
    const memberships = this.membershipsOf(userId).map((membership) => {
      const organization = this.getOrganizationRecord(membership.organizationId);
      return {
        organizationId: organization.id,
        organizationName: organization.name,
        organizationType: organization.type,
        roles: membership.roles,
      };
    });
    return {
      user: { id: account.id, email: account.email, displayName: account.displayName },
      memberships,
      activeOrganizationId,
      roles: memberships.find((membership) => membership.organizationId === activeOrganizationId)?.roles ?? [],
      csrfToken: 'fake-csrf-token',
      expiresAt: new Date(Date.UTC(2026, 2, 4, 23, 0, 0)).toISOString(),
    };
  }

  /** Administration calls need network_admin, or org_admin for their own organization. */
  private requireAdmin(organizationId?: string): Session {
    const session = this.buildSession();
    const isAllowed =
      session.roles.includes('network_admin') ||
      (session.roles.includes('org_admin') && (organizationId === undefined || organizationId === session.activeOrganizationId));
    if (!isAllowed) throw new ApiError('FORBIDDEN', 'You do not have permission to do this.', { status: 403 });
    return session;
  }

  private requireNetworkAdmin(): Session {
    const session = this.buildSession();
    if (!session.roles.includes('network_admin'))
      throw new ApiError('FORBIDDEN', 'You do not have permission to do this.', { status: 403 });
    return session;
  }

  private getOrganizationRecord(id: string): Organization {
    const organization = this.organizations.find((item) => item.id === id);
    if (!organization) throw new ApiError('ORGANIZATION_NOT_FOUND', 'Organization not found.', { status: 404 });
    return organization;
  }

  private toUser(account: FakeAccount): User {
    return {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      status: account.status,
      lockedUntil: account.lockedUntil,
      lastLoginAt: null,
      createdAt: now(),
      memberships: this.membershipsOf(account.id).map((membership) => ({
        id: membership.id,
        organizationId: membership.organizationId,
        organizationName: this.getOrganizationRecord(membership.organizationId).name,
        roles: membership.roles,
      })),
    };
  }

  private page<T>(items: T[], params: { limit?: number; offset?: number } = {}): Page<T> {
    const offset = params.offset ?? 0;
    return { items: items.slice(offset, offset + (params.limit ?? 50)), total: items.length };
  }

  // ── ApiClient ──────────────────────────────────────────────────────────────
  async getSession() {
    this.takeFailure('getSession');
    return this.current ? this.buildSession() : null;
  }

  async login(credentials: unknown) {
    this.takeFailure('login');
    const { email, password } = validate(loginRequestSchema, credentials);
    const account = this.accounts.find((item) => item.email === email.toLowerCase());
    if (!account || account.password !== password || account.status !== 'active') {
      throw new ApiError('INVALID_CREDENTIALS', 'Invalid email or password.', { status: 401 });
    }
    this.signInAs(account);
    return this.buildSession();
  }

  async logout() {
    this.takeFailure('logout');
    this.current = null;
  }

  async switchOrganization(organizationId: string) {
    this.takeFailure('switchOrganization');
    const session = this.buildSession();
    if (!session.memberships.some((membership) => membership.organizationId === organizationId)) {
      throw new ApiError('NOT_A_MEMBER', 'You are not a member of that organization.', { status: 403 });
    }
    if (this.current) this.current.activeOrganizationId = organizationId;
    return this.buildSession();
  }

  async changePassword() {
    this.takeFailure('changePassword');
    this.buildSession();
  }

  async listOrganizations(params: { q?: string; type?: string; limit?: number; offset?: number } = {}) {
    this.takeFailure('listOrganizations');
    const session = this.requireAdmin();
    const isNetworkAdmin = session.roles.includes('network_admin');
    const q = params.q?.toLowerCase();
    const items = this.organizations.filter(
      (organization) =>
        (isNetworkAdmin || organization.id === session.activeOrganizationId) &&
        (!q || organization.name.toLowerCase().includes(q)) &&
        (!params.type || organization.type === params.type),
    );
    return this.page(items, params);
  }

  async getOrganization(id: string) {
    this.takeFailure('getOrganization');
    this.requireAdmin(id);
    return this.getOrganizationRecord(id);
  }

  async createOrganization(body: unknown) {
    this.takeFailure('createOrganization');
    this.requireNetworkAdmin();
    const input = validate(createOrganizationSchema, body);
    return this.addOrganization({
      ...input,
      description: input.description ?? null,
      website: input.website ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
    });
  }

  async updateOrganization(id: string, body: unknown) {
    this.takeFailure('updateOrganization');
    this.requireAdmin(id);
    const input = validate(updateOrganizationSchema, body);
    const organization = this.getOrganizationRecord(id);
    Object.assign(organization, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)), {
      updatedAt: now(),
    });
    return { ...organization };
  }

  async listLocations(organizationId: string) {
    this.takeFailure('listLocations');
    this.requireAdmin(organizationId);
    return this.locations.filter((location) => location.organizationId === organizationId);
  }

  async createLocation(organizationId: string, body: unknown) {
    this.takeFailure('createLocation');
    this.requireAdmin(organizationId);
    const input = validate(createLocationSchema, body);
    const at = now();
    const location: Location = {
      id: nextId(),
      organizationId,
      ...input,
      address2: input.address2 ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      active: true,
      createdAt: at,
      updatedAt: at,
    };
    this.locations.push(location);
    return location;
  }

  async updateLocation(id: string, body: unknown) {
    this.takeFailure('updateLocation');
    const location = this.locations.find((item) => item.id === id);
    if (!location) throw new ApiError('LOCATION_NOT_FOUND', 'Location not found.', { status: 404 });
    this.requireAdmin(location.organizationId);
    Object.assign(location, validate(updateLocationSchema, body), { updatedAt: now() });
    return { ...location };
  }

  async listUsers(params: { q?: string; organizationId?: string; limit?: number; offset?: number } = {}) {
    this.takeFailure('listUsers');
    this.requireAdmin();
    const q = params.q?.toLowerCase();
    const items = this.accounts
      .filter((account) => !q || `${account.displayName} ${account.email}`.toLowerCase().includes(q))
      .filter((account) => !params.organizationId || this.membershipsOf(account.id).some((m) => m.organizationId === params.organizationId))
      .map((account) => this.toUser(account));
    return this.page(items, params);
  }

  async createUser(body: unknown) {
    this.takeFailure('createUser');
    const input = validate(createUserSchema, body);
    this.requireAdmin(input.organizationId);
    if (this.accounts.some((account) => account.email === input.email.toLowerCase())) {
      throw new ApiError('EMAIL_TAKEN', 'That email address is already in use.', { status: 409 });
    }
    const account = this.addPerson({
      email: input.email.toLowerCase(),
      displayName: input.displayName,
      password: input.password,
      memberships: [[this.getOrganizationRecord(input.organizationId), input.roles]],
    });
    return this.toUser(account);
  }

  async updateUser(id: string, body: unknown) {
    this.takeFailure('updateUser');
    this.requireAdmin();
    const input = validate(updateUserSchema, body);
    const account = this.accounts.find((item) => item.id === id);
    if (!account) throw new ApiError('USER_NOT_FOUND', 'User not found.', { status: 404 });
    if (input.displayName !== undefined) account.displayName = input.displayName;
    if (input.status !== undefined) account.status = input.status;
    if (input.unlock) account.lockedUntil = null;
    return this.toUser(account);
  }

  async listMemberships(organizationId: string) {
    this.takeFailure('listMemberships');
    this.requireAdmin(organizationId);
    return this.memberships.filter((membership) => membership.organizationId === organizationId);
  }

  async createMembership(body: unknown) {
    this.takeFailure('createMembership');
    const input = validate(createMembershipSchema, body);
    this.requireAdmin(input.organizationId);
    const account = this.accounts.find((item) => item.id === input.userId);
    if (!account) throw new ApiError('USER_NOT_FOUND', 'User not found.', { status: 404 });
    return this.addMembership(account, this.getOrganizationRecord(input.organizationId), input.roles);
  }

  async updateMembership(id: string, body: unknown) {
    this.takeFailure('updateMembership');
    const membership = this.memberships.find((item) => item.id === id);
    if (!membership) throw new ApiError('MEMBERSHIP_NOT_FOUND', 'Membership not found.', { status: 404 });
    this.requireAdmin(membership.organizationId);
    membership.roles = validate(updateMembershipSchema, body).roles;
    return { ...membership };
  }

  async deleteMembership(id: string) {
    this.takeFailure('deleteMembership');
    const membership = this.memberships.find((item) => item.id === id);
    if (!membership) throw new ApiError('MEMBERSHIP_NOT_FOUND', 'Membership not found.', { status: 404 });
    this.requireAdmin(membership.organizationId);
    this.memberships = this.memberships.filter((item) => item.id !== id);
  }

  async listApiTokens(organizationId: string) {
    this.takeFailure('listApiTokens');
    this.requireAdmin(organizationId);
    return this.tokens.filter((token) => token.organizationId === organizationId);
  }

  async createApiToken(organizationId: string, body: unknown) {
    this.takeFailure('createApiToken');
    this.requireAdmin(organizationId);
    const input = validate(createApiTokenSchema, body);
    const token: ApiToken = {
      id: nextId(),
      organizationId,
      name: input.name,
      prefix: 'ctm_abc1',
      roles: input.roles,
      createdAt: now(),
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    };
    this.tokens.push(token);
    return { token, secret: 'ctm_abc1_fake-secret-for-tests' };
  }

  async revokeApiToken(id: string) {
    this.takeFailure('revokeApiToken');
    const token = this.tokens.find((item) => item.id === id);
    if (!token) throw new ApiError('API_TOKEN_NOT_FOUND', 'API token not found.', { status: 404 });
    this.requireAdmin(token.organizationId);
    token.revokedAt = now();
    return { ...token };
  }

  async listAuditEntries(params: { action?: string; entityType?: string; limit?: number; offset?: number } = {}) {
    this.takeFailure('listAuditEntries');
    const session = this.buildSession();
    if (!session.roles.includes('network_admin') && !session.roles.includes('privacy_officer')) {
      throw new ApiError('FORBIDDEN', 'You do not have permission to do this.', { status: 403 });
    }
    const items = this.audit.filter(
      (entry) => (!params.action || entry.action === params.action) && (!params.entityType || entry.entityType === params.entityType),
    );
    return this.page(items, params);
  }

  async verifyAuditChain() {
    this.takeFailure('verifyAuditChain');
    this.requireNetworkAdmin();
    return { ok: true, checked: this.audit.length, firstBrokenId: null, reason: null };
  }

  // ── People and consent (delegated to the fake registry) ───────────────────
  /** Adds a notification to an account's inbox (newest first when listed). */
  addNotification(account: FakeAccount, overrides: Partial<Notification> = {}): Notification {
    const notification: Notification = {
      id: nextId(),
      kind: 'system.message',
      title: 'A notification',
      body: null,
      link: null,
      organizationId: null,
      createdAt: new Date(Date.UTC(2026, 10, 1, 9, this.notifications.length)).toISOString(),
      readAt: null,
      ...overrides,
    };
    this.notifications.push({ ...notification, userId: account.id });
    return notification;
  }

  private inboxOf(): (Notification & { userId: string })[] {
    const userId = this.actor().userId;
    return this.notifications.filter((n) => n.userId === userId);
  }

  listNotifications = async (unreadOnly?: boolean) => {
    this.takeFailure('listNotifications');
    const mine = this.inboxOf().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const strip = ({ userId: _userId, ...n }: Notification & { userId: string }): Notification => n;
    return { items: mine.filter((n) => !unreadOnly || n.readAt === null).map(strip), unread: mine.filter((n) => n.readAt === null).length };
  };

  markNotificationRead = async (id: string) => {
    this.takeFailure('markNotificationRead');
    const found = this.inboxOf().find((n) => n.id === id);
    if (!found) throw new ApiError('NOTIFICATION_NOT_FOUND', 'Not found.', { status: 404 });
    found.readAt ??= new Date(Date.UTC(2026, 10, 2)).toISOString();
  };

  markAllNotificationsRead = async () => {
    this.takeFailure('markAllNotificationsRead');
    for (const n of this.inboxOf()) n.readAt ??= new Date(Date.UTC(2026, 10, 2)).toISOString();
  };

  listDevMail = async () => {
    this.takeFailure('listDevMail');
    if (this.devMail === null)
      throw new ApiError('NOT_FOUND', 'The development mailbox exists only without SMTP, outside production.', { status: 404 });
    const userId = this.actor().userId;
    return this.devMail.filter((m) => m.userId === userId).map(({ userId: _userId, ...m }) => m);
  };

  private actor(): FakeActor {
    const session = this.buildSession();
    return {
      userId: session.user.id,
      userName: session.user.displayName,
      organizationId: session.activeOrganizationId,
      roles: session.roles,
    };
  }

  private async registryCall<T>(method: FailableMethod, call: (actor: FakeActor) => T): Promise<T> {
    this.takeFailure(method);
    return call(this.actor());
  }

  searchPeople = (params: PersonSearchParams) => this.registryCall('searchPeople', (a) => this.registry.searchPeople(a, params));
  checkDuplicates = (body: unknown) => this.registryCall('checkDuplicates', (a) => this.registry.checkDuplicates(a, body));
  registerPerson = (body: unknown) => this.registryCall('registerPerson', (a) => this.registry.registerPerson(a, body));
  getPerson = (id: string) => this.registryCall('getPerson', (a) => this.registry.getPerson(a, id));
  updatePerson = (id: string, body: unknown) => this.registryCall('updatePerson', (a) => this.registry.updatePerson(a, id, body));
  addIdentifier = (id: string, body: unknown) => this.registryCall('addIdentifier', (a) => this.registry.addIdentifier(a, id, body));
  addCareTeamMember = (id: string, body: unknown) =>
    this.registryCall('addCareTeamMember', (a) => this.registry.addCareTeamMember(a, id, body));
  endCareTeamMember = (id: string, memberId: string) =>
    this.registryCall('endCareTeamMember', (a) => this.registry.endCareTeamMember(a, id, memberId));
  getTimeline = (id: string, purpose?: Purpose) => this.registryCall('getTimeline', (a) => this.registry.getTimeline(a, id, purpose));
  addTimelineEvent = (id: string, body: unknown) =>
    this.registryCall('addTimelineEvent', (a) => this.registry.addTimelineEvent(a, id, body));
  mergePeople = (body: unknown) => this.registryCall('mergePeople', (a) => this.registry.mergePeople(a, body));
  unmergePeople = (mergeId: string, body: unknown) =>
    this.registryCall('unmergePeople', (a) => this.registry.unmergePeople(a, mergeId, body));
  searchNetworkOrganizations = (q: string) =>
    this.registryCall('searchNetworkOrganizations', () => this.registry.searchNetworkOrganizations(q));
  listConsents = (personId: string) => this.registryCall('listConsents', (a) => this.registry.listConsents(a, personId));
  createConsent = (personId: string, body: unknown) =>
    this.registryCall('createConsent', (a) => this.registry.createConsent(a, personId, body));
  getConsent = (id: string) => this.registryCall('getConsent', (a) => this.registry.getConsent(a, id));
  updateConsent = (id: string, body: unknown) => this.registryCall('updateConsent', (a) => this.registry.updateConsent(a, id, body));
  signConsent = (id: string, body: unknown) => this.registryCall('signConsent', (a) => this.registry.signConsent(a, id, body));
  revokeConsent = (id: string, body: unknown) => this.registryCall('revokeConsent', (a) => this.registry.revokeConsent(a, id, body));
  recordConsentExpiryEvent = (id: string, body: unknown) =>
    this.registryCall('recordConsentExpiryEvent', (a) => this.registry.recordConsentExpiryEvent(a, id, body));
  listDisclosures = (personId: string, params?: { from?: string; to?: string }) =>
    this.registryCall('listDisclosures', (a) => this.registry.listDisclosures(a, personId, params));
  startBreakGlass = (personId: string, body: unknown) =>
    this.registryCall('startBreakGlass', (a) => this.registry.startBreakGlass(a, personId, body));
  listBreakGlass = (status: 'open' | 'closed') => this.registryCall('listBreakGlass', (a) => this.registry.listBreakGlass(a, status));
  reviewBreakGlass = (id: string, body: unknown) =>
    this.registryCall('reviewBreakGlass', (a) => this.registry.reviewBreakGlass(a, id, body));

  // ── Directory and public locator (delegated to the fake directory) ─────────
  private async directoryCall<T>(method: FailableMethod, call: () => T): Promise<T> {
    this.takeFailure(method);
    return call();
  }

  searchLocator = (params: Parameters<ApiClient['searchLocator']>[0]) =>
    this.directoryCall('searchLocator', () => this.directory.searchLocator(params));
  getLocatorService = (id: string) => this.directoryCall('getLocatorService', () => this.directory.getLocatorService(id));
  listLocatorTowns = () => this.directoryCall('listLocatorTowns', () => this.directory.listLocatorTowns());
  listDirectoryOrganizations = (params?: DirectoryOrganizationListParams) =>
    this.directoryCall('listDirectoryOrganizations', () => this.directory.listOrganizations(params));
  getDirectoryOrganization = (id: string) => this.directoryCall('getDirectoryOrganization', () => this.directory.getOrganization(id));
  createDirectoryOrganization = (body: unknown) =>
    this.directoryCall('createDirectoryOrganization', () => this.directory.createOrganization(body));
  updateDirectoryOrganization = (id: string, body: unknown) =>
    this.directoryCall('updateDirectoryOrganization', () => this.directory.updateOrganization(id, body));
  verifyDirectoryOrganization = (id: string) =>
    this.directoryCall('verifyDirectoryOrganization', () => this.directory.verifyOrganization(id));
  listDirectoryLocations = (organizationId: string) =>
    this.directoryCall('listDirectoryLocations', () => this.directory.listLocations(organizationId));
  createDirectoryLocation = (organizationId: string, body: unknown) =>
    this.directoryCall('createDirectoryLocation', () => this.directory.createLocation(organizationId, body));
  updateDirectoryLocation = (id: string, body: unknown) =>
    this.directoryCall('updateDirectoryLocation', () => this.directory.updateLocation(id, body));
  listDirectoryServices = (organizationId: string) =>
    this.directoryCall('listDirectoryServices', () => this.directory.listServices(organizationId));
  getDirectoryService = (id: string) => this.directoryCall('getDirectoryService', () => this.directory.getService(id));
  createDirectoryService = (organizationId: string, body: unknown) =>
    this.directoryCall('createDirectoryService', () => this.directory.createService(organizationId, body));
  updateDirectoryService = (id: string, body: unknown) =>
    this.directoryCall('updateDirectoryService', () => this.directory.updateService(id, body));
  replaceServiceSchedules = (id: string, body: unknown) =>
    this.directoryCall('replaceServiceSchedules', () => this.directory.replaceSchedules(id, body));
  updateServiceCapacity = (id: string, body: unknown) =>
    this.directoryCall('updateServiceCapacity', () => this.directory.updateCapacity(id, body));
  listCapacityHistory = (id: string) => this.directoryCall('listCapacityHistory', () => this.directory.listHistory(id));
  listVerificationReminders = () => this.directoryCall('listVerificationReminders', () => this.directory.listReminders());

  // ── Navigator worklists (delegated to the fake worklist) ─────────
  listWorklist = (query?: Parameters<ApiClient['listWorklist']>[0]) => this.directoryCall('listWorklist', () => this.worklist.list(query));
  getWorklistTask = (id: string) => this.directoryCall('getWorklistTask', () => this.worklist.get(id));
  createWorklistTask = (body: unknown) => this.directoryCall('createWorklistTask', () => this.worklist.create(body));
  assignWorklistTask = (id: string, body: unknown) => this.directoryCall('assignWorklistTask', () => this.worklist.assign(id, body));
  snoozeWorklistTask = (id: string, body: unknown) => this.directoryCall('snoozeWorklistTask', () => this.worklist.snooze(id, body));
  completeWorklistTask = (id: string, body: unknown) => this.directoryCall('completeWorklistTask', () => this.worklist.complete(id, body));
  logContactAttempt = (id: string, body: unknown) => this.directoryCall('logContactAttempt', () => this.worklist.attempt(id, body));

  // ── Prescribing safety (delegated to the fake safety) ─────────
  getPersonSafety = (personId: string) => this.directoryCall('getPersonSafety', () => this.safety.getPersonSafety(personId));
  recordNaloxoneOffered = (personId: string, body: unknown) =>
    this.directoryCall('recordNaloxoneOffered', () => this.safety.recordNaloxoneOffered(personId, body));
  planTaper = (body: unknown) => this.directoryCall('planTaper', () => this.safety.planTaper(body));
  getPrescriberReport = (days?: number) => this.directoryCall('getPrescriberReport', () => this.safety.getPrescriberReport(days));

  onSessionLost(listener: () => void) {
    this.sessionLostListeners.add(listener);
    return () => {
      this.sessionLostListeners.delete(listener);
    };
  }
}
