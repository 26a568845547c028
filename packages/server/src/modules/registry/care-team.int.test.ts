import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail, Timeline } from '@continuum/contracts';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { call, goodReferral, referralNetwork, signedConsent } from '../referrals/referral.fixtures.ts';

/*
 * Adding another organization to a person's care team does not widen access by itself
 * (docs/privacy.md, "Care-team links"): the link is pending, and the added organization reads
 * nothing through it until the person's consent names it, a referral to it is accepted or a privacy
 * officer of the adding organization — not the one who added it — approves it.
 */
let t: TestApp;
let otp: { id: string };
let ed: { id: string };
let housing: { id: string };
let navigator: SignedIn;
let navigatorPrivacy: SignedIn;
let otpPrivacy: SignedIn;
let edClinician: SignedIn;
let edPrivacy: SignedIn;
let partner: SignedIn;

const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const post = (who: SignedIn, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });

async function user(organizationId: string, roles: Parameters<typeof createTestUser>[2]['roles']) {
  const u = await createTestUser(t.db, t.clock, { organizationId, roles });
  return signIn(t.app, u.email);
}

/** A person the Part 2 program registered, with a Part 2 note and a signed "my treating providers" consent. */
async function personWithTreatingProvidersConsent(familyName: string): Promise<string> {
  const created = await post(navigator, '/api/people', {
    givenName: 'Jordan',
    familyName,
    birthDate: '1985-02-03',
    sex: 'unknown',
    confirmNoDuplicate: true,
  });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect(
    (await post(navigator, `/api/people/${id}/events`, { kind: 'notes', type: 'note', title: 'Counseling session held' })).statusCode,
  ).toBe(201);
  const consent = await post(navigator, `/api/people/${id}/consents`, {
    type: 'standard',
    disclosers: { type: 'organizations', organizationIds: [otp.id] },
    recipients: { type: 'treating_providers' },
    purposes: ['treatment'],
    kinds: ['notes'],
    informationDescription: 'My notes, for the providers who treat me',
    expiresOn: '2026-12-31',
  });
  expect(consent.statusCode).toBe(201);
  const signed = await post(navigator, `/api/consents/${consent.json().id}/sign`, {
    signerName: 'Jordan',
    signatureMethod: 'attested',
    acknowledged: true,
  });
  expect(signed.statusCode).toBe(200);
  return id;
}

async function seesNote(who: SignedIn, personId: string): Promise<number> {
  const res = await get(who, `/api/people/${personId}/timeline`);
  if (res.statusCode !== 200) return res.statusCode;
  const timeline = res.json() as Timeline;
  return timeline.entries.some((e) => e.title === 'Counseling session held') ? 200 : 403;
}

beforeAll(async () => {
  t = await buildTestApp();
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  housing = await createTestOrganization(t.db, t.clock, { name: 'Anchor House', type: 'recovery_housing' });
  navigator = await user(otp.id, ['care_navigator']);
  navigatorPrivacy = await user(otp.id, ['care_navigator', 'privacy_officer']);
  otpPrivacy = await user(otp.id, ['privacy_officer']);
  edClinician = await user(ed.id, ['clinician']);
  edPrivacy = await user(ed.id, ['privacy_officer']);
  partner = await user(housing.id, ['partner_staff']);
});
afterAll(async () => t?.close());

