import type { Bundle, Coding, Consent as FhirConsent, OperationOutcome, Patient } from '@medplum/fhirtypes';
import type { Consent, PersonDetail, PersonSummary, Purpose } from '@continuum/contracts';

/*
 * FHIR R4 mappings of the registry: Patient and Consent. Pure functions; the routes read through
 * the chokepoint and hand the results here. Consent follows the mapping in the project's privacy
 * notes (docs/privacy.md): scope patient-privacy, policy 42 CFR Part 2, provision actors with
 * information-recipient role, purposes from v3-ActReason.
 */

export const CONTINUUM_SYSTEM = 'https://continuum.example.org/fhir';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

const purposeCodes: Record<Purpose, Coding> = {
  treatment: { system: ACT_REASON, code: 'TREAT', display: 'treatment' },
  payment: { system: ACT_REASON, code: 'HPAYMT', display: 'healthcare payment' },
  operations: { system: ACT_REASON, code: 'HOPERAT', display: 'healthcare operations' },
  care_coordination: { system: ACT_REASON, code: 'CAREMGT', display: 'care management' },
};

function gender(sex: PersonSummary['sex']): Patient['gender'] {
  return sex === 'unknown' ? 'unknown' : sex;
}

export function toFhirPatientSummary(p: PersonSummary): Patient {
  return {
    resourceType: 'Patient',
    id: p.id,
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    gender: gender(p.sex),
    birthDate: p.birthDate,
    ...(p.postalCode ? { address: [{ use: 'home', city: p.town ?? undefined, postalCode: p.postalCode }] } : {}),
  };
}

export function toFhirPatient(p: PersonDetail): Patient {
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: { lastUpdated: p.updatedAt, security: [{ system: CONFIDENTIALITY, code: 'R', display: 'restricted' }] },
    identifier: p.identifiers.map((i) => ({
      system: `${CONTINUUM_SYSTEM}/organization/${i.organizationId}/${i.kind}`,
      value: i.value,
      assigner: { reference: `Organization/${i.organizationId}`, display: i.organizationName },
    })),
    name: p.names.map((n) => ({
      use: n.use === 'previous' ? 'old' : n.use === 'alias' ? 'nickname' : 'official',
      family: n.family,
      given: [n.given],
      ...(n.until ? { period: { end: n.until } } : {}),
    })),
    gender: gender(p.sex),
    birthDate: p.birthDate,
    telecom: [
      ...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : []),
      ...(p.email ? [{ system: 'email' as const, value: p.email }] : []),
    ],
    address: p.addresses.map((a) => ({
      use: a.current ? ('home' as const) : ('old' as const),
      line: [a.line1, ...(a.line2 ? [a.line2] : [])],
      ...(a.city ? { city: a.city } : {}),
      ...(a.postalCode ? { postalCode: a.postalCode } : {}),
      ...(a.from || a.until ? { period: { ...(a.from ? { start: a.from } : {}), ...(a.until ? { end: a.until } : {}) } } : {}),
    })),
    ...(p.language
      ? { communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: p.language }] }, preferred: true }] }
      : {}),
    generalPractitioner: p.careTeam
      .filter((c) => c.active && !c.pending)
      .map((c) => ({ reference: `Organization/${c.organizationId}`, display: c.organizationName })),
  };
}

function consentStatus(status: Consent['status']): FhirConsent['status'] {
  switch (status) {
    case 'draft':
      return 'draft';
    case 'signed':
      return 'active';
    case 'revoked':
    case 'expired':
      return 'inactive';
  }
}

export function toFhirConsent(c: Consent): FhirConsent {
  const org = (id: string) => ({ reference: `Organization/${id}`, display: c.organizationNames[id] });
  const recipients =
    c.recipients.type === 'organizations'
      ? c.recipients.organizationIds.map((id) => ({
          role: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
          reference: org(id),
        }))
      : [
          {
            role: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
            reference: { display: 'My treating providers (participants with a treating provider relationship)' },
          },
        ];
  const disclosers =
    c.disclosers.type === 'organizations'
      ? c.disclosers.organizationIds.map((id) => ({
          role: { coding: [{ system: PARTICIPATION, code: 'CST', display: 'custodian' }] },
          reference: org(id),
        }))
      : [
          {
            role: { coding: [{ system: PARTICIPATION, code: 'CST', display: 'custodian' }] },
            reference: { display: 'Any provider in the network that holds my records' },
          },
        ];
  return {
    resourceType: 'Consent',
    id: c.id,
    meta: { lastUpdated: c.updatedAt },
    status: consentStatus(c.status),
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [
      { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
      { coding: [{ system: ACT_CODE, code: 'IDSCL', display: 'information disclosure' }] },
    ],
    patient: { reference: `Patient/${c.personId}`, display: c.personName },
    dateTime: c.signedAt ?? c.createdAt,
    ...(c.signerName ? { performer: [{ display: `${c.signerName} (${c.signerRelationship ?? 'self'})` }] } : {}),
    organization: [org(c.createdByOrganizationId)],
    policyRule: {
      coding: [{ system: ACT_CODE, code: '42CFRPart2' }],
      text: c.type === 'tpo' ? 'Single consent for treatment, payment and health care operations' : undefined,
    },
    ...(c.signedAt ? { verification: [{ verified: true, verificationDate: c.signedAt }] } : {}),
    extension: [
      { url: `${CONTINUUM_SYSTEM}/StructureDefinition/consent-type`, valueCode: c.type },
      { url: `${CONTINUUM_SYSTEM}/StructureDefinition/information-description`, valueString: c.informationDescription },
      ...(c.expiryEvent ? [{ url: `${CONTINUUM_SYSTEM}/StructureDefinition/expiry-event`, valueCode: c.expiryEvent }] : []),
      ...(c.revokedAt ? [{ url: `${CONTINUUM_SYSTEM}/StructureDefinition/revoked`, valueDateTime: c.revokedAt }] : []),
    ],
    provision: {
      type: 'permit',
      period: { ...(c.signedAt ? { start: c.signedAt } : {}), ...(c.expiresOn ? { end: c.expiresOn } : {}) },
      actor: [...disclosers, ...recipients],
      action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'disclose' }] }],
      securityLabel: [
        { system: ACT_CODE, code: 'SUD', display: 'substance use disorder information sensitivity' },
        { system: CONFIDENTIALITY, code: 'R' },
      ],
      purpose: c.purposes.map((p) => purposeCodes[p]),
      code: c.kinds.map((k) => ({ coding: [{ system: `${CONTINUUM_SYSTEM}/CodeSystem/record-kind`, code: k }] })),
    },
  };
}

export function searchBundle<T extends Patient | FhirConsent>(resources: readonly T[], selfUrl: string): Bundle<T> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: resources.map((r) => ({ fullUrl: `${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' } })),
  };
}

export function operationOutcome(code: 'not-found' | 'invalid' | 'forbidden' | 'exception', diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}
