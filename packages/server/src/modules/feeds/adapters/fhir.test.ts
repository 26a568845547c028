import type { Bundle, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { FeedMessageError } from '../adapter.ts';
import { fhirDispense, fhirEdEncounter, fhirOudCondition, fhirPatient, fhirUrineDrugTest, ndjson } from './fhir-example.ts';
import { FhirResourceError } from './fhir-resources.ts';
import { planFhir, splitFhir } from './fhir.ts';

const plan = (r: Resource) => planFhir(JSON.stringify(r));
const refusal = (r: Resource | string) => {
  try {
    planFhir(typeof r === 'string' ? r : JSON.stringify(r));
  } catch (error) {
    if (error instanceof FeedMessageError)
      return { code: error.code, reason: error.reason, field: error instanceof FhirResourceError ? error.field : null };
    throw error;
  }
  return null;
};

describe('splitFhir', () => {
  it('takes NDJSON one line a message; a line carries the Patient it refers to from the same file, as a collection Bundle', () => {
    const messages = splitFhir(
      ndjson([fhirPatient(), fhirEdEncounter(), fhirUrineDrugTest({ subject: { reference: 'Patient/elsewhere' } })]),
    );
    expect(messages).toHaveLength(3);
    expect(JSON.parse(messages[0]!)).toEqual(fhirPatient());
    const encounter = JSON.parse(messages[1]!) as Bundle;
    expect(encounter).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(encounter.entry!.map((e) => [e.fullUrl, e.resource!.resourceType])).toEqual([
      [undefined, 'Encounter'],
      ['Patient/pt-1', 'Patient'],
    ]);
    // Its Patient is not in the file: the line as it is.
    expect(JSON.parse(messages[2]!)).toMatchObject({ resourceType: 'Observation' });
  });

  it("carries an Encounter's diagnosis Conditions from the same file", () => {
    const enc = fhirEdEncounter({ reasonCode: [], diagnosis: [{ condition: { reference: 'Condition/cond-od' } }] });
    const od = fhirOudCondition({ id: 'cond-od', code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'T40.1X1A' }] } });
    const [, message] = splitFhir(ndjson([od, enc]));
    expect((JSON.parse(message!) as Bundle).entry!.map((e) => e.resource!.resourceType)).toEqual(['Encounter', 'Condition']);
  });

  it('keeps an unreadable line as it is (it is rejected alone); a Bundle or one resource is one message', () => {
    expect(splitFhir(`${JSON.stringify(fhirPatient())}\nnot json\n`)).toEqual([JSON.stringify(fhirPatient()), 'not json']);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: fhirPatient() }, { resource: fhirEdEncounter() }],
    };
    expect(splitFhir(JSON.stringify(bundle, null, 2))).toEqual([JSON.stringify(bundle)]);
    expect(splitFhir(JSON.stringify(fhirOudCondition(), null, 2))).toHaveLength(1);
  });

  it.each([
    ['an empty file', '  \n'],
    ['a JSON document that is not a resource', '{"hello": 1}'],
    ['broken JSON', '{"resourceType": "Bundle",'],
  ])('refuses %s as a whole', (_label, content) => {
    expect(() => splitFhir(content)).toThrow(FeedMessageError);
  });
});

