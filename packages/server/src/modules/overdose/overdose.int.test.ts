import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { writeCareEvents } from '../registry/care-events.ts';
import { createConsent, revokeConsent, signConsent } from '../registry/consents.ts';
import { addCareTeamMember } from '../registry/care-team.ts';
import { readContext } from '../registry/people.ts';
import { dailyCounts, evaluateEars } from './spike-service.ts';
import { HOUR_MS, DAY_MS, localDay } from '@continuum/contracts';

/*
 * Overdose response over the HTTP API and a real database: recording (form/API and CSV), the
 * timeline entry, feedback to linked providers under each consent state, post-overdose outreach,
 * the medical examiner's report, the threshold rule and EARS alerts without duplicates, and the
 * suppressed aggregate views.
 */

let t: TestApp;
const org: Record<string, string> = {};
const user: Record<string, { id: string; email: string }> = {};
const signed: Record<string, SignedIn> = {};
let personId: string;
let otherPersonId: string;

const access = (organizationId: string, userId: string, roles: Role[] = ['clinician']): AccessContext => ({
  actor: { type: 'user', userId, sessionId: 's' },
  organizationId,
  roles,
  requestId: null,
});

async function post(who: string, url: string, payload: unknown) {
  return t.app.inject({ method: 'POST', url, headers: signed[who]!.headers, payload: payload as object });
}
async function get(who: string | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: who ? signed[who]!.headers : {} });
}
async function put(who: string, url: string, payload: unknown) {
  return t.app.inject({ method: 'PUT', url, headers: signed[who]!.headers, payload: payload as object });
}
/** Moves the clock and signs everyone in again (sessions end after an idle hour). */
async function moveClock(to: string) {
  t.clock.set(new Date(to));
  for (const key of Object.keys(user)) signed[key] = await signIn(t.app, user[key]!.email);
}
const inbox = (userId: string) =>
  t.db
    .selectFrom('notifications')
    .select(['kind', 'title', 'body', 'link'])
    .where('user_id', '=', userId)
    .where('kind', 'in', ['overdose.linked-person', 'overdose.spike'])
    .orderBy('created_at')
    .execute();

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  await t.db
    .insertInto('areas')
    .values([
      { id: 'A1', name: 'Harbor North', town: 'Harbor', postal_code: '97101', latitude: 45.5, longitude: -122.6, population: 10000 },
      { id: 'A2', name: 'Harbor South', town: 'Harbor', postal_code: '97102', latitude: 45.45, longitude: -122.6, population: 10000 },
      { id: 'A3', name: 'Bayview', town: 'Bayview', postal_code: '97103', latitude: 45.4, longitude: -122.7, population: 8000 },
    ])
    .execute();
  const orgs: [string, Parameters<typeof createTestOrganization>[2]][] = [
    ['ems', { name: 'Harbor EMS', type: 'ems' }],
    ['ed', { name: 'Harbor General ED', type: 'emergency_department' }],
    ['peer', { name: 'Harbor Peer Recovery', type: 'peer_recovery' }],
    ['otp', { name: 'Tidewater Treatment', type: 'opioid_treatment_program' }],
    ['clinic', { name: 'Seaside Family Clinic', type: 'primary_care' }],
    ['me', { name: 'County Medical Examiner', type: 'medical_examiner' }],
    ['health', { name: 'Harbor County Public Health', type: 'public_health' }],
  ];
  for (const [key, o] of orgs) org[key] = (await createTestOrganization(t.db, t.clock, o)).id;
  const users: [string, string, Role[]][] = [
    ['ems', 'ems', ['clinician']],
    ['ed', 'ed', ['clinician']],
    ['navigator', 'peer', ['care_navigator']],
    ['otp', 'otp', ['clinician']],
    ['prescriber', 'clinic', ['clinician']],
    ['me', 'me', ['clinician']],
    ['outreach', 'health', ['care_navigator']],
    ['analyst', 'health', ['analyst']],
    ['admin', 'health', ['network_admin']],
  ];
  for (const [key, o, roles] of users) {
    const u = await createTestUser(t.db, t.clock, { organizationId: org[o]!, roles });
    user[key] = { id: u.id, email: u.email };
    signed[key] = await signIn(t.app, u.email);
  }
  personId = (await createTestPerson(t.db, t.clock, org.ed!)).id;
  otherPersonId = (await createTestPerson(t.db, t.clock, org.ed!)).id;
  // EMS knows both people (an EMS patient id), so it can pick them in the person search.
  await t.db
    .insertInto('person_identifiers')
    .values([
      { person_id: personId, organization_id: org.ems!, kind: 'ems_patient_id', value: 'EMS-1', created_at: t.clock.now() },
      { person_id: otherPersonId, organization_id: org.ems!, kind: 'ems_patient_id', value: 'EMS-2', created_at: t.clock.now() },
    ])
    .execute();
  // Linked as a feed links them: confirmed relationships (another organization's link added by staff waits for approval).
  const edCtx = readContext(
    { actor: { type: 'system', reason: 'test fixture' }, organizationId: org.ed!, roles: [], requestId: null },
    t.clock,
  );
  await addCareTeamMember(t.db, t.clock, edCtx, personId, {
    organizationId: org.peer!,
    userId: user.navigator!.id,
    role: 'care_navigator',
    since: '2026-01-01',
  });
  await addCareTeamMember(t.db, t.clock, edCtx, personId, {
    organizationId: org.otp!,
    role: 'opioid_treatment_program',
    since: '2026-01-01',
  });
  // An opioid prescription from a clinic that is not on the care team, eight months ago.
  await t.db.transaction().execute((trx) =>
    writeCareEvents(trx, t.clock, access(org.ed!, user.ed!.id), { organizationId: org.ed!, source: 'import' }, [
      {
        personId,
        event: {
          type: 'opioid_dispense',
          occurredAt: '2026-03-20T10:00:00Z',
          data: { drugName: 'oxycodone 5 mg', quantity: 20, daysSupply: 5, prescriberUserId: user.prescriber!.id },
        },
      },
    ]),
  );
  const settings = await put('admin', '/api/overdose/settings', {
    outreachOrganizationId: org.health,
    outreachDueHours: 72,
    defaultThreshold: null,
    minSigma: 1,
  });
  expect(settings.statusCode).toBe(200);
});
afterAll(async () => t?.close());

