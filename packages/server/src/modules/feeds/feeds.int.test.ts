import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedErrorDetail, FeedErrorList, FeedList } from '@continuum/contracts';
import { HOUR_MS } from '@continuum/contracts';
import { systemAccess } from '../../core/access-context.ts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, signIn, type TestApp } from '../../test-support/test-app.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { indexChangedPeople, indexPeople } from '../person-index/index.ts';
import { readWorklistSignals } from '../registry/index.ts';
import { FeedMessageError, type FeedAdapter } from './adapter.ts';
import { feedAdapters } from './feed-adapters.ts';
import { alertQuietFeeds } from './feeds.jobs.ts';
import { importFeedFile } from './push.ts';
import { adtMessage, rosterCsv, type AdtFields } from './synthetic.ts';

/*
 * The feed core end to end on a real database: an emergency department's ADT and a jail's roster,
 * person matching through the network person index, idempotency, all-or-nothing, the error queue
 * worked over HTTP, and the quiet-feed alert.
 */

let t: TestApp;
let ed: { id: string; name: string };
let jail: { id: string; name: string };
type Who = Awaited<ReturnType<typeof signedInAs>>;
let edAdmin: Who;
let networkAdmin: Who;
const system = systemAccess('test: feeds');

const adt = (over: Partial<AdtFields> = {}): string =>
  adtMessage({
    facility: 'HARBOR-ED',
    controlId: 'MSG1',
    trigger: 'A03',
    mrn: 'MRN-1',
    familyName: 'Ashdown',
    givenName: 'Avery',
    birthDate: '19900102',
    sex: 'F',
    street: '12 Harbor St',
    city: 'Harbor',
    postalCode: '97101',
    phone: '5551234567',
    visit: 'V1',
    patientClass: 'E',
    admitted: new Date('2026-11-20T08:30:00Z'),
    chiefComplaint: 'Unresponsive',
    diagnoses: [
      { code: 'T40.411A', text: 'Poisoning by fentanyl' },
      { code: 'F11.20', text: 'Opioid dependence' },
    ],
    ...over,
  });

const importEd = (content: string) => importFeedFile(t.db, t.clock, system, ed.name, 'hl7v2', content);
const importJail = (content: string) => importFeedFile(t.db, t.clock, system, jail.id, 'roster', content);
const count = async (table: 'people' | 'person_events' | 'overdose_events' | 'source_records' | 'feed_messages') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const get = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const post = (who: Who, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  await t.db
    .insertInto('areas')
    .values([
      { id: 'A1', name: 'Harbor North', town: 'Harbor', postal_code: '97101', latitude: 45.5, longitude: -122.6, population: 10000 },
    ])
    .execute();
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  jail = await createTestOrganization(t.db, t.clock, { name: 'Harbor County Jail', type: 'corrections' });
  edAdmin = await signedInAs(t, ['org_admin'], { organizationId: ed.id });
  networkAdmin = await signedInAs(t, ['network_admin']);
});
afterAll(async () => {
  await t?.close();
});

