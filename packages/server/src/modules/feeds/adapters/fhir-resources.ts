import type {
  CodeableConcept,
  Condition,
  Encounter,
  Identifier,
  MedicationDispense,
  MedicationRequest,
  Patient,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { CareEventInput, EncounterSetting, IdentifierKind } from '@continuum/contracts';
import { dispensingCareEvent } from '../../safety/index.ts';
import { FeedMessageError, type FeedItem, type FeedPerson } from '../adapter.ts';
import { isOpioidOverdose, isOud, normalizeIcd10, substanceOf } from '../icd10.ts';

/*
 * One FHIR R4 resource → what the network keeps of it (docs/integration.md, "A partner that speaks
 * FHIR"). Pure. The same care events the other feeds and the touchpoints write:
 * - Encounter with an opioid overdose or OUD diagnosis → an `encounter` care event, and for an
 *   overdose an overdose event (exactly what an HL7 v2 ADT for the visit writes);
 * - Condition with an OUD diagnosis (F11.x) → a `diagnosis` care event;
 * - MedicationDispense → through the safety module's dispensing front door, as a PDMP row would
 *   (`moud_dispense`, `opioid_dispense`, `medication_dispense`, a naloxone kit);
 * - Observation of a urine drug screen → `urine_drug_test` (fhir-observation.ts).
 * Anything else is nothing for the network.
 */

/** A resource refused, with the FHIR element at fault (the API names it in a 400). */
export class FhirResourceError extends FeedMessageError {
  constructor(
    code: 'malformed' | 'unsupported',
    readonly field: string,
    message: string,
  ) {
    super(code, `${field}: ${message}`);
  }
}

/** Resources a message may carry beside its own: the Patient, Conditions and MedicationRequests it refers to. */
export type Context = ReadonlyMap<string, Resource>;

const ICD10_SYSTEMS = ['http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10'];
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
/** HL7 v2 table 0203 identifier type codes (FHIR `Identifier.type`, system terminology.hl7.org/CodeSystem/v2-0203). */
const IDENTIFIER_TYPES: Record<string, IdentifierKind> = { MR: 'mrn', MA: 'medicaid_id', MC: 'medicaid_id' };
/** FHIR R4 Encounter.class, v3 ActCode (terminology.hl7.org/ValueSet/v3-ActEncounterCode). */
const SETTINGS: Record<string, EncounterSetting> = {
  EMER: 'emergency_department',
  IMP: 'inpatient',
  ACUTE: 'inpatient',
  NONAC: 'residential',
  AMB: 'outpatient',
  HH: 'outpatient',
  FLD: 'outpatient',
  VR: 'telehealth',
  OBSENC: 'observation',
  SS: 'observation',
};
const clip = (s: string, n = 100) => s.slice(0, n);
const digits = (s: string | undefined) => (s ?? '').replace(/\D/g, '');

/** A FHIR date or dateTime → ISO 8601 (a date alone is midnight UTC); null when there is none or it is not one. */
export function fhirInstant(v: string | undefined): string | null {
  if (!v) return null;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(at) && !Number.isNaN(Date.parse(at)) ? at : null;
}

export function icd10Codes(cc: CodeableConcept | undefined): string[] {
  const out: string[] = [];
  for (const c of cc?.coding ?? []) {
    if (!ICD10_SYSTEMS.includes(c.system ?? '') || !c.code) continue;
    const code = normalizeIcd10(c.code);
    if (!code) throw new FeedMessageError('malformed', 'An ICD-10-CM coding holds a code that is not ICD-10-CM');
    out.push(code);
  }
  return out;
}

function identifierOf(i: Identifier | undefined): { kind: IdentifierKind; value: string } | null {
  if (!i?.value) return null;
  const type = i.type?.coding?.find((c) => c.code && IDENTIFIER_TYPES[c.code])?.code;
  return { kind: type ? IDENTIFIER_TYPES[type]! : 'mrn', value: clip(i.value) };
}

/** The partner's own id for a Patient (`Patient/<id>`), kept as an identifier of kind `other` the organization holds. */
const logicalId = (id: string) => ({ kind: 'other' as const, value: clip(`Patient/${id}`) });

export function personOfPatient(p: Patient): FeedPerson {
  const identifiers = [
    ...(p.id ? [logicalId(p.id)] : []),
    ...(p.identifier ?? []).map(identifierOf).filter((x): x is { kind: IdentifierKind; value: string } => x !== null),
  ];
  const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  const address = p.address?.find((a) => a.use === 'home') ?? p.address?.[0];
  const phone = p.telecom?.find((t) => t.system === 'phone')?.value;
  return {
    identifiers,
    givenName: clip(name?.given?.[0] ?? ''),
    familyName: clip(name?.family ?? ''),
    birthDate: /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate ?? '') ? p.birthDate! : '',
    sex: p.gender === 'female' || p.gender === 'male' ? p.gender : 'unknown',
    phone: digits(phone),
    address: address
      ? { line1: clip(address.line?.[0] ?? '', 200), city: clip(address.city ?? ''), postalCode: clip(address.postalCode ?? '', 20) }
      : null,
  };
}