const overdoseFor = (pid: string | null, extra: Record<string, unknown> = {}) => ({
  occurredAt: '2026-11-20T09:30:00Z',
  latitude: 45.501,
  longitude: -122.601,
  naloxoneDoses: 2,
  naloxoneBy: ['ems'],
  suspectedSubstances: ['fentanyl'],
  disposition: 'transported',
  personId: pid,
  ...extra,
});

describe('recording an overdose for a known person', () => {
  let eventId: string;
  let careEventId: string;
  let taskId: string;

  it('stores the event in the nearest area, writes the timeline entry and audits', async () => {
    const res = await post('ems', '/api/overdose/events', overdoseFor(personId, { leaveBehindKits: 1 }));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    eventId = body.id;
    careEventId = body.careEventId;
    taskId = body.outreachTaskId;
    expect(body.areaId).toBe('A1');
    const ce = await t.db
      .selectFrom('person_events')
      .select(['type', 'data', 'organization_id', 'source'])
      .where('id', '=', careEventId)
      .executeTakeFirstOrThrow();
    expect(ce).toEqual({
      type: 'overdose',
      data: { fatal: false, naloxoneDoses: 2, overdoseEventId: eventId },
      organization_id: org.ems,
      source: 'overdose',
    });
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', eventId).execute();
    expect(audit.map((a) => a.action)).toEqual(['overdose.event.record']);
    // The kit EMS left at the scene: a leave-behind distribution and a naloxone entry on the timeline.
    const kit = await t.db
      .selectFrom('naloxone_distributions')
      .select(['kits', 'leave_behind', 'recipient_category', 'care_event_id', 'area_id'])
      .where('overdose_event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    expect(kit).toMatchObject({ kits: 1, leave_behind: true, recipient_category: 'person_at_risk', area_id: 'A1' });
    const kitEvent = await t.db
      .selectFrom('person_events')
      .select(['type', 'data'])
      .where('id', '=', kit.care_event_id!)
      .executeTakeFirstOrThrow();
    expect(kitEvent).toEqual({ type: 'naloxone', data: { mode: 'kit_given', kits: 1 } });
  });

  it('without a consent, tells the care team (navigator, MOUD program) but not the prescriber outside it', async () => {
    // The reporter may not learn who the person's providers are: privacy officers and administrators may.
    expect((await get('ems', `/api/overdose/events/${eventId}/feedback`)).statusCode).toBe(403);
    const notices = await get('admin', `/api/overdose/events/${eventId}/feedback`);
    expect(notices.statusCode).toBe(200);
    const rows = notices.json().items.map((n: { userId: string; reasons: string[]; trigger: string }) => [n.userId, n.reasons, n.trigger]);
    expect(rows.sort()).toEqual(
      [
        [user.navigator!.id, ['navigator'], 'reported'],
        [user.otp!.id, ['moud_program'], 'reported'],
      ].sort(),
    );
    expect(await inbox(user.prescriber!.id)).toEqual([]);
    const nav = await inbox(user.navigator!.id);
    expect(nav).toEqual([
      {
        kind: 'overdose.linked-person',
        title: 'An overdose involving a person in your care was reported',
        body: expect.any(String),
        link: `/overdose-response/events/${eventId}`,
      },
    ]);
  });

  it('opens a post-overdose outreach task for the navigator, due in 72 hours, keyed by the care event', async () => {
    const task = await t.db.selectFrom('worklist_tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      kind: 'post_overdose',
      organization_id: org.peer,
      assignee_user_id: user.navigator!.id,
      dedupe_key: `post_overdose:${careEventId}`,
      source_type: 'overdose_event',
      source_id: eventId,
      status: 'open',
    });
    expect(task.due_at.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(task.reason).not.toContain(personId);
  });

  it('shows the navigator the person; shows others the area only, never the point', async () => {
    const nav = (await get('navigator', `/api/overdose/events/${eventId}`)).json();
    expect(nav.person.id).toBe(personId);
    expect(nav.personRestricted).toBe(false);
    expect([nav.latitude, nav.longitude, nav.areaName]).toEqual([null, null, 'Harbor North']);
    const prescriber = (await get('prescriber', `/api/overdose/events/${eventId}`)).json();
    expect(prescriber.person).toBeNull();
    expect(prescriber.personRestricted).toBe(true);
    const own = (await get('ems', `/api/overdose/events/${eventId}`)).json();
    expect([own.latitude, own.longitude]).toEqual([45.501, -122.601]);
  });

  it('returns the nearest services for the event area', async () => {
    const res = await get('navigator', `/api/overdose/events/${eventId}/nearby-services`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ areaId: 'A1', areaName: 'Harbor North' });
  });
});

