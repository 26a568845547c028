import type { Encounter, MedicationRequest, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { drugKnowledge } from './drug-knowledge.ts';
import { parseSafetyRequest, type Hook } from './fhir-adapter.ts';
import { bundle, daysBefore, medicationRequest, patient, TODAY, type RxOptions } from './fhir-fixtures.ts';
import { evaluateSafety } from './rules.ts';
import { toDay } from './safety-model.ts';

/* Which orders trigger the guideline rules, and which days count as days on opioids (CDC 2022, Recs 1–11). */

const k = drugKnowledge();
const asOf = toDay(TODAY)!;

function run(drafts: Resource[], record: Resource[], hook: Hook = 'order-sign') {
  const request = {
    hook,
    hookInstance: 'x',
    context: { userId: 'Practitioner/1', patientId: 'p1', ...(hook === 'patient-view' ? {} : { draftOrders: bundle(drafts) }) },
    prefetch: { patient: patient(), record: bundle(record) },
  };
  const parsed = parseSafetyRequest(k, request, asOf);
  return evaluateSafety(k, parsed.facts, parsed.hook, parsed.triggerOrderIds);
}
const codes = (r: ReturnType<typeof run>) => r.rules.map((x) => x.code).sort();

/** Oxycodone 5 mg tablets, one four times a day. */
const oxycodone = (o: Partial<RxOptions>) => medicationRequest({ rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 4, ...o });
const draft = (o: Partial<RxOptions>) => oxycodone({ id: 'draft', supplyDays: 30, status: 'draft', ...o });
const officeVisit: Encounter = {
  resourceType: 'Encounter',
  id: 'visit',
  status: 'finished',
  class: { code: 'AMB' },
  type: [{ coding: [{ system: 'http://snomed.info/sct', code: '185463005' }] }],
  period: { start: daysBefore(60), end: daysBefore(60) },
};

describe('Rec 7 days on opioids: authored date through the days supplied, not the validity window', () => {
  it('a 30-day supply authored 80 days ago, still valid for another month, is not 3 months on opioids', () => {
    const earlier = oxycodone({ id: 'earlier', supplyDays: 30, authoredOn: daysBefore(80), validityEnd: daysBefore(-30) });
    expect(codes(run([draft({})], [earlier, officeVisit]))).not.toContain('EVALUATE_BENEFITS_HARMS');
  });
  it('three monthly 30-day supplies cover 21 of each of the last three months', () => {
    const monthly = [89, 59, 29].map((d) => oxycodone({ id: `m${d}`, supplyDays: 30, authoredOn: daysBefore(d), status: 'completed' }));
    expect(codes(run([draft({})], monthly))).toContain('EVALUATE_BENEFITS_HARMS');
  });
  it('7 of the last 10 days with an office visit in 12 months fires; a supply that ran out 4 days ago does not', () => {
    const recent = oxycodone({ id: 'recent', supplyDays: 14, authoredOn: daysBefore(14), validityEnd: daysBefore(-60) });
    expect(codes(run([draft({})], [recent, officeVisit]))).toContain('EVALUATE_BENEFITS_HARMS');
    const ranOut = oxycodone({ id: 'ran-out', supplyDays: 10, authoredOn: daysBefore(14), validityEnd: daysBefore(-60) });
    expect(codes(run([draft({})], [ranOut, officeVisit]))).not.toContain('EVALUATE_BENEFITS_HARMS');
  });
  it('without expectedSupplyDuration the supply is the quantity over the daily dose (60 tablets at 4 a day = 15 days)', () => {
    const withQuantity = (authored: number): MedicationRequest => {
      const rx = oxycodone({ id: 'q', authoredOn: daysBefore(authored), validityEnd: daysBefore(-60) });
      return { ...rx, dispenseRequest: { ...rx.dispenseRequest, quantity: { value: 60, unit: 'tablet' } } };
    };
    // Authored 25 days ago: 15 days supplied ran out 10 days ago, though the prescription is valid for two more months.
    expect(codes(run([draft({})], [withQuantity(25), officeVisit]))).not.toContain('EVALUATE_BENEFITS_HARMS');
    // Authored 12 days ago: covers the last 10 days.
    expect(codes(run([draft({})], [withQuantity(12), officeVisit]))).toContain('EVALUATE_BENEFITS_HARMS');
  });
  it('with no supply and no quantity, the validity end is used', () => {
    const open = oxycodone({ id: 'open', authoredOn: daysBefore(95), validityEnd: daysBefore(-10) });
    expect(codes(run([draft({})], [open]))).toContain('EVALUATE_BENEFITS_HARMS');
  });
});

describe('inpatient orders trigger no guideline rule (CDC: community orders only)', () => {
  it('an acute inpatient opioid order for an opioid-naive person fires neither Rec 1 nor Rec 6', () => {
    expect(codes(run([draft({ supplyDays: 10 })], []))).toEqual(
      expect.arrayContaining(['NONOPIOID_FIRST_ACUTE', 'ACUTE_SUPPLY_OVER_7_DAYS']),
    );
    expect(codes(run([draft({ supplyDays: 10, inpatient: true })], []))).toEqual([]);
  });
  it('a 30-day inpatient extended-release order fires none of Recs 2, 3, 7, 8, 9, 10', () => {
    const er = { rxcui: '1049593', dose: 10, unit: 'mg', frequency: 2 };
    expect(codes(run([draft(er)], []))).toEqual(
      expect.arrayContaining(['TREATMENT_PLAN_CHRONIC', 'IMMEDIATE_RELEASE_WHEN_STARTING', 'REVIEW_PDMP', 'URINE_DRUG_TEST_DUE']),
    );
    expect(codes(run([draft({ ...er, inpatient: true })], []))).toEqual([]);
  });
  it('an order administered in a facility (category outpatient, e.g. the emergency department) is not a community order', () => {
    const rx = draft({ supplyDays: 10 });
    rx.category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category', code: 'outpatient' }] }];
    expect(codes(run([rx], []))).toEqual([]);
  });
  it('Rec 11: an inpatient opioid with an active benzodiazepine, or an inpatient benzodiazepine with an active opioid, fires nothing', () => {
    const benzo = (o: Partial<RxOptions> = {}) =>
      medicationRequest({
        id: 'benzo',
        rxcui: '197321',
        dose: 1,
        unit: 'TAB',
        frequency: 2,
        supplyDays: 30,
        authoredOn: daysBefore(10),
        ...o,
      });
    expect(codes(run([draft({})], [benzo()], 'order-select'))).toContain('OPIOID_WITH_BENZODIAZEPINE');
    expect(codes(run([draft({ inpatient: true })], [benzo()], 'order-select'))).not.toContain('OPIOID_WITH_BENZODIAZEPINE');
    const activeOpioid = oxycodone({ id: 'active', supplyDays: 30, authoredOn: daysBefore(10) });
    const benzoDraft = benzo({ status: 'draft', authoredOn: TODAY });
    expect(codes(run([benzoDraft], [activeOpioid], 'order-select'))).toContain('OPIOID_WITH_BENZODIAZEPINE');
    expect(codes(run([{ ...benzoDraft, category: draft({ inpatient: true }).category }], [activeOpioid], 'order-select'))).not.toContain(
      'OPIOID_WITH_BENZODIAZEPINE',
    );
  });
  it('an inpatient order being signed does not bring up the active community opioids’ cards either', () => {
    const active = oxycodone({ id: 'active', dose: 6, supplyDays: 30, authoredOn: daysBefore(10) }); // 180 MME/day
    expect(codes(run([draft({ inpatient: true })], [active]))).not.toContain('MME_AT_LEAST_90');
    expect(codes(run([draft({ inpatient: true })], [active]))).not.toContain('OFFER_NALOXONE');
  });
});
