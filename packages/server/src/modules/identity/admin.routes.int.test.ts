import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role, addHours } from '@continuum/contracts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';

let t: TestApp;
let orgA: string;
let orgB: string;
const signedIn = new Map<Role, SignedIn>();

beforeAll(async () => {
  t = await buildTestApp();
  orgA = (await createTestOrganization(t.db, t.clock, { name: 'Organization A' })).id;
  orgB = (await createTestOrganization(t.db, t.clock, { name: 'Organization B' })).id;
  for (const role of roles) {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgA, roles: [role] });
    signedIn.set(role, await signIn(t.app, user.email));
  }
});
afterAll(() => t.close());

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
}

const location = { name: 'Main clinic', address1: '1 Harbor St', city: 'Harborview', region: 'NS', postalCode: '97001' };

async function newLocation(orgId: string) {
  const now = t.clock.now();
  return t.db
    .insertInto('locations')
    .values({
      organization_id: orgId,
      name: 'L',
      address1: 'a',
      city: 'c',
      region: 'NS',
      postal_code: '97001',
      address2: null,
      latitude: null,
      longitude: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
async function newToken(orgId: string) {
  return t.db
    .insertInto('api_tokens')
    .values({
      organization_id: orgId,
      name: 'n',
      prefix: 'ctm_x',
      secret_hash: randomUUID(),
      roles: ['partner_staff'],
      created_at: t.clock.now(),
      created_by_user_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Each admin endpoint, building fresh fixtures so every call can succeed when allowed. */
const endpoints: Record<string, () => Promise<Call>> = {
  'list organizations': async () => ({ method: 'GET', url: '/api/admin/organizations' }),
  'create organization': async () => ({ method: 'POST', url: '/api/admin/organizations', payload: { name: 'New Org', type: 'pharmacy' } }),
  'read own organization': async () => ({ method: 'GET', url: `/api/admin/organizations/${orgA}` }),
  'update own organization': async () => ({
    method: 'PATCH',
    url: `/api/admin/organizations/${orgA}`,
    payload: { description: 'Updated' },
  }),
  'read other organization': async () => ({ method: 'GET', url: `/api/admin/organizations/${orgB}` }),
  'list own locations': async () => ({ method: 'GET', url: `/api/admin/organizations/${orgA}/locations` }),
  'add own location': async () => ({ method: 'POST', url: `/api/admin/organizations/${orgA}/locations`, payload: location }),
  'add other location': async () => ({ method: 'POST', url: `/api/admin/organizations/${orgB}/locations`, payload: location }),
  'update own location': async () => ({
    method: 'PATCH',
    url: `/api/admin/locations/${(await newLocation(orgA)).id}`,
    payload: { name: 'Renamed' },
  }),
  'list users': async () => ({ method: 'GET', url: '/api/admin/users' }),
  'create user in own organization': async () => ({
    method: 'POST',
    url: '/api/admin/users',
    payload: {
      email: `new-${randomUUID().slice(0, 8)}@test.continuum.example`,
      displayName: 'New Person',
      password: 'a-long-enough-passphrase',
      organizationId: orgA,
      roles: ['clinician'],
    },
  }),
  'update user of own organization': async () => ({
    method: 'PATCH',
    url: `/api/admin/users/${(await createTestUser(t.db, t.clock, { organizationId: orgA, roles: ['clinician'] })).id}`,
    payload: { displayName: 'Renamed Person' },
  }),
  'list own memberships': async () => ({ method: 'GET', url: `/api/admin/organizations/${orgA}/memberships` }),
  'add membership to own organization': async () => ({
    method: 'POST',
    url: '/api/admin/memberships',
    payload: {
      userId: (await createTestUser(t.db, t.clock, { organizationId: orgB, roles: ['clinician'] })).id,
      organizationId: orgA,
      roles: ['partner_staff'],
    },
  }),
  'change roles in own organization': async () => ({
    method: 'PATCH',
    url: `/api/admin/memberships/${(await createTestUser(t.db, t.clock, { organizationId: orgA, roles: ['clinician'] })).membershipId}`,
    payload: { roles: ['clinician', 'care_navigator'] },
  }),
  'remove membership from own organization': async () => ({
    method: 'DELETE',
    url: `/api/admin/memberships/${(await createTestUser(t.db, t.clock, { organizationId: orgA, roles: ['clinician'] })).membershipId}`,
  }),
  'list own API tokens': async () => ({ method: 'GET', url: `/api/admin/organizations/${orgA}/api-tokens` }),
  'issue own API token': async () => ({
    method: 'POST',
    url: `/api/admin/organizations/${orgA}/api-tokens`,
    payload: { name: 'Pharmacy sync', roles: ['partner_staff'] },
  }),
  'revoke own API token': async () => ({ method: 'POST', url: `/api/admin/api-tokens/${(await newToken(orgA)).id}/revoke` }),
  'revoke other API token': async () => ({ method: 'POST', url: `/api/admin/api-tokens/${(await newToken(orgB)).id}/revoke` }),
  'read audit trail': async () => ({ method: 'GET', url: '/api/admin/audit' }),
  'verify audit chain': async () => ({ method: 'POST', url: '/api/admin/audit/verify' }),
};

const ownOrgAdmin = new Set(Object.keys(endpoints).filter((e) => !/other|create organization|audit/.test(e)));
function allowed(role: Role, endpoint: string): boolean {
  if (role === 'network_admin') return true;
  if (role === 'org_admin') return ownOrgAdmin.has(endpoint);
  if (role === 'privacy_officer') return endpoint === 'read audit trail';
  return false;
}

const matrix = roles.flatMap((role) => Object.keys(endpoints).map((endpoint) => [role, endpoint, allowed(role, endpoint)] as const));

describe('administration authorization matrix', () => {
  it.each(matrix)('%s → %s: allowed=%s', async (role, endpoint, isAllowed) => {
    const call = await endpoints[endpoint]!();
    const s = signedIn.get(role)!;
    const response = await t.app.inject({
      method: call.method,
      url: call.url,
      headers: call.method === 'GET' ? { cookie: s.cookie } : { ...s.headers, 'content-type': 'application/json' },
      payload: call.method === 'GET' ? undefined : JSON.stringify(call.payload ?? {}),
    });
    if (isAllowed) {
      expect(response.statusCode, response.body).toBeLessThan(300);
    } else {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('refuses every admin endpoint without a session', async () => {
    for (const build of Object.values(endpoints)) {
      const call = await build();
      const response = await t.app.inject({
        method: call.method,
        url: call.url,
        payload: call.method === 'GET' ? undefined : (call.payload ?? {}),
      });
      expect(response.statusCode).toBe(401);
    }
  });
});

describe('administration behaviour', () => {
  it('scopes lists to the organization for an organization administrator', async () => {
    const orgs = await t.app.inject({
      method: 'GET',
      url: '/api/admin/organizations',
      headers: { cookie: signedIn.get('org_admin')!.cookie },
    });
    expect(orgs.json().items.map((o: { id: string }) => o.id)).toEqual([orgA]);
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/admin/organizations?limit=500',
      headers: { cookie: signedIn.get('network_admin')!.cookie },
    });
    expect(all.json().items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([orgA, orgB]));
    const searched = await t.app.inject({
      method: 'GET',
      url: '/api/admin/organizations?q=organization%20b',
      headers: { cookie: signedIn.get('network_admin')!.cookie },
    });
    expect(searched.json().items.map((o: { id: string }) => o.id)).toEqual([orgB]);
    const literal = await t.app.inject({
      method: 'GET',
      url: '/api/admin/organizations?q=%25',
      headers: { cookie: signedIn.get('network_admin')!.cookie },
    });
    expect(literal.json().total).toBe(0);
    const users = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users?limit=500',
      headers: { cookie: signedIn.get('org_admin')!.cookie },
    });
    for (const u of users.json().items) expect(u.memberships.map((m: { organizationId: string }) => m.organizationId)).toContain(orgA);
  });

  it('lets only a network administrator grant network administration', async () => {
    const s = signedIn.get('org_admin')!;
    const user = await createTestUser(t.db, t.clock, { organizationId: orgA, roles: ['clinician'] });
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/memberships/${user.membershipId}`,
      headers: s.headers,
      payload: { roles: ['network_admin'] },
    });
    expect(r.statusCode).toBe(403);
    const row = await t.db.selectFrom('memberships').select('roles').where('id', '=', user.membershipId).executeTakeFirstOrThrow();
    expect(row.roles).toEqual(['clinician']);
  });

  it('keeps at least one network administrator', async () => {
    const s = signedIn.get('network_admin')!;
    const mine = await t.db.selectFrom('memberships').select('id').where('user_id', '=', s.session.user.id).executeTakeFirstOrThrow();
    // Other active network administrators may exist from the matrix; disable them for this check.
    await t.db.updateTable('users').set({ status: 'disabled' }).where('id', '!=', s.session.user.id).execute();
    const r = await t.app.inject({ method: 'DELETE', url: `/api/admin/memberships/${mine.id}`, headers: s.headers, payload: {} });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('LAST_NETWORK_ADMIN');
    await t.db.updateTable('users').set({ status: 'active' }).execute();
  });

  it('audits a change without the values that changed', async () => {
    const s = signedIn.get('network_admin')!;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/organizations/${orgB}`,
      headers: s.headers,
      payload: { description: 'A secret-ish description' },
    });
    const row = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'organization.update')
      .where('entity_id', '=', orgB)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.actor_user_id).toBe(s.session.user.id);
    expect(row.request_id).toBeTruthy();
    expect(row.details).toEqual({ fields: ['description'] });
    expect(JSON.stringify(row)).not.toContain('secret-ish');
  });

  it('creates a user who can then sign in, and refuses a weak password naming the field', async () => {
    const s = signedIn.get('network_admin')!;
    const email = `fresh-${randomUUID().slice(0, 8)}@test.continuum.example`;
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: s.headers,
      payload: { email, displayName: 'Fresh', password: 'password1234', organizationId: orgA, roles: ['analyst'] },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details.fields).toEqual([{ path: 'body.password', message: expect.any(String) }]);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: s.headers,
      payload: { email, displayName: 'Fresh', password: 'a fine long passphrase', organizationId: orgA, roles: ['analyst'] },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).not.toHaveProperty('passwordHash');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: s.headers,
      payload: {
        email: email.toUpperCase(),
        displayName: 'Fresh',
        password: 'a fine long passphrase',
        organizationId: orgA,
        roles: ['analyst'],
      },
    });
    expect(again.json().error.code).toBe('EMAIL_TAKEN');
    expect((await signIn(t.app, email, 'a fine long passphrase')).session.roles).toEqual(['analyst']);
  });

  it('unlocks a locked account', async () => {
    const s = signedIn.get('org_admin')!;
    const user = await createTestUser(t.db, t.clock, { organizationId: orgA, roles: ['clinician'] });
    await t.db
      .updateTable('users')
      .set({ locked_until: addHours(t.clock.now(), 1) })
      .where('id', '=', user.id)
      .execute();
    const r = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${user.id}`, headers: s.headers, payload: { unlock: true } });
    expect(r.json().lockedUntil).toBeNull();
    await signIn(t.app, user.email);
  });
});
