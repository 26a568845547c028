import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { drugKnowledge } from './drug-knowledge.ts';
import { parseSafetyRequest, type Hook } from './fhir-adapter.ts';
import {
  bundle,
  condition,
  daysBefore,
  medicationDispense,
  medicationRequest,
  observation,
  patient,
  procedure,
  TODAY,
  type RxOptions,
} from './fhir-fixtures.ts';
import { defaultSafetyOptions, type RuleCode } from './rule-definitions.ts';
import { evaluateSafety } from './rules.ts';
import { toDay } from './safety-model.ts';

const k = drugKnowledge();
const asOf = toDay(TODAY)!;
const SCT = 'http://snomed.info/sct';

/** Runs a CDS Hooks request: `drafts` in context.draftOrders, `record` in prefetch. */
function run(drafts: Resource[], record: Resource[], hook: Hook = 'order-sign', options = defaultSafetyOptions) {
  const request = {
    hook,
    hookInstance: 'x',
    context: { userId: 'Practitioner/1', patientId: 'p1', ...(hook === 'patient-view' ? {} : { draftOrders: bundle(drafts) }) },
    prefetch: { patient: patient(), record: bundle(record) },
  };
  const parsed = parseSafetyRequest(k, request, asOf);
  return evaluateSafety(k, parsed.facts, parsed.hook, parsed.triggerOrderIds, options);
}
const codes = (r: ReturnType<typeof run>) => r.rules.map((x) => x.code).sort();
const draft = (o: Partial<RxOptions>) =>
  medicationRequest({ id: 'draft', rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 4, supplyDays: 30, status: 'draft', ...o });
/** Hydrocodone/APAP 5 mg tablets: `mme` mg of hydrocodone a day is `mme` MME/day. */
const hydrocodone = (mme: number, o: Partial<RxOptions> = {}) =>
  medicationRequest({ id: 'draft', rxcui: '857002', dose: mme, unit: 'mg', frequency: 1, supplyDays: 30, status: 'draft', ...o });
const priorOpioid = (daysAgo: number) =>
  medicationRequest({
    id: 'prior',
    rxcui: '1049621',
    dose: 1,
    unit: 'TAB',
    frequency: 1,
    supplyDays: 5,
    status: 'completed',
    authoredOn: daysBefore(daysAgo),
  });

describe('MME thresholds (Recs 4–5): 49.9/50 and 89.9/90', () => {
  it.each([
    [49.9, []],
    [50, ['MME_AT_LEAST_50']],
    [89.9, ['MME_AT_LEAST_50']],
    [90, ['MME_AT_LEAST_90']],
  ] as [number, RuleCode[]][])('%s MME/day → %j', (mme, expected) => {
    const r = run([hydrocodone(mme)], [priorOpioid(10)]);
    expect(r.rules.filter((x) => x.code.startsWith('MME_AT')).map((x) => x.code)).toEqual(expected);
    if (expected.length) expect(r.rules.find((x) => x.code === expected[0])?.mmePerDay).toBe(mme);
  });
  it('two equal prescriptions of 25 MME/day sum to 50 and fire', () => {
    const r = run(
      [hydrocodone(25)],
      [
        priorOpioid(10),
        medicationRequest({ id: 'active', rxcui: '857002', dose: 25, unit: 'mg', frequency: 1, supplyDays: 30, authoredOn: daysBefore(5) }),
      ],
    );
    expect(r.mme.mmePerDay).toBe(50);
    expect(codes(r)).toContain('MME_AT_LEAST_50');
  });
  it('an acute order does not fire the dose rule at order-sign (CDC: subacute/chronic orders only)', () => {
    expect(codes(run([hydrocodone(60, { supplyDays: 5 })], [priorOpioid(10)]))).not.toContain('MME_AT_LEAST_50');
  });
});

