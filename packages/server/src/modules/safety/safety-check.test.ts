import type { MedicationDispense, MedicationRequest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { bundle, daysBefore, medicationDispense, medicationRequest, patient, TODAY } from './fhir-fixtures.ts';
import { checkSafety } from './safety-check.ts';
import { toDay } from './safety-model.ts';

/* Values no prescription can have: refused naming the field (API), or the order not computable and the problem reported (CDS Hooks). */

const k = drugKnowledge();
const asOf = toDay(TODAY)!;

/** Oxycodone 5 mg tablets, 6 four times a day: 180 MME/day. */
const highDose = medicationRequest({
  id: 'high',
  rxcui: '1049621',
  dose: 6,
  unit: 'TAB',
  frequency: 4,
  supplyDays: 30,
  authoredOn: daysBefore(5),
});
const oxycodone = (id: string) => medicationRequest({ id, rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 4, supplyDays: 30 });

type Edit = (r: MedicationRequest) => void;
const edited = (edit: Edit) => {
  const r = oxycodone('bad');
  edit(r);
  return r;
};
const path = (field: string) => `body.entry[2].resource.${field}`;

function refusal(body: unknown): { path: string; message: string } | null {
  try {
    checkSafety(k, body, asOf);
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
    return error.fields![0]!;
  }
}

const cases: [string, Edit, string][] = [
  [
    'a negative dose',
    (r) => (r.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity!.value = -4),
    'dosageInstruction[0].doseAndRate[0].doseQuantity.value',
  ],
  [
    'a zero dose',
    (r) => (r.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity!.value = 0),
    'dosageInstruction[0].doseAndRate[0].doseQuantity.value',
  ],
  [
    'a dose of 1e308',
    (r) => (r.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity!.value = 1e308),
    'dosageInstruction[0].doseAndRate[0].doseQuantity.value',
  ],
  [
    'a dose range high of -1',
    (r) => (r.dosageInstruction![0]!.doseAndRate = [{ doseRange: { low: { value: 1 }, high: { value: -1, unit: 'TAB' } } }]),
    'dosageInstruction[0].doseAndRate[0].doseRange.high.value',
  ],
  ['a frequency of 0', (r) => (r.dosageInstruction![0]!.timing!.repeat!.frequency = 0), 'dosageInstruction[0].timing.repeat.frequency'],
  [
    'a frequency of 1e308',
    (r) => (r.dosageInstruction![0]!.timing!.repeat!.frequency = 1e308),
    'dosageInstruction[0].timing.repeat.frequency',
  ],
  ['a negative period', (r) => (r.dosageInstruction![0]!.timing!.repeat!.period = -1), 'dosageInstruction[0].timing.repeat.period'],
  ['a negative quantity', (r) => (r.dispenseRequest!.quantity = { value: -60 }), 'dispenseRequest.quantity.value'],
  ['a zero-day supply', (r) => (r.dispenseRequest!.expectedSupplyDuration!.value = 0), 'dispenseRequest.expectedSupplyDuration.value'],
  [
    'a supply of 1e308 days',
    (r) => (r.dispenseRequest!.expectedSupplyDuration!.value = 1e308),
    'dispenseRequest.expectedSupplyDuration.value',
  ],
];

describe('POST /api/safety/check and the CLI: implausible values are refused naming the field', () => {
  it.each(cases)('%s', (_label, edit, field) => {
    const found = refusal(bundle([patient(), highDose, edited(edit)]));
    expect(found?.path).toBe(path(field));
    expect(found?.message).toMatch(/positive|no more than/);
  });
  it('a dispense with a negative days supply is refused too', () => {
    const d: MedicationDispense = medicationDispense({
      id: 'd',
      rxcui: '1049621',
      handedOver: daysBefore(3),
      quantity: 60,
      daysSupply: -15,
    });
    expect(refusal(bundle([patient(), highDose, d]))?.path).toBe('body.entry[2].resource.daysSupply.value');
  });
  it('plausible values pass', () => {
    expect(refusal(bundle([patient(), highDose, oxycodone('fine')]))).toBeNull();
  });
});

describe('CDS Hooks: the order is not computable, the problem is reported, and the rest still fires', () => {
  const cds = (bad: MedicationRequest) =>
    checkSafety(
      k,
      {
        hook: 'patient-view',
        hookInstance: 'h',
        context: { patientId: 'p1' },
        prefetch: { patient: patient(), medications: bundle([highDose, bad]) },
      },
      asOf,
      undefined,
      undefined,
      { implausible: 'not-computable' },
    );
  it.each(cases)('%s', (_label, edit, field) => {
    const result = cds(edited(edit));
    expect(result.notComputable).toEqual([expect.objectContaining({ orderId: 'bad', reason: 'implausible-value' })]);
    expect(result.issues).toEqual([expect.objectContaining({ field: `body.prefetch.medications.entry[1].resource.${field}` })]);
    // The computable 180 MME/day is a lower bound of the total: the dose card is not hidden by the bad order.
    const codes = result.rules.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['MME_AT_LEAST_90', 'MME_NOT_COMPUTABLE', 'RECORD_PROBLEM']));
    expect(result.rules.find((r) => r.code === 'MME_AT_LEAST_90')?.explanation).toMatch(/at least 180/);
    expect(JSON.stringify(result)).not.toMatch(/Infinity|NaN|"mmePerDay":-/);
  });
});

describe('an active order with no start date is not computable, not dropped', () => {
  it('is named with reason start-unknown and the total is not given', () => {
    const undated = oxycodone('undated');
    delete undated.authoredOn;
    delete undated.dispenseRequest!.validityPeriod;
    const result = checkSafety(k, bundle([patient(), undated]), asOf);
    expect(result.notComputable).toEqual([expect.objectContaining({ orderId: 'undated', reason: 'start-unknown' })]);
    expect(result.mmePerDay).toBeNull();
    expect(result.rules.map((r) => r.code)).toContain('MME_NOT_COMPUTABLE');
  });
});
