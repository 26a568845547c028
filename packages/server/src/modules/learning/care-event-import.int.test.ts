import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareEventImportResult } from '@continuum/contracts';
import { createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';

let t: TestApp;
let otp: { id: string };
let other: { id: string };
type Who = Awaited<ReturnType<typeof signedInAs>>;
let clinician: Who;
let analyst: Who;
let otherClinician: Who;
let personId: string;
let secondId: string;

const eventCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('person_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await buildTestApp();
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater OTP', type: 'opioid_treatment_program' });
  other = await createTestOrganization(t.db, t.clock, { name: 'County Jail', type: 'corrections' });
  clinician = await signedInAs(t, ['clinician'], { organizationId: otp.id });
  analyst = await signedInAs(t, ['analyst'], { organizationId: otp.id });
  otherClinician = await signedInAs(t, ['clinician'], { organizationId: other.id });
  personId = (await createTestPerson(t.db, t.clock, otp.id)).id;
  secondId = (await createTestPerson(t.db, t.clock, otp.id)).id;
  await t.db
    .insertInto('person_identifiers')
    .values({ person_id: secondId, organization_id: otp.id, kind: 'mrn', value: 'MRN-77', created_at: t.clock.now() })
    .execute();
  // The same value at another organization must not match an OTP import.
  await t.db
    .insertInto('person_identifiers')
    .values({ person_id: personId, organization_id: other.id, kind: 'booking_number', value: 'B-1', created_at: t.clock.now() })
    .execute();
});
afterAll(async () => t?.close());

const post = (who: Who, url: string, payload: unknown, contentType?: string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...who.headers, ...(contentType ? { 'content-type': contentType } : {}) },
    payload: payload as string,
  });

