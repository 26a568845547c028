import {
  okSchema,
  portalCareSchema,
  portalCodeSentSchema,
  portalConsentListSchema,
  portalConsentSchema,
  portalDisclosureListSchema,
  portalHelpResultSchema,
  portalSessionSchema,
  type PortalCare,
  type PortalConsent,
  type PortalDisclosureList,
  type PortalHelpResult,
  type PortalLanguage,
  type PortalSession,
} from '@continuum/contracts';
import { isSessionLost, type HttpTransport } from '../../api/request.ts';

/** The person's portal endpoints (`/api/portal/*`), over the portal's own transport (its own CSRF token). */
export interface PortalApi {
  getSession(): Promise<PortalSession | null>;
  requestCode(address: string, language: PortalLanguage): Promise<void>;
  verify(address: string, code: string): Promise<PortalSession>;
  logout(): Promise<void>;
  logoutEverywhere(): Promise<void>;
  consents(): Promise<PortalConsent[]>;
  revokeConsent(id: string): Promise<PortalConsent>;
  disclosures(): Promise<PortalDisclosureList>;
  askForHelp(): Promise<PortalHelpResult>;
  care(): Promise<PortalCare>;
  onSessionLost(listener: () => void): () => void;
}

export function createPortalHttpApi(transport: HttpTransport): PortalApi {
  const { request } = transport;
  return {
    async getSession() {
      try {
        const session = await request('GET', '/api/portal/auth/session', {
          parse: (body) => (body === undefined ? null : portalSessionSchema.parse(body)),
        });
        transport.setCsrfToken(session?.csrfToken ?? null);
        return session;
      } catch (error) {
        if (isSessionLost(error)) return null;
        throw error;
      }
    },
    async requestCode(address, language) {
      await request('POST', '/api/portal/auth/code', portalCodeSentSchema, { address, language });
    },
    async verify(address, code) {
      const session = await request('POST', '/api/portal/auth/verify', portalSessionSchema, { address, code });
      transport.setCsrfToken(session.csrfToken);
      return session;
    },
    async logout() {
      await request('POST', '/api/portal/auth/logout', okSchema);
      transport.setCsrfToken(null);
    },
    async logoutEverywhere() {
      await request('POST', '/api/portal/auth/logout-everywhere', okSchema);
      transport.setCsrfToken(null);
    },
    consents: async () => (await request('GET', '/api/portal/consents', portalConsentListSchema)).items,
    revokeConsent: (id) => request('POST', `/api/portal/consents/${encodeURIComponent(id)}/revoke`, portalConsentSchema),
    disclosures: () => request('GET', '/api/portal/disclosures', portalDisclosureListSchema),
    askForHelp: () => request('POST', '/api/portal/help', portalHelpResultSchema, {}),
    care: () => request('GET', '/api/portal/care', portalCareSchema),
    onSessionLost: (listener) => transport.onSessionLost(listener),
  };
}
