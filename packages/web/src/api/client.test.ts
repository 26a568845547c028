// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createReferralsHttpApi } from '../features/referrals/api.ts';
import { json, startLocalServer, type ReceivedRequest } from '../test-support/local-server.ts';
import { createHttpApiClient } from './client.ts';

const session = {
  user: { id: '00000000-0000-4000-8000-000000000001', email: 'dana.lee@example.org', displayName: 'Dana Lee' },
  memberships: [],
  activeOrganizationId: null,
  roles: [],
  csrfToken: 'csrf-123',
  expiresAt: '2026-03-04T23:00:00.000Z',
};
const unauthenticated = () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } });

/**
 * The server's rules that matter to the client: sign-in starts a session, a write without the
 * session's CSRF token is refused, and once the session has ended every request answers 401.
 */
async function aServer() {
  const received: ReceivedRequest[] = [];
  let signedIn = false;
  const baseUrl = await startLocalServer((request) => {
    received.push(request);
    if (request.path === '/api/auth/login') {
      signedIn = true;
      return json(200, session);
    }
    if (!signedIn) return unauthenticated();
    if (request.method !== 'GET' && request.headers.get('x-csrf-token') !== 'csrf-123')
      return json(403, { error: { code: 'CSRF_TOKEN_INVALID', message: 'Missing or invalid CSRF token.' } });
    if (request.path === '/api/auth/logout') {
      signedIn = false;
      return json(200, { ok: true });
    }
    if (request.path === '/api/admin/audit/verify')
      return json(200, { ok: true, checked: 3, firstBrokenId: null, reason: null, lastCheckpointAt: null, pending: 0, pendingSince: null });
    return json(404, { error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });
  return { received, client: createHttpApiClient({ baseUrl }), endSession: () => (signedIn = false) };
}

describe('createHttpApiClient', () => {
  it('answers null for the session when nobody is signed in', async () => {
    const { client } = await aServer();
    expect(await client.getSession()).toBeNull();
  });

  it('answers null for the session on a 204 (no session cookie), without an error', async () => {
    const baseUrl = await startLocalServer((request) =>
      request.path === '/api/auth/session'
        ? new Response(null, { status: 204 })
        : json(404, { error: { code: 'NOT_FOUND', message: 'x' } }),
    );
    expect(await createHttpApiClient({ baseUrl }).getSession()).toBeNull();
  });

  it('sends the CSRF token of the session it signed in with, and stops after signing out', async () => {
    const { client, received } = await aServer();
    await client.login({ email: 'dana.lee@example.org', password: 'secret' });
    expect(await client.verifyAuditChain()).toEqual({
      ok: true,
      checked: 3,
      firstBrokenId: null,
      reason: null,
      lastCheckpointAt: null,
      pending: 0,
      pendingSince: null,
    });
    await client.logout();
    await expect(client.verifyAuditChain()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(received.filter((r) => r.path === '/api/admin/audit/verify').map((r) => r.headers.get('x-csrf-token'))).toEqual([
      'csrf-123',
      null,
    ]);
  });

  it('shares one request() with the feature clients built over it: their writes carry the token, their 401 signs out', async () => {
    const { client, received, endSession } = await aServer();
    const referrals = createReferralsHttpApi(client.request);
    let signOuts = 0;
    client.onSessionLost(() => signOuts++);
    await client.login({ email: 'dana.lee@example.org', password: 'secret' });

    await expect(referrals.transition('r-1', { event: 'accept' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(received.at(-1)?.headers.get('x-csrf-token')).toBe('csrf-123');

    endSession();
    await expect(referrals.getReferral('r-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(signOuts).toBe(1);
    await expect(client.verifyAuditChain()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(received.at(-1)?.headers.get('x-csrf-token')).toBeNull();
  });
});