describe('JSON import', () => {
  it('writes every row, by person id or the organization’s identifier, and not twice', async () => {
    const items = [
      {
        person: { personId },
        event: {
          type: 'moud_dispense',
          occurredAt: '2026-01-05T10:00:00Z',
          data: { medication: 'methadone', daysSupply: 1 },
          externalId: 'j-1',
        },
      },
      {
        person: { identifier: { kind: 'mrn', value: 'MRN-77' } },
        event: {
          type: 'screening',
          occurredAt: '2026-01-06T10:00:00Z',
          data: { instrument: 'TAPS', result: 'positive' },
          externalId: 'j-2',
        },
      },
    ];
    const first = await post(clinician, '/api/care-events', { items });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ applied: true, received: 2, written: 2, alreadyPresent: 0, skipped: 0, errors: [] });
    const again = await post(clinician, '/api/care-events', { items });
    expect(again.json()).toMatchObject({ applied: true, written: 0, alreadyPresent: 2 });
    const rows = await t.db
      .selectFrom('person_events')
      .select(['person_id', 'source', 'type'])
      .where('external_id', 'in', ['j-1', 'j-2'])
      .orderBy('external_id')
      .execute();
    expect(rows).toEqual([
      { person_id: personId, source: 'import:json', type: 'moud_dispense' },
      { person_id: secondId, source: 'import:json', type: 'screening' },
    ]);
    const audit = await t.db.selectFrom('audit_events').select('details').where('action', '=', 'care-events.import').execute();
    expect(audit.length).toBe(2);
  });

  it('writes nothing when any row is bad, and names each row and field', async () => {
    const before = await eventCount();
    const res = await post(clinician, '/api/care-events', {
      items: [
        { person: { personId }, event: { type: 'note', occurredAt: '2026-01-07T10:00:00Z', data: {} } },
        { person: { personId }, event: { type: 'moud_dispense', occurredAt: '2026-01-07T10:00:00Z', data: { medication: 'methadone' } } },
        {
          person: { identifier: { kind: 'booking_number', value: 'B-1' } },
          event: { type: 'note', occurredAt: '2026-01-07T10:00:00Z', data: {} },
        },
        { person: { personId: '00000000-0000-4000-8000-000000000009' }, event: { type: 'note', occurredAt: 'yesterday', data: {} } },
      ],
    });
    expect(res.statusCode).toBe(422);
    const body = res.json() as CareEventImportResult;
    expect(body.applied).toBe(false);
    expect(body.written).toBe(0);
    expect(body.errors).toEqual([
      { row: 2, field: 'event.data.daysSupply', message: expect.any(String) },
      { row: 3, field: 'person.identifier', message: 'No person with that identifier at your organization' },
      { row: 4, field: 'event.occurredAt', message: expect.any(String) },
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('a dry run checks and writes nothing', async () => {
    const before = await eventCount();
    const res = await post(clinician, '/api/care-events', {
      dryRun: true,
      items: [{ person: { personId }, event: { type: 'note', occurredAt: '2026-01-07T10:00:00Z', data: {} } }],
    });
    expect(res.json()).toMatchObject({ applied: false, written: 0, errors: [] });
    expect(await eventCount()).toBe(before);
  });

  it('only clinicians and administrators of the importing organization import', async () => {
    const items = [{ person: { personId }, event: { type: 'note', occurredAt: '2026-01-07T10:00:00Z', data: {} } }];
    expect((await post(analyst, '/api/care-events', { items })).statusCode).toBe(403);
    expect((await post(otherClinician, '/api/care-events', { organizationId: otp.id, items })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/care-events', payload: { items } })).statusCode).toBe(401);
  });
});

describe('a person the importing organization may not see', () => {
  // Registered by the jail only: the OTP has no relationship with them, so to the OTP they do not exist.
  let hiddenId: string;
  const missingId = '00000000-0000-4000-8000-0000000000aa';
  beforeAll(async () => {
    hiddenId = (await createTestPerson(t.db, t.clock, other.id)).id;
  });
  const one = (id: string, extra: Record<string, unknown> = {}) => ({
    ...extra,
    items: [{ person: { personId: id }, event: { type: 'note', occurredAt: '2026-01-08T10:00:00Z', data: {} } }],
  });
  const hiddenEvents = async () =>
    Number(
      (
        await t.db
          .selectFrom('person_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('person_id', '=', hiddenId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('is answered exactly like a person who does not exist, in a dry run and a real import, and nothing is written', async () => {
    for (const extra of [{ dryRun: true }, {}]) {
      const hidden = await post(clinician, '/api/care-events', one(hiddenId, extra));
      const missing = await post(clinician, '/api/care-events', one(missingId, extra));
      expect(hidden.statusCode).toBe(422);
      expect(hidden.statusCode).toBe(missing.statusCode);
      expect(hidden.json()).toEqual(missing.json());
      expect(hidden.json<CareEventImportResult>().errors).toEqual([
        { row: 1, field: 'person.personId', message: 'No person with that id' },
      ]);
    }
    expect(await hiddenEvents()).toBe(0);
  });

  it('the CSV import and its preview answer the same and write nothing', async () => {
    const file = (id: string) => `person_id,type,occurred_at\n${id},note,2026-01-09\n`;
    for (const url of ['/api/care-events/import/csv', '/api/care-events/import/csv/preview']) {
      const hidden = await post(clinician, url, file(hiddenId), 'text/csv');
      const missing = await post(clinician, url, file(missingId), 'text/csv');
      expect(hidden.statusCode).toBe(missing.statusCode);
      expect(hidden.json()).toEqual(missing.json());
      expect(hidden.json<CareEventImportResult>().errors).toEqual([{ row: 1, field: 'person_id', message: 'No person with that id' }]);
    }
    expect(await hiddenEvents()).toBe(0);
  });

  it('the organization that may see the person still imports for them', async () => {
    const res = await post(otherClinician, '/api/care-events', one(hiddenId));
    expect(res.statusCode).toBe(200);
    expect(await hiddenEvents()).toBe(1);
  });
});

describe('CSV import', () => {
  it('reads data.* columns and a data JSON column', async () => {
    const csv = [
      'person_id,identifier_kind,identifier_value,type,occurred_at,external_id,data.medication,data.daysSupply,data.formulation,data',
      `${personId},,,moud_dispense,2026-02-01,c-1,buprenorphine,14,sublingual,`,
      `,mrn,MRN-77,encounter,2026-02-02T09:00:00Z,c-2,,,,"{""setting"":""outpatient"",""principalDiagnosis"":""F11.20""}"`,
    ].join('\n');
    const res = await post(clinician, '/api/care-events/import/csv', csv, 'text/csv');
    expect(res.json()).toMatchObject({ applied: true, written: 2 });
    const row = await t.db
      .selectFrom('person_events')
      .select(['data', 'occurred_at'])
      .where('external_id', '=', 'c-1')
      .executeTakeFirstOrThrow();
    expect(row.data).toEqual({ medication: 'buprenorphine', daysSupply: 14, formulation: 'sublingual' });
  });
  it('names the column of a bad cell, by row, and writes nothing', async () => {
    const before = await eventCount();
    const csv = [
      'person_id,type,occurred_at,data.medication,data.daysSupply',
      `${personId},moud_dispense,2026-02-03,buprenorphine,7`,
      `${personId},moud_dispense,2026-02-04,heroin,7`,
      `,note,2026-02-05,,`,
    ].join('\n');
    const res = await post(clinician, '/api/care-events/import/csv', csv, 'text/csv');
    expect(res.statusCode).toBe(422);
    expect((res.json() as CareEventImportResult).errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'data.medication'],
      [3, 'person_id'],
    ]);
    expect(await eventCount()).toBe(before);
  });
  it('refuses a file without the needed columns', async () => {
    const res = await post(clinician, '/api/care-events/import/csv', 'a,b\n1,2', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'file' }] } } });
  });
});

