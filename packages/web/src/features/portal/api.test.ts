// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { createHttpTransport } from '../../api/request.ts';
import { json, startLocalServer, type ReceivedRequest } from '../../test-support/local-server.ts';
import { createPortalHttpApi } from './api.ts';

const consent = {
  id: '00000000-0000-4000-8000-000000000001',
  type: 'standard',
  status: 'signed',
  fromOrganizations: ['Harbor Treatment Center'],
  toOrganizations: null,
  purposes: ['treatment'],
  kinds: ['medications'],
  signedAt: '2026-06-01T15:00:00.000Z',
  expiresOn: null,
  expiryEvent: 'end_of_treatment',
  revokedAt: null,
  expiredAt: null,
};
const session = { givenName: 'Sam', language: 'es', csrfToken: 'portal-csrf', expiresAt: '2026-12-07T21:00:00.000Z' };

/** The portal client over real HTTP to a server answering as the Continuum server's portal routes do. */
async function portalOver(answer: (request: ReceivedRequest) => Response) {
  const received: ReceivedRequest[] = [];
  const baseUrl = await startLocalServer((request) => {
    received.push(request);
    return answer(request);
  });
  return { received, api: createPortalHttpApi(createHttpTransport({ baseUrl })) };
}

describe('portal client', () => {
  it('reads no session from a 204 and the signed-in person from a 200', async () => {
    let signedIn = false;
    const { api } = await portalOver(() => (signedIn ? json(200, session) : new Response(null, { status: 204 })));
    expect(await api.getSession()).toBeNull();
    signedIn = true;
    expect(await api.getSession()).toEqual(session);
  });

  it('signs in at the contract paths and sends the session’s CSRF token on every write after', async () => {
    const { api, received } = await portalOver((request) => {
      if (request.path === '/api/portal/auth/code') return json(202, { sent: true });
      if (request.path === '/api/portal/auth/verify') return json(200, session);
      if (request.path === `/api/portal/consents/${consent.id}/revoke`)
        return json(200, { ...consent, status: 'revoked', revokedAt: '2026-12-07T19:00:00.000Z' });
      if (request.path === '/api/portal/help') return json(201, { created: true });
      return json(200, { ok: true });
    });
    await api.requestCode('sam@example.org', 'es');
    await api.verify('sam@example.org', '123456');
    const revoked = await api.revokeConsent(consent.id);
    expect(await api.askForHelp()).toEqual({ created: true });
    await api.logout();
    expect(revoked.status).toBe('revoked');
    expect(received.map((r) => `${r.method} ${r.path} ${r.headers.get('x-csrf-token') ?? '-'}`)).toEqual([
      'POST /api/portal/auth/code -',
      'POST /api/portal/auth/verify -',
      `POST /api/portal/consents/${consent.id}/revoke portal-csrf`,
      'POST /api/portal/help portal-csrf',
      'POST /api/portal/auth/logout portal-csrf',
    ]);
    expect(JSON.parse(received[0]!.body)).toEqual({ address: 'sam@example.org', language: 'es' });
    expect(JSON.parse(received[1]!.body)).toEqual({ address: 'sam@example.org', code: '123456' });
  });

  it('parses consents and disclosures with the contract schemas and refuses an answer of another shape', async () => {
    const { api } = await portalOver((request) =>
      request.path === '/api/portal/consents'
        ? json(200, { items: [consent] })
        : json(200, { from: '2023-12-07', to: '2026-12-07', items: [{ occurredAt: '2026-09-14', organizationName: 'X' }] }),
    );
    expect(await api.consents()).toEqual([consent]);
    const error = await api.disclosures().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('UNEXPECTED_RESPONSE');
  });

  it('tells the portal when the session has ended', async () => {
    const { api } = await portalOver(() => json(401, { error: { code: 'SESSION_EXPIRED', message: 'Sign in again.' } }));
    let lost = 0;
    api.onSessionLost(() => lost++);
    await api.consents().catch(() => undefined);
    expect(lost).toBe(1);
  });
});
