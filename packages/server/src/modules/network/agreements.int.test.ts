import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestPart2Note, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { remindEndingAgreements } from './agreement-reminders.ts';

/*
 * The agreements register end to end: network administrators register agreements, members see
 * their own; a QSOA lets the service organization see the Part 2 program's records for its service
 * and stops on the day it ends; renewal reminders reach the parties' administrators once each.
 */

let t: TestApp;
let admin: SignedIn;
let otp: { id: string };
let lab: { id: string };
let other: { id: string };
let labClinician: SignedIn;
let otpAdmin: SignedIn;
let otherMember: SignedIn;
let personId: string;
const emails: Record<'admin' | 'lab' | 'otp' | 'other', string> = { admin: '', lab: '', otp: '', other: '' };

/** Moves the clock and signs everyone in again (sessions end after an hour idle). */
async function moveTo(iso: string) {
  t.clock.set(new Date(iso));
  admin = await signIn(t.app, emails.admin);
  labClinician = await signIn(t.app, emails.lab);
  otpAdmin = await signIn(t.app, emails.otp);
  otherMember = await signIn(t.app, emails.other);
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-06-15T12:00:00Z'));
  const first = await signedInAs(t, ['network_admin']);
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  lab = await createTestOrganization(t.db, t.clock, { name: 'Coastal Toxicology Lab', type: 'primary_care' });
  other = await createTestOrganization(t.db, t.clock, { name: 'Faraway Clinic', type: 'primary_care' });
  emails.admin = first.user.email;
  emails.lab = (await createTestUser(t.db, t.clock, { organizationId: lab.id, roles: ['clinician'] })).email;
  emails.otp = (await createTestUser(t.db, t.clock, { organizationId: otp.id, roles: ['org_admin'] })).email;
  emails.other = (await createTestUser(t.db, t.clock, { organizationId: other.id, roles: ['clinician'] })).email;
  await moveTo('2026-06-15T12:00:00Z');
  personId = (await createTestPerson(t.db, t.clock, otp.id)).id;
  await createTestPart2Note(t.db, personId, otp.id);
});
afterAll(async () => t?.close());

const qsoa = (over: Record<string, unknown> = {}) => ({
  kind: 'qsoa',
  title: 'Toxicology testing for Tidewater',
  parties: [
    { organizationId: otp.id, role: 'part2_program' },
    { organizationId: lab.id, role: 'service_organization' },
  ],
  champions: [{ name: 'Jordan Reyes', organizationId: lab.id }],
  signatories: [{ name: 'Sam Ortiz', title: 'Director', organizationId: otp.id, signedOn: '2026-01-02' }],
  dataKinds: ['demographics', 'sud_treatment'],
  purposes: ['treatment', 'operations'],
  effectiveOn: '2026-01-01',
  endsOn: '2026-07-01',
  ...over,
});

async function timelineAsLab() {
  return t.app.inject({ method: 'GET', url: `/api/people/${personId}/timeline`, headers: { cookie: labClinician.cookie } });
}