describe('feedback under each consent state', () => {
  let consentId: string;

  it('with a signed consent covering overdose events for the clinic, the prescriber is told and sees the person', async () => {
    const edCtx = readContext(access(org.ed!, user.ed!.id), t.clock);
    const consent = await createConsent(t.db, t.clock, edCtx, personId, {
      type: 'standard',
      disclosers: { type: 'any_network_provider' },
      recipients: { type: 'organizations', organizationIds: [org.clinic!] },
      purposes: ['treatment'],
      kinds: ['overdose_events'],
      informationDescription: 'Overdose events, so my doctor knows',
      expiresOn: '2027-12-31',
      language: 'en',
    });
    consentId = consent.id;
    await signConsent(t.db, t.clock, edCtx, consentId, {
      signerName: 'Avery Testperson',
      signerRelationship: 'self',
      signatureMethod: 'attested',
      acknowledged: true,
    });
    const res = await post(
      'ems',
      '/api/overdose/events',
      overdoseFor(personId, { occurredAt: '2026-11-20T10:30:00Z', externalId: 'run-2' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const eventId = res.json().id;
    const told = await t.db
      .selectFrom('overdose_feedback_notices')
      .select(['user_id', 'reasons'])
      .where('overdose_event_id', '=', eventId)
      .execute();
    expect(told.find((n) => n.user_id === user.prescriber!.id)?.reasons).toEqual(['opioid_prescriber']);
    expect((await inbox(user.prescriber!.id)).map((n) => n.link)).toEqual([`/overdose-response/events/${eventId}`]);
    const seen = (await get('prescriber', `/api/overdose/events/${eventId}`)).json();
    expect(seen.person.id).toBe(personId);
    const disclosures = await t.db.selectFrom('disclosures').select('id').where('recipient_organization_id', '=', org.clinic!).execute();
    expect(disclosures.length).toBeGreaterThan(0);
  });

  it('after the consent is revoked, the prescriber is not told about a new event', async () => {
    await revokeConsent(t.db, t.clock, readContext(access(org.ed!, user.ed!.id), t.clock), consentId, { method: 'written' });
    const before = (await inbox(user.prescriber!.id)).length;
    const res = await post('ems', '/api/overdose/events', overdoseFor(personId, { occurredAt: '2026-11-20T11:00:00Z' }));
    const eventId = res.json().id;
    const told = await t.db.selectFrom('overdose_feedback_notices').select('user_id').where('overdose_event_id', '=', eventId).execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([user.navigator!.id, user.otp!.id].sort());
    expect((await inbox(user.prescriber!.id)).length).toBe(before);
  });

  it('a person with no navigator gets outreach from the designated outreach organization', async () => {
    const res = await post(
      'ems',
      '/api/overdose/events',
      overdoseFor(otherPersonId, { occurredAt: '2026-11-20T11:10:00Z', latitude: 45.4, longitude: -122.7 }),
    );
    const task = await t.db
      .selectFrom('worklist_tasks')
      .select(['organization_id', 'assignee_user_id'])
      .where('id', '=', res.json().outreachTaskId)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ organization_id: org.health, assignee_user_id: null });
  });
  it("a Part 2 program's report is not shown to a navigator team without consent: they are not told and outreach goes to the outreach organization", async () => {
    const res = await post('otp', '/api/overdose/events', overdoseFor(personId, { occurredAt: '2026-11-20T11:20:00Z' }));
    expect(res.statusCode, res.body).toBe(201);
    const { id, outreachTaskId } = res.json();
    const row = await t.db
      .selectFrom('overdose_events')
      .select(['sensitivity', 'source_type'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ sensitivity: 'part2', source_type: 'community' });
    const told = await t.db.selectFrom('overdose_feedback_notices').select('user_id').where('overdose_event_id', '=', id).execute();
    expect(told.map((n) => n.user_id)).not.toContain(user.navigator!.id);
    const task = await t.db
      .selectFrom('worklist_tasks')
      .select(['organization_id', 'assignee_user_id'])
      .where('id', '=', outreachTaskId)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ organization_id: org.health, assignee_user_id: null });
  });
});

