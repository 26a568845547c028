import { describe, expect, it } from 'vitest';
import { codingsForDrugName, factsFromCareEvents, medicationList, type SafetyCareEvent } from './care-event-adapter.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { mmeSummary } from './mme.ts';
import { evaluateSafety } from './rules.ts';
import { toDay } from './safety-model.ts';

const k = drugKnowledge();
const asOf = toDay('2026-01-15')!;
let n = 0;
const ev = (type: string, date: string, data: Record<string, unknown>): SafetyCareEvent => ({
  id: `e${++n}`,
  type,
  occurredAt: new Date(`${date}T10:00:00Z`),
  data,
  sourceOrganizationName: 'Harbor General ED',
});
const mmeOf = (events: SafetyCareEvent[]) => mmeSummary(k, factsFromCareEvents(k, '1970-01-01', events, asOf).orders, asOf).mmePerDay;

describe('codingsForDrugName: a drug in words → an RxNorm drug with the same ingredient, strength and form', () => {
  it.each([
    ['Oxycodone HCl tablet', '10 MG', 'oxycodone', 10, 'MG', false],
    ['Morphine sulfate ER tablet', '30 MG', 'morphine', 30, 'MG', false],
    ['Fentanyl transdermal patch', '25 MCG/HR', 'fentanyl', 0.025, 'MG/HR', true],
    ['Hydromorphone 2 mg tablet', undefined, 'hydromorphone', 2, 'MG', false],
    ['Methadone oral solution', '10 MG/ML', 'methadone', 10, 'MG/ML', false],
  ])('%s %s', (name, strength, ingredient, value, unit, patch) => {
    const codings = codingsForDrugName(k, name, strength);
    expect(codings).toHaveLength(1);
    const drug = k.opioidDrugs.get(codings[0]!.code!)!;
    expect(drug.ingredients).toEqual([{ ingredient, strengthValue: value, strengthUnit: unit }]);
    expect(drug.patch).toBe(patch);
    expect(drug.parenteral).toBe(false);
  });

  it.each([
    ['Alprazolam tablet', '1 MG'],
    ['Oxycodone tablet', undefined],
    ['Oxycodone tablet', '7 MG'],
  ])('%s %s → nothing (then the MME is not computable, never zero)', (name, strength) => {
    expect(codingsForDrugName(k, name, strength)).toEqual([]);
  });
});

