import type { Patient } from '@medplum/fhirtypes';
import type { EhrPatientPrefill } from '@continuum/contracts';
import { describe, expect, it } from 'vitest';
import { patientPrefill } from './patient-prefill.ts';

const MR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };
const base: Patient = {
  resourceType: 'Patient',
  id: 'p',
  identifier: [
    { type: MR, value: 'MRN-77' },
    { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-00-1234' },
  ],
  name: [
    { use: 'maiden', family: 'Ortiz', given: ['Dana'] },
    { use: 'official', family: 'Reyes', given: ['Dana', 'Maria'] },
  ],
  birthDate: '1984-02-29',
  gender: 'female',
  telecom: [
    { system: 'email', value: 'd@example.org' },
    { system: 'phone', use: 'old', value: '555-000-0000' },
    { system: 'phone', use: 'mobile', value: '(555) 201-3344' },
  ],
  address: [{ use: 'home', line: ['12 Harbor St', 'Apt 3'], city: 'Bayside', postalCode: '94000' }],
};

describe('patientPrefill', () => {
  it('takes the official name, full birth date, sex, MRN, current phone and home address', () => {
    expect(patientPrefill(base, null, 'Bayside EHR')).toEqual({
      source: 'Bayside EHR',
      givenName: 'Dana',
      familyName: 'Reyes',
      birthDate: '1984-02-29',
      sex: 'female',
      identifier: { kind: 'mrn', value: 'MRN-77' },
      phone: '(555) 201-3344',
      address: { line1: '12 Harbor St', city: 'Bayside', postalCode: '94000' },
    });
  });

  it.each<[string, Partial<Patient>, Partial<EhrPatientPrefill>]>([
    ['a partial birth date is left empty', { birthDate: '1984-02' }, { birthDate: null }],
    ['gender "other" is not recorded as a sex', { gender: 'other' }, { sex: 'unknown' }],
    ['no gender', { gender: undefined }, { sex: 'unknown' }],
    [
      'a usual name when there is no official one',
      { name: [{ use: 'usual', family: 'Lee', given: ['Sam'] }] },
      { givenName: 'Sam', familyName: 'Lee' },
    ],
    [
      'an ended name is skipped',
      { name: [{ family: 'Old', period: { end: '2001-01-01' } }, { family: 'New' }] },
      { familyName: 'New', givenName: null },
    ],
    ['no names', { name: undefined }, { givenName: null, familyName: null }],
    ['a phone with letters is dropped', { telecom: [{ system: 'phone', value: 'call front desk' }] }, { phone: null }],
    [
      'a ZIP code that is not 5 digits is dropped',
      { address: [{ line: ['1 A St'], postalCode: 'K1A 0B1' }] },
      { address: { line1: '1 A St', city: null, postalCode: null } },
    ],
    ['an address without a street line is dropped', { address: [{ city: 'Bayside' }] }, { address: null }],
    [
      'no MRN: no identifier (the SSN is never taken)',
      { identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-00-1234' }] },
      { identifier: null },
    ],
  ])('%s', (_label, change, expected) => {
    expect(patientPrefill({ ...base, ...change }, null, 'EHR')).toMatchObject(expected);
  });

  it('reads the MRN from the connection identifier system when one is set', () => {
    const patient: Patient = {
      ...base,
      identifier: [
        { type: MR, value: 'typed' },
        { system: 'urn:bayside:mrn', value: 'B-1' },
      ],
    };
    expect(patientPrefill(patient, 'urn:bayside:mrn', 'EHR')?.identifier).toEqual({ kind: 'mrn', value: 'B-1' });
  });

  it('is null for something that is not a Patient', () => {
    expect(patientPrefill({ resourceType: 'OperationOutcome' }, null, 'EHR')).toBeNull();
    expect(patientPrefill(null, null, 'EHR')).toBeNull();
  });
});
