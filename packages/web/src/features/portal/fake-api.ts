import {
  portalCareSchema,
  portalCodeRequestSchema,
  portalConsentSchema,
  portalDisclosureListSchema,
  portalHelpResultSchema,
  portalSessionSchema,
  portalVerifySchema,
  type PortalCare,
  type PortalConsent,
  type PortalDisclosure,
  type PortalLanguage,
  type PortalSession,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import { validateLikeServer } from '../../test-support/fake-validate.ts';
import type { PortalApi } from './api.ts';

let sequence = 0;
const nextId = () => `30000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

/** A signed consent in the contract's shape (parsed by it, so a test cannot build what the server never sends). */
export function aPortalConsent(overrides: Partial<PortalConsent> = {}): PortalConsent {
  return portalConsentSchema.parse({
    id: nextId(),
    type: 'standard',
    status: 'signed',
    fromOrganizations: ['Harbor Treatment Center'],
    toOrganizations: ['Harbor General Hospital'],
    purposes: ['treatment'],
    kinds: ['sud_treatment', 'medications'],
    signedAt: '2026-06-01T15:00:00.000Z',
    expiresOn: '2099-06-01',
    expiryEvent: null,
    revokedAt: null,
    expiredAt: null,
    ...overrides,
  });
}

export function aPortalDisclosure(overrides: Partial<PortalDisclosure> = {}): PortalDisclosure {
  return {
    occurredAt: '2026-09-14T16:30:00.000Z',
    organizationName: 'Harbor General Hospital',
    fromOrganizationName: 'Harbor Treatment Center',
    purpose: 'treatment',
    kinds: ['medications'],
    emergency: false,
    ...overrides,
  };
}

/**
 * The portal API in memory, over the same contract schemas as the server: inputs are checked like the
 * server checks them (VALIDATION_FAILED naming the field), answers are parsed by the response schema.
 * One person, one address, one code; a test arranges consents and disclosures and reads `calls`.
 */
export class FakePortalApi implements PortalApi {
  /** The address that has a portal, and the code that signs it in. */
  address = 'sam@example.org';
  code = '123456';
  givenName = 'Sam';
  consentList: PortalConsent[] = [];
  disclosureList: PortalDisclosure[] = [];
  /** Every call, in order, by name (and the id or address it carried). */
  calls: string[] = [];
  /** The next call to this method fails with this error. */
  failNext = new Map<keyof PortalApi, ApiError>();
  private session: PortalSession | null = null;
  private helpAskedAt: number | null = null;
  private sessionLost = new Set<() => void>();

  signIn(language: PortalLanguage = 'en'): this {
    this.session = portalSessionSchema.parse({
      givenName: this.givenName,
      language,
      csrfToken: 'csrf-token',
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    return this;
  }

  /** The server ends the session (idle or absolute limit): the next request learns it. */
  expireSession() {
    this.session = null;
    for (const listener of this.sessionLost) listener();
  }

  private call(name: keyof PortalApi, detail?: string) {
    this.calls.push(detail ? `${name} ${detail}` : name);
    const failure = this.failNext.get(name);
    if (failure) {
      this.failNext.delete(name);
      throw failure;
    }
  }

  private signedIn(): PortalSession {
    if (!this.session) throw new ApiError('UNAUTHENTICATED', 'Sign in first.', { status: 401 });
    return this.session;
  }

  async getSession() {
    this.call('getSession');
    return this.session;
  }
  async requestCode(address: string, language: PortalLanguage) {
    this.call('requestCode', address);
    validateLikeServer(portalCodeRequestSchema, { address, language });
  }
  async verify(address: string, code: string) {
    this.call('verify', address);
    const body = validateLikeServer(portalVerifySchema, { address, code });
    if (body.address !== this.address || body.code !== this.code)
      throw new ApiError('INVALID_CREDENTIALS', 'That code did not work.', { status: 401 });
    return this.signIn().signedIn();
  }
  async logout() {
    this.call('logout');
    this.session = null;
  }
  async logoutEverywhere() {
    this.call('logoutEverywhere');
    this.session = null;
  }
  async consents() {
    this.call('consents');
    this.signedIn();
    return this.consentList.map((c) => portalConsentSchema.parse(c));
  }
  async revokeConsent(id: string) {
    this.call('revokeConsent', id);
    this.signedIn();
    const found = this.consentList.find((c) => c.id === id);
    if (!found) throw new ApiError('NOT_FOUND', 'No such consent.', { status: 404 });
    const revoked = portalConsentSchema.parse({ ...found, status: 'revoked', revokedAt: '2026-12-07T19:00:00.000Z' });
    this.consentList = this.consentList.map((c) => (c.id === id ? revoked : c));
    return revoked;
  }
  async disclosures() {
    this.call('disclosures');
    this.signedIn();
    return portalDisclosureListSchema.parse({ from: '2023-12-07', to: '2026-12-07', items: this.disclosureList });
  }
  async askForHelp() {
    this.call('askForHelp');
    this.signedIn();
    const created = this.helpAskedAt === null;
    this.helpAskedAt ??= Date.now();
    return portalHelpResultSchema.parse({ created });
  }
  /** What My care shows; a test arranges it. */
  careView: PortalCare = { referrals: [], appointments: [], careTeam: [], outreach: [] };
  async care() {
    this.call('care');
    this.signedIn();
    return portalCareSchema.parse(this.careView);
  }
  onSessionLost(listener: () => void) {
    this.sessionLost.add(listener);
    return () => this.sessionLost.delete(listener);
  }
}
