import type { Bundle } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemAccess } from '../../../core/access-context.ts';
import { createTestOrganization } from '../../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../../test-support/test-app.ts';
import { importFeedFile } from '../push.ts';
import { fhirDispense, fhirEdEncounter, fhirOudCondition, fhirPatient, fhirUrineDrugTest, ndjson } from './fhir-example.ts';

/*
 * FHIR bulk NDJSON and Bundles through the real feed core: an ED Encounter with an overdose writes
 * the care events and overdose event an ADT would, a Condition the diagnosis, a dispense where PDMP
 * rows land, a urine drug screen the touchpoint's event; a resent file changes nothing; a malformed
 * line is rejected alone; a Bundle is all or nothing; a Part 2 program's records stay Part 2.
 */

let t: TestApp;
let ed: { id: string; name: string };
let otp: { id: string; name: string };
const system = systemAccess('test: fhir feed');
const importFhir = (org: { name: string }, content: string) => importFeedFile(t.db, t.clock, system, org.name, 'fhir', content);
const counts = async () =>
  Promise.all(
    (['people', 'person_events', 'overdose_events', 'feed_messages'] as const).map(async (table) =>
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
    .select(['type', 'source', 'sensitivity', 'data'])
    .where('person_id', '=', personId)
    .orderBy('type')
    .execute();
const personByFamilyName = async (familyName: string) =>
  (await t.db.selectFrom('people').select('id').where('family_name', '=', familyName).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-22T12:00:00Z'));
  await t.db
    .insertInto('areas')
    .values([
      { id: 'A1', name: 'Harbor North', town: 'Harbor', postal_code: '97101', latitude: 45.5, longitude: -122.6, population: 10000 },
    ])
    .execute();
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Harbor Treatment Program', type: 'opioid_treatment_program' });
});
afterAll(async () => {
  await t?.close();
});

describe('FHIR bulk NDJSON', () => {
  const file = ndjson([fhirPatient(), fhirEdEncounter(), fhirOudCondition(), fhirDispense(), fhirUrineDrugTest()]);

  it('registers the person from the ED overdose and writes what an ADT, a PDMP row and a urine drug test write', async () => {
    expect(await importFhir(ed, file)).toEqual({ accepted: 5, rejected: 0, duplicates: 0 });
    const personId = await personByFamilyName('Ashdown');
    const events = await eventsOf(personId);
    expect(events.map((e) => e.type)).toEqual(['diagnosis', 'encounter', 'opioid_dispense', 'overdose', 'urine_drug_test']);
    expect(events.every((e) => e.source === 'feed:fhir' || e.type === 'overdose')).toBe(true);
    expect(events.find((e) => e.type === 'urine_drug_test')!.data).toEqual({ results: { fentanyl: 'positive' } });
    const overdose = await t.db.selectFrom('overdose_events').select(['area_id', 'person_id', 'fatal']).executeTakeFirstOrThrow();
    expect(overdose).toEqual({ area_id: 'A1', person_id: personId, fatal: false });
    // The partner's Patient id and MRN are identifiers the ED now holds for the person.
    const ids = await t.db
      .selectFrom('person_identifiers')
      .select(['kind', 'value'])
      .where('person_id', '=', personId)
      .orderBy('kind')
      .execute();
    expect(ids).toEqual([
      { kind: 'mrn', value: 'HGH-100' },
      { kind: 'other', value: 'Patient/pt-1' },
    ]);
  });

  it('a resent file changes nothing', async () => {
    const before = await counts();
    expect(await importFhir(ed, file)).toEqual({ accepted: 0, rejected: 0, duplicates: 5 });
    expect((await counts()).slice(0, 3)).toEqual(before.slice(0, 3));
  });

  it('a later file naming only Patient/<id> reaches the same person; a malformed line is rejected alone, naming the element', async () => {
    const before = await counts();
    const later = ndjson([
      fhirUrineDrugTest({ id: 'obs-2', effectiveDateTime: '2026-11-22T09:00:00Z', valueCodeableConcept: { text: 'Negative' } }),
    ]);
    const bad = JSON.stringify(fhirOudCondition({ id: 'cond-2', recordedDate: undefined }));
    expect(await importFhir(ed, `${later}${bad}\n{not json\n`)).toEqual({ accepted: 1, rejected: 2, duplicates: 0 });
    const after = await counts();
    expect(after.slice(0, 3)).toEqual([before[0], before[1]! + 1, before[2]]);
    const reasons = (
      await t.db.selectFrom('feed_messages').select('error_reason').where('status', '=', 'error').orderBy('error_reason').execute()
    ).map((r) => r.error_reason);
    expect(reasons).toEqual(['Condition.recordedDate: give recordedDate or onsetDateTime', 'The line is not valid JSON']);
  });

  it('a resource about a Patient the organization does not hold, with no demographics, waits in the error queue as unmatchable', async () => {
    expect(await importFhir(ed, ndjson([fhirOudCondition({ id: 'cond-9', subject: { reference: 'Patient/unknown-9' } })]))).toEqual({
      accepted: 0,
      rejected: 1,
      duplicates: 0,
    });
    const codes = (await t.db.selectFrom('feed_messages').select('error_code').where('status', '=', 'error').execute()).map(
      (r) => r.error_code,
    );
    expect(codes.sort()).toEqual(['malformed', 'malformed', 'unmatchable']);
  });
});

describe('FHIR Bundles', () => {
  const bundle = (conditionDate: string | undefined): Bundle => ({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:p2',
        resource: fhirPatient({ id: 'pt-2', identifier: [], name: [{ family: 'Brightwater', given: ['Rowan'] }], birthDate: '1988-08-08' }),
      },
      { resource: fhirOudCondition({ id: 'cond-b1', subject: { reference: 'urn:uuid:p2' } }) },
      { resource: fhirOudCondition({ id: 'cond-b2', subject: { reference: 'urn:uuid:p2' }, recordedDate: conditionDate }) },
    ],
  });

  it('is all or nothing: one bad entry rejects the Bundle and nothing of it stays', async () => {
    const before = await counts();
    expect(await importFhir(otp, JSON.stringify(bundle(undefined)))).toEqual({ accepted: 0, rejected: 1, duplicates: 0 });
    expect((await counts()).slice(0, 3)).toEqual(before.slice(0, 3));
  });

  it("applies whole; a Part 2 program's diagnoses are Part 2 records", async () => {
    expect(await importFhir(otp, JSON.stringify(bundle('2026-11-21')))).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    const events = await eventsOf(await personByFamilyName('Brightwater'));
    expect(events.map((e) => [e.type, e.sensitivity])).toEqual([
      ['diagnosis', 'part2'],
      ['diagnosis', 'part2'],
    ]);
  });
});