/** Who a resource is about: the Patient it refers to when the message carries it, else the reference's id or identifier. */
export function subjectPerson(type: string, subject: Reference | undefined, context: Context): FeedPerson {
  if (!subject) throw new FhirResourceError('malformed', `${type}.subject`, 'is required');
  const patient = subject.reference ? context.get(subject.reference) : undefined;
  if (patient?.resourceType === 'Patient') return personOfPatient(patient);
  const identifiers: FeedPerson['identifiers'] = [];
  const m = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(subject.reference ?? '');
  if (m) identifiers.push(logicalId(m[1]!));
  const byIdentifier = identifierOf(subject.identifier);
  if (byIdentifier) identifiers.push(byIdentifier);
  if (identifiers.length === 0)
    throw new FhirResourceError(
      'malformed',
      `${type}.subject`,
      'must refer to a Patient (Patient/<id>, or a Patient in the same file) or carry an identifier',
    );
  return { identifiers, givenName: '', familyName: '', birthDate: '', sex: 'unknown', phone: '', address: null };
}

/** The event's external id: the partner's resource id, else its first identifier. */
export function externalIdOf(r: Resource & { identifier?: Identifier[] }): string {
  if (r.id) return clip(`fhir:${r.resourceType}/${r.id}`);
  const i = r.identifier?.find((x) => x.value);
  if (i) return clip(`fhir:${r.resourceType}:${i.system ?? ''}|${i.value}`);
  throw new FhirResourceError(
    'malformed',
    `${r.resourceType}.id`,
    'give the resource an id or an identifier, so a resent resource is recognised',
  );
}

export function encounterItem(e: Encounter, context: Context): FeedItem | null {
  if (e.status === 'entered-in-error' || e.status === 'cancelled') return null;
  const diagnoses: string[] = [];
  const add = (codes: string[]) => codes.forEach((c) => diagnoses.includes(c) || diagnoses.push(c));
  for (const d of e.diagnosis ?? []) {
    const ref = d.condition?.reference ?? '';
    const condition = context.get(ref) ?? e.contained?.find((c) => `#${c.id}` === ref);
    if (condition?.resourceType === 'Condition') add(icd10Codes(condition.code));
  }
  for (const reason of e.reasonCode ?? []) add(icd10Codes(reason));
  const overdoseCodes = diagnoses.filter(isOpioidOverdose);
  if (overdoseCodes.length === 0 && !diagnoses.some(isOud)) return null;
  const code = e.class?.code;
  if (!code) throw new FhirResourceError('malformed', 'Encounter.class', 'is required');
  const setting = SETTINGS[code];
  if (!setting) throw new FhirResourceError('unsupported', 'Encounter.class', `must be one of ${Object.keys(SETTINGS).join(', ')}`);
  const at = fhirInstant(e.period?.start);
  if (!at) throw new FhirResourceError('malformed', 'Encounter.period.start', 'must be a date and time with an offset');
  const person = subjectPerson('Encounter', e.subject, context);
  const key = externalIdOf(e);
  const complaint = e.reasonCode?.find((r) => r.text)?.text;
  const events: CareEventInput[] = [
    {
      type: 'encounter',
      occurredAt: at,
      data: { setting, principalDiagnosis: diagnoses[0]!, diagnoses: diagnoses.slice(0, 25) },
      externalId: key,
      ...(complaint ? { detail: `Chief complaint: ${complaint.slice(0, 300)}` } : {}),
    },
  ];
  const item: FeedItem = { person, register: 'always', events };
  if (overdoseCodes.length > 0) {
    // HL7 discharge-disposition code system: `exp` = expired (terminology.hl7.org/CodeSystem/discharge-disposition).
    const fatal = e.hospitalization?.dischargeDisposition?.coding?.some((c) => c.code === 'exp') ?? false;
    item.overdose = {
      occurredAt: at,
      fatal,
      naloxoneDoses: 0,
      naloxoneBy: [],
      suspectedSubstances: [...new Set(overdoseCodes.map(substanceOf))],
      disposition: fatal ? 'deceased' : 'transported',
      externalId: clip(`${key}:overdose`),
      leaveBehindKits: 0,
      postalCode: person.address?.postalCode || null,
    };
  }
  return item;
}

