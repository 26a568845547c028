import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemAccess } from '../../../core/access-context.ts';
import { createTestOrganization } from '../../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../../test-support/test-app.ts';
import { importFeedFile } from '../push.ts';
import { exampleOverdose, nemsisDataSet, nemsisReport } from './nemsis-example.ts';

/*
 * NEMSIS v3.5 EMS records through the real feed core on a database: the overdose module gets the
 * overdose (area from the incident ZIP, naloxone, leave-behind kits) and the person an overdose
 * care event; a resent export changes nothing; a broken report goes to the error queue and
 * leaves no trace while the others in the file apply.
 */

let t: TestApp;
let ems: { id: string; name: string };
const system = systemAccess('test: nemsis');
const importEms = (content: string) => importFeedFile(t.db, t.clock, system, ems.name, 'nemsis', content);
const counts = async () =>
  Promise.all(
    (['people', 'person_events', 'overdose_events', 'naloxone_distributions', 'source_records'] as const).map(async (table) =>
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

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T18:00:00Z'));
  await t.db
    .insertInto('areas')
    .values([
      { id: 'A1', name: 'Harbor North', town: 'Harbor', postal_code: '97101', latitude: 45.5, longitude: -122.6, population: 10000 },
      { id: 'A2', name: 'Harbor South', town: 'Harbor', postal_code: '97102', latitude: 45.4, longitude: -122.6, population: 9000 },
    ])
    .execute();
  ems = await createTestOrganization(t.db, t.clock, { name: 'Harbor Fire and EMS', type: 'ems' });
});
afterAll(async () => {
  await t?.close();
});

describe('NEMSIS v3.5 EMS records', () => {
  const first = nemsisReport(exampleOverdose);

  it('a suspected overdose reaches the overdose module and the person, placed by area only', async () => {
    expect(await importEms(nemsisDataSet([first]))).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    const person = await t.db
      .selectFrom('people')
      .select(['id', 'registered_by_organization_id'])
      .where('family_name', '=', 'Rivera')
      .executeTakeFirstOrThrow();
    expect(person.registered_by_organization_id).toBe(ems.id);
    const overdose = await t.db.selectFrom('overdose_events').selectAll().executeTakeFirstOrThrow();
    expect(overdose).toMatchObject({
      person_id: person.id,
      area_id: 'A1',
      latitude: null,
      longitude: null,
      fatal: false,
      naloxone_doses: 2,
      naloxone_by: ['ems'],
      suspected_substances: ['fentanyl'],
      disposition: 'transported',
      reporting_organization_id: ems.id,
      external_id: 'nemsis:pcr:PCR-1001:overdose',
    });
    expect(overdose.occurred_at.toISOString()).toBe('2026-11-20T15:58:00.000Z');
    const events = await t.db
      .selectFrom('person_events')
      .select(['type', 'data'])
      .where('person_id', '=', person.id)
      .orderBy('type')
      .execute();
    expect(events).toEqual([
      { type: 'naloxone', data: { mode: 'kit_given', kits: 1 } },
      { type: 'overdose', data: { fatal: false, naloxoneDoses: 2, overdoseEventId: overdose.id } },
    ]);
    const kits = await t.db.selectFrom('naloxone_distributions').select(['kits', 'leave_behind', 'area_id']).execute();
    expect(kits).toEqual([{ kits: 1, leave_behind: true, area_id: 'A1' }]);
    const ids = await t.db.selectFrom('person_identifiers').select(['kind', 'value']).where('person_id', '=', person.id).execute();
    expect(ids).toEqual([{ kind: 'ems_patient_id', value: 'EMS-77' }]);
    // The incident's street is nowhere but in the staged message itself.
    const registered = JSON.stringify(await t.db.selectFrom('people').selectAll().where('id', '=', person.id).execute());
    expect(registered).not.toContain('Dock');
    expect(JSON.stringify(overdose)).not.toContain('Dock');
  });

  it('a resent export changes nothing', async () => {
    const before = await counts();
    expect(await importEms(nemsisDataSet([first]))).toEqual({ accepted: 0, rejected: 0, duplicates: 1 });
    expect(await counts()).toEqual(before);
  });

  it('each report is on its own: a broken one to the error queue naming the element, the good one applied', async () => {
    const before = await counts();
    const broken = nemsisReport({ ...exampleOverdose, reportNumber: 'PCR-1003', familyName: 'Westbrook', naloxone: [{ at: 'soon' }] });
    const good = nemsisReport({
      ...exampleOverdose,
      reportNumber: 'PCR-1004',
      emsPatientId: 'EMS-80',
      familyName: 'Okafor',
      givenName: 'Jules',
      birthDate: '1988-08-08',
      sceneZip: '97102',
      leaveBehind: undefined,
      primaryImpression: 'T40.1X1A',
      secondaryImpressions: [],
    });
    expect(await importEms(nemsisDataSet([broken, good]))).toEqual({ accepted: 1, rejected: 1, duplicates: 0 });
    const after = await counts();
    expect(after[2]).toBe(before[2]! + 1);
    expect(await t.db.selectFrom('people').select('id').where('family_name', '=', 'Westbrook').execute()).toEqual([]);
    const error = await t.db
      .selectFrom('feed_messages')
      .select(['error_code', 'error_reason', 'payload'])
      .where('status', '=', 'error')
      .executeTakeFirstOrThrow();
    expect(error).toMatchObject({ error_code: 'malformed', payload: broken });
    expect(error.error_reason).toContain('eMedications.01');
    expect(error.error_reason).not.toContain('soon');
    expect(error.error_reason).not.toContain('Westbrook');
    const heroin = await t.db
      .selectFrom('overdose_events')
      .select(['area_id', 'suspected_substances'])
      .where('external_id', '=', 'nemsis:pcr:PCR-1004:overdose')
      .executeTakeFirstOrThrow();
    expect(heroin).toEqual({ area_id: 'A2', suspected_substances: ['heroin'] });
  });

  it('a call with nothing for the network keeps no person and no content', async () => {
    const before = await counts();
    const sprain = nemsisReport({
      ...exampleOverdose,
      reportNumber: 'PCR-1005',
      primaryImpression: 'S93.401A',
      secondaryImpressions: [],
      naloxone: [],
    });
    expect(await importEms(nemsisDataSet([sprain]))).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    expect(await counts()).toEqual(before);
    expect(
      await t.db.selectFrom('feed_messages').select(['status', 'payload']).where('external_id', '=', 'PCR-1005').executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'ignored',
      payload: null,
    });
  });
});
