import { CSRF_HEADER } from '@continuum/contracts';
import { ApiError, apiErrorFromBody } from './api-error.ts';

/*
 * The one way the web app talks to the server. Every feature client (`features/<name>/api.ts`) is a
 * small typed object over `request()`; this file alone knows about fetch, the session cookie, the CSRF
 * header, a lost session and the error body (docs/decisions/0015-one-web-api-layer.md).
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A contract schema (or anything with `parse`) that checks and types a response body. */
export interface Parser<T> {
  parse(data: unknown): T;
}

/**
 * Sends one request and parses the answer. Writes carry the session's CSRF token and a JSON body (or
 * FormData as is). A failure is always an ApiError: the server's code, message and fields,
 * NETWORK_ERROR when no answer came, UNEXPECTED_RESPONSE when the answer is not the contract's shape.
 */
export type ApiRequest = <T>(method: Method, path: string, parser: Parser<T>, body?: unknown) => Promise<T>;

export interface HttpTransportOptions {
  /** Prefix for every path; '' means same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface HttpTransport {
  request: ApiRequest;
  /** Remembers the CSRF token of the session just read or started; null after signing out. */
  setCsrfToken(token: string | null): void;
  /** Called when any request learns the session has ended (401); returns an unsubscribe function. */
  onSessionLost(listener: () => void): () => void;
}

/** Codes that mean nobody is signed in any more: the CSRF token is void and the app shows the sign-in page. */
export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');
}

/** Same-origin JSON over fetch with the session cookie, the CSRF header on writes, and one session-lost signal. */
export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sessionLostListeners = new Set<() => void>();
  let csrfToken: string | null = null;

  async function request<T>(method: Method, path: string, parser: Parser<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (method !== 'GET') {
      if (csrfToken) headers[CSRF_HEADER] = csrfToken;
      if (body instanceof FormData) payload = body;
      else if (body instanceof Blob) {
        // A file sent as it is (a CSV upload), with its own type.
        headers['content-type'] = body.type || 'application/octet-stream';
        payload = body;
      } else {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body ?? {});
      }
    }
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(payload !== undefined ? { body: payload } : {}),
      });
    } catch {
      throw new ApiError('NETWORK_ERROR', 'Cannot reach the server.');
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = apiErrorFromBody(response.status, json, response.headers.get('retry-after'));
      if (isSessionLost(error)) {
        csrfToken = null;
        // Sign-in and the session check answer 401 by design; only other requests mean the session ended.
        if (!path.startsWith('/api/auth/')) for (const listener of sessionLostListeners) listener();
      }
      throw error;
    }
    try {
      return parser.parse(json);
    } catch {
      throw new ApiError('UNEXPECTED_RESPONSE', 'The server answered in an unexpected shape.', { status: response.status });
    }
  }

  return {
    request,
    setCsrfToken(token) {
      csrfToken = token;
    },
    onSessionLost(listener) {
      sessionLostListeners.add(listener);
      return () => {
        sessionLostListeners.delete(listener);
      };
    },
  };
}

/** `?a=1&b=2` from the defined, non-empty values, or '' when there are none. */
export function queryString(params: object | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A path segment, encoded. */
export const segment = encodeURIComponent;

/** `{ id }`, the answer of endpoints that create something. */
export const idResultSchema: Parser<{ id: string }> = {
  parse(data) {
    const id = (data as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw new Error('Expected { id }');
    return { id };
  },
};

/** For contexts with no server (component tests that do not use a feature's client): every call fails as offline. */
export const offlineRequest: ApiRequest = () => Promise.reject(new ApiError('NETWORK_ERROR', 'Cannot reach the server.'));
