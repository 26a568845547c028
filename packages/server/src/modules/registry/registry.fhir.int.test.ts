import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Consent as FhirConsent, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { expireDueConsents } from './consents.ts';

let t: TestApp;
let nav: SignedIn;
let navEmail: string;
let outsider: SignedIn;
let otpId: string;
let personId: string;
let consentId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  otpId = otp.id;
  const other = await createTestOrganization(t.db, t.clock, { type: 'primary_care' });
  navEmail = (await createTestUser(t.db, t.clock, { organizationId: otp.id, roles: ['care_navigator'] })).email;
  nav = await signIn(t.app, navEmail);
  outsider = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: other.id, roles: ['clinician'] })).email);
  const post = async (url: string, payload: object) => (await t.app.inject({ method: 'POST', url, headers: nav.headers, payload })).json();
  personId = (
    await post('/api/people', {
      givenName: 'Lena',
      familyName: 'Marsh',
      birthDate: '1985-07-09',
      sex: 'female',
      phone: '541-555-0142',
      language: 'es',
      address: { line1: '4 Gull St', postalCode: '97104' },
      identifier: { kind: 'mrn', value: 'TT-77' },
      confirmNoDuplicate: true,
    })
  ).id;
  const consent = await post(`/api/people/${personId}/consents`, {
    type: 'standard',
    disclosers: { type: 'organizations', organizationIds: [otp.id] },
    recipients: { type: 'treating_providers' },
    purposes: ['treatment', 'care_coordination'],
    kinds: ['sud_treatment', 'referrals'],
    informationDescription: 'My treatment and referrals',
    expiresOn: '2026-02-28',
  });
  consentId = consent.id;
  await post(`/api/consents/${consentId}/sign`, {
    signerName: 'Lena Marsh',
    signatureMethod: 'drawn',
    signatureImage: 'data:image/png;base64,iVBORw0KGgo=',
    acknowledged: true,
  });
});
afterAll(async () => t?.close());

const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

describe('FHIR R4 Patient and Consent', () => {
  it('reads a Patient as FHIR JSON, recorded as a disclosure only when it leaves the organization', async () => {
    const res = await get(nav, `/fhir/R4/Patient/${personId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const patient = res.json() as Patient;
    expect(patient).toMatchObject({ resourceType: 'Patient', id: personId, gender: 'female', birthDate: '1985-07-09' });
    expect(patient.name?.[0]).toMatchObject({ use: 'official', family: 'Marsh', given: ['Lena'] });
    expect(patient.identifier?.[0]?.value).toBe('TT-77');
    expect(patient.telecom).toEqual([{ system: 'phone', value: '541-555-0142' }]);
    expect(patient.communication?.[0]?.language.coding?.[0]?.code).toBe('es');
  });

  it('answers a Patient the caller may not see with a not-found OperationOutcome', async () => {
    const res = await get(outsider, `/fhir/R4/Patient/${personId}`);
    expect(res.statusCode).toBe(404);
    expect((res.json() as OperationOutcome).issue[0]?.code).toBe('not-found');
    const search = (await get(outsider, '/fhir/R4/Patient?name=Marsh')).json() as Bundle;
    expect(search).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 0 });
  });

  it('requires authentication', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${personId}` })).statusCode).toBe(401);
  });

  it('searches Patients by name, identifier and birth date', async () => {
    for (const query of ['name=Marsh', 'identifier=urn:x|TT-77', 'birthdate=1985-07-09']) {
      const bundle = (await get(nav, `/fhir/R4/Patient?${query}`)).json() as Bundle<Patient>;
      expect(bundle.entry?.map((e) => e.resource?.id)).toEqual([personId]);
    }
    expect((await get(nav, '/fhir/R4/Patient')).statusCode).toBe(400);
  });

  it('maps a Consent to R4 with the 42 CFR Part 2 policy, recipients, purposes and period', async () => {
    const consent = (await get(nav, `/fhir/R4/Consent/${consentId}`)).json() as FhirConsent;
    expect(consent).toMatchObject({
      resourceType: 'Consent',
      status: 'active',
      patient: { reference: `Patient/${personId}` },
      policyRule: { coding: [{ code: '42CFRPart2' }] },
    });
    expect(consent.scope.coding?.[0]?.code).toBe('patient-privacy');
    expect(consent.provision?.period?.end).toBe('2026-02-28');
    expect(consent.provision?.purpose?.map((p) => p.code)).toEqual(['TREAT', 'CAREMGT']);
    const roles = consent.provision?.actor?.map((a) => a.role.coding?.[0]?.code);
    expect(roles).toEqual(['CST', 'IRCP']);
    expect(consent.provision?.actor?.[0]?.reference).toMatchObject({ reference: `Organization/${otpId}`, display: 'Tidewater Treatment' });
    const bundle = (await get(nav, `/fhir/R4/Consent?patient=Patient/${personId}`)).json() as Bundle<FhirConsent>;
    expect(bundle.entry?.map((e) => e.resource?.id)).toEqual([consentId]);
  });
});

describe('consent expiry', () => {
  it('marks signed consents past their date as expired, once, with history', async () => {
    t.clock.set(new Date('2026-03-01T08:00:00Z'));
    expect(await expireDueConsents(t.db, t.clock)).toBe(1);
    expect(await expireDueConsents(t.db, t.clock)).toBe(0);
    nav = await signIn(t.app, navEmail);
    const consent = (await get(nav, `/api/consents/${consentId}`)).json();
    expect(consent.status).toBe('expired');
    expect(consent.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['draft', 'signed', 'expired']);
    expect(((await get(nav, `/fhir/R4/Consent/${consentId}`)).json() as FhirConsent).status).toBe('inactive');
  });
});