describe('HL7 v2 ADT from an emergency department', () => {
  it('an overdose visit of a person new to the network: registered, an encounter, an overdose event, a worklist signal', async () => {
    expect(await importEd(adt())).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    const person = await t.db
      .selectFrom('people')
      .select(['id', 'registered_by_organization_id'])
      .where('family_name', '=', 'Ashdown')
      .executeTakeFirstOrThrow();
    expect(person.registered_by_organization_id).toBe(ed.id);
    const mrn = await t.db.selectFrom('person_identifiers').select(['kind', 'value']).where('person_id', '=', person.id).execute();
    expect(mrn).toEqual([{ kind: 'mrn', value: 'MRN-1' }]);
    const events = await t.db
      .selectFrom('person_events')
      .select(['type', 'organization_id', 'source', 'data'])
      .where('person_id', '=', person.id)
      .orderBy('type')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['encounter', 'overdose']);
    expect(events[0]).toMatchObject({
      organization_id: ed.id,
      source: 'feed:hl7v2',
      data: { setting: 'emergency_department', diagnoses: ['T40.411A', 'F11.20'] },
    });
    const overdose = await t.db.selectFrom('overdose_events').selectAll().executeTakeFirstOrThrow();
    expect(overdose).toMatchObject({
      person_id: person.id,
      area_id: 'A1',
      source_type: 'emergency_department',
      reporting_organization_id: ed.id,
      suspected_substances: ['fentanyl'],
    });
    // The feed's record in the network person index shares one identity with the person's own registry record.
    const records = await t.db
      .selectFrom('source_records')
      .select(['source_system', 'person_id', 'identity_id'])
      .where('source_system', 'in', ['feed:hl7v2', 'continuum-registry'])
      .execute();
    const feedRecord = records.find((r) => r.source_system === 'feed:hl7v2');
    const registryRecord = records.find((r) => r.source_system === 'continuum-registry' && r.person_id === person.id);
    expect(feedRecord?.person_id).toBeNull();
    expect(registryRecord?.identity_id).toBe(feedRecord?.identity_id);
    const signals = await readWorklistSignals(t.db, t.clock);
    expect(signals.some((s) => s.events.some((e) => e.type === 'overdose'))).toBe(true);
  });

  it('a resent message changes nothing and is a duplicate', async () => {
    const before = await Promise.all([count('people'), count('person_events'), count('overdose_events'), count('feed_messages')]);
    expect(await importEd(adt())).toEqual({ accepted: 0, rejected: 0, duplicates: 1 });
    expect(await Promise.all([count('people'), count('person_events'), count('overdose_events'), count('feed_messages')])).toEqual(before);
  });

  it('the discharge after the admission for the same visit is the same person and the same visit', async () => {
    const before = await Promise.all([count('people'), count('person_events'), count('overdose_events')]);
    expect(await importEd(adt({ controlId: 'MSG2', trigger: 'A08' }))).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    expect(await Promise.all([count('people'), count('person_events'), count('overdose_events')])).toEqual(before);
  });

  it('after the index job has seen the person, a later visit found by the MRN applies and the job still runs', async () => {
    expect(await indexChangedPeople(t.db, t.clock, system, { all: true })).toBeDefined();
    const people = await count('people');
    const events = await count('person_events');
    expect(await importEd(adt({ controlId: 'MSG9', trigger: 'A04', visit: 'V2', admitted: new Date('2026-11-20T10:00:00Z') }))).toEqual({
      accepted: 1,
      rejected: 0,
      duplicates: 0,
    });
    expect(await count('people')).toBe(people);
    expect(await count('person_events')).toBeGreaterThan(events);
    expect(await indexChangedPeople(t.db, t.clock, system, { all: true })).toBeDefined();
  });

  it('a visit with nothing for the network keeps nothing: no person, no content', async () => {
    const people = await count('people');
    expect(
      await importEd(
        adt({ controlId: 'MSG3', mrn: 'MRN-9', familyName: 'Brightwater', diagnoses: [{ code: 'S93.401A', text: 'Sprain' }] }),
      ),
    ).toEqual({
      accepted: 1,
      rejected: 0,
      duplicates: 0,
    });
    expect(await count('people')).toBe(people);
    const row = await t.db
      .selectFrom('feed_messages')
      .select(['status', 'payload'])
      .where('external_id', '=', 'MSG3')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'ignored', payload: null });
  });

  it('a person already in the network is found by the person index, not registered again', async () => {
    const clinic = await createTestOrganization(t.db, t.clock, { type: 'primary_care' });
    const known = await createTestPerson(t.db, t.clock, clinic.id, {
      givenName: 'Casey',
      familyName: 'Dunmore',
      birthDate: '1979-07-08',
      sex: 'male',
      phone: '5559876543',
      address: { line1: '4 Cedar St', city: 'Harbor', postalCode: '97101' },
    });
    await indexPeople(t.db, t.clock, system, [known.id]);
    const people = await count('people');
    const message = adt({
      controlId: 'MSG4',
      mrn: 'MRN-4',
      visit: 'V4',
      givenName: 'Casey',
      familyName: 'Dunmore',
      birthDate: '19790708',
      sex: 'M',
      street: '4 Cedar St',
      phone: '5559876543',
      diagnoses: [{ code: 'F11.20', text: 'OUD' }],
    });
    expect(await importEd(message)).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    expect(await count('people')).toBe(people);
    const events = await t.db.selectFrom('person_events').select(['type', 'organization_id']).where('person_id', '=', known.id).execute();
    expect(events).toEqual([{ type: 'encounter', organization_id: ed.id }]);
  });

  it('a message that cannot be read goes to the error queue with a reason that names no value, and nothing is written', async () => {
    const before = await Promise.all([count('people'), count('person_events'), count('source_records')]);
    const broken = adt({ controlId: 'MSG5', familyName: 'Eastvale', diagnoses: [{ code: '99999', text: 'x' }] });
    expect(await importEd(broken)).toEqual({ accepted: 0, rejected: 1, duplicates: 0 });
    expect(await Promise.all([count('people'), count('person_events'), count('source_records')])).toEqual(before);
    const row = await t.db
      .selectFrom('feed_messages')
      .select(['status', 'error_code', 'error_reason', 'payload'])
      .where('status', '=', 'error')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'error', error_code: 'malformed', payload: broken });
    expect(row.error_reason).toContain('DG1-3');
    expect(row.error_reason).not.toContain('Eastvale');
  });

  it('all or nothing: a message whose second person cannot be identified leaves no trace of the first', async () => {
    const probe: FeedAdapter = {
      kind: 'fhir',
      split: (c) => [c],
      plan: () => ({
        messageType: 'probe',
        externalId: null,
        items: [
          {
            person: {
              identifiers: [{ kind: 'mrn', value: 'P-1' }],
              givenName: 'Finley',
              familyName: 'Greywood',
              birthDate: '1992-02-02',
              sex: 'unknown',
              phone: '',
              address: null,
            },
            register: 'always',
            events: [{ type: 'diagnosis', occurredAt: '2026-11-20T10:00:00Z', data: { code: 'F11.20' }, externalId: 'probe-1' }],
          },
          {
            person: { identifiers: [], givenName: '', familyName: '', birthDate: '', sex: 'unknown', phone: '', address: null },
            register: 'always',
            events: [],
          },
        ],
      }),
    };
    feedAdapters.fhir = probe;
    try {
      const before = await Promise.all([count('people'), count('person_events'), count('source_records')]);
      expect(await importFeedFile(t.db, t.clock, system, ed.id, 'fhir', 'anything')).toEqual({ accepted: 0, rejected: 1, duplicates: 0 });
      expect(await Promise.all([count('people'), count('person_events'), count('source_records')])).toEqual(before);
      const row = await t.db.selectFrom('feed_messages').select(['error_code']).where('message_type', '=', 'probe').executeTakeFirst();
      expect(row).toEqual({ error_code: 'unmatchable' });
    } finally {
      delete feedAdapters.fhir;
    }
    expect(FeedMessageError).toBeDefined();
  });
});

