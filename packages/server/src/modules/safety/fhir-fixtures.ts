import type {
  Bundle,
  Condition,
  Dosage,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Patient,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { RXNORM } from './drug-knowledge.ts';

/** Small builders of FHIR R4 resources for the safety tests, the benchmark and the demo. */

export const TODAY = '2026-01-15';

export function daysBefore(days: number, from = TODAY): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export interface RxOptions {
  id?: string;
  rxcui: string;
  display?: string;
  status?: MedicationRequest['status'];
  dose?: number;
  doseHigh?: number;
  unit?: string;
  frequency?: number;
  frequencyMax?: number;
  period?: number;
  periodUnit?: 'h' | 'd' | 'wk' | 'mo';
  timeOfDay?: string[];
  noTiming?: boolean;
  prn?: boolean;
  supplyDays?: number;
  authoredOn?: string;
  validityEnd?: string;
  inpatient?: boolean;
  requester?: string;
  reasonIcd10?: string;
}

export function medicationRequest(o: RxOptions): MedicationRequest {
  const dosage: Dosage = {
    ...(o.noTiming
      ? {}
      : {
          timing: {
            repeat: o.timeOfDay
              ? { timeOfDay: o.timeOfDay }
              : {
                  frequency: o.frequency ?? 1,
                  ...(o.frequencyMax !== undefined ? { frequencyMax: o.frequencyMax } : {}),
                  period: o.period ?? 1,
                  periodUnit: o.periodUnit ?? 'd',
                },
          },
        }),
    asNeededBoolean: o.prn ?? false,
    doseAndRate: [
      o.doseHigh !== undefined
        ? { doseRange: { low: { value: o.dose ?? 1, unit: o.unit ?? 'mg' }, high: { value: o.doseHigh, unit: o.unit ?? 'mg' } } }
        : { doseQuantity: { value: o.dose ?? 1, unit: o.unit ?? 'mg', system: 'http://unitsofmeasure.org', code: o.unit ?? 'mg' } },
    ],
  };
  const authoredOn = o.authoredOn ?? TODAY;
  return {
    resourceType: 'MedicationRequest',
    id: o.id ?? `rx-${o.rxcui}`,
    status: o.status ?? 'active',
    intent: 'order',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category', code: o.inpatient ? 'inpatient' : 'community' },
        ],
      },
    ],
    medicationCodeableConcept: {
      coding: [{ system: RXNORM, code: o.rxcui, ...(o.display ? { display: o.display } : {}) }],
      ...(o.display ? { text: o.display } : {}),
    },
    subject: { reference: 'Patient/p1' },
    authoredOn,
    ...(o.requester ? { requester: { reference: o.requester } } : {}),
    ...(o.reasonIcd10 ? { reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: o.reasonIcd10 }] }] } : {}),
    dosageInstruction: [dosage],
    dispenseRequest: {
      validityPeriod: { start: authoredOn, ...(o.validityEnd ? { end: o.validityEnd } : {}) },
      ...(o.supplyDays !== undefined
        ? { expectedSupplyDuration: { value: o.supplyDays, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' } }
        : {}),
    },
  };
}

export function medicationDispense(o: {
  id: string;
  rxcui: string;
  handedOver: string;
  quantity: number;
  daysSupply: number;
  pharmacy?: string;
  requestId?: string;
  status?: MedicationDispense['status'];
}): MedicationDispense {
  return {
    resourceType: 'MedicationDispense',
    id: o.id,
    status: o.status ?? 'completed',
    medicationCodeableConcept: { coding: [{ system: RXNORM, code: o.rxcui }] },
    subject: { reference: 'Patient/p1' },
    whenHandedOver: o.handedOver,
    quantity: { value: o.quantity },
    daysSupply: { value: o.daysSupply, unit: 'day', system: 'http://unitsofmeasure.org', code: 'd' },
    ...(o.pharmacy ? { performer: [{ actor: { reference: o.pharmacy } }] } : {}),
    ...(o.requestId ? { authorizingPrescription: [{ reference: `MedicationRequest/${o.requestId}` }] } : {}),
  };
}

export function patient(birthDate = '1980-05-05'): Patient {
  return { resourceType: 'Patient', id: 'p1', birthDate };
}

export function condition(o: {
  id?: string;
  system: 'icd10' | 'snomed';
  code: string;
  status?: string;
  recorded?: string;
  category?: string;
  encounter?: string;
}): Condition {
  return {
    resourceType: 'Condition',
    id: o.id ?? `c-${o.code}`,
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: o.system === 'icd10' ? 'http://hl7.org/fhir/sid/icd-10-cm' : 'http://snomed.info/sct', code: o.code }] },
    ...(o.status
      ? { clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: o.status }] } }
      : {}),
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: o.category ?? 'problem-list-item' }] },
    ],
    recordedDate: o.recorded ?? TODAY,
    ...(o.encounter ? { encounter: { reference: o.encounter } } : {}),
  };
}

export function procedure(o: { system: string; code: string; performed: string; status?: Procedure['status'] }): Procedure {
  return {
    resourceType: 'Procedure',
    status: o.status ?? 'completed',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: o.system, code: o.code }] },
    performedDateTime: o.performed,
  };
}

export function observation(o: { loinc: string; effective: string; result?: 'POS' | 'NEG'; status?: Observation['status'] }): Observation {
  return {
    resourceType: 'Observation',
    status: o.status ?? 'final',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: 'http://loinc.org', code: o.loinc }] },
    effectiveDateTime: o.effective,
    ...(o.result
      ? { interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: o.result }] }] }
      : {}),
  };
}

export function bundle(resources: Resource[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}
