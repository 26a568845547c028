import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSource } from '@continuum/contracts';
import { systemAccess } from '../../core/access-context.ts';
import { createTestOrganization } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { readWorklistSignals } from '../registry/index.ts';
import { receiveContent } from './apply.ts';
import { createFeedSource, loadSource, type SourceRow } from './sources.ts';
import { adtMessage, type AdtFields } from './synthetic.ts';

/*
 * One emergency-department visit told over several ADT messages, by an ED whose interface sends
 * local times without an offset: the admission (A01), an update (A08) that adds the overdose
 * diagnosis, and the discharge as expired (A03). The visit stays one encounter carrying what the
 * latest message says, its overdose is recorded once and made fatal, and every time is read in
 * the feed's time zone.
 */

let t: TestApp;
let source: SourceRow;

const visit = (over: Partial<AdtFields>): string =>
  adtMessage({
    facility: 'EAST-ED',
    controlId: 'X',
    trigger: 'A01',
    mrn: 'MRN-E1',
    familyName: 'Brightwater',
    givenName: 'Quinn',
    birthDate: '19880315',
    sex: 'U',
    street: '4 Quay Rd',
    city: 'Eastport',
    postalCode: '04631',
    phone: '5550001111',
    visit: 'VISIT-77',
    patientClass: 'E',
    admitted: new Date(0),
    // 08:30 in Eastport (America/New_York, UTC-5 in November), written as the ED's interface writes it.
    admittedText: '20261120083000',
    chiefComplaint: 'Found unresponsive',
    diagnoses: [{ code: 'F11.20', text: 'Opioid dependence' }],
    ...over,
  });

const receive = (message: string) => receiveContent(t.db, t.clock, source, message);

async function personId(): Promise<string> {
  return (await t.db.selectFrom('people').select('id').where('family_name', '=', 'Brightwater').executeTakeFirstOrThrow()).id;
}
async function encounters() {
  return t.db
    .selectFrom('person_events')
    .select(['occurred_at', 'data', 'detail'])
    .where('person_id', '=', await personId())
    .where('type', '=', 'encounter')
    .execute();
}
const overdoses = async () =>
  t.db
    .selectFrom('overdose_events')
    .select(['occurred_at', 'fatal', 'disposition'])
    .where('person_id', '=', await personId())
    .execute();

beforeAll(async () => {
  t = await buildTestApp({ CONTINUUM_TIME_ZONE: 'America/Chicago' });
  t.clock.set(new Date('2026-11-20T18:00:00Z'));
  await t.db
    .insertInto('areas')
    .values([{ id: 'E1', name: 'Eastport', town: 'Eastport', postal_code: '04631', latitude: 44.9, longitude: -67, population: 1300 }])
    .execute();
  const ed = await createTestOrganization(t.db, t.clock, { name: 'Eastport ED', type: 'emergency_department' });
  const admin = await signedInAs(t, ['network_admin']);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/feeds',
    headers: admin.headers,
    payload: { organizationId: ed.id, kind: 'hl7v2', name: 'EAST-ED', timeZone: 'America/New_York' },
  });
  expect(created.statusCode, created.body).toBe(201);
  expect((created.json() as FeedSource).timeZone).toBe('America/New_York');
  source = (await loadSource(t.db, (created.json() as FeedSource).id))!;
});
afterAll(async () => {
  await t?.close();
});

