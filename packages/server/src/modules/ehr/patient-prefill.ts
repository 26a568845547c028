import type { HumanName, Patient } from '@medplum/fhirtypes';
import type { EhrPatientPrefill } from '@continuum/contracts';
import { medicalRecordNumbers } from './patient-identifiers.ts';

/*
 * The registration form's starting values from a FHIR R4 Patient (https://hl7.org/fhir/R4/patient.html),
 * when a SMART launch brings a patient the network does not know. Only what the registry can take as
 * it stands: a complete birth date (FHIR allows "1980" or "1980-06"), a phone the registry's pattern
 * accepts, a 5-digit ZIP code. Everything else is left for the user to fill in.
 */

const PHONE = /^[+0-9 ().-]{7,25}$/;
const ZIP = /^\d{5}(-\d{4})?$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const clean = (value: string | undefined, max: number) => {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= max ? trimmed : null;
};

/** The name to use: "official", else "usual", else the first name not ended or marked old. */
function currentName(names: HumanName[]): HumanName | undefined {
  const live = names.filter((n) => !n.period?.end && n.use !== 'old' && n.use !== 'maiden');
  return live.find((n) => n.use === 'official') ?? live.find((n) => n.use === 'usual') ?? live[0];
}

export function patientPrefill(patient: unknown, identifierSystem: string | null, source: string): EhrPatientPrefill | null {
  const p = patient as Patient | null | undefined;
  if (!p || p.resourceType !== 'Patient') return null;
  const name = currentName(Array.isArray(p.name) ? p.name : []);
  const phone = (p.telecom ?? [])
    .filter((t) => t.system === 'phone' && t.use !== 'old' && !t.period?.end)
    .map((t) => t.value?.trim() ?? '')
    .find((v) => PHONE.test(v));
  const address = (p.address ?? []).find((a) => a.use !== 'old' && !a.period?.end && (a.line?.length ?? 0) > 0);
  const line1 = clean(address?.line?.[0], 200);
  const postalCode = address?.postalCode?.trim() ?? '';
  const mrn = medicalRecordNumbers(p, identifierSystem).find((v) => v.trim().length > 0 && v.trim().length <= 64);
  return {
    source,
    givenName: clean(name?.given?.[0], 100),
    familyName: clean(name?.family, 100),
    birthDate: p.birthDate && FULL_DATE.test(p.birthDate) ? p.birthDate : null,
    sex: p.gender === 'female' || p.gender === 'male' ? p.gender : 'unknown',
    identifier: mrn ? { kind: 'mrn', value: mrn.trim() } : null,
    phone: phone ?? null,
    address: line1 ? { line1, city: clean(address?.city, 100), postalCode: ZIP.test(postalCode) ? postalCode : null } : null,
  };
}