describe('FHIR Bundle import', () => {
  const bundle = (entries: unknown[]) => JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries });
  it('maps Encounter, Condition, MedicationDispense, MedicationAdministration and a screening Observation', async () => {
    const res = await post(
      clinician,
      '/api/care-events/import/fhir',
      bundle([
        {
          fullUrl: 'urn:uuid:p1',
          resource: { resourceType: 'Patient', identifier: [{ type: { coding: [{ code: 'MR' }] }, value: 'MRN-77' }] },
        },
        {
          resource: {
            resourceType: 'Encounter',
            id: 'e1',
            class: { code: 'EMER' },
            subject: { reference: 'urn:uuid:p1' },
            period: { start: '2026-03-01T02:00:00Z' },
            reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F11.23' }] }],
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'c1',
            subject: { reference: `Patient/${personId}` },
            code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F11.20' }] },
            recordedDate: '2026-03-01',
          },
        },
        {
          resource: {
            resourceType: 'MedicationDispense',
            id: 'd1',
            subject: { reference: `Patient/${personId}` },
            medicationCodeableConcept: { text: 'Buprenorphine-naloxone 8 mg-2 mg sublingual film' },
            daysSupply: { value: 7 },
            whenHandedOver: '2026-03-02T10:00:00Z',
          },
        },
        {
          resource: {
            resourceType: 'MedicationAdministration',
            id: 'a1',
            subject: { reference: `Patient/${personId}` },
            medicationCodeableConcept: { text: 'Naltrexone extended-release injection' },
            effectiveDateTime: '2026-03-20T10:00:00Z',
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            id: 'o1',
            subject: { reference: `Patient/${personId}` },
            code: { text: 'TAPS tool' },
            valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '10828004', display: 'Positive' }] },
            effectiveDateTime: '2026-03-01T01:00:00Z',
          },
        },
        { resource: { resourceType: 'Procedure', id: 'x1', subject: { reference: `Patient/${personId}` } } },
      ]),
      'application/fhir+json',
    );
    expect(res.json()).toMatchObject({ applied: true, written: 5, skipped: 1, errors: [] });
    const rows = await t.db
      .selectFrom('person_events')
      .select(['external_id', 'type', 'data', 'person_id'])
      .where('source', '=', 'import:fhir')
      .orderBy('external_id')
      .execute();
    expect(rows.map((r) => [r.external_id, r.type])).toEqual([
      ['Condition/c1', 'diagnosis'],
      ['Encounter/e1', 'encounter'],
      ['MedicationAdministration/a1', 'moud_administration'],
      ['MedicationDispense/d1', 'moud_dispense'],
      ['Observation/o1', 'screening'],
    ]);
    expect(rows.find((r) => r.external_id === 'Encounter/e1')).toMatchObject({
      person_id: secondId,
      data: { setting: 'emergency_department', principalDiagnosis: 'F11.23' },
    });
    expect(rows.find((r) => r.external_id === 'MedicationAdministration/a1')!.data).toEqual({
      medication: 'naltrexone',
      formulation: 'extended_release_injection',
      daysSupply: 30,
    });
  });
  it('names the entry and field of bad resources and writes nothing', async () => {
    const before = await eventCount();
    const res = await post(
      clinician,
      '/api/care-events/import/fhir',
      bundle([
        {
          resource: {
            resourceType: 'Encounter',
            id: 'e2',
            class: { code: 'XYZ' },
            subject: { reference: `Patient/${personId}` },
            period: { start: '2026-03-01T02:00:00Z' },
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'c2',
            subject: { display: 'someone' },
            code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F11.20' }] },
            recordedDate: '2026-03-01',
          },
        },
      ]),
      'application/fhir+json',
    );
    expect(res.statusCode).toBe(422);
    expect((res.json() as CareEventImportResult).errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'class'],
      [2, 'subject'],
    ]);
    expect(await eventCount()).toBe(before);
  });
  it('refuses what is not a Bundle', async () => {
    const res = await post(clinician, '/api/care-events/import/fhir', JSON.stringify({ resourceType: 'Patient' }), 'application/fhir+json');
    expect(res.statusCode).toBe(400);
  });
});
