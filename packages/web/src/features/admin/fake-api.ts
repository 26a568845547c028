// Longer than 300 lines because it fakes the twenty administration endpoints over the one network the session
// fake signs people in from; each is a few lines.
import {
  createApiTokenSchema,
  createLocationSchema,
  createMembershipSchema,
  createOrganizationSchema,
  createUserSchema,
  updateLocationSchema,
  updateMembershipSchema,
  updateOrganizationSchema,
  updateUserSchema,
  personLevelRoles,
  type AccessGrant,
  type ApiToken,
  type AuditEntry,
  type EhrConnection,
  type Location,
  type Membership,
  type Organization,
  type Role,
  type Session,
  type User,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import { validateLikeServer } from '../../test-support/fake-validate.ts';
import type { AdminApi, Page } from './api.ts';

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

/**
 * The network in memory: organizations, accounts, memberships, locations, API tokens and the audit log,
 * with the administration endpoints over them (validated with the contract schemas, authorized like the
 * server's admin policy). The session fake (`test-support/fake-api-client.ts`) signs people in from it.
 */
export class FakeAdmin implements AdminApi {
  organizations: Organization[] = [];
  accounts: FakeAccount[] = [];
  memberships: Membership[] = [];
  locations: Location[] = [];
  tokens: ApiToken[] = [];
  audit: AuditEntry[] = [];
  ehrConnections: EhrConnection[] = [];
  grants: AccessGrant[] = [];

  constructor(private readonly session: () => Session) {}

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

  addMembership(account: FakeAccount, organization: Organization, roles: Role[]): Membership {
    const membership: Membership = {
      id: nextId(),
      userId: account.id,
      organizationId: organization.id,
      userEmail: account.email,
      userDisplayName: account.displayName,
      roles,
      pendingRoles: [],
      createdAt: now(),
    };
    this.memberships.push(membership);
    return membership;
  }

  membershipsOf(userId: string) {
    return this.memberships.filter((membership) => membership.userId === userId);
  }

  /** Administration calls need network_admin, or org_admin for their own organization. */
  async listEhrConnections() {
    this.requireNetworkAdmin();
    return this.ehrConnections.map((c) => ({ ...c }));
  }

  private requireAdmin(organizationId?: string): Session {
    const session = this.session();
    const isAllowed =
      session.roles.includes('network_admin') ||
      (session.roles.includes('org_admin') && (organizationId === undefined || organizationId === session.activeOrganizationId));
    if (!isAllowed) throw new ApiError('FORBIDDEN', 'You do not have permission to do this.', { status: 403 });
    return session;
  }

  private requireNetworkAdmin(): Session {
    const session = this.session();
    if (!session.roles.includes('network_admin'))
      throw new ApiError('FORBIDDEN', 'You do not have permission to do this.', { status: 403 });
    return session;
  }

  getOrganizationRecord(id: string): Organization {
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

  async listOrganizations(params: { q?: string; type?: string; limit?: number; offset?: number } = {}) {
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
    this.requireAdmin(id);
    return this.getOrganizationRecord(id);
  }

  async createOrganization(body: unknown) {
    this.requireNetworkAdmin();
    const input = validateLikeServer(createOrganizationSchema, body);
    return this.addOrganization({
      ...input,
      description: input.description ?? null,
      website: input.website ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
    });
  }

  async updateOrganization(id: string, body: unknown) {
    this.requireAdmin(id);
    const input = validateLikeServer(updateOrganizationSchema, body);
    const organization = this.getOrganizationRecord(id);
    Object.assign(organization, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)), {
      updatedAt: now(),
    });
    return { ...organization };
  }

  async listLocations(organizationId: string) {
    this.requireAdmin(organizationId);
    return this.locations.filter((location) => location.organizationId === organizationId);
  }

  async createLocation(organizationId: string, body: unknown) {
    this.requireAdmin(organizationId);
    const input = validateLikeServer(createLocationSchema, body);
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
    const location = this.locations.find((item) => item.id === id);
    if (!location) throw new ApiError('LOCATION_NOT_FOUND', 'Location not found.', { status: 404 });
    this.requireAdmin(location.organizationId);
    Object.assign(location, validateLikeServer(updateLocationSchema, body), { updatedAt: now() });
    return { ...location };
  }

  async listUsers(params: { q?: string; organizationId?: string; limit?: number; offset?: number } = {}) {
    this.requireAdmin();
    const q = params.q?.toLowerCase();
    const items = this.accounts
      .filter((account) => !q || `${account.displayName} ${account.email}`.toLowerCase().includes(q))
      .filter((account) => !params.organizationId || this.membershipsOf(account.id).some((m) => m.organizationId === params.organizationId))
      .map((account) => this.toUser(account));
    return this.page(items, params);
  }

  async createUser(body: unknown) {
    const input = validateLikeServer(createUserSchema, body);
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
    this.requireAdmin();
    const input = validateLikeServer(updateUserSchema, body);
    const account = this.accounts.find((item) => item.id === id);
    if (!account) throw new ApiError('USER_NOT_FOUND', 'User not found.', { status: 404 });
    if (input.displayName !== undefined) account.displayName = input.displayName;
    if (input.status !== undefined) account.status = input.status;
    if (input.unlock) account.lockedUntil = null;
    return this.toUser(account);
  }

  async listMemberships(organizationId: string) {
    this.requireAdmin(organizationId);
    return this.memberships.filter((membership) => membership.organizationId === organizationId);
  }

  async createMembership(body: unknown) {
    const input = validateLikeServer(createMembershipSchema, body);
    this.requireAdmin(input.organizationId);
    const account = this.accounts.find((item) => item.id === input.userId);
    if (!account) throw new ApiError('USER_NOT_FOUND', 'User not found.', { status: 404 });
    const membership = this.addMembership(account, this.getOrganizationRecord(input.organizationId), input.roles);
    this.holdSelfGrant(membership, input.roles);
    return { ...membership };
  }

  /** Like the server: person-level roles an administrator gives themselves wait for a second administrator. */
  private holdSelfGrant(membership: Membership, added: readonly Role[]) {
    if (membership.userId !== this.session().user.id) return;
    const waiting = added.filter((role) => personLevelRoles.includes(role));
    if (waiting.length === 0) return;
    membership.roles = membership.roles.filter((role) => !waiting.includes(role));
    membership.pendingRoles = waiting;
    this.grants.push(this.grantFor('membership', membership.organizationId, waiting, membership.userDisplayName, null, membership.id));
  }

  private grantFor(
    kind: AccessGrant['kind'],
    organizationId: string,
    roles: Role[],
    userDisplayName: string | null,
    apiTokenName: string | null,
    targetId: string,
  ): AccessGrant {
    const session = this.session();
    return {
      id: nextId(),
      kind,
      organizationId,
      organizationName: this.getOrganizationRecord(organizationId).name,
      membershipId: kind === 'membership' ? targetId : null,
      userDisplayName,
      apiTokenId: kind === 'api_token' ? targetId : null,
      apiTokenName,
      roles,
      status: 'pending',
      requestedByUserId: session.user.id,
      requestedByName: session.user.displayName,
      requestedAt: now(),
      decidedByName: null,
      decidedAt: null,
    };
  }

  async listAccessGrants(status: 'pending' | 'decided') {
    this.requireAdmin();
    return this.grants.filter((grant) => (status === 'pending') === (grant.status === 'pending'));
  }

  async decideAccessGrant(id: string, decision: 'approve' | 'reject') {
    const grant = this.grants.find((item) => item.id === id);
    if (!grant) throw new ApiError('NOT_FOUND', 'No such grant.', { status: 404 });
    const session = this.requireAdmin(grant.organizationId);
    if (grant.requestedByUserId === session.user.id)
      throw new ApiError('FORBIDDEN', 'A second administrator must decide a grant you asked for or that is yours.', { status: 403 });
    if (grant.status !== 'pending') throw new ApiError('CONFLICT', 'This grant is already decided.', { status: 409 });
    grant.status = decision === 'approve' ? 'approved' : 'rejected';
    grant.decidedByName = session.user.displayName;
    grant.decidedAt = now();
    const membership = this.memberships.find((item) => item.id === grant.membershipId);
    if (membership) {
      if (decision === 'approve') membership.roles = [...new Set([...membership.roles, ...grant.roles])];
      membership.pendingRoles = [];
    }
    const token = this.tokens.find((item) => item.id === grant.apiTokenId);
    if (token) {
      token.awaitingApproval = false;
      if (decision === 'reject') token.revokedAt = now();
    }
    return { ...grant };
  }

  async updateMembership(id: string, body: unknown) {
    const membership = this.memberships.find((item) => item.id === id);
    if (!membership) throw new ApiError('MEMBERSHIP_NOT_FOUND', 'Membership not found.', { status: 404 });
    this.requireAdmin(membership.organizationId);
    const roles = validateLikeServer(updateMembershipSchema, body).roles;
    const added = roles.filter((role) => !membership.roles.includes(role));
    membership.roles = roles;
    this.holdSelfGrant(membership, added);
    return { ...membership };
  }

  async deleteMembership(id: string) {
    const membership = this.memberships.find((item) => item.id === id);
    if (!membership) throw new ApiError('MEMBERSHIP_NOT_FOUND', 'Membership not found.', { status: 404 });
    this.requireAdmin(membership.organizationId);
    this.memberships = this.memberships.filter((item) => item.id !== id);
  }

  async listApiTokens(organizationId: string) {
    this.requireAdmin(organizationId);
    return this.tokens.filter((token) => token.organizationId === organizationId);
  }

  async createApiToken(organizationId: string, body: unknown) {
    this.requireAdmin(organizationId);
    const input = validateLikeServer(createApiTokenSchema, body);
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
      // The minting administrator holds the secret: a person-level token waits for a second administrator.
      awaitingApproval: input.roles.some((role) => personLevelRoles.includes(role)),
    };
    this.tokens.push(token);
    if (token.awaitingApproval)
      this.grants.push(
        this.grantFor(
          'api_token',
          organizationId,
          input.roles.filter((role) => personLevelRoles.includes(role)),
          null,
          token.name,
          token.id,
        ),
      );
    return { token, secret: 'ctm_abc1_fake-secret-for-tests' };
  }

  async revokeApiToken(id: string) {
    const token = this.tokens.find((item) => item.id === id);
    if (!token) throw new ApiError('API_TOKEN_NOT_FOUND', 'API token not found.', { status: 404 });
    this.requireAdmin(token.organizationId);
    token.revokedAt = now();
    return { ...token };
  }

  async listAuditEntries(params: { action?: string; entityType?: string; limit?: number; offset?: number } = {}) {
    const session = this.session();
    if (!session.roles.includes('network_admin') && !session.roles.includes('privacy_officer')) {
      throw new ApiError('FORBIDDEN', 'You do not have permission to do this.', { status: 403 });
    }
    const items = this.audit.filter(
      (entry) => (!params.action || entry.action === params.action) && (!params.entityType || entry.entityType === params.entityType),
    );
    return this.page(items, params);
  }

  async verifyAuditChain() {
    this.requireNetworkAdmin();
    return {
      ok: true,
      checked: this.audit.length,
      firstBrokenId: null,
      reason: null,
      lastCheckpointAt: null,
      pending: 0,
      pendingSince: null,
    };
  }
}
