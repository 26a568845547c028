// Longer than 300 lines: one short line per ApiClient method, each handing the call to its feature's fake; a list, not logic.
import { loginRequestSchema, type Organization, type Purpose, type Role, type Session } from '@continuum/contracts';
import { ApiError } from '../api/api-error.ts';
import type { ApiClient } from '../api/client.ts';
import { FakeAdmin, type FakeAccount } from '../features/admin/fake-api.ts';
import { FakeConsents } from '../features/consent/fake-api.ts';
import { FakeDirectory } from '../features/directory/fake-api.ts';
import { FakeInbox } from '../features/inbox/fake-api.ts';
import { FakeLocator } from '../features/locator/fake-api.ts';
import { FakeOrganizations } from '../features/organizations/fake-api.ts';
import type { PersonSearchParams } from '../features/people/api.ts';
import { FakeRegistry, type FakeActor } from '../features/people/fake-api.ts';
import { FakeSafety } from '../features/safety/fake-api.ts';
import { FakeWorklist } from '../features/worklist/fake-api.ts';

export { anOrganization, type FakeAccount } from '../features/admin/fake-api.ts';

type FailableMethod = Exclude<keyof ApiClient, 'onSessionLost'>;

/**
 * An in-memory stand-in for the Continuum API, implementing the same `ApiClient` interface from each
 * feature's fake (`features/<name>/fake-api.ts`), as the real client is composed from each feature's
 * `api.ts`. This file keeps only the session (sign-in, the active organization, expiry) and the
 * failure injection. Tests arrange a world (organizations, people, memberships), act through the UI,
 * and assert what the person sees.
 */
export class FakeApiClient implements ApiClient {
  /** Organizations, accounts, memberships, locations, API tokens and the audit log (see features/admin/fake-api.ts). */
  admin = new FakeAdmin(() => this.buildSession());
  /** People, timelines, consents, disclosures and break-glass (see features/people/fake-api.ts). */
  registry = new FakeRegistry(() => this.admin.organizations);
  /** The network organization search the pickers use (see features/organizations/fake-api.ts). */
  networkOrganizations = new FakeOrganizations(() => this.admin.organizations);
  /** Consent, disclosures and the emergency-access review over the registry (see features/consent/fake-api.ts). */
  consents = new FakeConsents(this.registry);
  /** Directory listings and capacity (see features/directory/fake-api.ts). */
  directory = new FakeDirectory(() => this.buildSession());
  /** The public locator over the same listings (see features/locator/fake-api.ts). */
  locator = new FakeLocator();
  /** Navigator worklists: outreach tasks and contact attempts (see features/worklist/fake-api.ts). */
  worklist = new FakeWorklist(() => this.buildSession());
  /** Prescribing safety: panels, taper plans and the prescriber report (see features/safety/fake-api.ts). */
  safety = new FakeSafety(() => this.buildSession());
  /** The inbox and the development mailbox (see features/inbox/fake-api.ts). */
  inbox = new FakeInbox(() => this.buildSession().user.id);
  private current: { userId: string; activeOrganizationId: string | null } | null = null;
  private failures = new Map<FailableMethod, ApiError[]>();
  private sessionLostListeners = new Set<() => void>();

  // ── Arranging a world ─────────────────────────────────────────────────────
  get organizations() {
    return this.admin.organizations;
  }
  get tokens() {
    return this.admin.tokens;
  }
  get audit() {
    return this.admin.audit;
  }
  get notifications() {
    return this.inbox.notifications;
  }
  get devMail() {
    return this.inbox.devMail;
  }
  set devMail(mail) {
    this.inbox.devMail = mail;
  }

  addOrganization(overrides: Partial<Organization> = {}): Organization {
    return this.admin.addOrganization(overrides);
  }

  /** Adds a person with an account and a membership (with roles) in each given organization. */
  addPerson(options: { email: string; displayName: string; password?: string; memberships?: [Organization, Role[]][] }): FakeAccount {
    return this.admin.addPerson(options);
  }

  /** Adds a notification to an account's inbox (newest first when listed). */
  addNotification(account: FakeAccount, overrides: Parameters<FakeInbox['addNotification']>[1] = {}) {
    return this.inbox.addNotification(account, overrides);
  }

