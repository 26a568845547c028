import type { LightMyRequestResponse } from 'fastify';
import type { PathwayInput } from '@continuum/contracts';
import { createFixtureService, setFixtureCapacity } from '../directory/index.ts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';

/**
 * A small referral network for tests: an emergency department (sender), an opioid treatment
 * program with a buprenorphine service (receiver), a third organization that has nothing to do
 * with the referral, signed-in staff in each, a person registered by the ED, and a pathway ED → OTP.
 */
export async function referralNetwork(t: TestApp) {
  const ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  const otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  const other = await createTestOrganization(t.db, t.clock, { name: 'Faraway Clinic', type: 'primary_care' });
  const user = async (organizationId: string, roles: Parameters<typeof createTestUser>[2]['roles'], displayName: string) => {
    const u = await createTestUser(t.db, t.clock, { organizationId, roles, displayName });
    return { ...(await signIn(t.app, u.email)), userId: u.id, email: u.email };
  };
  const edClinician = await user(ed.id, ['clinician'], 'Dana ED');
  const edNavigator = await user(ed.id, ['care_navigator'], 'Nico Navigator');
  const otpClinician = await user(otp.id, ['clinician'], 'Oli OTP');
  const otpAdmin = await user(otp.id, ['org_admin'], 'Ada Admin');
  const otherClinician = await user(other.id, ['clinician'], 'Fay Faraway');
  const bup = await createFixtureService(t.db, t.clock, {
    name: 'Buprenorphine clinic',
    at: { latitude: 45.52, longitude: -122.68 },
    codes: ['BU', 'OP', 'MD'],
    memberOrganizationId: otp.id,
  });
  await setFixtureCapacity(t.db, t.clock, bup.service.id, { status: 'accepting', available: 4 }, t.clock.now());
  const person = await createTestPerson(t.db, t.clock, ed.id);

  const pathwayInput: PathwayInput = {
    name: 'ED to buprenorphine',
    referrerOrganizationTypes: ['emergency_department'],
    receiverOrganizationId: otp.id,
    serviceIds: [bup.service.id],
    inclusionCriteria: [{ key: 'oud', text: 'Opioid use disorder, moderate or severe' }],
    exclusionCriteria: [{ key: 'no_acute', text: 'No acute medical condition needing admission' }],
    requiredFields: [{ key: 'last_use', label: 'Last opioid use', type: 'date' }],
    requiredDocuments: [{ key: 'discharge', label: 'ED discharge summary' }],
    ackHours: 24,
    firstContactDays: 3,
    warmHandoffExpected: true,
    receiverContact: { name: 'Intake desk', phone: '555-0100' },
    activeFrom: '2026-01-01',
  };
  const pathway = (await call(t, otpAdmin, 'POST', '/api/referral-pathways', pathwayInput, 201)) as { id: string };

  return { ed, otp, other, edClinician, edNavigator, otpClinician, otpAdmin, otherClinician, bup, person, pathway, pathwayInput };
}
export type ReferralNetwork = Awaited<ReturnType<typeof referralNetwork>>;

/** Signs everyone in again (after the test clock moved past the session lifetime). */
export async function signInAgain(t: TestApp, n: ReferralNetwork): Promise<void> {
  for (const key of ['edClinician', 'edNavigator', 'otpClinician', 'otpAdmin', 'otherClinician'] as const) {
    Object.assign(n[key], await signIn(t.app, n[key].email));
  }
}

/** A request as `who`; checks the status when given and returns the JSON body (untyped: tests read what they assert). */
export async function call(
  t: TestApp,
  who: SignedIn,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  expectStatus?: number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  const res: LightMyRequestResponse = await t.app.inject({
    method,
    url,
    headers: who.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (expectStatus !== undefined && res.statusCode !== expectStatus)
    throw new Error(`${method} ${url}: expected ${expectStatus}, got ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : undefined;
}

/** A signed consent by the person for the ED to disclose referrals to `recipients` for treatment. */
export async function signedConsent(
  t: TestApp,
  n: ReferralNetwork,
  recipients: string[],
  kinds: string[] = ['referrals'],
): Promise<string> {
  const consent = await call(
    t,
    n.edClinician,
    'POST',
    `/api/people/${n.person.id}/consents`,
    {
      type: 'standard',
      disclosers: { type: 'organizations', organizationIds: [n.ed.id] },
      recipients: { type: 'organizations', organizationIds: recipients },
      purposes: ['treatment', 'care_coordination'],
      kinds,
      informationDescription: 'My referral for treatment and my appointments',
      expiresOn: '2026-12-31',
    },
    201,
  );
  await call(
    t,
    n.edClinician,
    'POST',
    `/api/consents/${consent.id}/sign`,
    { signerName: 'Avery Testperson', signatureMethod: 'attested', acknowledged: true },
    200,
  );
  return consent.id as string;
}

export const goodReferral = (n: ReferralNetwork, over: Record<string, unknown> = {}) => ({
  personId: n.person.id,
  pathwayId: n.pathway.id,
  serviceId: n.bup.service.id,
  locationId: n.bup.location.id,
  reason: 'Started buprenorphine in the ED; needs continuing care within 72 hours.',
  urgency: 'urgent',
  answers: { last_use: '2026-01-14' },
  criteriaConfirmed: ['oud', 'no_acute'],
  ...over,
});

export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF_TINY = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A multipart/form-data body with one file and optional text fields. */
export function multipartBody(file: { field?: string; name: string; type: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const boundary = `----continuum${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
    ),
  );
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