describe("the medical examiner's report", () => {
  it('turns a non-fatal event fatal with the note; only an examiner office may', async () => {
    const edCtx = readContext(access(org.ed!, user.ed!.id), t.clock);
    const consent = await createConsent(t.db, t.clock, edCtx, personId, {
      type: 'standard',
      disclosers: { type: 'any_network_provider' },
      recipients: { type: 'organizations', organizationIds: [org.clinic!, org.me!] },
      purposes: ['treatment'],
      kinds: ['overdose_events'],
      informationDescription: 'Overdose events, for my doctor and the examiner',
      expiresOn: '2027-12-31',
      language: 'en',
    });
    await signConsent(t.db, t.clock, edCtx, consent.id, {
      signerName: 'Avery Testperson',
      signerRelationship: 'self',
      signatureMethod: 'attested',
      acknowledged: true,
    });
    const created = await post('ems', '/api/overdose/events', overdoseFor(personId, { occurredAt: '2026-11-20T11:30:00Z' }));
    const eventId = created.json().id;
    expect((await post('ems', `/api/overdose/events/${eventId}/examiner-report`, { note: 'Fentanyl toxicity.' })).statusCode).toBe(403);
    const res = await post('me', `/api/overdose/events/${eventId}/examiner-report`, { note: 'Fentanyl and xylazine toxicity; accident.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fatal: true, disposition: 'deceased', examinerNote: 'Fentanyl and xylazine toxicity; accident.' });
    const prescriberInbox = await inbox(user.prescriber!.id);
    expect(prescriberInbox.at(-1)).toMatchObject({
      title: 'A death from overdose involving a person in your care was reported',
      link: `/overdose-response/events/${eventId}`,
    });
    const seen = (await get('prescriber', `/api/overdose/events/${eventId}`)).json();
    expect(seen.examinerNote).toBe('Fentanyl and xylazine toxicity; accident.');
    const timeline = await t.db
      .selectFrom('person_events')
      .select(['data', 'organization_id'])
      .where('person_id', '=', personId)
      .where('type', '=', 'overdose')
      .where('organization_id', '=', org.me!)
      .execute();
    expect(timeline).toEqual([{ data: { fatal: true, naloxoneDoses: 2, overdoseEventId: eventId }, organization_id: org.me }]);
  });

  it('adds a death no one reported', async () => {
    const res = await post('me', '/api/overdose/examiner-reports', {
      occurredAt: '2026-11-19T03:00:00Z',
      areaId: 'A3',
      note: 'Found deceased; opioid toxicity.',
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db
      .selectFrom('overdose_events')
      .select(['fatal', 'disposition', 'source_type', 'examiner_note'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      fatal: true,
      disposition: 'deceased',
      source_type: 'medical_examiner',
      examiner_note: 'Found deceased; opioid toxicity.',
    });
  });
});

describe('CSV import', () => {
  const header = 'occurred_at,area,latitude,longitude,fatal,naloxone_doses,naloxone_by,substances,disposition,person_id,external_id';
  it('reports every bad row with its line and stores nothing', async () => {
    const before = await t.db
      .selectFrom('overdose_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const csv = [
      header,
      '2026-11-18T10:00:00Z,A2,,,false,1,ems,fentanyl,transported,,csv-1',
      'yesterday,A2,,,false,1,ems,fentanyl,transported,,csv-2',
      '2026-11-18T11:00:00Z,ZZ,,,maybe,1,ems,glitter,transported,,csv-3',
    ].join('\n');
    const res = await post('ems', '/api/overdose/events/import', { csv });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['rows.3.occurredAt', 'rows.4.fatal', 'rows.4.suspectedSubstances.0']));
    expect(paths.every((p: string) => !p.startsWith('rows.2.'))).toBe(true);
    const after = await t.db
      .selectFrom('overdose_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('rejects an unknown area and a person the importer may not see, before writing anything', async () => {
    const csv = [
      header,
      `2026-11-18T10:00:00Z,ZZ,,,false,1,ems,fentanyl,transported,,x1`,
      `2026-11-18T10:00:00Z,A2,,,false,1,ems,fentanyl,transported,00000000-0000-4000-8000-000000000000,x2`,
    ].join('\n');
    const res = await post('ems', '/api/overdose/events/import', { csv });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['rows.2.areaId', 'rows.3.personId']);
  });

  it('imports all rows once; the same external ids again are already present', async () => {
    const csv = [
      header,
      '2026-11-18T10:00:00Z,A2,,,false,1,ems;bystander,fentanyl;xylazine,transported,,csv-a',
      `2026-11-18T12:00:00Z,,45.45,-122.6,true,0,,heroin,deceased,${otherPersonId},csv-b`,
    ].join('\n');
    const first = await post('ems', '/api/overdose/events/import', { csv });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ imported: 2, alreadyPresent: 0, dryRun: false });
    const again = await post('ems', '/api/overdose/events/import', { csv });
    expect(again.json()).toEqual({ imported: 0, alreadyPresent: 2, dryRun: false });
    const row = await t.db
      .selectFrom('overdose_events')
      .select(['naloxone_by', 'suspected_substances', 'area_id'])
      .where('external_id', '=', 'csv-a')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ naloxone_by: ['ems', 'bystander'], suspected_substances: ['fentanyl', 'xylazine'], area_id: 'A2' });
  });
});