describe('acute vs subacute/chronic: 27/28 days, and Rec 6 at 7/8 days', () => {
  it.each([
    [7, ['NONOPIOID_FIRST_ACUTE']],
    [8, ['NONOPIOID_FIRST_ACUTE', 'ACUTE_SUPPLY_OVER_7_DAYS']],
    [27, ['NONOPIOID_FIRST_ACUTE', 'ACUTE_SUPPLY_OVER_7_DAYS']],
    [28, ['TREATMENT_PLAN_CHRONIC']],
  ] as [number, RuleCode[]][])('%s days supply, opioid naive → %j (plus the chronic-only reviews at 28)', (days, expected) => {
    const fired = codes(run([draft({ supplyDays: days })], []));
    for (const c of expected) expect(fired).toContain(c);
    expect(fired.includes('NONOPIOID_FIRST_ACUTE')).toBe(days < 28);
    expect(fired.includes('TREATMENT_PLAN_CHRONIC')).toBe(days >= 28);
    expect(fired.includes('REVIEW_PDMP')).toBe(days >= 28);
    expect(fired.includes('ACUTE_SUPPLY_OVER_7_DAYS')).toBe(days > 7 && days < 28);
  });
});

describe('opioid naive: 90/91 days', () => {
  it.each([
    [90, false],
    [91, true],
    [0, true],
  ])('a prior opioid authored %s days ago → naive %s', (daysAgo, naive) => {
    const fired = codes(run([draft({ supplyDays: 5 })], [priorOpioid(daysAgo)]));
    expect(fired.includes('NONOPIOID_FIRST_ACUTE')).toBe(naive);
  });
});

describe('Rec 2 treatment plan, Rec 3 extended release, Rec 9 PDMP review at 90/91 days', () => {
  it('a pain treatment plan in the last 90 days silences Rec 2', () => {
    const plan = {
      resourceType: 'CarePlan',
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/p1' },
      created: daysBefore(30),
      category: [{ coding: [{ system: 'http://loinc.org', code: '80764-4' }] }],
    } as Resource;
    expect(codes(run([draft({})], [plan]))).not.toContain('TREATMENT_PLAN_CHRONIC');
  });
  it('an extended-release opioid for an opioid-naive person fires Rec 3', () => {
    expect(codes(run([draft({ rxcui: '1049593', dose: 10, unit: 'mg', frequency: 2 })], []))).toContain('IMMEDIATE_RELEASE_WHEN_STARTING');
    expect(codes(run([draft({})], []))).not.toContain('IMMEDIATE_RELEASE_WHEN_STARTING');
  });
  it.each([
    [90, false],
    [91, true],
  ])('a PDMP review %s days ago → REVIEW_PDMP fires %s', (daysAgo, fires) => {
    const review = procedure({ system: SCT, code: '461621000124108', performed: daysBefore(daysAgo) });
    expect(codes(run([draft({})], [review])).includes('REVIEW_PDMP')).toBe(fires);
  });
});

