import { personFlags, type EhrPatientPrefill, type IdentifierKind, type PersonFlag, type RegisterPerson } from '@continuum/contracts';

/** The registration form's fields, as typed. */
export interface Values {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'female' | 'male' | 'unknown';
  genderIdentity: string;
  language: string;
  phone: string;
  email: string;
  line1: string;
  city: string;
  postalCode: string;
  flags: PersonFlag[];
  identifierKind: IdentifierKind;
  identifierValue: string;
  previousGiven: string;
  previousFamily: string;
}

/** An empty registration form. */
export const initial: Values = {
  givenName: '',
  familyName: '',
  birthDate: '',
  sex: 'unknown',
  genderIdentity: '',
  language: '',
  phone: '',
  email: '',
  line1: '',
  city: '',
  postalCode: '',
  flags: [],
  identifierKind: 'mrn',
  identifierValue: '',
  previousGiven: '',
  previousFamily: '',
};

/** A trimmed value, or undefined when empty. */
export const text = (value: string) => value.trim() || undefined;

/** The registration request body from the form's fields. */
export function registration(values: Values): Partial<RegisterPerson> {
  return {
    givenName: values.givenName,
    familyName: values.familyName,
    birthDate: values.birthDate,
    sex: values.sex,
    genderIdentity: text(values.genderIdentity),
    language: text(values.language),
    phone: text(values.phone),
    email: text(values.email),
    address: values.line1.trim() ? { line1: values.line1, city: text(values.city), postalCode: text(values.postalCode) } : undefined,
    // Every flag explicitly: an empty address must not be read as "unhoused".
    flags: Object.fromEntries(personFlags.map((flag) => [flag, values.flags.includes(flag)])),
    identifier: values.identifierValue.trim() ? { kind: values.identifierKind, value: values.identifierValue } : undefined,
    previousNames: values.previousFamily.trim()
      ? [{ given: values.previousGiven.trim() || values.givenName, family: values.previousFamily }]
      : undefined,
  };
}

/** The form started from the details an EHR sent at a SMART launch (its medical record number as the organization's identifier). */
export function valuesFromEhr(prefill: EhrPatientPrefill): Values {
  return {
    ...initial,
    givenName: prefill.givenName ?? '',
    familyName: prefill.familyName ?? '',
    birthDate: prefill.birthDate ?? '',
    sex: prefill.sex,
    phone: prefill.phone ?? '',
    line1: prefill.address?.line1 ?? '',
    city: prefill.address?.city ?? '',
    postalCode: prefill.address?.postalCode ?? '',
    identifierKind: 'mrn',
    identifierValue: prefill.identifier?.value ?? '',
  };
}
