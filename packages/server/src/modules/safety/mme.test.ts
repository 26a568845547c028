import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { drugKnowledge, RXNORM } from './drug-knowledge.ts';
import { parseSafetyRequest } from './fhir-adapter.ts';
import { bundle, daysBefore, medicationDispense, medicationRequest, TODAY, type RxOptions } from './fhir-fixtures.ts';
import { mmeSummary, orderMme, unitKind } from './mme.ts';
import { toDay } from './safety-model.ts';

const k = drugKnowledge();
const asOf = toDay(TODAY)!;

function summary(resources: Resource[], at = asOf) {
  const { facts } = parseSafetyRequest(k, bundle(resources), at);
  return mmeSummary(k, facts.orders, at);
}
const one = (o: RxOptions) => summary([medicationRequest(o)]);

describe('drug knowledge', () => {
  it('loads the 912-row RxNorm table keyed by RxCUI, combination products with several ingredient rows', () => {
    expect(k.opioidDrugs.size).toBeGreaterThan(900);
    expect(k.opioidDrugs.get('637540')?.ingredients.map((i) => i.strengthValue)).toEqual([4.5, 0.38]);
    expect(k.opioidDrugs.get('197696')?.patch).toBe(true);
    expect(k.opioidDrugs.get('1010600')?.moudForm).toBe(true);
    expect(k.opioidDrugs.get('904870')?.moudForm).toBe(false);
  });
});

describe('MME per prescription: every 2022 factor', () => {
  it.each([
    ['oxycodone 5 mg tab, 1 tab q6h', { rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 1, period: 6, periodUnit: 'h' }, 30],
    ['hydrocodone/APAP 5 mg, 1 tablet 4×/day (CDC Table example: 20)', { rxcui: '857002', dose: 1, unit: 'tablet', frequency: 4 }, 20],
    ['morphine 15 mg tab, 2 {tablet} bid', { rxcui: '892582', dose: 2, unit: '{tablet}', frequency: 2 }, 60],
    ['hydromorphone 2 mg, 1 tab q4h (factor 5)', { rxcui: '897696', dose: 1, unit: 'TAB', frequency: 6 }, 60],
    ['methadone 10 mg, 1 tab tid (flat 4.7)', { rxcui: '864706', dose: 1, unit: 'TAB', frequency: 3 }, 141],
    ['methadone 10 mg daily: 47, not the 2016 tier 40', { rxcui: '864706', dose: 10, unit: 'mg', frequency: 1 }, 47],
    ['codeine 30 mg/APAP, 2 tabs qid (0.15)', { rxcui: '993781', dose: 2, unit: 'TAB', frequency: 4 }, 36],
    ['tramadol 50 mg, 1 tab qid (0.2)', { rxcui: '835603', dose: 1, unit: 'TAB', frequency: 4 }, 40],
    ['tapentadol 50 mg, 1 tab q6h (0.4)', { rxcui: '825411', dose: 1, unit: 'TAB', frequency: 4 }, 80],
    ['oxymorphone 5 mg, 1 tab bid (3)', { rxcui: '977939', dose: 1, unit: 'TAB', frequency: 2 }, 30],
    ['oxycodone 1 mg/mL solution, 5 mL q4h', { rxcui: '1049604', dose: 5, unit: 'mL', frequency: 6 }, 45],
    [
      'oxycodone ER 10 mg bid (CDC Table example: 30)',
      { rxcui: '1049593', dose: 10, unit: 'mg', frequency: 1, period: 12, periodUnit: 'h' },
      30,
    ],
    ['dose in mcg', { rxcui: '1049621', dose: 5000, unit: 'ug', frequency: 2 }, 15],
  ] as [string, RxOptions, number][])('%s → %s MME/day', (_name, o, expected) => {
    const s = one(o);
    expect(s.mmePerDay).toBe(expected);
    expect(s.prescriptions[0]?.status).toBe('computed');
  });
});

describe('fentanyl patches: patches worn × mcg/hr × 2.4, whatever the change interval', () => {
  it.each([
    ['12 mcg/hr q72h', '577057', 1, 3, 28.8],
    ['25 mcg/hr q72h', '245134', 1, 3, 60],
    ['25 mcg/hr q48h', '245134', 1, 2, 60],
    ['37.5 mcg/hr q72h', '1603495', 1, 3, 90],
    ['75 mcg/hr q72h (CDC test patient > 50: 180)', '197696', 1, 3, 180],
    ['two 25 mcg/hr patches', '245134', 2, 3, 120],
  ])('%s', (_n, rxcui, patches, every, expected) => {
    expect(one({ rxcui, dose: patches, unit: '{patch}', frequency: 1, period: every }).mmePerDay).toBe(expected);
  });
  it('a patch order with no timing still has an MME (the interval does not matter)', () => {
    expect(one({ rxcui: '245134', dose: 1, unit: 'patch', noTiming: true }).mmePerDay).toBe(60);
  });
  it('a dose stated in mcg/hr', () => {
    expect(one({ rxcui: '245134', dose: 50, unit: 'ug/h', frequency: 1, period: 3 }).mmePerDay).toBe(120);
  });
});

