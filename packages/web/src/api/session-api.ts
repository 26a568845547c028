import { okSchema, sessionSchema, type ChangePasswordRequest, type LoginRequest, type Session } from '@continuum/contracts';
import { isSessionLost, type HttpTransport, type Method } from './request.ts';

/** Signing in and out, the active organization and the password: the app's own endpoints (`/api/auth/*`). */
export interface SessionApi {
  /** The current session, or null when nobody is signed in (or the session ended). */
  getSession(): Promise<Session | null>;
  login(credentials: LoginRequest): Promise<Session>;
  logout(): Promise<void>;
  switchOrganization(organizationId: string): Promise<Session>;
  changePassword(request: ChangePasswordRequest): Promise<void>;
  /** Called when any request learns the session has ended (401); returns an unsubscribe function. */
  onSessionLost(listener: () => void): () => void;
}

/** The session endpoints; every session they answer with hands its CSRF token to the transport. */
export function createSessionHttpApi(transport: HttpTransport): SessionApi {
  const { request } = transport;
  async function sessionRequest(method: Method, path: string, body?: unknown): Promise<Session> {
    const session = await request(method, path, sessionSchema, body);
    transport.setCsrfToken(session.csrfToken);
    return session;
  }
  return {
    async getSession() {
      try {
        // 204 (no body) when the browser holds no session cookie: nobody is signed in.
        const session = await request('GET', '/api/auth/session', {
          parse: (body) => (body === undefined ? null : sessionSchema.parse(body)),
        });
        transport.setCsrfToken(session?.csrfToken ?? null);
        return session;
      } catch (error) {
        if (isSessionLost(error)) return null;
        throw error;
      }
    },
    login: (credentials) => sessionRequest('POST', '/api/auth/login', credentials),
    async logout() {
      try {
        await request('POST', '/api/auth/logout', okSchema);
      } finally {
        transport.setCsrfToken(null);
      }
    },
    switchOrganization: (organizationId) => sessionRequest('POST', '/api/auth/organization', { organizationId }),
    async changePassword(body) {
      await request('POST', '/api/auth/password', okSchema, body);
    },
    onSessionLost: (listener) => transport.onSessionLost(listener),
  };
}
