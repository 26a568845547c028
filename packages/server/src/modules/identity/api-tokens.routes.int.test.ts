import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { createTestOrganization } from '../../test-support/factories.ts';
import { HOUR_MS } from '@continuum/contracts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let secondAdmin: Awaited<ReturnType<typeof signedInAs>>;
let otherOrg: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedInAs(t, ['org_admin']);
  secondAdmin = await signedInAs(t, ['org_admin'], { organizationId: admin.organizationId });
  otherOrg = (await createTestOrganization(t.db, t.clock)).id;
});
afterAll(() => t.close());

async function issue(roles: string[] = ['partner_staff'], extra: Record<string, unknown> = {}) {
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/admin/organizations/${admin.organizationId}/api-tokens`,
    headers: admin.headers,
    payload: { name: 'EHR sync', roles, ...extra },
  });
  expect(r.statusCode, r.body).toBe(201);
  const created = r.json() as { token: { id: string; prefix: string; awaitingApproval: boolean }; secret: string };
  // A token with a person-level role works once a second administrator approves it (access-grants.int.test.ts).
  if (created.token.awaitingApproval) {
    const pending = await t.app.inject({ method: 'GET', url: '/api/admin/access-grants', headers: { cookie: secondAdmin.cookie } });
    const grant = (pending.json().items as { id: string; apiTokenId: string | null }[]).find((g) => g.apiTokenId === created.token.id)!;
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/admin/access-grants/${grant.id}/approve`,
      headers: secondAdmin.headers,
    });
    expect(approved.statusCode, approved.body).toBe(200);
  }
  return created;
}
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('API tokens', () => {
  it('authenticates as the organization with the token roles, and is stored only hashed', async () => {
    const { token, secret } = await issue();
    expect(secret.startsWith(token.prefix)).toBe(true);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(secret) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      actorType: 'token',
      userId: null,
      tokenId: token.id,
      organizationId: admin.organizationId,
      roles: ['partner_staff'],
    });
    const row = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.secret_hash).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret.slice(10));
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/admin/organizations/${admin.organizationId}/api-tokens`,
      headers: { cookie: admin.cookie },
    });
    expect(listed.body).not.toContain(secret);
  });

  it('is scoped to its organization: asking to act for another is refused', async () => {
    const { secret } = await issue();
    const r = await t.app.inject({ method: 'GET', url: '/api/me', headers: { ...bearer(secret), 'x-continuum-organization': otherOrg } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('TOKEN_SCOPE_VIOLATION');
  });

  it('cannot reach administration or session endpoints, whatever its roles', async () => {
    const { secret } = await issue(['clinician', 'care_navigator', 'partner_staff', 'analyst']);
    for (const url of [
      '/api/admin/organizations',
      `/api/admin/organizations/${admin.organizationId}/api-tokens`,
      '/api/admin/audit',
      '/api/auth/session',
    ]) {
      const r = await t.app.inject({ method: 'GET', url, headers: bearer(secret) });
      expect(r.statusCode, url).toBe(403);
    }
  });

  it('does not need a CSRF token (it is not a cookie)', async () => {
    const { secret } = await issue();
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(secret), payload: {} });
    expect(r.json().error.code).toBe('FORBIDDEN');
  });

  it('cannot be issued with administrative roles', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/admin/organizations/${admin.organizationId}/api-tokens`,
      headers: admin.headers,
      payload: { name: 'x', roles: ['network_admin'] },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields[0].path).toBe('body.roles.0');
  });

  it('stops working when revoked or expired, and a malformed one is refused', async () => {
    const { token, secret } = await issue();
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/admin/api-tokens/${token.id}/revoke`,
      headers: admin.headers,
      payload: {},
    });
    expect(revoke.json().revokedAt).not.toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(secret) })).statusCode).toBe(401);

    const short = await issue(['analyst'], { expiresInDays: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(short.secret) })).statusCode).toBe(200);
    t.clock.advance(25 * HOUR_MS);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(short.secret) })).statusCode).toBe(401);

    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer('ctm_not-a-real-token') })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });
});