describe('a care-team link added for another organization', () => {
  let personId: string;
  let memberId: string;

  it('is pending and gives the added organization nothing, through the API or a search', async () => {
    personId = await personWithTreatingProvidersConsent('Okafor');
    const added = await post(navigator, `/api/people/${personId}/care-team`, { organizationId: ed.id, role: 'emergency_department' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ pending: true });
    memberId = added.json().id;

    expect((await get(edClinician, `/api/people/${personId}`)).statusCode).toBe(404);
    expect(await seesNote(edClinician, personId)).toBe(404);
    expect((await get(edClinician, '/api/people?q=Okafor')).json().items).toEqual([]);
    const detail = (await get(navigator, `/api/people/${personId}`)).json() as PersonDetail;
    expect(detail.careTeam).toEqual([
      expect.objectContaining({ id: memberId, organizationId: ed.id, pending: true, addedByOrganizationId: otp.id, confirmedBy: null }),
    ]);
  });

  it('notifies the adding organization’s privacy officers', async () => {
    const inbox = (await get(otpPrivacy, '/api/notifications')).json();
    expect(inbox.items).toEqual([expect.objectContaining({ kind: 'care-team.pending', link: `/people/${personId}` })]);
    expect(JSON.stringify(inbox)).not.toContain('Okafor');
    expect((await get(edPrivacy, '/api/notifications')).json().items).toEqual([]);
  });

  it('is approved only by a privacy officer of the adding organization', async () => {
    const byNavigator = await post(navigator, `/api/people/${personId}/care-team/${memberId}/approve`);
    expect(byNavigator.statusCode).toBe(403);
    // The ED's privacy officer is the one who would gain: it cannot even see the person.
    expect((await post(edPrivacy, `/api/people/${personId}/care-team/${memberId}/approve`)).statusCode).toBe(404);
    expect(await seesNote(edClinician, personId)).toBe(404);

    const approved = await post(otpPrivacy, `/api/people/${personId}/care-team/${memberId}/approve`);
    expect(approved.statusCode).toBe(200);
    expect((await get(edClinician, `/api/people/${personId}`)).statusCode).toBe(200);
    expect(await seesNote(edClinician, personId)).toBe(200);
    expect((await post(otpPrivacy, `/api/people/${personId}/care-team/${memberId}/approve`)).statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', personId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['person.care-team.add', 'person.care-team.approve']));
  });

  it('is not approved by the privacy officer who added it', async () => {
    const id = await personWithTreatingProvidersConsent('Lindqvist');
    const added = await post(navigatorPrivacy, `/api/people/${id}/care-team`, { organizationId: ed.id, role: 'emergency_department' });
    expect(added.json()).toMatchObject({ pending: true });
    const own = await post(navigatorPrivacy, `/api/people/${id}/care-team/${added.json().id}/approve`);
    expect(own.statusCode).toBe(403);
    expect(await seesNote(edClinician, id)).toBe(404);
  });

  it('is confirmed by the person’s consent naming the organization, and stays after that consent is revoked', async () => {
    const id = await personWithTreatingProvidersConsent('Marchetti');
    const added = await post(navigator, `/api/people/${id}/care-team`, { organizationId: housing.id, role: 'recovery_housing' });
    expect(added.json()).toMatchObject({ pending: true });
    expect(await seesNote(partner, id)).toBe(404);
    const named = await post(navigator, `/api/people/${id}/consents`, {
      type: 'standard',
      disclosers: { type: 'organizations', organizationIds: [otp.id] },
      recipients: { type: 'organizations', organizationIds: [housing.id] },
      purposes: ['care_coordination'],
      kinds: ['referrals'],
      informationDescription: 'Where I live, for my recovery residence',
      expiresOn: '2026-12-31',
    });
    expect(named.statusCode).toBe(201);
    // A draft names nobody yet.
    expect(await seesNote(partner, id)).toBe(404);
    await post(navigator, `/api/consents/${named.json().id}/sign`, {
      signerName: 'Jordan',
      signatureMethod: 'attested',
      acknowledged: true,
    });
    // The link now counts: the "my treating providers" consent reaches the partner's organization.
    expect(await seesNote(partner, id)).toBe(200);
    const detail = (await get(navigator, `/api/people/${id}`)).json() as PersonDetail;
    expect(detail.careTeam[0]).toMatchObject({ pending: false, confirmedBy: 'consent' });
    await post(navigator, `/api/consents/${named.json().id}/revoke`, { method: 'written' });
    expect((await get(partner, `/api/people/${id}`)).statusCode).toBe(200);
  });

  it('is active at once when a signed consent already names the organization', async () => {
    const id = await personWithTreatingProvidersConsent('Nakamura');
    const consent = await post(navigator, `/api/people/${id}/consents`, {
      type: 'standard',
      disclosers: { type: 'organizations', organizationIds: [otp.id] },
      recipients: { type: 'organizations', organizationIds: [ed.id] },
      purposes: ['treatment'],
      kinds: ['medications'],
      informationDescription: 'My medications',
      expiresOn: '2026-12-31',
    });
    await post(navigator, `/api/consents/${consent.json().id}/sign`, {
      signerName: 'Jordan',
      signatureMethod: 'attested',
      acknowledged: true,
    });
    const added = await post(navigator, `/api/people/${id}/care-team`, { organizationId: ed.id, role: 'emergency_department' });
    expect(added.json()).toMatchObject({ pending: false });
    expect(await seesNote(edClinician, id)).toBe(200);
  });

  it('is active at once when the organization links itself', async () => {
    const id = await personWithTreatingProvidersConsent('Ferreira');
    const added = await post(navigator, `/api/people/${id}/care-team`, { role: 'peer_support' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ pending: false });
  });
});

describe('a care-team link made through emergency access', () => {
  it('is pending, so the organization loses the person when the emergency access ends', async () => {
    const id = await personWithTreatingProvidersConsent('Okonkwo');
    expect((await get(edClinician, `/api/people/${id}`)).statusCode).toBe(404);
    const glass = await post(edClinician, `/api/people/${id}/break-glass`, { reason: 'Unresponsive in the emergency department' });
    expect(glass.statusCode).toBe(201);
    expect((await get(edClinician, `/api/people/${id}`)).statusCode).toBe(200);
    const added = await post(edClinician, `/api/people/${id}/care-team`, { role: 'emergency_department' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ pending: true });
    const inbox = await t.db.selectFrom('notifications').select('kind').where('dedupe_key', '=', `care-team:${added.json().id}`).execute();
    expect(inbox.map((n) => n.kind)).toEqual(['care-team.pending']);
    // The emergency access ends: the pending link keeps nothing open.
    await t.db
      .updateTable('break_glass_grants')
      .set({ expires_at: new Date(t.clock.now().getTime() - 1000) })
      .where('id', '=', glass.json().id)
      .execute();
    expect((await get(edClinician, `/api/people/${id}`)).statusCode).toBe(404);
    expect(await seesNote(edClinician, id)).toBe(404);
  });

  it('is active at once when the organization already treats the person', async () => {
    const id = await personWithTreatingProvidersConsent('Abernathy');
    const added = await post(navigator, `/api/people/${id}/care-team`, { role: 'peer_support' });
    expect(added.json()).toMatchObject({ pending: false });
  });
});

describe('an accepted referral', () => {
  it('confirms the receiving organization’s pending link', async () => {
    const n = await referralNetwork(t);
    await signedConsent(t, n, [n.otp.id]);
    const referral = await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n), 201);
    const added = await call(
      t,
      n.edClinician,
      'POST',
      `/api/people/${n.person.id}/care-team`,
      { organizationId: n.otp.id, role: 'moud_prescriber' },
      201,
    );
    // The consent already names the receiver, so the link is active; make it pending to see the referral confirm it.
    expect(added.pending).toBe(false);
    await t.db.updateTable('care_team_members').set({ status: 'pending', confirmed_by: null }).where('id', '=', added.id).execute();
    await call(t, n.otpClinician, 'POST', `/api/referrals/${referral.id}/transitions`, { event: 'receive' }, 200);
    const before = await t.db.selectFrom('care_team_members').select('status').where('id', '=', added.id).executeTakeFirstOrThrow();
    expect(before.status).toBe('pending');
    await call(t, n.otpClinician, 'POST', `/api/referrals/${referral.id}/transitions`, { event: 'accept' }, 200);
    const after = await t.db
      .selectFrom('care_team_members')
      .select(['status', 'confirmed_by'])
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'active', confirmed_by: 'referral' });
  });
});
