import { describe, expect, it } from 'vitest';
import { drugKnowledge, inValueSet } from './drug-knowledge.ts';
import { parseSafetyRequest } from './fhir-adapter.ts';
import { bundle, condition, daysBefore, medicationRequest, observation, patient, TODAY } from './fhir-fixtures.ts';
import { evaluateSafety } from './rules.ts';
import { toDay } from './safety-model.ts';
import type { Resource } from '@medplum/fhirtypes';

/* The shipped value sets: concepts retired from later expansions still match old records; the sickle-cell set as decided clinically. */

const k = drugKnowledge();
const asOf = toDay(TODAY)!;
const SCT = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10-cm';

function patientView(record: Resource[]) {
  const parsed = parseSafetyRequest(
    k,
    { hook: 'patient-view', hookInstance: 'x', context: { patientId: 'p1' }, prefetch: { patient: patient(), record: bundle(record) } },
    asOf,
  );
  return evaluateSafety(k, parsed.facts, parsed.hook, parsed.triggerOrderIds);
}

describe('retired concepts of earlier CDC expansions (inactive) still match', () => {
  it.each([
    ['724653003', 'Opioid dependence with current use'],
    ['191865004', 'Combined opioid with other drug dependence'],
    ['191867007', 'Combined opioid with other drug dependence, continuous'],
    ['230443000', 'Narcotic withdrawal epilepsy'],
  ])('SNOMED CT %s (%s) is an opioid use disorder: OFFER_MOUD fires', (code) => {
    expect(inValueSet(k, 'opioid-misuse-disorders', [{ system: SCT, code }])).toBe(true);
    const oud = condition({ system: 'snomed', code, status: 'active', recorded: daysBefore(30) });
    expect(patientView([oud]).rules.map((r) => r.code)).toContain('OFFER_MOUD');
  });
  it('the retired opioid-use-disorder concepts are substance misuse too (a Rec 8 risk factor)', () => {
    expect(inValueSet(k, 'conditions-documenting-substance-misuse', [{ system: SCT, code: '724653003' }])).toBe(true);
  });
  it.each(['5935-2', '5939-4', '19361-5', '5937-8'])(
    'deprecated LOINC %s (cocaine in urine) is a cocaine screen: a positive is unexpected',
    (code) => {
      expect(inValueSet(k, 'cocaine-urine-drug-screening-tests', [{ system: LOINC, code }])).toBe(true);
      const oxy = medicationRequest({
        id: 'o',
        rxcui: '1049621',
        dose: 1,
        unit: 'TAB',
        frequency: 2,
        supplyDays: 30,
        authoredOn: daysBefore(40),
      });
      const screen = observation({ loinc: code, effective: daysBefore(10), result: 'POS' });
      expect(patientView([oxy, screen]).rules.map((r) => r.code)).toContain('UNEXPECTED_URINE_DRUG_TEST');
    },
  );
  it('concepts moved to another value set on purpose are not merged back (6-acetylmorphine is heroin, not a prescribed opiate)', () => {
    expect(inValueSet(k, 'opiate-specific-urine-drug-screening-tests', [{ system: LOINC, code: '21050-0' }])).toBe(false);
    expect(inValueSet(k, 'heroin-urine-drug-screening-tests', [{ system: LOINC, code: '21050-0' }])).toBe(true);
  });
});

describe('sickle-cell exclusion: disease excludes, trait does not (deviation from CDC)', () => {
  const oxy = medicationRequest({
    id: 'o',
    rxcui: '1049621',
    dose: 1,
    unit: 'TAB',
    frequency: 2,
    supplyDays: 30,
    authoredOn: daysBefore(10),
  });
  it.each([
    ['D57.1', 'sickle-cell disease without crisis', true],
    ['D57.00', 'Hb-SS disease with crisis', true],
    ['D57.3', 'sickle-cell trait (a carrier state, not a disease)', false],
  ])('ICD-10-CM %s (%s) → excluded %s', (code, _label, excluded) => {
    expect(inValueSet(k, 'sickle-cell-diseases', [{ system: ICD10, code }])).toBe(excluded);
    const exclusions = patientView([oxy, condition({ system: 'icd10', code, status: 'active' })]).exclusions;
    expect(exclusions.includes('sickle cell disease')).toBe(excluded);
  });
  it('SNOMED CT 416290001 (sickle cell disease without crisis), which CDC’s definition excludes, is included', () => {
    expect(inValueSet(k, 'sickle-cell-diseases', [{ system: SCT, code: '416290001' }])).toBe(true);
  });
});
