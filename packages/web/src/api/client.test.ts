import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { createHttpApiClient } from './client.ts';

const session = {
  user: { id: '00000000-0000-4000-8000-000000000001', email: 'dana.lee@example.org', displayName: 'Dana Lee' },
  memberships: [],
  activeOrganizationId: null,
  roles: [],
  csrfToken: 'csrf-123',
  expiresAt: '2026-03-04T23:00:00.000Z',
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * A tiny stand-in for the server's rules that matter to the client: sign-in returns a session, and
 * a write without the session's CSRF token is refused.
 */
function aServer() {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    if (init?.method && init.method !== 'GET' && headers.get('x-csrf-token') !== 'csrf-123' && url !== '/api/auth/login') {
      return json(403, { error: { code: 'CSRF_TOKEN_INVALID', message: 'Missing or invalid CSRF token.' } });
    }
    if (url === '/api/auth/login') return json(200, session);
    if (url === '/api/auth/session') return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in.' } });
    if (url === '/api/admin/organizations') {
      return json(422, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Invalid body.',
          details: { fields: [{ path: 'body.name', message: 'Required' }], requestId: 'req-9' },
        },
      });
    }
    if (url === '/api/admin/audit/verify') return json(200, { ok: true, checked: 3, firstBrokenId: null, reason: null });
    if (url.startsWith('/api/admin/audit')) return json(200, { items: [{ unexpected: true }], total: 1 });
    return json(429, { error: { code: 'RATE_LIMITED', message: 'Slow down.' } }, { 'retry-after': '30' });
  };
}

describe('createHttpApiClient', () => {
  it('answers null for the session when nobody is signed in', async () => {
    const client = createHttpApiClient({ fetch: aServer() });
    expect(await client.getSession()).toBeNull();
  });

  it('sends the CSRF token from the session on writes after signing in', async () => {
    const client = createHttpApiClient({ fetch: aServer() });
    await expect(client.verifyAuditChain()).rejects.toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    await client.login({ email: 'dana.lee@example.org', password: 'secret' });
    expect(await client.verifyAuditChain()).toEqual({ ok: true, checked: 3, firstBrokenId: null, reason: null });
  });

  it('throws an ApiError with the code, message, fields and request id of the error body', async () => {
    const client = createHttpApiClient({ fetch: aServer() });
    await client.login({ email: 'dana.lee@example.org', password: 'secret' });
    const error = await client.createOrganization({ name: '', type: 'pharmacy' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 422,
      fields: [{ path: 'body.name', message: 'Required' }],
      requestId: 'req-9',
    });
  });

  it('reads Retry-After when the body does not carry it', async () => {
    const client = createHttpApiClient({ fetch: aServer() });
    await expect(client.listUsers()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
  });

  it('refuses a response that does not match the contract', async () => {
    const client = createHttpApiClient({ fetch: aServer() });
    await expect(client.listAuditEntries()).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE' });
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    const client = createHttpApiClient({
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(client.getSession()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('tells listeners when a request finds the session has ended', async () => {
    const client = createHttpApiClient({
      fetch: async () => json(401, { error: { code: 'SESSION_EXPIRED', message: 'Expired.' } }),
    });
    let calls = 0;
    client.onSessionLost(() => calls++);
    await expect(client.listOrganizations()).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(calls).toBe(1);
  });
});