describe('inclusion criteria and exclusions', () => {
  const eighteenToday = `${Number(TODAY.slice(0, 4)) - 18}${TODAY.slice(4)}`;
  it.each([
    ['18th birthday today', eighteenToday, true],
    ['18th birthday tomorrow', `${Number(TODAY.slice(0, 4)) - 18}-01-16`, false],
  ])('%s → rules apply %s', (_n, birthDate, applies) => {
    const request = {
      hook: 'order-sign',
      context: { patientId: 'p1', draftOrders: bundle([draft({})]) },
      prefetch: { patient: patient(birthDate) },
    };
    const parsed = parseSafetyRequest(k, request, asOf);
    const r = evaluateSafety(k, parsed.facts, parsed.hook, parsed.triggerOrderIds);
    expect(r.rules.some((x) => x.code === 'TREATMENT_PLAN_CHRONIC')).toBe(applies);
    expect(r.exclusions.includes('age under 18')).toBe(!applies);
  });
  it.each([
    ['sickle cell disease (any status)', [condition({ system: 'icd10', code: 'D57.0', status: 'resolved' })], 'sickle cell disease'],
    ['an active problem-list cancer', [condition({ system: 'icd10', code: 'C50.011', status: 'active' })], 'active cancer treatment'],
    [
      'two encounters in 12 months with a cancer diagnosis',
      [
        condition({ id: 'ca', system: 'icd10', code: 'C50.011', status: 'inactive', category: 'encounter-diagnosis' }),
        {
          resourceType: 'Encounter',
          id: 'e1',
          status: 'finished',
          class: { code: 'AMB' },
          period: { start: daysBefore(100) },
          diagnosis: [{ condition: { reference: 'Condition/ca' } }],
        },
        {
          resourceType: 'Encounter',
          id: 'e2',
          status: 'finished',
          class: { code: 'AMB' },
          period: { start: daysBefore(10) },
          diagnosis: [{ condition: { reference: 'Condition/ca' } }],
        },
      ],
      'active cancer treatment',
    ],
    ['a condition likely terminal', [condition({ system: 'icd10', code: 'C25.0' })], 'condition likely terminal'],
  ] as [string, Resource[], string][])('%s excludes the guideline rules', (_n, record, reason) => {
    const r = run([hydrocodone(95)], [priorOpioid(10), ...record]);
    expect(r.exclusions).toContain(reason);
    expect(codes(r).filter((c) => c !== 'MME_NOT_COMPUTABLE' && c !== 'MULTIPLE_PRESCRIBERS_AND_PHARMACIES')).toEqual([]);
  });
  it('one cancer encounter is not active cancer treatment', () => {
    const r = run(
      [hydrocodone(95)],
      [
        priorOpioid(10),
        condition({ id: 'ca', system: 'icd10', code: 'C50.011', status: 'inactive', category: 'encounter-diagnosis' }),
        {
          resourceType: 'Encounter',
          id: 'e1',
          status: 'finished',
          class: { code: 'AMB' },
          period: { start: daysBefore(10) },
          diagnosis: [{ condition: { reference: 'Condition/ca' } }],
        } as Resource,
      ],
    );
    expect(codes(r)).toContain('MME_AT_LEAST_90');
  });
  it.each([
    ['an active limited-life-expectancy condition', [condition({ system: 'snomed', code: '300936002', status: 'active' })]],
    [
      'a hospice discharge in the last year',
      [
        {
          resourceType: 'Encounter',
          id: 'h',
          status: 'finished',
          class: { code: 'IMP' },
          period: { start: daysBefore(200) },
          hospitalization: { dischargeDisposition: { coding: [{ system: SCT, code: '385763009' }] } },
        },
      ],
    ],
  ] as [string, Resource[]][])('end of life (%s) silences the dose, naloxone and benzodiazepine rules but not Rec 9', (_n, record) => {
    const r = run([hydrocodone(95)], [priorOpioid(10), ...record]);
    expect(r.exclusions).toEqual(['end of life']);
    expect(codes(r)).not.toContain('MME_AT_LEAST_90');
    expect(codes(r)).not.toContain('OFFER_NALOXONE');
    expect(codes(r)).toContain('REVIEW_PDMP');
  });
});

describe('MOUD is not pain medication', () => {
  it('signing sublingual buprenorphine/naloxone fires no analgesic rule', () => {
    const r = run(
      [draft({ rxcui: '1010600', dose: 16, unit: 'mg', frequency: 1 })],
      [condition({ system: 'icd10', code: 'F11.20', status: 'active', recorded: daysBefore(5) })],
    );
    expect(codes(r)).toEqual([]);
    expect(r.mme.mmePerDay).toBeNull();
  });
  it('methadone from an opioid treatment program with a benzodiazepine fires no analgesic rule', () => {
    const r = run(
      [],
      [
        medicationRequest({
          id: 'm',
          rxcui: '864706',
          dose: 90,
          unit: 'mg',
          frequency: 1,
          reasonIcd10: 'F11.20',
          authoredOn: daysBefore(20),
        }),
        medicationRequest({ id: 'b', rxcui: '197321', dose: 1, unit: 'TAB', frequency: 2, authoredOn: daysBefore(20) }),
      ],
      'patient-view',
    );
    expect(codes(r)).toEqual([]);
  });
  it('Rec 12: OUD recorded in the last 90 days and no MOUD → OFFER_MOUD; with MOUD on record, nothing', () => {
    const oud = condition({ system: 'icd10', code: 'F11.20', status: 'active', recorded: daysBefore(10) });
    expect(codes(run([], [oud], 'patient-view'))).toEqual(['OFFER_MOUD']);
    expect(
      codes(
        run(
          [],
          [oud, medicationRequest({ rxcui: '1010600', dose: 1, unit: 'film', frequency: 1, authoredOn: daysBefore(5) })],
          'patient-view',
        ),
      ),
    ).toEqual([]);
    expect(
      codes(run([], [condition({ system: 'icd10', code: 'F11.20', status: 'active', recorded: daysBefore(91) })], 'patient-view')),
    ).toEqual([]);
  });
});

