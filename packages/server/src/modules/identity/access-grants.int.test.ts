import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { announceAccessGrantsJob } from '../notifications/index.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';

/*
 * An administrator granting themselves person-level access — a clinical role on their own
 * membership, or an API token with a person-level role — waits for a second administrator; the
 * privacy officer is told; nobody approves their own; grants to other people are unchanged.
 */
let t: TestApp;
let health: { id: string };
let otp: { id: string };
let personId: string;
let networkAdmin: SignedIn & { userId: string; email: string };
let secondNetworkAdmin: SignedIn & { userId: string };
let otpAdmin: SignedIn & { userId: string; membershipId: string };
let secondOtpAdmin: SignedIn & { userId: string };
let otpPrivacy: SignedIn;

const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const post = (who: SignedIn, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });

async function user(organizationId: string, roles: Parameters<typeof createTestUser>[2]['roles']) {
  const u = await createTestUser(t.db, t.clock, { organizationId, roles });
  return { ...(await signIn(t.app, u.email)), userId: u.id, email: u.email, membershipId: u.membershipId };
}

async function pendingGrants(who: SignedIn) {
  const res = await get(who, '/api/admin/access-grants');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; kind: string; membershipId: string | null; apiTokenId: string | null; roles: string[] }[];
}

beforeAll(async () => {
  t = await buildTestApp();
  health = await createTestOrganization(t.db, t.clock, { name: 'County Health', type: 'public_health' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  networkAdmin = await user(health.id, ['network_admin']);
  secondNetworkAdmin = await user(health.id, ['network_admin']);
  otpAdmin = await user(otp.id, ['org_admin']);
  secondOtpAdmin = await user(otp.id, ['org_admin']);
  otpPrivacy = await user(otp.id, ['privacy_officer']);
  personId = (await createTestPerson(t.db, t.clock, otp.id)).id;
});
afterAll(async () => t?.close());

describe('a network administrator adding a clinical membership to themselves', () => {
  let membershipId: string;

  it('creates the membership without the clinical role, pending a second administrator', async () => {
    const res = await post(networkAdmin, '/api/admin/memberships', {
      userId: networkAdmin.userId,
      organizationId: otp.id,
      roles: ['clinician'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ roles: [], pendingRoles: ['clinician'] });
    membershipId = res.json().id;
    const row = await t.db.selectFrom('memberships').select('roles').where('id', '=', membershipId).executeTakeFirstOrThrow();
    expect(row.roles).toEqual([]);
  });

  it('gives no person-level access while pending', async () => {
    const again = await signIn(t.app, networkAdmin.email);
    const switched = await post(again, '/api/auth/organization', { organizationId: otp.id });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json().roles).toEqual([]);
    expect((await get(again, `/api/people/${personId}`)).statusCode).not.toBe(200);
  });

  it('tells the organization’s privacy officer', async () => {
    await announceAccessGrantsJob.handler({}, { db: t.db, clock: t.clock, job: { id: 'test', attempt: 1 } });
    const inbox = (await get(otpPrivacy, '/api/notifications')).json();
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toContain('access-grant.pending');
  });

  it('is not approved by the administrator who asked', async () => {
    const [grant] = (await pendingGrants(networkAdmin)).filter((g) => g.membershipId === membershipId);
    const own = await post(networkAdmin, `/api/admin/access-grants/${grant!.id}/approve`);
    expect(own.statusCode).toBe(403);
    const row = await t.db.selectFrom('access_grants').select('status').where('id', '=', grant!.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });

  it('takes effect when a second administrator approves, and then reads the person', async () => {
    const [grant] = (await pendingGrants(secondNetworkAdmin)).filter((g) => g.membershipId === membershipId);
    const approved = await post(secondNetworkAdmin, `/api/admin/access-grants/${grant!.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', roles: ['clinician'] });
    expect((await post(secondNetworkAdmin, `/api/admin/access-grants/${grant!.id}/approve`)).statusCode).toBe(409);

    const again = await signIn(t.app, networkAdmin.email);
    const switched = await post(again, '/api/auth/organization', { organizationId: otp.id });
    expect(switched.json().roles).toEqual(['clinician']);
    expect((await get(again, `/api/people/${personId}`)).statusCode).toBe(200);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', grant!.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['access-grant.request', 'access-grant.approve']);
  });
});

describe('an organization administrator adding a clinical role to their own membership', () => {
  it('keeps the administrative change and holds the clinical role for a second administrator', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/memberships/${otpAdmin.membershipId}`,
      headers: otpAdmin.headers,
      payload: { roles: ['org_admin', 'care_navigator', 'analyst'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['org_admin', 'analyst'], pendingRoles: ['care_navigator'] });
    const [grant] = (await pendingGrants(secondOtpAdmin)).filter((g) => g.membershipId === otpAdmin.membershipId);
    expect((await post(otpAdmin, `/api/admin/access-grants/${grant!.id}/approve`)).statusCode).toBe(403);
    const rejected = await post(secondOtpAdmin, `/api/admin/access-grants/${grant!.id}/reject`);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const row = await t.db.selectFrom('memberships').select('roles').where('id', '=', otpAdmin.membershipId).executeTakeFirstOrThrow();
    expect(row.roles.sort()).toEqual(['analyst', 'org_admin']);
  });
});

describe('an API token with a person-level role', () => {
  it('does not authenticate until a second administrator approves it', async () => {
    const res = await post(otpAdmin, `/api/admin/organizations/${otp.id}/api-tokens`, { name: 'EHR', roles: ['clinician'] });
    expect(res.statusCode, res.body).toBe(201);
    const { token, secret } = res.json();
    expect(token.awaitingApproval).toBe(true);
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ method: 'GET', url: `/api/people/${personId}`, headers: bearer })).statusCode).toBe(401);

    const [grant] = (await pendingGrants(secondOtpAdmin)).filter((g) => g.apiTokenId === token.id);
    expect((await post(otpAdmin, `/api/admin/access-grants/${grant!.id}/approve`)).statusCode).toBe(403);
    expect((await post(secondOtpAdmin, `/api/admin/access-grants/${grant!.id}/approve`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/people/${personId}`, headers: bearer })).statusCode).toBe(200);
  });

  it('is revoked when rejected', async () => {
    const { token, secret } = (
      await post(otpAdmin, `/api/admin/organizations/${otp.id}/api-tokens`, { name: 'Sync', roles: ['partner_staff'] })
    ).json();
    const [grant] = (await pendingGrants(secondOtpAdmin)).filter((g) => g.apiTokenId === token.id);
    await post(secondOtpAdmin, `/api/admin/access-grants/${grant!.id}/reject`);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
    const row = await t.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('an analyst (aggregate) token works at once', async () => {
    const { token, secret } = (
      await post(otpAdmin, `/api/admin/organizations/${otp.id}/api-tokens`, { name: 'BI', roles: ['analyst'] })
    ).json();
    expect(token.awaitingApproval).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200);
  });
});

describe('grants to other people', () => {
  it('take effect at once, with nothing pending', async () => {
    const colleague = await createTestUser(t.db, t.clock, { organizationId: health.id, roles: ['analyst'] });
    const before = (await pendingGrants(secondNetworkAdmin)).length;
    const res = await post(networkAdmin, '/api/admin/memberships', { userId: colleague.id, organizationId: otp.id, roles: ['clinician'] });
    expect(res.json()).toMatchObject({ roles: ['clinician'], pendingRoles: [] });
    expect((await pendingGrants(secondNetworkAdmin)).length).toBe(before);
  });
});
