import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareEventInput, Timeline } from '@continuum/contracts';
import { systemAccess, type AccessContext } from '../../core/access-context.ts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { writeCareEvents } from '../registry/care-events.ts';
import { findReferralConsents } from '../registry/sources/referral-consent.ts';
import { runWorklistRules } from '../worklist/index.ts';
import { indexPeople } from './person-index.ts';
import { unlink } from './review.ts';

/*
 * Every consumer follows a person-index merge (docs/person-index.md, "Links, merges and unlinks"),
 * and the merge never widens access. Dario Vance is registered at a county jail and at an opioid
 * treatment program (a Part 2 program) and the index links the two records; Elena Marsh is registered
 * at both too but is never indexed, so her two records stay two people: the control that shows each
 * assertion would fail without the link.
 */

let t: TestApp;
const org: Record<string, string> = {};
const user: Record<string, { id: string; email: string }> = {};
const system = systemAccess('test: merge consumers');
const dario = { givenName: 'Dario', familyName: 'Vance', birthDate: '1986-02-11', sex: 'male' as const, phone: '541-555-0144' };
const elena = { givenName: 'Elena', familyName: 'Marsh', birthDate: '1991-09-30', sex: 'female' as const, phone: '541-555-0177' };
let darioJail: string;
let darioOtp: string;
let elenaJail: string;
let elenaOtp: string;
/** After the link: the record that survives and the one merged into it. */
let survivor: string;
let absorbed: string;

async function write(organizationId: string, personId: string, events: CareEventInput[]) {
  return t.db.transaction().execute((trx) =>
    writeCareEvents(
      trx,
      t.clock,
      system,
      { organizationId, source: 'test' },
      events.map((event) => ({ personId, event })),
    ),
  );
}
async function as(key: string) {
  return signIn(t.app, user[key]!.email);
}
const tasksOf = (personIds: string[]) =>
  t.db.selectFrom('worklist_tasks').selectAll().where('person_id', 'in', personIds).orderBy('created_at').execute();
