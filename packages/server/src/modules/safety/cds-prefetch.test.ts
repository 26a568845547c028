import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { fhirAccessOf, fillTemplate } from './cds-prefetch.ts';
import { medicalRecordNumbers } from '../ehr/index.ts';

describe('fillTemplate', () => {
  it.each([
    ['Patient/{{context.patientId}}', { patientId: 'p1' }, 'Patient/p1'],
    [
      'MedicationRequest?patient={{context.patientId}}&x={{ context.userId }}',
      { patientId: 'a b', userId: 'Practitioner/7' },
      'MedicationRequest?patient=a%20b&x=Practitioner%2F7',
    ],
    ['Encounter/{{context.encounterId}}', { patientId: 'p1' }, null],
    ['Patient/{{context.patientId}}', { patientId: { nested: true } }, null],
  ])('%s with %j → %s', (template, context, expected) => {
    expect(fillTemplate(template, context)).toBe(expected);
  });
});

describe('fhirAccessOf', () => {
  it.each([
    [{}, false, null],
    [
      { fhirServer: 'https://ehr.example/fhir/', fhirAuthorization: { access_token: 't', token_type: 'Bearer' } },
      true,
      'https://ehr.example/fhir',
    ],
    [
      { fhirServer: 'http://ehr.example/fhir', fhirAuthorization: { access_token: 't', token_type: 'bearer' } },
      false,
      'http://ehr.example/fhir',
    ],
  ])('%j (production %s) → %s', (body, production, server) => {
    expect(fhirAccessOf(body, production)?.fhirServer ?? null).toBe(server);
  });

  it.each([
    [{ fhirServer: 'ftp://x' }, false, 'body.fhirServer'],
    [{ fhirServer: 'http://ehr.example/fhir', fhirAuthorization: { access_token: 't', token_type: 'Bearer' } }, true, 'body.fhirServer'],
    [{ fhirServer: 'https://ehr.example/fhir' }, false, 'body.fhirAuthorization'],
    [{ fhirServer: 'https://ehr.example/fhir', fhirAuthorization: { token_type: 'Bearer' } }, false, 'body.fhirAuthorization.access_token'],
    [
      { fhirServer: 'https://ehr.example/fhir', fhirAuthorization: { access_token: 't', token_type: 'MAC' } },
      false,
      'body.fhirAuthorization.token_type',
    ],
  ])('refuses %j (production %s), naming %s', (body, production, path) => {
    let thrown: unknown;
    try {
      fhirAccessOf(body, production);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).fields?.[0]?.path).toBe(path);
  });
});

describe('medicalRecordNumbers', () => {
  const mr = { coding: [{ code: 'MR' }] };
  const patient = {
    resourceType: 'Patient',
    identifier: [
      { system: 'urn:ehr:mrn', value: 'A1' },
      { type: mr, value: 'B2' },
      { system: 'urn:ssn', value: '123' },
    ],
  };
  it.each([
    [patient, 'urn:ehr:mrn', ['A1']],
    [patient, null, ['B2']],
    [patient, 'urn:other', []],
    [{ resourceType: 'Bundle' }, null, []],
    [null, null, []],
  ])('%#: %j in %s', (p, system, expected) => {
    expect(medicalRecordNumbers(p, system)).toEqual(expected);
  });
});