describe('ranges, PRN, frequencyMax, time of day, missing timing', () => {
  it('a dose range uses the upper bound', () => {
    expect(one({ rxcui: '1049621', dose: 1, doseHigh: 2, unit: 'TAB', frequency: 4 }).mmePerDay).toBe(60);
  });
  it('PRN counts at the full dose (worst case)', () => {
    const s = one({ rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 4, prn: true });
    expect(s.mmePerDay).toBe(30);
    expect(s.prescriptions[0]?.prn).toBe(true);
  });
  it('frequencyMax is used when present ("1–2 times every 4 hours")', () => {
    expect(one({ rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 1, frequencyMax: 2, period: 4, periodUnit: 'h' }).mmePerDay).toBe(90);
  });
  it('time of day only: one dose per listed time (CDC test patient with timeOfDay: 30)', () => {
    expect(one({ rxcui: '1049593', dose: 10, unit: 'mg', timeOfDay: ['10:00:00', '22:00:00'] }).mmePerDay).toBe(30);
  });
  it('a dose with no timing is "frequency unknown": reported and not counted as zero', () => {
    const s = one({ rxcui: '1049621', dose: 1, unit: 'TAB', noTiming: true });
    expect(s.mmePerDay).toBeNull();
    expect(s.notComputable).toEqual([
      { orderId: 'rx-1049621', drug: 'oxycodone hydrochloride 5 MG Oral Tablet', reason: 'frequency-unknown' },
    ]);
  });
  it('a unit the engine cannot read is reported', () => {
    expect(one({ rxcui: '1049621', dose: 1, unit: 'scoop', frequency: 1 }).notComputable[0]?.reason).toBe('unit-not-understood');
  });
  it.each([
    ['TAB', 'count'],
    ['tablets', 'count'],
    ['{capsule}', 'count'],
    ['CAP', 'count'],
    ['1', 'count'],
    ['mg', 'mass'],
    ['mcg', 'mass'],
    ['mL', 'volume'],
    ['mcg/hr', 'rate'],
  ])('unit %s is a %s', (unit, kind) => {
    expect(unitKind(unit)?.kind).toBe(kind);
  });
});

describe('drugs with no 2022 factor make the total not computable, naming the drug', () => {
  it.each([
    ['levorphanol', '197873', 'levorphanol tartrate 2 MG Oral Tablet'],
    ['meperidine', '861467', 'meperidine hydrochloride 50 MG Oral Tablet'],
    ['non-patch fentanyl (buccal tablet)', '668363', 'fentanyl 0.1 MG Buccal Tablet'],
    ['injected morphine (the oral factors do not apply)', '892489', '10 ML morphine sulfate 1 MG/ML Injection [Duramorph]'],
  ])('%s', (_n, rxcui, name) => {
    const unit = name.includes('Injection') ? 'mL' : 'TAB';
    const s = summary([
      medicationRequest({ rxcui, dose: 1, unit, frequency: 2 }),
      medicationRequest({ rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 4 }),
    ]);
    expect(s.mmePerDay).toBeNull();
    expect(s.computableMmePerDay).toBe(30);
    expect(s.notComputable).toEqual([{ orderId: `rx-${rxcui}`, drug: name, reason: 'no-conversion-factor' }]);
  });
  it('an opioid not in the drug table (coded only by the value set) is an unknown drug', () => {
    const mr = medicationRequest({ rxcui: '0', frequency: 1 });
    mr.medicationCodeableConcept = { coding: [{ system: RXNORM, code: '1049504' }], text: 'Abuse-Deterrent oxycodone ER 10 mg' };
    const s = summary([mr]);
    expect(s.notComputable[0]?.reason === 'unknown-drug' || s.notComputable.length === 0).toBe(true);
  });
});

