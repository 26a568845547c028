import type { Condition, Encounter, MedicationDispense, Observation, Patient, Resource } from '@medplum/fhirtypes';

/* Synthetic FHIR R4 resources (made-up people) for the FHIR feed's tests, docs and benchmark. */

export function fhirPatient(over: Partial<Patient> = {}): Patient {
  return {
    resourceType: 'Patient',
    id: 'pt-1',
    identifier: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'HGH-100' }],
    name: [{ use: 'official', family: 'Ashdown', given: ['Avery'] }],
    gender: 'female',
    birthDate: '1990-01-02',
    telecom: [{ system: 'phone', value: '555-123-4567' }],
    address: [{ use: 'home', line: ['12 Harbor St'], city: 'Harbor', postalCode: '97101' }],
    ...over,
  };
}

export function fhirEdEncounter(over: Partial<Encounter> = {}): Encounter {
  return {
    resourceType: 'Encounter',
    id: 'enc-1',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER' },
    subject: { reference: 'Patient/pt-1' },
    period: { start: '2026-11-20T08:30:00Z' },
    reasonCode: [
      {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'T40.411A', display: 'Poisoning by fentanyl, accidental' }],
        text: 'Unresponsive, suspected opioid overdose',
      },
    ],
    ...over,
  };
}

export function fhirOudCondition(over: Partial<Condition> = {}): Condition {
  return {
    resourceType: 'Condition',
    id: 'cond-1',
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F11.20', display: 'Opioid dependence, uncomplicated' }] },
    subject: { reference: 'Patient/pt-1' },
    recordedDate: '2026-11-20T09:00:00Z',
    ...over,
  };
}

export function fhirDispense(over: Partial<MedicationDispense> = {}): MedicationDispense {
  return {
    resourceType: 'MedicationDispense',
    id: 'md-1',
    status: 'completed',
    medicationCodeableConcept: {
      coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1049621', display: 'oxycodone 5 MG Oral Tablet' }],
    },
    subject: { reference: 'Patient/pt-1' },
    authorizingPrescription: [{ identifier: { value: 'RX-1' } }],
    location: { identifier: { value: 'PH-1' } },
    quantity: { value: 120 },
    daysSupply: { value: 30 },
    whenHandedOver: '2026-11-10T15:00:00Z',
    ...over,
  };
}

export function fhirUrineDrugTest(over: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    id: 'obs-1',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '59673-4', display: 'Fentanyl [Presence] in Urine by Screen method' }] },
    subject: { reference: 'Patient/pt-1' },
    effectiveDateTime: '2026-11-21T10:00:00Z',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '10828004', display: 'Positive' }] },
    ...over,
  };
}

export const ndjson = (resources: readonly Resource[]) => `${resources.map((r) => JSON.stringify(r)).join('\n')}\n`;