describe('planFhir: what each resource writes', () => {
  it('an ED Encounter with an opioid overdose diagnosis: the encounter and overdose an HL7 ADT writes', () => {
    const p = planFhir(splitFhir(ndjson([fhirPatient(), fhirEdEncounter()]))[1]!);
    expect(p.messageType).toBe('Encounter');
    expect(p.items).toHaveLength(1);
    const item = p.items[0]!;
    expect(item.register).toBe('always');
    expect(item.person).toMatchObject({
      identifiers: [
        { kind: 'other', value: 'Patient/pt-1' },
        { kind: 'mrn', value: 'HGH-100' },
      ],
      givenName: 'Avery',
      familyName: 'Ashdown',
      birthDate: '1990-01-02',
      sex: 'female',
      phone: '5551234567',
      address: { line1: '12 Harbor St', city: 'Harbor', postalCode: '97101' },
    });
    expect(item.events).toEqual([
      {
        type: 'encounter',
        occurredAt: '2026-11-20T08:30:00Z',
        data: { setting: 'emergency_department', principalDiagnosis: 'T40.411A', diagnoses: ['T40.411A'] },
        externalId: 'fhir:Encounter/enc-1',
        detail: 'Chief complaint: Unresponsive, suspected opioid overdose',
      },
    ]);
    expect(item.overdose).toMatchObject({
      occurredAt: '2026-11-20T08:30:00Z',
      fatal: false,
      suspectedSubstances: ['fentanyl'],
      disposition: 'transported',
      externalId: 'fhir:Encounter/enc-1:overdose',
      postalCode: '97101',
    });
  });

  it.each([
    ['EMER', 'emergency_department'],
    ['IMP', 'inpatient'],
    ['AMB', 'outpatient'],
    ['OBSENC', 'observation'],
    ['VR', 'telehealth'],
  ])('Encounter.class %s is the %s setting', (code, setting) => {
    const e = fhirEdEncounter({
      class: { code },
      reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F1120' }] }],
    });
    expect(plan(e).items[0]!.events[0]!.data).toEqual({ setting, principalDiagnosis: 'F11.20', diagnoses: ['F11.20'] });
    expect(plan(e).items[0]!.overdose).toBeUndefined();
  });

  it('an overdose with the discharge disposition expired is fatal; diagnoses may come from contained Conditions', () => {
    const e = fhirEdEncounter({
      reasonCode: [],
      contained: [fhirOudCondition({ id: 'dx', code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'T40.1X1A' }] } })],
      diagnosis: [{ condition: { reference: '#dx' } }],
      hospitalization: { dischargeDisposition: { coding: [{ code: 'exp' }] } },
    });
    expect(plan(e).items[0]!.overdose).toMatchObject({ fatal: true, disposition: 'deceased', suspectedSubstances: ['heroin'] });
  });

  it.each<[string, Resource]>([
    [
      'an Encounter without an overdose or OUD diagnosis',
      fhirEdEncounter({ reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'S93.401A' }] }] }),
    ],
    ['an Encounter entered in error', fhirEdEncounter({ status: 'entered-in-error' })],
    [
      'a Condition that is not OUD',
      fhirOudCondition({ code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J45.909' }] } }),
    ],
    [
      'a Condition with no ICD-10-CM coding',
      fhirOudCondition({ code: { coding: [{ system: 'http://snomed.info/sct', code: '75544000' }] } }),
    ],
    ['a refuted OUD Condition', fhirOudCondition({ verificationStatus: { coding: [{ code: 'refuted' }] } })],
    ['a dispense not completed', fhirDispense({ status: 'cancelled' })],
    ['a dispense of a drug outside the safety tables', fhirDispense({ medicationCodeableConcept: { text: 'amoxicillin 500 mg capsule' } })],
    [
      'an Observation that is not a urine drug screen',
      fhirUrineDrugTest({ code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] } }),
    ],
    ['a preliminary urine drug screen', fhirUrineDrugTest({ status: 'preliminary' })],
    ['a Patient alone', fhirPatient()],
  ])('%s is nothing for the network', (_label, r) => {
    expect(plan(r).items).toEqual([]);
  });

  it('a Condition with an OUD diagnosis is a diagnosis care event (remission read from the clinical status)', () => {
    expect(plan(fhirOudCondition()).items[0]).toMatchObject({
      register: 'always',
      person: { identifiers: [{ kind: 'other', value: 'Patient/pt-1' }], familyName: '' },
      events: [{ type: 'diagnosis', occurredAt: '2026-11-20T09:00:00Z', data: { code: 'F11.20' }, externalId: 'fhir:Condition/cond-1' }],
    });
    const remission = fhirOudCondition({ clinicalStatus: { coding: [{ code: 'remission' }] }, recordedDate: '2026-11-01' });
    expect(plan(remission).items[0]!.events[0]).toMatchObject({
      occurredAt: '2026-11-01T00:00:00Z',
      data: { code: 'F11.20', remission: 'early' },
    });
  });

  it.each<[string, string, Resource, Record<string, unknown>]>([
    [
      'an opioid',
      'opioid_dispense',
      fhirDispense(),
      { rxnormCode: '1049621', quantity: 120, daysSupply: 30, prescriber: 'RX-1', pharmacy: 'PH-1' },
    ],
    [
      'buprenorphine (MOUD)',
      'moud_dispense',
      fhirDispense({
        medicationCodeableConcept: { text: 'buprenorphine naloxone sublingual film 8 mg' },
        quantity: { value: 14 },
        daysSupply: { value: 7 },
      }),
      { medication: 'buprenorphine', daysSupply: 7 },
    ],
    [
      'a benzodiazepine',
      'medication_dispense',
      fhirDispense({ medicationCodeableConcept: { text: 'alprazolam 1 mg tablet' } }),
      { drugName: 'alprazolam 1 mg tablet' },
    ],
  ])('a MedicationDispense of %s lands where a PDMP row does (%s)', (_label, type, r, data) => {
    const item = plan(r).items[0]!;
    expect(item.register).toBe('if_known');
    expect(item.events[0]).toMatchObject({ type, occurredAt: '2026-11-10T12:00:00Z', data, externalId: 'fhir:MedicationDispense/md-1' });
  });

  it.each<[string, Partial<Parameters<typeof fhirUrineDrugTest>[0]>, Record<string, string>]>([
    ['a SNOMED positive', {}, { fentanyl: 'positive' }],
    ['the text "Not detected"', { valueCodeableConcept: { text: 'Not detected' } }, { fentanyl: 'negative' }],
    [
      'an interpretation NEG',
      { valueCodeableConcept: undefined, interpretation: [{ coding: [{ code: 'NEG' }] }] },
      { fentanyl: 'negative' },
    ],
    [
      'a panel with components',
      {
        code: { coding: [{ system: 'http://loinc.org', code: '46983-3' }] },
        valueCodeableConcept: undefined,
        component: [
          { code: { coding: [{ system: 'http://loinc.org', code: '58359-1' }] }, valueString: 'Positive' },
          { code: { coding: [{ system: 'http://loinc.org', code: '19295-5' }] }, valueString: 'negative' },
        ],
      },
      { buprenorphine: 'positive', opiates: 'negative' },
    ],
  ])('a urine drug screen Observation (%s) is the urine_drug_test event', (_label, over, results) => {
    const item = plan(fhirUrineDrugTest(over)).items[0]!;
    expect(item.register).toBe('if_known');
    expect(item.events).toEqual([
      { type: 'urine_drug_test', occurredAt: '2026-11-21T10:00:00Z', data: { results }, externalId: 'fhir:Observation/obs-1' },
    ]);
  });

  it('a Bundle is one message: every resource in it, people from its Patients by fullUrl', () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      id: 'b-1',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:p', resource: fhirPatient({ id: undefined }) },
        { resource: fhirEdEncounter({ subject: { reference: 'urn:uuid:p' } }) },
        { resource: fhirOudCondition({ subject: { reference: 'urn:uuid:p' } }) },
      ],
    };
    const p = plan(bundle);
    expect(p).toMatchObject({ messageType: 'Bundle', externalId: 'Bundle/b-1' });
    expect(p.items.map((i) => [i.events[0]!.type, i.person.familyName])).toEqual([
      ['encounter', 'Ashdown'],
      ['diagnosis', 'Ashdown'],
    ]);
  });
});

