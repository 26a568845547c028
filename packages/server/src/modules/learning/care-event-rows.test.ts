import { describe, expect, it } from 'vitest';
import { careEventImportItemSchema } from '@continuum/contracts';
import { csvRows, fhirRows } from './care-event-import.ts';

describe('CSV rows: data columns', () => {
  it('nests dotted data columns, so a urine drug test gives its results per substance', () => {
    const [row] = csvRows(
      [
        'person_id,type,occurred_at,data.results.fentanyl,data.results.buprenorphine,data.results.cocaine,data.method',
        '11111111-1111-4111-8111-111111111111,urine_drug_test,2026-03-01,positive,negative,,screen',
      ].join('\n'),
    );
    expect(row!.item).toMatchObject({
      event: { type: 'urine_drug_test', data: { results: { fentanyl: 'positive', buprenorphine: 'negative' }, method: 'screen' } },
    });
    expect(careEventImportItemSchema.safeParse(row!.item).success).toBe(true);
  });

  it('keeps flat columns flat: a MOUD start with its dose', () => {
    const [row] = csvRows(
      [
        'person_id,type,occurred_at,data.medication,data.doseMg,data.daysSupply',
        '11111111-1111-4111-8111-111111111111,moud_start,2026-03-01,buprenorphine,16,7',
      ].join('\n'),
    );
    expect((row!.item as { event: { data: unknown } }).event.data).toEqual({ medication: 'buprenorphine', doseMg: 16, daysSupply: 7 });
    expect(careEventImportItemSchema.safeParse(row!.item).success).toBe(true);
  });
});

describe('FHIR rows: a urine drug screen Observation', () => {
  const observation = (code: string, value: string) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        resource: {
          resourceType: 'Observation',
          id: 'u1',
          status: 'final',
          subject: { reference: 'Patient/11111111-1111-4111-8111-111111111111' },
          code: { coding: [{ system: 'http://loinc.org', code }] },
          effectiveDateTime: '2026-03-01T10:00:00Z',
          valueCodeableConcept: { text: value },
        },
      },
    ],
  });

  it.each([
    ['fentanyl screen, positive', '59673-4', 'Positive', { fentanyl: 'positive' }],
    ['buprenorphine screen, not detected', '58359-1', 'Not detected', { buprenorphine: 'negative' }],
    ['opiates screen, negative', '19295-5', 'Negative', { opiates: 'negative' }],
  ])('%s → a urine drug test', (_label, code, value, results) => {
    const { rows } = fhirRows(observation(code, value));
    expect(rows[0]!.errors).toEqual([]);
    expect(rows[0]!.item).toMatchObject({ event: { type: 'urine_drug_test', data: { results }, externalId: 'Observation/u1' } });
    expect(careEventImportItemSchema.safeParse(rows[0]!.item).success).toBe(true);
  });

  it('a screen with no readable result is a row error naming the value', () => {
    expect(fhirRows(observation('59673-4', 'pending')).rows[0]!.errors.map((e) => e.field)).toEqual(['valueCodeableConcept']);
  });
});