describe('a feed’s time zone', () => {
  it('is the network’s when the set-up names none; an unknown zone is a 400 naming the field', async () => {
    const admin = await signedInAs(t, ['network_admin']);
    const jail = await createTestOrganization(t.db, t.clock, { name: 'Eastport Jail', type: 'corrections' });
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/feeds', headers: admin.headers, payload });
    const plain = await post({ organizationId: jail.id, kind: 'roster', name: 'roster' });
    expect(plain.statusCode, plain.body).toBe(201);
    expect((plain.json() as FeedSource).timeZone).toBe('America/Chicago');
    const bad = await post({ organizationId: jail.id, kind: 'roster', name: 'other', timeZone: 'Eastport/Harbour' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('timeZone');
    expect((await t.db.selectFrom('feed_sources').select('name').where('name', '=', 'other').execute()).length).toBe(0);
  });
});

describe('changing a feed’s time zone', () => {
  it('its organization’s administrator sets it, audited; a later offset-less time is read in the new zone; others find no feed', async () => {
    const ed = await createTestOrganization(t.db, t.clock, { name: 'Westport ED', type: 'emergency_department' });
    const legacy = await createFeedSource(
      t.db,
      t.clock,
      systemAccess('test'),
      { organizationId: ed.id, kind: 'hl7v2', name: 'WEST-ED' },
      'UTC',
    );
    const edAdmin = await signedInAs(t, ['org_admin'], { organizationId: ed.id });
    const outsider = await signedInAs(t, ['org_admin']);
    const patch = (who: { headers: Record<string, string> }, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/feeds/${legacy.id}`, headers: who.headers, payload });
    expect((await patch(outsider, { timeZone: 'America/Denver' })).statusCode).toBe(404);
    const bad = await patch(edAdmin, { timeZone: 'Westport/Harbour' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('timeZone');
    expect((await patch(edAdmin, {})).statusCode).toBe(400);
    const changed = await patch(edAdmin, { timeZone: 'America/Denver' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ timeZone: 'America/Denver', quietAfterMinutes: 240 });
    const audit = await t.db.selectFrom('audit_events').select('details').where('action', '=', 'feeds.source.update').execute();
    expect(audit.map((a) => a.details)).toEqual([{ timeZone: 'America/Denver' }]);
    const west = (await loadSource(t.db, legacy.id))!;
    await receiveContent(
      t.db,
      t.clock,
      west,
      visit({
        facility: 'WEST-ED',
        controlId: 'W-1',
        mrn: 'MRN-W1',
        familyName: 'Westerly',
        givenName: 'Sage',
        birthDate: '19720101',
        phone: '5559998888',
        street: '90 Ridge Ave',
        visit: 'W-V1',
      }),
    );
    const event = await t.db
      .selectFrom('person_events as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .select('e.occurred_at')
      .where('p.family_name', '=', 'Westerly')
      .executeTakeFirstOrThrow();
    // 08:30 in Denver (UTC-7 in November).
    expect(event.occurred_at.toISOString()).toBe('2026-11-20T15:30:00.000Z');
  });
});

describe('one visit over several ADT messages', () => {
  it('A01 with an OUD diagnosis: one encounter at the local admission time read in the feed’s zone, no overdose yet', async () => {
    expect(await receive(visit({ controlId: 'E-1' }))).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    const [encounter, ...others] = await encounters();
    expect(others).toEqual([]);
    expect(encounter!.occurred_at.toISOString()).toBe('2026-11-20T13:30:00.000Z');
    expect(encounter!.data).toMatchObject({ diagnoses: ['F11.20'] });
    expect(await overdoses()).toEqual([]);
  });

  it('A08 adding the overdose diagnosis: the same encounter now carries it, and the overdose is recorded with a worklist signal', async () => {
    const update = visit({
      controlId: 'E-2',
      trigger: 'A08',
      chiefComplaint: 'Found unresponsive, naloxone by bystander',
      diagnoses: [
        { code: 'T40.411A', text: 'Poisoning by fentanyl' },
        { code: 'F11.20', text: 'Opioid dependence' },
      ],
    });
    expect(await receive(update)).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    const [encounter, ...others] = await encounters();
    expect(others).toEqual([]);
    expect(encounter!.data).toMatchObject({ principalDiagnosis: 'T40.411A', diagnoses: ['T40.411A', 'F11.20'] });
    expect(encounter!.detail).toContain('naloxone by bystander');
    expect(encounter!.occurred_at.toISOString()).toBe('2026-11-20T13:30:00.000Z');
    const [overdose, ...more] = await overdoses();
    expect(more).toEqual([]);
    expect(overdose).toMatchObject({ fatal: false });
    expect(overdose!.occurred_at.toISOString()).toBe('2026-11-20T13:30:00.000Z');
    const id = await personId();
    const signals = await readWorklistSignals(t.db, t.clock);
    expect(signals.find((s) => s.personId === id)?.events.some((e) => e.type === 'overdose')).toBe(true);
    const outcome = await t.db.selectFrom('feed_messages').select('outcome').where('external_id', '=', 'E-2').executeTakeFirstOrThrow();
    expect(outcome.outcome).toMatchObject({ careEventsReplaced: 1, overdoseEvents: 1 });
    // Sent again: a duplicate, nothing changes.
    expect(await receive(update)).toEqual({ accepted: 0, rejected: 0, duplicates: 1 });
  });

  it('A03 discharged as expired: the visit’s overdose becomes fatal, not a second one', async () => {
    const discharge = visit({
      controlId: 'E-3',
      trigger: 'A03',
      disposition: '20',
      diagnoses: [
        { code: 'T40.411A', text: 'Poisoning by fentanyl' },
        { code: 'F11.20', text: 'Opioid dependence' },
      ],
    });
    expect(await receive(discharge)).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    expect(await encounters()).toHaveLength(1);
    const [overdose, ...more] = await overdoses();
    expect(more).toEqual([]);
    expect(overdose).toMatchObject({ fatal: true, disposition: 'deceased' });
    const timeline = await t.db
      .selectFrom('person_events')
      .select('data')
      .where('person_id', '=', await personId())
      .where('type', '=', 'overdose')
      .execute();
    expect(timeline.some((e) => (e.data as { fatal?: boolean }).fatal === true)).toBe(true);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('a message with nothing new for the visit changes nothing', async () => {
    const before = await encounters();
    expect(
      await receive(
        visit({
          controlId: 'E-4',
          trigger: 'A08',
          disposition: '20',
          diagnoses: [
            { code: 'T40.411A', text: 'Poisoning by fentanyl' },
            { code: 'F11.20', text: 'Opioid dependence' },
          ],
        }),
      ),
    ).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    expect(await encounters()).toEqual(before);
    expect(await overdoses()).toHaveLength(1);
  });
});