export function conditionItem(c: Condition, context: Context): FeedItem | null {
  const verification = c.verificationStatus?.coding?.[0]?.code;
  if (verification === 'entered-in-error' || verification === 'refuted') return null;
  const code = icd10Codes(c.code).find(isOud);
  if (!code) return null;
  const at = fhirInstant(c.recordedDate) ?? fhirInstant(c.onsetDateTime) ?? fhirInstant(c.onsetPeriod?.start);
  if (!at) throw new FhirResourceError('malformed', 'Condition.recordedDate', 'give recordedDate or onsetDateTime');
  const status = c.clinicalStatus?.coding?.[0]?.code;
  return {
    person: subjectPerson('Condition', c.subject, context),
    register: 'always',
    events: [
      {
        type: 'diagnosis',
        occurredAt: at,
        // FHIR condition-clinical `remission`: the diagnosis of OUD in (early) remission, as the import reads it.
        data: { code, ...(status === 'remission' ? { remission: 'early' as const } : {}) },
        externalId: externalIdOf(c),
      },
    ],
  };
}

function referenceKey(r: Reference | undefined): string {
  return clip(r?.identifier?.value ?? r?.reference ?? r?.display ?? '', 120);
}

/** A dispensing as the PDMP extract's columns, classified by the safety module's front door. */
export function dispenseItem(d: MedicationDispense, context: Context): FeedItem | null {
  if (d.status !== 'completed') return null;
  const cc = d.medicationCodeableConcept;
  if (!cc) throw new FhirResourceError('malformed', 'MedicationDispense.medicationCodeableConcept', 'is required (RxNorm code or text)');
  const person = subjectPerson('MedicationDispense', d.subject, context);
  const ref = d.authorizingPrescription?.[0];
  const request = ref?.reference ? (context.get(ref.reference) ?? d.contained?.find((c) => `#${c.id}` === ref.reference)) : undefined;
  // R4 has no prescriber on the dispense: the authorizing MedicationRequest's requester when sent, else the prescription itself.
  const prescriber =
    (request?.resourceType === 'MedicationRequest' ? referenceKey((request as MedicationRequest).requester) : '') || referenceKey(ref);
  const fill = (d.whenHandedOver ?? d.whenPrepared ?? '').slice(0, 10);
  const record: Record<string, string> = {
    person_id: 'fhir',
    fill_date: fill,
    rxcui: cc.coding?.find((c) => c.system === RXNORM)?.code ?? '',
    drug_name: cc.text ?? cc.coding?.find((c) => c.display)?.display ?? '',
    quantity: d.quantity?.value === undefined ? '' : String(d.quantity.value),
    days_supply: d.daysSupply?.value === undefined ? '' : String(d.daysSupply.value),
    prescriber_id: prescriber || 'unknown',
    pharmacy_id: referenceKey(d.location) || referenceKey(d.performer?.[0]?.actor) || 'unknown',
  };
  const out = dispensingCareEvent(record, externalIdOf(d));
  if (!out.ok) {
    const element: Record<string, string> = {
      fill_date: 'whenHandedOver',
      rxcui: 'medicationCodeableConcept',
      quantity: 'quantity.value',
      days_supply: 'daysSupply.value',
    };
    throw new FhirResourceError('malformed', `MedicationDispense.${element[out.field] ?? out.field}`, out.reason.replace(/^\S+ /, ''));
  }
  return out.event === null ? null : { person, register: 'if_known', events: [out.event] };
}