describe('factsFromCareEvents', () => {
  it.each([
    [
      'oxycodone 5 mg by RxNorm, 4 a day',
      [ev('opioid_dispense', '2026-01-10', { rxnormCode: '1049621', quantity: 120, daysSupply: 30 })],
      30,
    ],
    [
      'two equal dispensings sum',
      [
        ev('opioid_dispense', '2026-01-10', { rxnormCode: '1049621', quantity: 120, daysSupply: 30 }),
        ev('opioid_dispense', '2026-01-10', { rxnormCode: '1049621', quantity: 120, daysSupply: 30 }),
      ],
      60,
    ],
    [
      'by name and strength',
      [
        ev('opioid_dispense', '2026-01-10', {
          drugName: 'Hydrocodone bitartrate/acetaminophen tablet',
          strength: '10 MG',
          quantity: 120,
          daysSupply: 30,
        }),
      ],
      40,
    ],
    [
      'fentanyl 25 mcg/hr patches, 10 for 30 days (one worn at a time)',
      [ev('opioid_dispense', '2026-01-10', { rxnormCode: '245134', quantity: 10, daysSupply: 30 })],
      60,
    ],
    [
      'a supply that ended yesterday does not count',
      [ev('opioid_dispense', '2025-12-15', { rxnormCode: '1049621', quantity: 120, daysSupply: 31 })],
      null,
    ],
    [
      'a supply that ends today counts',
      [ev('opioid_dispense', '2025-12-15', { rxnormCode: '1049621', quantity: 128, daysSupply: 32 })],
      30,
    ],
    [
      'MOUD is not pain medication',
      [ev('moud_dispense', '2026-01-10', { medication: 'buprenorphine', formulation: 'sublingual', daysSupply: 7, quantity: 14 })],
      null,
    ],
    [
      'a dispensing dated after today is ignored',
      [ev('opioid_dispense', '2026-01-16', { rxnormCode: '1049621', quantity: 120, daysSupply: 30 })],
      null,
    ],
  ])('%s → %s MME/day', (_label, events, expected) => {
    expect(mmeOf(events)).toBe(expected);
  });

  it('classifies MOUD, benzodiazepines and naloxone kits for the rules', () => {
    const facts = factsFromCareEvents(
      k,
      '1970-01-01',
      [
        ev('opioid_dispense', '2026-01-10', { rxnormCode: '1049621', quantity: 360, daysSupply: 30 }),
        ev('medication_dispense', '2026-01-10', { drugName: 'Clonazepam', strength: '0.5 MG', quantity: 60, daysSupply: 30 }),
        ev('naloxone', '2026-01-11', { mode: 'administered' }),
      ],
      asOf,
    );
    const codes = evaluateSafety(k, facts, 'patient-view', []).rules.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['MME_AT_LEAST_90', 'OPIOID_WITH_BENZODIAZEPINE', 'OFFER_NALOXONE']));
    // Naloxone given during an overdose response is not a kit on hand; a kit given is.
    const withKit = factsFromCareEvents(
      k,
      '1970-01-01',
      [
        ev('opioid_dispense', '2026-01-10', { rxnormCode: '1049621', quantity: 360, daysSupply: 30 }),
        ev('naloxone', '2026-01-11', { mode: 'kit_given', kits: 1 }),
      ],
      asOf,
    );
    expect(evaluateSafety(k, withKit, 'patient-view', []).rules.map((r) => r.code)).not.toContain('OFFER_NALOXONE');
  });

  it.each([
    ['an 18th birthday today: included', '2008-01-15', true],
    ['the day before the 18th birthday: excluded', '2008-01-16', false],
  ])('%s', (_label, birthDate, included) => {
    const facts = factsFromCareEvents(
      k,
      birthDate,
      [ev('opioid_dispense', '2026-01-10', { rxnormCode: '1049621', quantity: 360, daysSupply: 30 })],
      asOf,
    );
    const result = evaluateSafety(k, facts, 'patient-view', []);
    expect(result.rules.map((r) => r.code).includes('MME_AT_LEAST_90')).toBe(included);
    expect(result.exclusions).toEqual(included ? [] : ['age under 18']);
  });

  it('two cancer diagnoses within a year are active cancer treatment; one is not', () => {
    const opioid = ev('opioid_dispense', '2026-01-10', { rxnormCode: '1049621', quantity: 360, daysSupply: 30 });
    const one = factsFromCareEvents(k, '1960-01-01', [opioid, ev('diagnosis', '2025-10-01', { code: 'C50.911' })], asOf);
    const two = factsFromCareEvents(
      k,
      '1960-01-01',
      [
        opioid,
        ev('diagnosis', '2025-10-01', { code: 'C50.911' }),
        ev('encounter', '2025-12-01', { setting: 'outpatient', diagnoses: ['C50.911'] }),
      ],
      asOf,
    );
    expect(evaluateSafety(k, one, 'patient-view', []).exclusions).toEqual([]);
    expect(evaluateSafety(k, two, 'patient-view', []).exclusions).toEqual(['active cancer treatment']);
  });

  it('an OUD diagnosis in remission does not ask to offer MOUD; an active one does', () => {
    const active = factsFromCareEvents(k, '1980-01-01', [ev('diagnosis', '2026-01-02', { code: 'F11.20' })], asOf);
    const remission = factsFromCareEvents(k, '1980-01-01', [ev('diagnosis', '2026-01-02', { code: 'F11.21', remission: 'early' })], asOf);
    expect(evaluateSafety(k, active, 'patient-view', []).rules.map((r) => r.code)).toEqual(['OFFER_MOUD']);
    expect(evaluateSafety(k, remission, 'patient-view', []).rules).toEqual([]);
  });
});