describe('buprenorphine and MOUD', () => {
  it('buprenorphine for pain (patch) has no MME and does not make the total not computable', () => {
    const s = summary([
      medicationRequest({ rxcui: '904870', dose: 1, unit: 'patch', frequency: 1, period: 7 }),
      medicationRequest({ rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 2 }),
    ]);
    expect(s.mmePerDay).toBe(15);
    expect(s.prescriptions.find((p) => p.orderId === 'rx-904870')).toMatchObject({ status: 'no-mme', mmePerDay: null });
  });
  it('sublingual buprenorphine/naloxone is MOUD: no MME, not pain medication', () => {
    const s = one({ rxcui: '1010600', dose: 2, unit: 'film', frequency: 1 });
    expect(s.mmePerDay).toBeNull();
    expect(s.notComputable).toEqual([]);
    expect(s.prescriptions[0]).toMatchObject({ kind: 'moud', status: 'moud' });
  });
  it('methadone prescribed for OUD is MOUD', () => {
    const s = one({ rxcui: '864706', dose: 80, unit: 'mg', frequency: 1, reasonIcd10: 'F11.20' });
    expect(s.prescriptions[0]?.kind).toBe('moud');
    expect(s.mmePerDay).toBeNull();
  });
  it('methadone prescribed for pain counts', () => {
    expect(one({ rxcui: '864706', dose: 5, unit: 'mg', frequency: 2 }).mmePerDay).toBe(47);
  });
});

describe('which prescriptions count', () => {
  const oxy = (o: Partial<RxOptions>) => medicationRequest({ rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 4, ...o });
  it('two equal prescriptions sum (the reference calculator collapses them)', () => {
    expect(summary([oxy({ id: 'a' }), oxy({ id: 'b' })]).mmePerDay).toBe(60);
  });
  it('hydrocodone 20 + morphine 20 = 40, not 20', () => {
    expect(
      summary([
        medicationRequest({ id: 'h', rxcui: '857002', dose: 1, unit: 'TAB', frequency: 4 }),
        medicationRequest({ id: 'm', rxcui: '892582', dose: 20, unit: 'mg', frequency: 1 }),
      ]).mmePerDay,
    ).toBe(40);
  });
  it.each(['stopped', 'cancelled', 'entered-in-error'] as MedicationRequest['status'][])('a %s prescription does not count', (status) => {
    expect(summary([oxy({ id: 'a' }), oxy({ id: 'b', status })]).mmePerDay).toBe(30);
  });
  it('an inpatient order does not count', () => {
    expect(summary([oxy({ id: 'a' }), oxy({ id: 'b', inpatient: true })]).mmePerDay).toBe(30);
  });
  it('an order whose validity ended before today does not count today', () => {
    expect(summary([oxy({ id: 'a' }), oxy({ id: 'b', authoredOn: daysBefore(60), validityEnd: daysBefore(1) })]).mmePerDay).toBe(30);
  });
  it('no medications → null (CDC test patient without medications)', () => {
    expect(summary([]).mmePerDay).toBeNull();
  });
  it('a dispense filling a request in the record is counted once, through the request', () => {
    const s = summary([
      oxy({ id: 'a' }),
      medicationDispense({ id: 'd', rxcui: '1049621', handedOver: TODAY, quantity: 120, daysSupply: 30, requestId: 'a' }),
    ]);
    expect(s.mmePerDay).toBe(30);
  });
  it('a dispense alone counts over its days supply (quantity ÷ days × strength × factor)', () => {
    const d = medicationDispense({ id: 'd', rxcui: '1049621', handedOver: daysBefore(29), quantity: 120, daysSupply: 30 });
    expect(summary([d]).mmePerDay).toBe(30);
    expect(summary([{ ...d, whenHandedOver: daysBefore(30) }]).mmePerDay).toBeNull();
  });
});

describe('timeline over the look-back window', () => {
  it('has one point a day, summing overlapping prescriptions', () => {
    const s = summary([
      medicationDispense({ id: 'd1', rxcui: '1049621', handedOver: daysBefore(40), quantity: 120, daysSupply: 30 }),
      medicationDispense({ id: 'd2', rxcui: '1049621', handedOver: daysBefore(15), quantity: 240, daysSupply: 30 }),
    ]);
    expect(s.timeline).toHaveLength(90);
    expect(s.timeline.at(-1)).toEqual({ date: TODAY, mmePerDay: 60, complete: true });
    expect(s.timeline.find((p) => p.date === daysBefore(40))?.mmePerDay).toBe(30);
    expect(s.timeline.find((p) => p.date === daysBefore(41))?.mmePerDay).toBeNull();
    expect(s.timeline.find((p) => p.date === daysBefore(11))?.mmePerDay).toBe(90);
    expect(s.timeline.find((p) => p.date === daysBefore(10))?.mmePerDay).toBe(60);
  });
  it('marks days with a non-computable prescription as incomplete', () => {
    const s = one({ rxcui: '197873', dose: 1, unit: 'TAB', frequency: 2 });
    expect(s.timeline.at(-1)).toEqual({ date: TODAY, mmePerDay: 0, complete: false });
  });
});