describe('Rec 8 naloxone: a risk factor and no naloxone', () => {
  const naloxone = medicationRequest({ id: 'nal', rxcui: '1725064', dose: 1, unit: 'spray', frequency: 1, authoredOn: daysBefore(30) });
  it.each([
    ['50 MME/day', [], 50, true],
    ['49.9 MME/day, no other risk', [], 49.9, false],
    [
      'a benzodiazepine',
      [medicationRequest({ id: 'b', rxcui: '197321', dose: 1, unit: 'TAB', frequency: 1, authoredOn: daysBefore(20) })],
      20,
      true,
    ],
    ['a history of overdose', [condition({ system: 'icd10', code: 'T40.2X1A', status: 'resolved' })], 20, true],
    ['a history of substance use disorder', [condition({ system: 'icd10', code: 'F10.20', status: 'active' })], 20, true],
    ['50 MME/day with naloxone on record', [naloxone], 50, false],
  ] as [string, Resource[], number, boolean][])('%s → %s', (_n, record, mme, fires) => {
    expect(codes(run([hydrocodone(mme)], [priorOpioid(10), ...record])).includes('OFFER_NALOXONE')).toBe(fires);
  });
});

describe('Rec 11: opioid with a benzodiazepine or other CNS depressant', () => {
  const benzo = (o: Partial<RxOptions> = {}) =>
    medicationRequest({ id: 'b', rxcui: '197321', dose: 1, unit: 'TAB', frequency: 1, authoredOn: daysBefore(20), ...o });
  const oxy = medicationRequest({ id: 'o', rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 2, authoredOn: daysBefore(20) });
  it('selecting an opioid with an active benzodiazepine', () => {
    expect(codes(run([draft({})], [benzo()], 'order-select'))).toContain('OPIOID_WITH_BENZODIAZEPINE');
  });
  it('selecting a benzodiazepine with an active opioid', () => {
    expect(codes(run([benzo({ id: 'draft', status: 'draft' })], [oxy], 'order-select'))).toContain('OPIOID_WITH_BENZODIAZEPINE');
  });
  it('another CNS depressant (zolpidem)', () => {
    expect(codes(run([draft({})], [benzo({ rxcui: '836645' })], 'order-select'))).toContain('OPIOID_WITH_BENZODIAZEPINE');
  });
  it('a stopped benzodiazepine does not count', () => {
    expect(codes(run([draft({})], [benzo({ status: 'stopped' })], 'order-select'))).not.toContain('OPIOID_WITH_BENZODIAZEPINE');
  });
  it('patient-view: both active', () => {
    expect(codes(run([], [oxy, benzo()], 'patient-view'))).toContain('OPIOID_WITH_BENZODIAZEPINE');
  });
});