describe('agreements register', () => {
  let agreementId: string;

  it('refuses a member who is not a network administrator, and names the field of an incomplete agreement', async () => {
    const forbidden = await t.app.inject({ method: 'POST', url: '/api/network/agreements', headers: otpAdmin.headers, payload: qsoa() });
    expect(forbidden.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/network/agreements',
      headers: admin.headers,
      payload: qsoa({ purposes: [] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('body.purposes');
    const count = await t.db
      .selectFrom('network_agreements')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('before the agreement, the lab sees nothing of the program’s person', async () => {
    expect((await timelineAsLab()).statusCode).toBe(404);
  });

  it('registers a QSOA, audited', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/network/agreements', headers: admin.headers, payload: qsoa() });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    agreementId = body.id;
    expect(body).toMatchObject({ kind: 'qsoa', state: 'ending_soon', daysToEnd: 16, endsOn: '2026-07-01' });
    expect(body.parties.map((p: { organizationName: string }) => p.organizationName).sort()).toEqual([
      'Coastal Toxicology Lab',
      'Tidewater Treatment',
    ]);
    const audit = await t.db.selectFrom('audit_events').select(['action']).where('entity_id', '=', agreementId).execute();
    expect(audit.map((a) => a.action)).toEqual(['network.agreement.create']);
  });

  it('members see the agreements of their organization only', async () => {
    const own = await t.app.inject({ method: 'GET', url: '/api/network/agreements', headers: { cookie: otpAdmin.cookie } });
    expect(own.json().items.map((a: { id: string }) => a.id)).toEqual([agreementId]);
    const others = await t.app.inject({ method: 'GET', url: '/api/network/agreements', headers: { cookie: otherMember.cookie } });
    expect(others.json().items).toEqual([]);
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/network/agreements/${agreementId}`,
      headers: { cookie: otherMember.cookie },
    });
    expect(one.statusCode).toBe(404);
    const csv = await t.app.inject({ method: 'GET', url: '/api/network/agreements/export.csv', headers: { cookie: admin.cookie } });
    expect(csv.body.split('\r\n')[1]).toContain('Toxicology testing for Tidewater');
  });

  it('the QSOA lets the service organization see the program’s Part 2 records, recording the disclosure under the agreement', async () => {
    const res = await timelineAsLab();
    expect(res.statusCode).toBe(200);
    const entries = res.json().entries as { title: string; basis: string; sensitivity: string }[];
    expect(entries).toEqual([expect.objectContaining({ title: 'Program visit', basis: 'qsoa', sensitivity: 'part2' })]);
    const disclosures = await t.db
      .selectFrom('disclosures')
      .select(['basis', 'agreement_id', 'recipient_organization_id'])
      .where('person_id', '=', personId)
      .where('basis', '=', 'qsoa')
      .execute();
    expect(disclosures.length).toBeGreaterThan(0);
    expect(disclosures.every((d) => d.agreement_id === agreementId && d.recipient_organization_id === lab.id)).toBe(true);
    // The service organization also finds the program's people by search.
    const search = await t.app.inject({ method: 'GET', url: `/api/people?q=Avery`, headers: { cookie: labClinician.cookie } });
    expect(search.json().items.map((p: { id: string }) => p.id)).toContain(personId);
  });

  it('the last day before the end still gives access; the day it ends stops it', async () => {
    await moveTo('2026-06-30T23:59:00Z');
    expect((await timelineAsLab()).statusCode).toBe(200);
    await moveTo('2026-07-01T00:00:00Z');
    expect((await timelineAsLab()).statusCode).toBe(404);
    const search = await t.app.inject({ method: 'GET', url: `/api/people?q=Avery`, headers: { cookie: labClinician.cookie } });
    expect(search.json().items).toEqual([]);
    const listed = await t.app.inject({ method: 'GET', url: `/api/network/agreements/${agreementId}`, headers: { cookie: admin.cookie } });
    expect(listed.json()).toMatchObject({ state: 'ended', daysToEnd: 0 });
  });

  it('a renewal restores access; an early termination stops it from its day', async () => {
    const renewed = await t.app.inject({
      method: 'PUT',
      url: `/api/network/agreements/${agreementId}`,
      headers: admin.headers,
      payload: qsoa({ endsOn: '2027-07-01' }),
    });
    expect(renewed.statusCode).toBe(200);
    expect((await timelineAsLab()).statusCode).toBe(200);
    const ended = await t.app.inject({
      method: 'POST',
      url: `/api/network/agreements/${agreementId}/terminate`,
      headers: admin.headers,
      payload: { terminatedOn: '2026-07-01', reason: 'Service moved in house' },
    });
    expect(ended.json()).toMatchObject({ status: 'terminated', state: 'terminated' });
    expect((await timelineAsLab()).statusCode).toBe(404);
    const actions = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', agreementId).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['network.agreement.create', 'network.agreement.update', 'network.agreement.terminate']);
  });
});

describe('renewal reminders', () => {
  it('tells the parties’ administrators and the network administrators at 60, 30 and 7 days, once each', async () => {
    await moveTo('2026-08-01T06:00:00Z');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/network/agreements',
      headers: admin.headers,
      payload: {
        kind: 'mou',
        title: 'Warm handoff MOU',
        parties: [
          { organizationId: otp.id, role: 'party' },
          { organizationId: other.id, role: 'party' },
        ],
        effectiveOn: '2026-01-01',
        endsOn: '2026-10-01',
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const inbox = async (who: SignedIn) =>
      (
        (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: who.cookie } })).json().items as {
          kind: string;
          link: string;
        }[]
      ).filter((n) => n.kind === 'agreement.ending' && n.link === `/network/agreements/${id}`);
    expect(await remindEndingAgreements(t.db, t.clock)).toBe(0); // 61 days out
    await moveTo('2026-08-02T06:00:00Z');
    expect(await remindEndingAgreements(t.db, t.clock)).toBe(1);
    expect(await remindEndingAgreements(t.db, t.clock)).toBe(0);
    expect(await inbox(otpAdmin)).toHaveLength(1);
    expect(await inbox(admin)).toHaveLength(1);
    expect(await inbox(otherMember)).toHaveLength(0); // a clinician, not an administrator
    await moveTo('2026-09-01T06:00:00Z');
    expect(await remindEndingAgreements(t.db, t.clock)).toBe(1);
    await moveTo('2026-09-24T06:00:00Z');
    expect(await remindEndingAgreements(t.db, t.clock)).toBe(1);
    await moveTo('2026-09-25T06:00:00Z');
    expect(await remindEndingAgreements(t.db, t.clock)).toBe(0);
    expect(await inbox(otpAdmin)).toHaveLength(3);
  });
});