describe('spike alerts', () => {
  it('the threshold rule alerts once per episode, at the event that tips it, and tells subscribers', async () => {
    expect((await put('outreach', '/api/overdose/alerts/subscription', { subscribed: true })).statusCode).toBe(200);
    const hook = await t.db
      .insertInto('webhook_subscriptions')
      .values({
        organization_id: org.health!,
        url: 'https://partner.example/hooks',
        kinds: ['overdose.spike'],
        secret: 'test-secret',
        created_at: t.clock.now(),
        created_by_user_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await put('admin', '/api/overdose/thresholds/A3', { threshold: 2 })).statusCode).toBe(200);
    expect((await put('ems', '/api/overdose/thresholds/A3', { threshold: 5 })).statusCode).toBe(403);
    await moveClock('2026-11-21T12:00:00Z');
    const at = (h: number) => new Date(Date.parse('2026-11-21T00:00:00Z') + h * HOUR_MS).toISOString();
    const area = { areaId: 'A3', latitude: undefined, longitude: undefined };
    const ids: string[][] = [];
    for (const h of [1, 2, 3, 4])
      ids.push((await post('ems', '/api/overdose/events', overdoseFor(null, { ...area, occurredAt: at(h) }))).json().alertIds);
    // The overdose recorded in A3 at 11:10 the day before is inside the rolling 24 hours (the
    // examiner-reported death on the 19th is not): the second event of the night tips it over 2.
    expect(ids.map((x) => x.length)).toEqual([0, 1, 0, 0]);
    const alerts = (await get('outreach', '/api/overdose/alerts'))
      .json()
      .items.filter((a: { areaId: string; detector: string }) => a.areaId === 'A3' && a.detector === 'threshold');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ count: 5, threshold: 2, startedAt: at(2) });
    // A second spike two days later is a new episode.
    await moveClock('2026-11-23T12:00:00Z');
    const later = [];
    for (const h of [49, 50, 51])
      later.push((await post('ems', '/api/overdose/events', overdoseFor(null, { ...area, occurredAt: at(h) }))).json().alertIds.length);
    expect(later).toEqual([0, 0, 1]);
    const spikes = await inbox(user.outreach!.id);
    expect(spikes.filter((n) => n.kind === 'overdose.spike')).toHaveLength(2);
    expect(spikes[0]!.title).toBe('Overdose spike alert: Bayview');
    const mail = await t.db
      .selectFrom('email_outbox')
      .select('subject')
      .where('to_address', '=', user.outreach!.email)
      .where('subject', 'like', '%spike%')
      .execute();
    expect(mail).toHaveLength(2);
    const deliveries = await t.db
      .selectFrom('webhook_deliveries')
      .select(['kind', 'payload'])
      .where('subscription_id', '=', hook.id)
      .execute();
    expect(
      deliveries.map((d) => [
        d.kind,
        (d.payload.data as Record<string, unknown>).areaId,
        (d.payload.data as Record<string, unknown>).detector,
      ]),
    ).toEqual([
      ['overdose.spike', 'A3', 'threshold'],
      ['overdose.spike', 'A3', 'threshold'],
    ]);
  });

  it('EARS alerts on a known series once, and a spike lasting two days stays one alert', async () => {
    // A1 from 2026-12-01: 14 days of 1 a day, then 8 on the 15th and 9 on the 16th.
    const base = Date.parse('2026-12-01T08:00:00Z');
    const rows = [];
    for (let d = 0; d < 16; d++) {
      const n = d < 14 ? 1 : d === 14 ? 8 : 9;
      for (let i = 0; i < n; i++) {
        rows.push({
          occurred_at: new Date(base + d * DAY_MS + i * 60_000),
          area_id: 'A1',
          fatal: false,
          disposition: 'unknown' as const,
          reporting_organization_id: org.ems!,
          source_type: 'ems' as const,
          sensitivity: 'normal' as const,
          latitude: null,
          longitude: null,
          naloxone_doses: 0,
          naloxone_by: [],
          suspected_substances: [],
          person_id: null,
          care_event_id: null,
          examiner_note: null,
          examiner_organization_id: null,
          examiner_reported_at: null,
          external_id: null,
          created_by_user_id: null,
          created_at: new Date(),
          updated_at: new Date(),
        });
      }
    }
    await t.db.insertInto('overdose_events').values(rows).execute();
    t.clock.set(new Date('2026-12-14T20:00:00Z'));
    expect((await evaluateEars(t.db, t.clock)).length).toBe(0);
    t.clock.set(new Date('2026-12-15T20:00:00Z'));
    const first = await evaluateEars(t.db, t.clock);
    expect(first.length).toBe(2); // A1 and the whole region
    const raised = await t.db.selectFrom('audit_events').select(['action', 'actor_type']).where('entity_id', 'in', first).execute();
    expect(raised).toEqual([
      { action: 'overdose.alert.raise', actor_type: 'system' },
      { action: 'overdose.alert.raise', actor_type: 'system' },
    ]);
    expect(await evaluateEars(t.db, t.clock)).toEqual([]);
    await moveClock('2026-12-16T20:00:00Z');
    expect(await evaluateEars(t.db, t.clock)).toEqual([]);
    const ears = await t.db
      .selectFrom('overdose_alerts')
      .select(['area_id', 'last_day', 'count', 'statistics'])
      .where('detector', '=', 'ears')
      .orderBy('area_id')
      .execute();
    expect(ears).toHaveLength(2);
    expect(ears[0]).toMatchObject({ area_id: 'A1', last_day: '2026-12-16', count: 9 });
    // C1 on 12-15: baseline of seven 1s → sd 0, floored at minSigma 1: (8 − 1) / 1 = 7.
    expect(ears[0]!.statistics).toMatchObject({ c1: 7 });
  });

  it("counts days in the network's time zone: an evening overdose stays on its local day", async () => {
    expect(localDay(Date.parse('2026-12-20T05:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-19');
    const created = await post(
      'ems',
      '/api/overdose/events',
      overdoseFor(null, { areaId: 'A2', latitude: undefined, longitude: undefined, occurredAt: '2026-12-20T05:00:00Z' }),
    );
    expect(created.statusCode).toBe(201);
    const utc = await dailyCounts(t.db, '2026-12-19', '2026-12-20', 'UTC');
    const local = await dailyCounts(t.db, '2026-12-19', '2026-12-20', 'America/Los_Angeles');
    expect(utc.series.get('A2')).toEqual([0, 1]);
    expect(local.series.get('A2')).toEqual([1, 0]);
  });

  it('acknowledges and annotates an alert, audited', async () => {
    const [alert] = (await get('outreach', '/api/overdose/alerts?status=open')).json().items;
    const res = await post('outreach', `/api/overdose/alerts/${alert.id}/acknowledge`, { annotation: 'Outreach team sent to the area.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ annotation: 'Outreach team sent to the area.', acknowledgedAt: expect.any(String) });
    expect((await get('outreach', '/api/overdose/alerts?status=open')).json().items.map((a: { id: string }) => a.id)).not.toContain(
      alert.id,
    );
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', alert.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['overdose.alert.raise', 'overdose.alert.acknowledge']);
  });
});

describe('aggregate views', () => {
  it('staff see every count of the last 7 days; public and analyst maps a published week (public-map.int.test.ts); nobody gets points', async () => {
    const staff = (await get('ems', '/api/overdose/map?days=7')).json();
    const analyst = (await get('analyst', '/api/overdose/map?days=7')).json();
    const pub = (await get(null, '/api/public/overdose/map?days=7')).json();
    const a1 = (m: { areas: { id: string; count: number | null }[] }) => m.areas.find((a) => a.id === 'A1')!.count;
    expect(a1(staff)).toBe(22); // 5 ones + 8 + 9 in the last 7 days
    // The last complete week (2026-12-07 to 13) had 7 in A1: hidden from the public and analysts.
    expect([pub.from, pub.to, pub.days]).toEqual(['2026-12-07', '2026-12-13', 7]);
    expect(a1(analyst)).toBeNull();
    expect(a1(pub)).toBeNull();
    expect(analyst).toEqual(pub);
    const a3 = (m: { areas: { id: string; count: number | null }[] }) => m.areas.find((a) => a.id === 'A3')!.count;
    expect(a3(staff)).toBe(0);
    expect(a3(pub)).toBeNull();
    expect(JSON.stringify(pub)).not.toMatch(/person|occurredAt/);
    expect((await get('analyst', '/api/overdose/events')).statusCode).toBe(403);
    const analystAlerts = (await get('analyst', '/api/overdose/alerts')).json().items as {
      areaId: string;
      detector: string;
      count: number | null;
    }[];
    expect(analystAlerts.find((a) => a.areaId === 'A3' && a.detector === 'threshold')!.count).toBeNull();
    const staffAlerts = (await get('ems', '/api/overdose/alerts')).json().items as {
      areaId: string;
      detector: string;
      count: number | null;
    }[];
    expect(staffAlerts.find((a) => a.areaId === 'A1' && a.detector === 'ears')!.count).toBe(9);
    expect(analystAlerts.find((a) => a.areaId === 'A1' && a.detector === 'ears')!.count).toBeNull();
  });

  it('an area series carries daily counts and its alert markers', async () => {
    const res = (await get('ems', '/api/overdose/areas/A1/series?days=30')).json();
    expect(res.points.find((p: { date: string }) => p.date === '2026-12-15').count).toBe(8);
    expect(res.alerts.map((a: { date: string; detector: string }) => [a.date, a.detector])).toEqual([['2026-12-15', 'ears']]);
  });
});

describe('naloxone', () => {
  it('records kits handed out; a kit for a known person is on their timeline', async () => {
    const res = await post('ems', '/api/overdose/naloxone', {
      distributedAt: '2026-12-16T10:00:00Z',
      areaId: 'A1',
      place: 'Scene',
      recipientCategory: 'person_at_risk',
      kits: 2,
      leaveBehind: true,
      personId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ce = await t.db
      .selectFrom('person_events')
      .select(['type', 'data'])
      .where('id', '=', res.json().careEventId)
      .executeTakeFirstOrThrow();
    expect(ce).toEqual({ type: 'naloxone', data: { mode: 'kit_given', kits: 2 } });
    const list = (await get('analyst', '/api/overdose/naloxone?days=30')).json();
    expect(list.totalKits).toBe(3); // with the kit EMS left at the first overdose
    expect(list.items[0].careEventId).toBeNull();
    expect(
      (
        await post('analyst', '/api/overdose/naloxone', {
          distributedAt: '2026-12-16T10:00:00Z',
          areaId: 'A1',
          recipientCategory: 'family_member',
        })
      ).statusCode,
    ).toBe(403);
  });
});