describe('planFhir: refusals name the element, never a value', () => {
  it.each<[string, Resource | string, string, string | null]>([
    ['a line that is not JSON', 'not json', 'malformed', null],
    ['a resource type the feed does not take', { resourceType: 'Procedure', id: 'x' } as Resource, 'unsupported', 'resourceType'],
    ['an Encounter without a subject', fhirEdEncounter({ subject: undefined }), 'malformed', 'Encounter.subject'],
    ['an Encounter whose subject is a Group', fhirEdEncounter({ subject: { reference: 'Group/g1' } }), 'malformed', 'Encounter.subject'],
    ['an Encounter with an unknown class', fhirEdEncounter({ class: { code: 'ZZZ' } }), 'unsupported', 'Encounter.class'],
    ['an Encounter without a start', fhirEdEncounter({ period: {} }), 'malformed', 'Encounter.period.start'],
    ['an Encounter with neither id nor identifier', fhirEdEncounter({ id: undefined }), 'malformed', 'Encounter.id'],
    [
      'a Condition with a broken ICD-10-CM code',
      fhirOudCondition({ code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: '11-F' }] } }),
      'malformed',
      null,
    ],
    ['a Condition without a date', fhirOudCondition({ recordedDate: undefined }), 'malformed', 'Condition.recordedDate'],
    ['a dispense with no quantity', fhirDispense({ quantity: undefined }), 'malformed', 'MedicationDispense.quantity.value'],
    ['a dispense with no hand-over date', fhirDispense({ whenHandedOver: undefined }), 'malformed', 'MedicationDispense.whenHandedOver'],
    [
      'a urine drug screen with no result',
      fhirUrineDrugTest({ valueCodeableConcept: { text: 'see report' } }),
      'malformed',
      'Observation.value[x]',
    ],
    [
      'a Bundle with one bad entry',
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: fhirOudCondition() }, { resource: fhirOudCondition({ id: 'c2', recordedDate: undefined }) }],
      } as Bundle,
      'malformed',
      'Bundle.entry[1].resource.recordedDate',
    ],
  ])('%s', (_label, r, code, field) => {
    const refused = refusal(r);
    expect(refused).toMatchObject({ code, field });
    expect(refused!.reason).not.toMatch(/Ashdown|HGH-100|pt-1/);
  });
});