  /** Starts the test already signed in as this person, in their first organization. */
  signInAs(account: FakeAccount): this {
    this.current = { userId: account.id, activeOrganizationId: this.admin.membershipsOf(account.id)[0]?.organizationId ?? null };
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

  private takeFailure(method: FailableMethod): void {
    const queue = this.failures.get(method);
    const failure = queue?.shift();
    if (failure) throw failure;
  }

  /** Runs one call of the API: a failure queued with `failNext` first, else the feature fake's answer. */
  private async call<T>(method: FailableMethod, answer: () => T | Promise<T>): Promise<T> {
    this.takeFailure(method);
    return answer();
  }

  private buildSession(): Session {
    if (!this.current) throw new ApiError('UNAUTHENTICATED', 'Sign in to continue.', { status: 401 });
    const { userId, activeOrganizationId } = this.current;
    const account = this.admin.accounts.find((item) => item.id === userId);
    if (!account) throw new ApiError('UNAUTHENTICATED', 'Sign in to continue.', { status: 401 });
    const memberships = this.admin.membershipsOf(userId).map((membership) => {
      const organization = this.admin.getOrganizationRecord(membership.organizationId);
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

  private actor(): FakeActor {
    const session = this.buildSession();
    return {
      userId: session.user.id,
      userName: session.user.displayName,
      organizationId: session.activeOrganizationId,
      roles: session.roles,
    };
  }

  // ── Session ───────────────────────────────────────────────────────────────
  getSession = () => this.call('getSession', () => (this.current ? this.buildSession() : null));

  login = (credentials: unknown) =>
    this.call('login', () => {
      const parsed = loginRequestSchema.safeParse(credentials);
      const account = parsed.success ? this.admin.accounts.find((item) => item.email === parsed.data.email.toLowerCase()) : undefined;
      if (!parsed.success || !account || account.password !== parsed.data.password || account.status !== 'active') {
        throw new ApiError('INVALID_CREDENTIALS', 'Invalid email or password.', { status: 401 });
      }
      this.signInAs(account);
      return this.buildSession();
    });

  logout = () =>
    this.call('logout', () => {
      this.current = null;
    });

  switchOrganization = (organizationId: string) =>
    this.call('switchOrganization', () => {
      const session = this.buildSession();
      if (!session.memberships.some((membership) => membership.organizationId === organizationId)) {
        throw new ApiError('NOT_A_MEMBER', 'You are not a member of that organization.', { status: 403 });
      }
      if (this.current) this.current.activeOrganizationId = organizationId;
      return this.buildSession();
    });

  changePassword = () =>
    this.call('changePassword', () => {
      this.buildSession();
    });

  onSessionLost(listener: () => void) {
    this.sessionLostListeners.add(listener);
    return () => {
      this.sessionLostListeners.delete(listener);
    };
  }

  // ── Administration ───────────────────────────────────────────────────────
  listOrganizations: ApiClient['listOrganizations'] = (params) =>
    this.call('listOrganizations', () => this.admin.listOrganizations(params));
  getOrganization = (id: string) => this.call('getOrganization', () => this.admin.getOrganization(id));
  createOrganization = (body: unknown) => this.call('createOrganization', () => this.admin.createOrganization(body));
  updateOrganization = (id: string, body: unknown) => this.call('updateOrganization', () => this.admin.updateOrganization(id, body));
  listLocations = (organizationId: string) => this.call('listLocations', () => this.admin.listLocations(organizationId));
  createLocation = (organizationId: string, body: unknown) =>
    this.call('createLocation', () => this.admin.createLocation(organizationId, body));
  updateLocation = (id: string, body: unknown) => this.call('updateLocation', () => this.admin.updateLocation(id, body));
  listUsers: ApiClient['listUsers'] = (params) => this.call('listUsers', () => this.admin.listUsers(params));
  createUser = (body: unknown) => this.call('createUser', () => this.admin.createUser(body));
  updateUser = (id: string, body: unknown) => this.call('updateUser', () => this.admin.updateUser(id, body));
  listMemberships = (organizationId: string) => this.call('listMemberships', () => this.admin.listMemberships(organizationId));
  createMembership = (body: unknown) => this.call('createMembership', () => this.admin.createMembership(body));
  updateMembership = (id: string, body: unknown) => this.call('updateMembership', () => this.admin.updateMembership(id, body));
  deleteMembership = (id: string) => this.call('deleteMembership', () => this.admin.deleteMembership(id));
  listApiTokens = (organizationId: string) => this.call('listApiTokens', () => this.admin.listApiTokens(organizationId));
  createApiToken = (organizationId: string, body: unknown) =>
    this.call('createApiToken', () => this.admin.createApiToken(organizationId, body));
  revokeApiToken = (id: string) => this.call('revokeApiToken', () => this.admin.revokeApiToken(id));
  listAuditEntries: ApiClient['listAuditEntries'] = (params) => this.call('listAuditEntries', () => this.admin.listAuditEntries(params));
  verifyAuditChain = () => this.call('verifyAuditChain', () => this.admin.verifyAuditChain());
  listEhrConnections = () => this.call('listEhrConnections', () => this.admin.listEhrConnections());
  listAccessGrants = (status: 'pending' | 'decided') => this.call('listAccessGrants', () => this.admin.listAccessGrants(status));
  decideAccessGrant = (id: string, decision: 'approve' | 'reject') =>
    this.call('decideAccessGrant', () => this.admin.decideAccessGrant(id, decision));

  // ── Inbox ─────────────────────────────────────────────────────────────────
  listNotifications = (unreadOnly?: boolean) => this.call('listNotifications', () => this.inbox.listNotifications(unreadOnly));
  markNotificationRead = (id: string) => this.call('markNotificationRead', () => this.inbox.markNotificationRead(id));
  markAllNotificationsRead = () => this.call('markAllNotificationsRead', () => this.inbox.markAllNotificationsRead());
  listDevMail = () => this.call('listDevMail', () => this.inbox.listDevMail());

  // ── People (the registry answers as the signed-in actor) ─────────────────
  searchPeople = (params: PersonSearchParams) => this.call('searchPeople', () => this.registry.searchPeople(this.actor(), params));
  checkDuplicates = (body: unknown) => this.call('checkDuplicates', () => this.registry.checkDuplicates(this.actor(), body));
  registerPerson = (body: unknown) => this.call('registerPerson', () => this.registry.registerPerson(this.actor(), body));
  getEhrLaunchPatient = (launchId: string) => this.call('getEhrLaunchPatient', () => this.registry.ehrLaunchPatient(launchId));
  getPerson = (id: string) => this.call('getPerson', () => this.registry.getPerson(this.actor(), id));
  updatePerson = (id: string, body: unknown) => this.call('updatePerson', () => this.registry.updatePerson(this.actor(), id, body));
  addIdentifier = (id: string, body: unknown) => this.call('addIdentifier', () => this.registry.addIdentifier(this.actor(), id, body));
  addCareTeamMember = (id: string, body: unknown) =>
    this.call('addCareTeamMember', () => this.registry.addCareTeamMember(this.actor(), id, body));
  endCareTeamMember = (id: string, memberId: string) =>
    this.call('endCareTeamMember', () => this.registry.endCareTeamMember(this.actor(), id, memberId));
  approveCareTeamMember = (id: string, memberId: string) =>
    this.call('approveCareTeamMember', () => this.registry.approveCareTeamMember(this.actor(), id, memberId));
  getTimeline = (id: string, purpose?: Purpose) => this.call('getTimeline', () => this.registry.getTimeline(this.actor(), id, purpose));
  addTimelineEvent = (id: string, body: unknown) =>
    this.call('addTimelineEvent', () => this.registry.addTimelineEvent(this.actor(), id, body));
  previewCareEventImport = (csv: string) =>
    this.call('previewCareEventImport', () => this.registry.importCareEvents(this.actor(), csv, false));
  importCareEvents = (csv: string) => this.call('importCareEvents', () => this.registry.importCareEvents(this.actor(), csv, true));
  recordCareEvent = (id: string, body: unknown) =>
    this.call('recordCareEvent', () => this.registry.recordCareEvent(this.actor(), id, body));
  mergePeople = (body: unknown) => this.call('mergePeople', () => this.registry.mergePeople(this.actor(), body));
  unmergePeople = (mergeId: string, body: unknown) =>
    this.call('unmergePeople', () => this.registry.unmergePeople(this.actor(), mergeId, body));
  searchNetworkOrganizations = (q: string) => this.call('searchNetworkOrganizations', () => this.networkOrganizations.search(q));
  startBreakGlass = (personId: string, body: unknown) =>
    this.call('startBreakGlass', () => this.registry.startBreakGlass(this.actor(), personId, body));

  // ── Consent, disclosures, emergency-access review ────────────────────────
  listConsents = (personId: string) => this.call('listConsents', () => this.consents.listConsents(this.actor(), personId));
  createConsent = (personId: string, body: unknown) =>
    this.call('createConsent', () => this.consents.createConsent(this.actor(), personId, body));
  getConsent = (id: string) => this.call('getConsent', () => this.consents.getConsent(this.actor(), id));
  updateConsent = (id: string, body: unknown) => this.call('updateConsent', () => this.consents.updateConsent(this.actor(), id, body));
  signConsent = (id: string, body: unknown) => this.call('signConsent', () => this.consents.signConsent(this.actor(), id, body));
  revokeConsent = (id: string, body: unknown) => this.call('revokeConsent', () => this.consents.revokeConsent(this.actor(), id, body));
  recordConsentExpiryEvent = (id: string, body: unknown) =>
    this.call('recordConsentExpiryEvent', () => this.consents.recordConsentExpiryEvent(this.actor(), id, body));
  listDisclosures = (personId: string, params?: { from?: string; to?: string }) =>
    this.call('listDisclosures', () => this.consents.listDisclosures(this.actor(), personId, params));
  listBreakGlass = (status: 'open' | 'closed') => this.call('listBreakGlass', () => this.consents.listBreakGlass(this.actor(), status));
  reviewBreakGlass = (id: string, body: unknown) =>
    this.call('reviewBreakGlass', () => this.consents.reviewBreakGlass(this.actor(), id, body));

  // ── Directory and the public locator ─────────────────────────────────────
  searchLocator: ApiClient['searchLocator'] = (params) => this.call('searchLocator', () => this.locator.searchLocator(params));
  getLocatorService = (id: string) => this.call('getLocatorService', () => this.locator.getLocatorService(id));
  listLocatorTowns = () => this.call('listLocatorTowns', () => this.locator.listLocatorTowns());
  getLocatorMap = () => this.call('getLocatorMap', () => this.locator.getLocatorMap());
  listDirectoryOrganizations: ApiClient['listDirectoryOrganizations'] = (params) =>
    this.call('listDirectoryOrganizations', () => this.directory.listOrganizations(params));
  getDirectoryOrganization = (id: string) => this.call('getDirectoryOrganization', () => this.directory.getOrganization(id));
  createDirectoryOrganization = (body: unknown) => this.call('createDirectoryOrganization', () => this.directory.createOrganization(body));
  updateDirectoryOrganization = (id: string, body: unknown) =>
    this.call('updateDirectoryOrganization', () => this.directory.updateOrganization(id, body));
  verifyDirectoryOrganization = (id: string) => this.call('verifyDirectoryOrganization', () => this.directory.verifyOrganization(id));
  listDirectoryLocations = (organizationId: string) =>
    this.call('listDirectoryLocations', () => this.directory.listLocations(organizationId));
  createDirectoryLocation = (organizationId: string, body: unknown) =>
    this.call('createDirectoryLocation', () => this.directory.createLocation(organizationId, body));
  updateDirectoryLocation = (id: string, body: unknown) =>
    this.call('updateDirectoryLocation', () => this.directory.updateLocation(id, body));
  listDirectoryServices = (organizationId: string) => this.call('listDirectoryServices', () => this.directory.listServices(organizationId));
  getDirectoryService = (id: string) => this.call('getDirectoryService', () => this.directory.getService(id));
  createDirectoryService = (organizationId: string, body: unknown) =>
    this.call('createDirectoryService', () => this.directory.createService(organizationId, body));
  updateDirectoryService = (id: string, body: unknown) => this.call('updateDirectoryService', () => this.directory.updateService(id, body));
  replaceServiceSchedules = (id: string, body: unknown) =>
    this.call('replaceServiceSchedules', () => this.directory.replaceSchedules(id, body));
  updateServiceCapacity = (id: string, body: unknown) => this.call('updateServiceCapacity', () => this.directory.updateCapacity(id, body));
  listCapacityHistory = (id: string) => this.call('listCapacityHistory', () => this.directory.listHistory(id));
  listVerificationReminders = () => this.call('listVerificationReminders', () => this.directory.listReminders());

  // ── Navigator worklists ──────────────────────────────────────────────────
  listWorklist: ApiClient['listWorklist'] = (query) => this.call('listWorklist', () => this.worklist.list(query));
  getWorklistTask = (id: string) => this.call('getWorklistTask', () => this.worklist.get(id));
  createWorklistTask = (body: unknown) => this.call('createWorklistTask', () => this.worklist.create(body));
  assignWorklistTask = (id: string, body: unknown) => this.call('assignWorklistTask', () => this.worklist.assign(id, body));
  snoozeWorklistTask = (id: string, body: unknown) => this.call('snoozeWorklistTask', () => this.worklist.snooze(id, body));
  completeWorklistTask = (id: string, body: unknown) => this.call('completeWorklistTask', () => this.worklist.complete(id, body));
  logContactAttempt = (id: string, body: unknown) => this.call('logContactAttempt', () => this.worklist.attempt(id, body));

  // ── Prescribing safety ───────────────────────────────────────────────────
  getPersonSafety = (personId: string) => this.call('getPersonSafety', () => this.safety.getPersonSafety(personId));
  recordNaloxoneOffered = (personId: string, body: unknown) =>
    this.call('recordNaloxoneOffered', () => this.safety.recordNaloxoneOffered(personId, body));
  planTaper = (body: unknown) => this.call('planTaper', () => this.safety.planTaper(body));
  getPrescriberReport = (days?: number) => this.call('getPrescriberReport', () => this.safety.getPrescriberReport(days));
}