describe('the error queue, worked over HTTP', () => {
  it('lists errors to the organization administrator and the network administrator, and no one else', async () => {
    const list = (await get(edAdmin, '/api/feeds/errors')).json() as FeedErrorList;
    expect(list.items.map((i) => i.code).sort()).toEqual(['malformed', 'unmatchable']);
    expect(((await get(networkAdmin, '/api/feeds/errors')).json() as FeedErrorList).items).toHaveLength(2);
    const navigator = await signedInAs(t, ['care_navigator'], { organizationId: ed.id });
    expect((await get(navigator, '/api/feeds/errors')).statusCode).toBe(403);
    const otherAdmin = await signedInAs(t, ['org_admin']);
    expect(((await get(otherAdmin, '/api/feeds/errors')).json() as FeedErrorList).items).toHaveLength(0);
    const id = list.items[0]!.id;
    expect((await get(otherAdmin, `/api/feeds/errors/${id}`)).statusCode).toBe(404);
  });

  it('shows the message itself only to the sending organization', async () => {
    const list = (await get(edAdmin, '/api/feeds/errors')).json() as FeedErrorList;
    const malformed = list.items.find((i) => i.code === 'malformed')!;
    expect(((await get(edAdmin, `/api/feeds/errors/${malformed.id}`)).json() as FeedErrorDetail).content).toContain('Eastvale');
    expect(((await get(networkAdmin, `/api/feeds/errors/${malformed.id}`)).json() as FeedErrorDetail).content).toBeNull();
    const views = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'feeds.error.view').execute();
    expect(views).toHaveLength(1);
  });

  it('a retry of the message as received fails again and stays; a corrected one applies, all at once', async () => {
    const list = (await get(edAdmin, '/api/feeds/errors')).json() as FeedErrorList;
    const malformed = list.items.find((i) => i.code === 'malformed')!;
    const again = (await post(edAdmin, `/api/feeds/errors/${malformed.id}/retry`, {})).json() as FeedErrorDetail;
    expect(again).toMatchObject({ status: 'error', attempts: 2, code: 'malformed' });
    // The network administrator may retry but not rewrite a message they cannot see.
    expect((await post(networkAdmin, `/api/feeds/errors/${malformed.id}/retry`, { content: 'x' })).statusCode).toBe(403);
    const fixed = adt({
      controlId: 'MSG5',
      mrn: 'MRN-5',
      visit: 'V5',
      familyName: 'Eastvale',
      givenName: 'Emerson',
      birthDate: '19870305',
      phone: '5550001111',
      street: '9 Bay St',
      diagnoses: [{ code: 'T40.1X1A', text: 'Heroin' }],
    });
    const done = (await post(edAdmin, `/api/feeds/errors/${malformed.id}/retry`, { content: fixed })).json() as FeedErrorDetail;
    expect(done).toMatchObject({ status: 'applied', attempts: 3 });
    const person = await t.db.selectFrom('people').select('id').where('family_name', '=', 'Eastvale').executeTakeFirstOrThrow();
    expect(
      (await t.db.selectFrom('person_events').select('type').where('person_id', '=', person.id).orderBy('type').execute()).map(
        (e) => e.type,
      ),
    ).toEqual(['encounter', 'overdose']);
    expect((await post(edAdmin, `/api/feeds/errors/${malformed.id}/retry`, {})).statusCode).toBe(409);
  });

  it('dismisses with a reason; audited', async () => {
    const list = (await get(networkAdmin, '/api/feeds/errors')).json() as FeedErrorList;
    expect(list.items).toHaveLength(1);
    expect((await post(networkAdmin, `/api/feeds/errors/${list.items[0]!.id}/dismiss`, { reason: '' })).statusCode).toBe(400);
    const dismissed = (
      await post(networkAdmin, `/api/feeds/errors/${list.items[0]!.id}/dismiss`, { reason: 'A test message' })
    ).json() as FeedErrorDetail;
    expect(dismissed.status).toBe('dismissed');
    expect(((await get(networkAdmin, '/api/feeds/errors')).json() as FeedErrorList).items).toHaveLength(0);
    const actions = (await t.db.selectFrom('audit_events').select('action').where('action', 'like', 'feeds.%').execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'feeds.message.apply',
        'feeds.message.reject',
        'feeds.error.retry',
        'feeds.error.dismiss',
        'feeds.push',
        'feeds.source.create',
      ]),
    );
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

const row = {
  event: 'release',
  occurred_at: '2026-11-20T10:00:00Z',
  booking_number: 'B100',
  given_name: 'Jordan',
  family_name: 'Coldbrook',
  birth_date: '1985-03-04',
  sex: 'M',
  oud: 'yes',
  facility: 'County Jail',
};

describe('jail booking and release rosters', () => {
  it('a release of a person with OUD and no MOUD continuity becomes the custody-release signal', async () => {
    expect(await importJail(rosterCsv([{ ...row, event: 'booking', occurred_at: '2026-11-10T10:00:00Z' }, row]))).toEqual({
      accepted: 2,
      rejected: 0,
      duplicates: 0,
    });
    const person = await t.db
      .selectFrom('people')
      .select(['id', 'justice_involved'])
      .where('family_name', '=', 'Coldbrook')
      .executeTakeFirstOrThrow();
    expect(person.justice_involved).toBe(true);
    const events = await t.db
      .selectFrom('person_events')
      .select('type')
      .where('person_id', '=', person.id)
      .orderBy('occurred_at')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['custody_booking', 'custody_release']);
    t.clock.set(new Date('2026-11-23T11:00:00Z'));
    const signals = await readWorklistSignals(t.db, t.clock);
    expect(signals.find((s) => s.events.some((e) => e.type === 'custody_release'))).toBeDefined();
    // The same file again: duplicates, nothing new.
    expect(await importJail(rosterCsv([{ ...row, event: 'booking', occurred_at: '2026-11-10T10:00:00Z' }, row]))).toEqual({
      accepted: 0,
      rejected: 0,
      duplicates: 2,
    });
  });

  it('MOUD at release is written with the release (the rule then sees continuity)', async () => {
    await importJail(
      JSON.stringify([
        {
          ...row,
          booking_number: 'B200',
          given_name: 'Harper',
          family_name: 'Hollins',
          birth_date: '1991-05-06',
          moud_medication: 'methadone',
          moud_days_supply: 1,
        },
      ]),
    );
    const person = await t.db.selectFrom('people').select('id').where('family_name', '=', 'Hollins').executeTakeFirstOrThrow();
    const events = await t.db.selectFrom('person_events').select('type').where('person_id', '=', person.id).orderBy('type').execute();
    expect(events.map((e) => e.type)).toEqual(['custody_release', 'moud_administration']);
  });

  it('a row of a person the network does not know and who is not noted with OUD keeps nothing', async () => {
    const before = await Promise.all([count('people'), count('source_records')]);
    expect(await importJail(rosterCsv([{ ...row, booking_number: 'B300', family_name: 'Ironside', oud: 'unknown' }]))).toEqual({
      accepted: 1,
      rejected: 0,
      duplicates: 0,
    });
    expect(await Promise.all([count('people'), count('source_records')])).toEqual(before);
    expect(
      await t.db
        .selectFrom('feed_messages')
        .select(['status', 'payload'])
        .where('external_id', '=', 'roster:release:B300')
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'ignored', payload: null });
  });

  it('a bad row goes to the error queue; the good rows of the same file apply', async () => {
    expect(
      await importJail(
        rosterCsv([
          { ...row, booking_number: 'B400', family_name: 'Juniper', event: 'transfer' },
          { ...row, booking_number: 'B401', family_name: 'Kestrel' },
        ]),
      ),
    ).toEqual({
      accepted: 1,
      rejected: 1,
      duplicates: 0,
    });
  });
});