describe("CDC's published MME test patients (opioid-mme-r4 MMECalculatorTests)", () => {
  // Reproduced from the test resources: the medication request(s) as published, counted on their authored day.
  it('mmecalc: morphine ER 20 mg daily by timeOfDay, coded among many RxNorm codes → 20', () => {
    const mr: MedicationRequest = {
      resourceType: 'MedicationRequest',
      id: 'morphineMedReqMMECalc',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/mmecalc' },
      medicationCodeableConcept: {
        coding: ['7052', '30236', '151999', '152164', '152356', '153664', '203240', '892596', '892598', '1745876'].map((code) => ({
          system: RXNORM,
          code,
        })),
        text: 'MORPHINE ER 20 MG CAPSULE,EXTENDED RELEASE PELLETS',
      },
      authoredOn: '2020-10-29',
      dosageInstruction: [
        {
          timing: { repeat: { boundsPeriod: { start: '2020-10-29' }, timeOfDay: ['10:00:00'] } },
          asNeededBoolean: false,
          doseAndRate: [{ doseQuantity: { value: 20, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
        },
      ],
      dispenseRequest: {
        validityPeriod: { start: '2020-10-29' },
        quantity: { value: 1, unit: 'capsule' },
        expectedSupplyDuration: { value: 1, unit: 'Day', system: 'http://unitsofmeasure.org', code: 'd' },
      },
    };
    expect(summary([mr], toDay('2020-10-29')!).mmePerDay).toBe(20);
  });
  const published = (id: string, rxcui: string, dosage: MedicationRequest['dosageInstruction']): MedicationRequest => ({
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${id}` },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category', code: 'community' }] }],
    medicationCodeableConcept: { coding: [{ system: RXNORM, code: rxcui }] },
    authoredOn: '2020-06-26',
    dosageInstruction: dosage,
    dispenseRequest: {
      validityPeriod: { start: '2020-06-25', end: '2020-12-25' },
      expectedSupplyDuration: { value: 45, unit: 'Day', system: 'http://unitsofmeasure.org', code: 'd' },
    },
  });
  const at = toDay('2020-06-26')!;
  it('patient-mme-greater-than-fifty: fentanyl 75 mcg/hr patch every 3 days → 180', () => {
    const mr = published('gt50', '197696', [
      {
        timing: { repeat: { frequency: 1, period: 3, periodUnit: 'd' } },
        asNeededBoolean: false,
        doseAndRate: [{ doseQuantity: { value: 1, unit: 'patch', system: 'http://unitsofmeasure.org', code: '{patch}' } }],
      },
    ]);
    expect(summary([mr], at).mmePerDay).toBe(180);
  });
  it('patient-mme-less-than-fifty: oxycodone ER 10 mg every 12 h → 30', () => {
    const mr = published('lt50', '1049593', [
      {
        timing: { repeat: { frequency: 1, period: 12, periodUnit: 'h' } },
        asNeededBoolean: false,
        doseAndRate: [{ doseQuantity: { value: 10, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
      },
    ]);
    expect(summary([mr], at).mmePerDay).toBe(30);
  });
  it('patient-mme-with-timeofday: oxycodone ER 10 mg at 10:00 and 22:00 → 30', () => {
    const mr = published('tod', '1049593', [
      {
        timing: { repeat: { boundsPeriod: { start: '2020-09-28' }, timeOfDay: ['10:00:00', '22:00:00'] } },
        asNeededBoolean: false,
        doseAndRate: [{ doseQuantity: { value: 10, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
      },
    ]);
    expect(summary([mr], at).mmePerDay).toBe(30);
  });
  it('patient-no-meds → null', () => {
    expect(summary([{ resourceType: 'Patient', id: 'patient-no-meds' }], at).mmePerDay).toBeNull();
  });
});

describe('orderMme', () => {
  it('reports each ingredient of a combination product', () => {
    const { facts } = parseSafetyRequest(k, bundle([medicationRequest({ rxcui: '637540', dose: 1, unit: 'TAB', frequency: 4 })]), asOf);
    const m = orderMme(k, facts.orders[0]!);
    expect(m.ingredients.map((i) => [i.ingredient, i.dailyDose, i.mmePerDay])).toEqual([
      ['oxycodone', 18, 27],
      ['oxycodone', 1.52, 2.3],
    ]);
    expect(m.mmePerDay).toBe(29.3);
  });
});
