import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemAccess } from '../../../core/access-context.ts';
import { createTestOrganization, createTestPerson } from '../../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../../test-support/test-app.ts';
import { indexPeople } from '../../person-index/index.ts';
import { importFeedFile } from '../push.ts';
import { exampleOverdose, nemsisDataSet, nemsisReport } from './nemsis-example.ts';

/*
 * Death records through the real feed core: an opioid overdose death reconciled with the EMS
 * overdose event three days or less before it (made fatal, not doubled); one with no event recorded
 * as a new fatal event; a natural death of a known person recorded as a death; idempotent; a bad
 * row to the error queue while the others apply.
 */

let t: TestApp;
let ems: { id: string; name: string };
let examiner: { id: string; name: string };
let known: { id: string };
let other: { id: string };
const system = systemAccess('test: deaths');
const header = 'record_id,given_name,family_name,birth_date,sex,date_of_death,manner,underlying_cause,multiple_causes,county,postal_code';
const importDeaths = (rows: string[]) => importFeedFile(t.db, t.clock, system, examiner.name, 'deaths', `${header}\n${rows.join('\n')}\n`);
const counts = async () =>
  Promise.all(
    (['people', 'person_events', 'overdose_events'] as const).map(async (table) =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
const eventsOf = async (personId: string) =>
  t.db
    .selectFrom('person_events')
    .select(['type', 'data'])
    .where('person_id', '=', personId)
    .orderBy('type')
    .orderBy('occurred_at')
    .execute();

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-25T12:00:00Z'));
  await t.db
    .insertInto('areas')
    .values([
      { id: 'A1', name: 'Harbor North', town: 'Harbor', postal_code: '97101', latitude: 45.5, longitude: -122.6, population: 10000 },
    ])
    .execute();
  ems = await createTestOrganization(t.db, t.clock, { name: 'Harbor Fire and EMS', type: 'ems' });
  examiner = await createTestOrganization(t.db, t.clock, { name: 'Harbor County Medical Examiner', type: 'medical_examiner' });
  const clinic = await createTestOrganization(t.db, t.clock, { type: 'primary_care' });
  known = await createTestPerson(t.db, t.clock, clinic.id, {
    givenName: 'Sam',
    familyName: 'Rivera',
    birthDate: '1991-04-05',
    sex: 'male',
    address: { line1: '', city: '', postalCode: '97102' },
  });
  other = await createTestPerson(t.db, t.clock, clinic.id, {
    givenName: 'Morgan',
    familyName: 'Feldspar',
    birthDate: '1950-05-05',
    sex: 'female',
  });
  await indexPeople(t.db, t.clock, system, [known.id, other.id]);
  // EMS attended Sam Rivera's overdose on 2026-11-20.
  expect(await importFeedFile(t.db, t.clock, system, ems.name, 'nemsis', nemsisDataSet([nemsisReport(exampleOverdose)]))).toMatchObject({
    accepted: 1,
  });
});
afterAll(async () => {
  await t?.close();
});

describe('death records from the medical examiner', () => {
  const samDied = 'ME-1,Sam,Rivera,1991-04-05,M,2026-11-22,accident,X42,T40.4;F11.20,Harbor,97101';

  it('an opioid overdose death near an EMS overdose event makes that event fatal instead of recording a second', async () => {
    const ems = await t.db.selectFrom('overdose_events').select(['id', 'person_id', 'fatal']).executeTakeFirstOrThrow();
    expect(ems).toMatchObject({ person_id: known.id, fatal: false });
    const before = await counts();
    expect(await importDeaths([samDied])).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    const after = await counts();
    expect(after[0]).toBe(before[0]); // no one registered
    expect(after[2]).toBe(before[2]); // no second overdose event
    expect(
      await t.db.selectFrom('overdose_events').select(['fatal', 'disposition']).where('id', '=', ems.id).executeTakeFirstOrThrow(),
    ).toEqual({
      fatal: true,
      disposition: 'deceased',
    });
    const events = await eventsOf(known.id);
    expect(events.filter((e) => e.type === 'death')).toEqual([
      { type: 'death', data: { manner: 'accident', underlyingCause: 'X42', causes: ['T40.4', 'F11.20'], opioidOverdose: true } },
    ]);
    expect(events.filter((e) => e.type === 'overdose').map((e) => (e.data as { fatal: boolean }).fatal)).toEqual([false, true]);
  });

  it('a resent file changes nothing', async () => {
    const before = await counts();
    expect(await importDeaths([samDied])).toEqual({ accepted: 0, rejected: 0, duplicates: 1 });
    expect(await counts()).toEqual(before);
  });

  it('an opioid overdose death with no event near it is a new fatal event, the person registered; a bad row to the error queue', async () => {
    const before = await counts();
    const newDeath = 'ME-2,Casey,Thornbury,1979-09-09,F,2026-11-23,undetermined,Y12,T40.1,Harbor,97101';
    const bad = 'ME-3,Lee,Quarrington,1970-01-01,M,23/11/2026,accident,X42,T40.4,Harbor,97101';
    expect(await importDeaths([newDeath, bad])).toEqual({ accepted: 1, rejected: 1, duplicates: 0 });
    const after = await counts();
    expect(after[0]).toBe(before[0]! + 1);
    expect(after[2]).toBe(before[2]! + 1);
    const person = await t.db.selectFrom('people').select('id').where('family_name', '=', 'Thornbury').executeTakeFirstOrThrow();
    const event = await t.db
      .selectFrom('overdose_events')
      .select(['fatal', 'disposition', 'area_id', 'suspected_substances', 'reporting_organization_id'])
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      fatal: true,
      disposition: 'deceased',
      area_id: 'A1',
      suspected_substances: ['heroin'],
      reporting_organization_id: examiner.id,
    });
    expect((await eventsOf(person.id)).map((e) => e.type)).toEqual(['death', 'overdose']);
    expect(await t.db.selectFrom('people').select('id').where('family_name', '=', 'Quarrington').execute()).toEqual([]);
    const error = await t.db
      .selectFrom('feed_messages')
      .select(['error_code', 'error_reason'])
      .where('status', '=', 'error')
      .executeTakeFirstOrThrow();
    expect(error.error_code).toBe('malformed');
    expect(error.error_reason).toContain('date_of_death');
    expect(error.error_reason).not.toContain('23/11');
  });

  it('a natural death of a person the network knows is recorded; of a person it does not know, nothing is kept', async () => {
    const before = await counts();
    const knownDied = 'ME-4,Morgan,Feldspar,1950-05-05,F,2026-11-24,natural,I21.9,I25.10,Harbor,';
    const strangerDied = 'ME-5,Ellis,Vantongeren,1940-04-04,M,2026-11-24,natural,I21.9,,Harbor,';
    expect(await importDeaths([knownDied, strangerDied])).toEqual({ accepted: 2, rejected: 0, duplicates: 0 });
    expect(await eventsOf(other.id)).toEqual([
      { type: 'death', data: { manner: 'natural', underlyingCause: 'I21.9', causes: ['I25.10'], opioidOverdose: false } },
    ]);
    const after = await counts();
    expect(after).toEqual([before[0], before[1]! + 1, before[2]]);
    expect(
      await t.db.selectFrom('feed_messages').select(['status', 'payload']).where('external_id', '=', 'ME-5').executeTakeFirstOrThrow(),
    ).toEqual({ status: 'ignored', payload: null });
  });
});