describe('medicationList', () => {
  it('names a drug given by RxNorm code only from the opioid table', () => {
    const [m] = medicationList(
      [ev('opioid_dispense', '2026-01-01', { rxnormCode: '1049621', quantity: 10, daysSupply: 5 })],
      toDay('2025-06-01')!,
      k,
    );
    expect(m!.drug).toBe(k.opioidDrugs.get('1049621')!.name);
    expect(m!.drug).toMatch(/oxycodone/i);
  });

  it('lists dispensings newest first from the given day, with drug labels', () => {
    const list = medicationList(
      [
        ev('opioid_dispense', '2025-01-01', { rxnormCode: '1049621', quantity: 10, daysSupply: 5 }),
        ev('opioid_dispense', '2026-01-01', {
          drugName: 'Oxycodone HCl tablet',
          strength: '10 MG',
          quantity: 90,
          daysSupply: 30,
          prescriber: 'Dr. Stone',
        }),
        ev('moud_administration', '2026-01-05', { medication: 'methadone', formulation: 'oral_liquid', daysSupply: 1 }),
        ev('diagnosis', '2026-01-06', { code: 'F11.20' }),
      ],
      toDay('2025-06-01')!,
    );
    expect(list.map((m) => [m.date, m.drug, m.prescriber])).toEqual([
      ['2026-01-05', 'methadone (oral liquid)', null],
      ['2026-01-01', 'Oxycodone HCl tablet 10 MG', 'Dr. Stone'],
    ]);
  });
});

describe('urine drug tests and MOUD recorded at the point of care', () => {
  // Three months of oxycodone: a long-term prescription, so Rec 10 applies on patient-view.
  const oxycodone = [0, 30, 60].map((back) =>
    ev('opioid_dispense', new Date(Date.UTC(2026, 0, 14 - back)).toISOString().slice(0, 10), {
      rxnormCode: '1049621',
      quantity: 60,
      daysSupply: 30,
    }),
  );
  const codes = (events: SafetyCareEvent[]) =>
    evaluateSafety(k, factsFromCareEvents(k, '1970-01-01', events, asOf), 'patient-view', []).rules.map((r) => r.code);

  it.each([
    ['no test recorded: the rule asks for one', [], true],
    ['a test 200 days ago: it stops asking', [ev('urine_drug_test', '2025-06-29', { results: { oxycodone: 'positive' } })], false],
    [
      'a test 367 days ago is outside the 12 months + 1 day',
      [ev('urine_drug_test', '2025-01-13', { results: { oxycodone: 'positive' } })],
      true,
    ],
    [
      'a test of xylazine alone has no LOINC screen code: it still asks',
      [ev('urine_drug_test', '2025-12-01', { results: { xylazine: 'negative' } })],
      true,
    ],
  ] as const)('%s', (_label, tests, due) => {
    expect(codes([...oxycodone, ...tests]).includes('URINE_DRUG_TEST_DUE')).toBe(due);
  });

  it.each([
    ['oxycodone positive while prescribed: expected', { oxycodone: 'positive' }, false],
    ['oxycodone negative while prescribed: unexpected', { oxycodone: 'negative' }, true],
    ['fentanyl positive with no fentanyl prescription: unexpected', { oxycodone: 'positive', fentanyl: 'positive' }, true],
    ['cocaine negative: expected', { oxycodone: 'positive', cocaine: 'negative' }, false],
  ] as const)('%s', (_label, results, unexpected) => {
    const test = ev('urine_drug_test', '2026-01-14', { results });
    expect(codes([...oxycodone, test]).includes('UNEXPECTED_URINE_DRUG_TEST')).toBe(unexpected);
  });

  it('a MOUD start recorded at the point of care counts as treatment for OUD (Rec 12 stops asking)', () => {
    const oud = ev('diagnosis', '2026-01-05', { code: 'F11.20' });
    expect(codes([oud])).toContain('OFFER_MOUD');
    expect(
      codes([oud, ev('moud_start', '2026-01-06', { medication: 'buprenorphine', formulation: 'sublingual', doseMg: 16 })]),
    ).not.toContain('OFFER_MOUD');
  });
});