describe('feed status and the quiet alert', () => {
  it('shows each feed with its last message, volume per day and open errors', async () => {
    // The clock moved on past the earlier sessions: sign in again.
    networkAdmin = await signedInAs(t, ['network_admin']);
    edAdmin = await signedInAs(t, ['org_admin'], { organizationId: ed.id });
    const response = await get(networkAdmin, '/api/feeds');
    expect(response.statusCode, response.body).toBe(200);
    const feeds = (response.json() as FeedList).items;
    const jailFeed = feeds.find((f) => f.kind === 'roster')!;
    expect(jailFeed.organizationName).toBe('Harbor County Jail');
    expect(jailFeed.openErrors).toBe(1);
    expect(jailFeed.volume).toHaveLength(14);
    expect(jailFeed.volume.reduce((s, d) => s + d.received, 0)).toBe(8);
    expect(jailFeed.volume.reduce((s, d) => s + d.duplicates, 0)).toBe(2);
    expect(((await get(edAdmin, '/api/feeds')).json() as FeedList).items.map((f) => f.kind)).toEqual(['fhir', 'hl7v2']);
  });

  it('tells the organization administrators once when a feed goes quiet, and again only after it spoke', async () => {
    const jailAdmin = await createTestUser(t.db, t.clock, { organizationId: jail.id, roles: ['org_admin'] });
    const inbox = async () => (await t.db.selectFrom('notifications').select('kind').where('user_id', '=', jailAdmin.id).execute()).length;
    t.clock.set(new Date(t.clock.now().getTime() + 5 * HOUR_MS));
    expect(await alertQuietFeeds(t.db, t.clock)).toBeGreaterThanOrEqual(1);
    expect(await inbox()).toBe(1);
    await alertQuietFeeds(t.db, t.clock);
    expect(await inbox()).toBe(1);
    await importJail(rosterCsv([{ ...row, booking_number: 'B500', family_name: 'Larkspur' }]));
    t.clock.set(new Date(t.clock.now().getTime() + 5 * HOUR_MS));
    await alertQuietFeeds(t.db, t.clock);
    expect(await inbox()).toBe(2);
    const signedIn = await signIn(t.app, jailAdmin.email);
    const feeds = ((await t.app.inject({ method: 'GET', url: '/api/feeds', headers: { cookie: signedIn.cookie } })).json() as FeedList)
      .items;
    expect(feeds.map((f) => f.quiet)).toEqual([true]);
  });

  it('an API push applies a file to the caller organization’s own feed only', async () => {
    networkAdmin = await signedInAs(t, ['network_admin']);
    const feeds = ((await get(networkAdmin, '/api/feeds')).json() as FeedList).items;
    const edFeed = feeds.find((f) => f.kind === 'hl7v2')!;
    const staff = await signedInAs(t, ['partner_staff'], { organizationId: ed.id });
    const pushed = await post(staff, `/api/feeds/${edFeed.id}/messages`, {
      content: adt({ controlId: 'MSG9', mrn: 'MRN-9B', visit: 'V9', familyName: 'Marlowe' }),
    });
    expect(pushed.json()).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    const outsider = await signedInAs(t, ['partner_staff'], { organizationId: jail.id });
    expect((await post(outsider, `/api/feeds/${edFeed.id}/messages`, { content: 'x' })).statusCode).toBe(404);
  });
});