async function addNavigator(personId: string) {
  await t.db
    .insertInto('care_team_members')
    .values({
      person_id: personId,
      organization_id: org.peer!,
      user_id: user.navigator!.id,
      role: 'peer_support',
      since: '2026-01-01',
      until: null,
      created_at: t.clock.now(),
    })
    .execute();
}
async function timeline(who: string, personId: string): Promise<Timeline> {
  const signed = await as(who);
  const res = await t.app.inject({ method: 'GET', url: `/api/people/${personId}/timeline`, headers: { cookie: signed.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json() as Timeline;
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-10T12:00:00Z'));
  await t.db
    .insertInto('areas')
    .values({ id: 'H1', name: 'Harbor North', town: 'Harbor', postal_code: '97101', latitude: 45.5, longitude: -122.6, population: 10000 })
    .execute();
  const orgs: [string, Parameters<typeof createTestOrganization>[2]][] = [
    ['jail', { name: 'Harbor County Jail', type: 'corrections' }],
    ['otp', { name: 'Tidewater Treatment', type: 'opioid_treatment_program' }],
    ['ems', { name: 'Harbor EMS', type: 'ems' }],
    ['peer', { name: 'Harbor Peer Recovery', type: 'peer_recovery' }],
    ['health', { name: 'Harbor County Public Health', type: 'public_health' }],
  ];
  for (const [key, o] of orgs) org[key] = (await createTestOrganization(t.db, t.clock, o)).id;
  for (const [key, o, roles] of [
    ['jail', 'jail', ['care_navigator']],
    ['otp', 'otp', ['clinician']],
    ['ems', 'ems', ['clinician']],
    ['navigator', 'peer', ['care_navigator']],
    ['admin', 'health', ['network_admin']],
    ['privacy', 'health', ['privacy_officer']],
  ] as const) {
    const u = await createTestUser(t.db, t.clock, { organizationId: org[o]!, roles: [...roles] });
    user[key] = { id: u.id, email: u.email };
  }
  darioJail = (await createTestPerson(t.db, t.clock, org.jail!, dario)).id;
  darioOtp = (await createTestPerson(t.db, t.clock, org.otp!, { ...dario, phone: null })).id;
  elenaJail = (await createTestPerson(t.db, t.clock, org.jail!, elena)).id;
  elenaOtp = (await createTestPerson(t.db, t.clock, org.otp!, { ...elena, phone: null })).id;
  // EMS knows all four records (an EMS patient id), so it may name them when it reports an overdose.
  await t.db
    .insertInto('person_identifiers')
    .values(
      [darioJail, darioOtp, elenaJail, elenaOtp].map((id, i) => ({
        person_id: id,
        organization_id: org.ems!,
        kind: 'ems_patient_id',
        value: `EMS-${i}`,
        created_at: t.clock.now(),
      })),
    )
    .execute();
  const admin = await as('admin');
  const settings = await t.app.inject({
    method: 'PUT',
    url: '/api/overdose/settings',
    headers: admin.headers,
    payload: { outreachOrganizationId: org.health, outreachDueHours: 72, defaultThreshold: null, minSigma: 1 },
  });
  expect(settings.statusCode).toBe(200);

  // Only Dario is indexed: his two registrations become one person.
  const outcomes = await indexPeople(t.db, t.clock, system, [darioJail, darioOtp]);
  expect(outcomes.filter((o) => o.linked !== null)).toHaveLength(1);
  const pointers = await t.db.selectFrom('people').select(['id', 'merged_into_id']).where('id', 'in', [darioJail, darioOtp]).execute();
  absorbed = pointers.find((p) => p.merged_into_id !== null)!.id;
  survivor = pointers.find((p) => p.merged_into_id !== null)!.merged_into_id!;
  expect([survivor, absorbed].sort()).toEqual([darioJail, darioOtp].sort());
});
afterAll(async () => t?.close());

describe('consumers follow a person-index merge', () => {
  it('worklist: a MOUD start at the program counts against the release from the jail (no task); unlinked records still get one', async () => {
    for (const [jailRecord, otpRecord] of [
      [darioJail, darioOtp],
      [elenaJail, elenaOtp],
    ] as const) {
      await write(org.jail!, jailRecord, [{ type: 'custody_release', occurredAt: '2026-11-10T12:00:00Z', data: {} }]);
      await write(org.otp!, otpRecord, [
        { type: 'moud_dispense', occurredAt: '2026-11-11T15:00:00Z', data: { medication: 'buprenorphine', daysSupply: 14 } },
      ]);
    }
    t.clock.set(new Date('2026-11-13T12:05:00Z'));
    await runWorklistRules(t.db, t.clock);
    const release = (ids: string[]) => tasksOf(ids).then((ts) => ts.filter((x) => x.kind === 'custody_release_no_moud'));
    expect(await release([darioJail, darioOtp])).toEqual([]);
    expect((await release([elenaJail, elenaOtp])).map((x) => x.person_id)).toEqual([elenaJail]);
  });

  it("worklist: an overdose on the merged record reaches the survivor's navigator as the survivor's task", async () => {
    t.clock.set(new Date('2026-11-15T10:00:00Z'));
    await addNavigator(survivor);
    await addNavigator(elenaJail);
    await write(org.ems!, absorbed, [{ type: 'overdose', occurredAt: '2026-11-15T08:00:00Z', data: { fatal: false } }]);
    await write(org.ems!, elenaOtp, [{ type: 'overdose', occurredAt: '2026-11-15T08:00:00Z', data: { fatal: false } }]);
    await runWorklistRules(t.db, t.clock);
    const darioTasks = (await tasksOf([survivor, absorbed])).filter((x) => x.kind === 'post_overdose');
    expect(darioTasks.map((x) => [x.person_id, x.organization_id, x.assignee_user_id])).toEqual([[survivor, org.peer, user.navigator!.id]]);
    const elenaTasks = (await tasksOf([elenaJail, elenaOtp])).filter((x) => x.kind === 'post_overdose');
    expect(elenaTasks.some((x) => x.assignee_user_id === user.navigator!.id)).toBe(false);
  });

  it("overdose feedback: an overdose reported for the merged record tells the survivor's care team", async () => {
    t.clock.set(new Date('2026-11-20T12:00:00Z'));
    const ems = await as('ems');
    const report = (personId: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/overdose/events',
        headers: ems.headers,
        payload: {
          occurredAt: '2026-11-20T09:30:00Z',
          latitude: 45.501,
          longitude: -122.601,
          naloxoneDoses: 1,
          naloxoneBy: ['ems'],
          suspectedSubstances: ['fentanyl'],
          disposition: 'transported',
          personId,
        },
      });
    const told = () =>
      t.db
        .selectFrom('notifications')
        .select('link')
        .where('user_id', '=', user.navigator!.id)
        .where('kind', '=', 'overdose.linked-person')
        .execute();
    const before = (await told()).length;
    const elenaRes = await report(elenaOtp);
    expect(elenaRes.statusCode).toBe(201);
    expect((await told()).length).toBe(before);
    const darioRes = await report(absorbed);
    expect(darioRes.statusCode).toBe(201);
    const eventId = (darioRes.json() as { id: string }).id;
    expect((await told()).map((n) => n.link)).toContain(`/overdose-response/events/${eventId}`);
  });

  it('referrals: a consent signed on one record covers a referral sent for the other; not for records never linked', async () => {
    for (const personId of [darioJail, elenaJail]) {
      await t.db
        .insertInto('consents')
        .values({
          person_id: personId,
          person_name: 'Test Person',
          type: 'standard',
          status: 'signed',
          disclosers: JSON.stringify({ type: 'organizations', organizationIds: [org.otp!] }),
          recipients: JSON.stringify({ type: 'organizations', organizationIds: [org.peer!] }),
          purposes: ['treatment'],
          kinds: ['referrals'],
          information_description: 'My referral to peer recovery',
          language: 'en',
          expires_on: '2027-12-31',
          expiry_event: null,
          signed_at: t.clock.now(),
          created_by_organization_id: org.jail!,
          created_at: t.clock.now(),
          updated_at: t.clock.now(),
        })
        .execute();
    }
    const question = {
      senderOrganizationId: org.otp!,
      receiverOrganizationId: org.peer!,
      purpose: 'treatment' as const,
      sensitivity: 'part2' as const,
      now: t.clock.now(),
    };
    const [dario] = await findReferralConsents(t.db, darioOtp, [question]);
    expect(dario).toMatchObject({ covered: true });
    const [elena] = await findReferralConsents(t.db, elenaOtp, [question]);
    expect(elena).toEqual({ covered: false, reason: 'NO_CONSENT' });
  });

  it("timeline: the program sees its own records on the survivor's timeline, whichever record they were written on", async () => {
    const otpView = await timeline('otp', survivor);
    expect(
      otpView.entries.some((e) => e.sourceOrganizationName === 'Tidewater Treatment' && /buprenorphine|MOUD|dispens/i.test(e.title)),
    ).toBe(true);
  });
});

describe('linking never widens access', () => {
  it("the jail sees none of the program's Part 2 records on the merged person without a consent naming it", async () => {
    const jailView = await timeline('jail', survivor);
    expect(jailView.entries.some((e) => e.sourceOrganizationName === 'Harbor County Jail')).toBe(true);
    expect(jailView.entries.some((e) => e.sourceOrganizationName === 'Tidewater Treatment')).toBe(false);
    // Opening the program's record by its own id leads to the merged person, and shows no more.
    const signed = await as('jail');
    const res = await t.app.inject({ method: 'GET', url: `/api/people/${darioOtp}/timeline`, headers: { cookie: signed.cookie } });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Timeline).entries.some((e) => e.sourceOrganizationName === 'Tidewater Treatment')).toBe(false);
  });

  it("the program sees none of the jail's records on the merged person", async () => {
    const darioView = await timeline('otp', survivor);
    expect(darioView.entries.some((e) => e.sourceOrganizationName === 'Tidewater Treatment')).toBe(true);
    expect(darioView.entries.some((e) => e.sourceOrganizationName === 'Harbor County Jail')).toBe(false);
  });
});

describe('an unlink undoes what the consumers followed', () => {
  it("after the reviewer undoes the link, the jail record's consent no longer covers the program's referral", async () => {
    const link = await t.db.selectFrom('person_index_links').select('id').where('status', '=', 'linked').executeTakeFirstOrThrow();
    const officer: AccessContext = {
      actor: { type: 'user', userId: user.privacy!.id, sessionId: 's' },
      organizationId: org.health!,
      roles: ['privacy_officer'],
      requestId: null,
    };
    await unlink(t.db, t.clock, officer, link.id, 'Two people after all');
    const [dario] = await findReferralConsents(t.db, darioOtp, [
      { senderOrganizationId: org.otp!, receiverOrganizationId: org.peer!, purpose: 'treatment', sensitivity: 'part2', now: t.clock.now() },
    ]);
    expect(dario).toEqual({ covered: false, reason: 'NO_CONSENT' });
    const otpView = await timeline('otp', darioOtp);
    expect(otpView.entries.some((e) => e.sourceOrganizationName === 'Harbor County Jail')).toBe(false);
  });
});
