import {
  breakGlassListSchema,
  consentListSchema,
  consentSchema,
  disclosureListSchema,
  okSchema,
  type BreakGlass,
  type Consent,
  type CreateConsent,
  type DisclosureList,
  type DisclosureQuery,
  type ReviewBreakGlass,
  type RevokeConsent,
  type SignConsent,
} from '@continuum/contracts';
import { queryString, segment, type ApiRequest } from '../../api/request.ts';

/** Consent (42 CFR Part 2), the accounting of disclosures and the review of emergency access (`contracts/src/consent.ts`). */
export interface ConsentApi {
  listConsents(personId: string): Promise<Consent[]>;
  createConsent(personId: string, body: Partial<CreateConsent>): Promise<Consent>;
  getConsent(id: string): Promise<Consent>;
  updateConsent(id: string, body: Partial<CreateConsent>): Promise<Consent>;
  signConsent(id: string, body: Partial<SignConsent>): Promise<Consent>;
  revokeConsent(id: string, body: RevokeConsent): Promise<Consent>;
  /** The consent's expiry event happened (e.g. treatment ended) on `occurredOn`: signed → expired. */
  recordConsentExpiryEvent(id: string, body: { occurredOn: string }): Promise<Consent>;

  listDisclosures(personId: string, params?: DisclosureQuery): Promise<DisclosureList>;
  listBreakGlass(status: 'open' | 'closed'): Promise<BreakGlass[]>;
  reviewBreakGlass(id: string, body: ReviewBreakGlass): Promise<void>;
}

/** Where the browser downloads the accounting of disclosures as CSV (a plain GET with the session cookie). */
export function disclosuresCsvPath(personId: string, params: DisclosureQuery = {}): string {
  return `/api/people/${segment(personId)}/disclosures.csv${queryString(params)}`;
}

export function createConsentHttpApi(request: ApiRequest): ConsentApi {
  const consent = (id: string) => `/api/consents/${segment(id)}`;
  return {
    listConsents: async (personId) => (await request('GET', `/api/people/${segment(personId)}/consents`, consentListSchema)).items,
    createConsent: (personId, body) => request('POST', `/api/people/${segment(personId)}/consents`, consentSchema, body),
    getConsent: (id) => request('GET', consent(id), consentSchema),
    updateConsent: (id, body) => request('PATCH', consent(id), consentSchema, body),
    signConsent: (id, body) => request('POST', `${consent(id)}/sign`, consentSchema, body),
    revokeConsent: (id, body) => request('POST', `${consent(id)}/revoke`, consentSchema, body),
    recordConsentExpiryEvent: (id, body) => request('POST', `${consent(id)}/expiry-event`, consentSchema, body),

    listDisclosures: (personId, params) =>
      request('GET', `/api/people/${segment(personId)}/disclosures${queryString(params)}`, disclosureListSchema),
    listBreakGlass: async (status) => (await request('GET', `/api/break-glass${queryString({ status })}`, breakGlassListSchema)).items,
    async reviewBreakGlass(id, body) {
      await request('POST', `/api/break-glass/${segment(id)}/review`, okSchema, body);
    },
  };
}