describe('Rec 7 evaluate benefits and harms; Rec 10 urine drug testing', () => {
  const coverage = [0, 30, 60].map((d, i) =>
    medicationDispense({ id: `f${i}`, rxcui: '1049621', handedOver: daysBefore(d + 29), quantity: 60, daysSupply: 30 }),
  );
  it('three months of opioids and no misuse assessment in 91 days → EVALUATE_BENEFITS_HARMS', () => {
    expect(codes(run([draft({})], coverage))).toContain('EVALUATE_BENEFITS_HARMS');
    const assessed = procedure({ system: SCT, code: '454281000124100', performed: daysBefore(30) });
    expect(codes(run([draft({})], [...coverage, assessed]))).not.toContain('EVALUATE_BENEFITS_HARMS');
  });
  it('no urine drug test in 12 months → URINE_DRUG_TEST_DUE; a test 200 days ago silences it', () => {
    expect(codes(run([draft({})], coverage))).toContain('URINE_DRUG_TEST_DUE');
    expect(
      codes(run([draft({})], [...coverage, observation({ loinc: '3394-4', effective: daysBefore(200), result: 'NEG' })])),
    ).not.toContain('URINE_DRUG_TEST_DUE');
  });
  it.each([
    ['cocaine positive', observation({ loinc: '3394-4', effective: daysBefore(5), result: 'POS' }), true],
    ['cocaine negative', observation({ loinc: '3394-4', effective: daysBefore(5), result: 'NEG' }), false],
    [
      'oxycodone negative while prescribed in the 31 days before',
      observation({ loinc: '51954-6', effective: daysBefore(20), result: 'NEG' }),
      true,
    ],
    ['oxycodone positive while prescribed', observation({ loinc: '51954-6', effective: daysBefore(20), result: 'POS' }), false],
  ] as [string, Resource, boolean][])('%s → unexpected %s', (_n, obs, fires) => {
    const rx = medicationRequest({
      id: 'o',
      rxcui: '1049621',
      dose: 1,
      unit: 'TAB',
      frequency: 2,
      supplyDays: 30,
      authoredOn: daysBefore(30),
    });
    expect(codes(run([draft({})], [rx, obs])).includes('UNEXPECTED_URINE_DRUG_TEST')).toBe(fires);
  });
});

describe('multiple prescribers and pharmacies (5 × 5 × 90 by default; configurable)', () => {
  function fills(n: number, spacing: number) {
    return Array.from({ length: n }, (_, i) => [
      medicationRequest({
        id: `r${i}`,
        rxcui: '1049621',
        dose: 1,
        unit: 'TAB',
        frequency: 2,
        supplyDays: 7,
        status: 'completed',
        authoredOn: daysBefore(i * spacing),
        requester: `Practitioner/${i}`,
      }),
      medicationDispense({
        id: `d${i}`,
        rxcui: '1049621',
        handedOver: daysBefore(i * spacing),
        quantity: 14,
        daysSupply: 7,
        pharmacy: `Organization/ph${i}`,
        requestId: `r${i}`,
      }),
    ]).flat();
  }
  it.each([
    [5, 20, true],
    [4, 20, false],
    [5, 25, false], // the fifth fill is 100 days back
  ])('%s fills %s days apart → %s', (n, spacing, fires) => {
    expect(codes(run([], fills(n, spacing), 'patient-view')).includes('MULTIPLE_PRESCRIBERS_AND_PHARMACIES')).toBe(fires);
  });
  it('thresholds are options', () => {
    expect(codes(run([], fills(4, 20), 'patient-view', { ...defaultSafetyOptions, minPrescribers: 4, minPharmacies: 4 }))).toContain(
      'MULTIPLE_PRESCRIBERS_AND_PHARMACIES',
    );
  });
});

describe('MME_NOT_COMPUTABLE', () => {
  it('names the drug and the computable part', () => {
    const r = run([draft({ rxcui: '197873', dose: 1, unit: 'TAB', frequency: 2 })], [priorOpioid(10)]);
    const rule = r.rules.find((x) => x.code === 'MME_NOT_COMPUTABLE');
    expect(rule?.explanation).toContain('levorphanol tartrate 2 MG Oral Tablet (no conversion factor)');
    expect(rule?.mmePerDay).toBeNull();
  });
  it('frequency unknown is named too', () => {
    const r = run([draft({ noTiming: true })], [priorOpioid(10)]);
    expect(r.rules.find((x) => x.code === 'MME_NOT_COMPUTABLE')?.explanation).toContain('(frequency unknown)');
  });
});

describe('every rule carries a citation and an explanation', () => {
  it('for a high-risk record', () => {
    const r = run(
      [hydrocodone(120)],
      [priorOpioid(10), medicationRequest({ id: 'b', rxcui: '197321', dose: 1, unit: 'TAB', frequency: 1, authoredOn: daysBefore(20) })],
    );
    expect(r.rules.length).toBeGreaterThan(3);
    for (const rule of r.rules) {
      expect(rule.citation).toMatch(/CDC|PDMP/);
      expect(rule.explanation.length).toBeGreaterThan(30);
    }
  });
});
