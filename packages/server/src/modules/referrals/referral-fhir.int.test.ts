import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, CapabilityStatement, OperationOutcome, ServiceRequest, Task } from '@medplum/fhirtypes';
import { approvePendingTokens, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type TestApp } from '../../test-support/test-app.ts';
import { roles, type Role } from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { ANSWER_EXTENSION, CRITERION_EXTENSION, PATHWAY_SYSTEM } from './referral-fhir.ts';
import { searchFhirReferrals } from './referral-fhir-read.ts';
import { REFERRAL_ROLES } from './referrals.ts';
import { referralNetwork, signedConsent, type ReferralNetwork } from './referral.fixtures.ts';

let t: TestApp;
let n: ReferralNetwork;
const bearer: Record<'ed' | 'otp' | 'other', Record<string, string>> = { ed: {}, otp: {}, other: {} };
const FHIR = 'application/fhir+json';

async function tokenFor(organizationId: string): Promise<Record<string, string>> {
  const admin = await createTestUser(t.db, t.clock, { organizationId, roles: ['org_admin'] });
  const s = await signIn(t.app, admin.email);
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/admin/organizations/${organizationId}/api-tokens`,
    headers: s.headers,
    payload: { name: 'EHR', roles: ['clinician'] },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  await approvePendingTokens(t.db);
  return { authorization: `Bearer ${r.json().secret}` };
}

beforeAll(async () => {
  t = await buildTestApp();
  n = await referralNetwork(t);
  await signedConsent(t, n, [n.otp.id]);
  bearer.ed = await tokenFor(n.ed.id);
  bearer.otp = await tokenFor(n.otp.id);
  bearer.other = await tokenFor(n.other.id);
});
afterAll(async () => t?.close());

const serviceRequest = (over: Record<string, unknown> = {}) => ({
  resourceType: 'ServiceRequest',
  status: 'active',
  intent: 'order',
  priority: 'urgent',
  identifier: [{ system: 'urn:ehr:harbor', value: 'HG-REF-1' }],
  subject: { reference: `Patient/${n.person.id}` },
  code: { coding: [{ system: PATHWAY_SYSTEM, code: n.pathway.id }] },
  performer: [{ reference: `Organization/${n.otp.id}` }, { reference: `HealthcareService/${n.bup.service.id}` }],
  reasonCode: [{ text: 'Buprenorphine started in the ED' }],
  extension: [
    {
      url: ANSWER_EXTENSION,
      extension: [
        { url: 'key', valueString: 'last_use' },
        { url: 'value', valueString: '2026-01-14' },
      ],
    },
    { url: CRITERION_EXTENSION, valueString: 'oud' },
    { url: CRITERION_EXTENSION, valueString: 'no_acute' },
  ],
  ...over,
});

const send = (who: keyof typeof bearer, method: 'GET' | 'POST' | 'PUT', url: string, body?: object) =>
  t.app.inject({
    method,
    url,
    headers: { ...bearer[who], ...(body ? { 'content-type': FHIR } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });

describe('FHIR closed-loop referral (ServiceRequest + Task)', () => {
  let id: string;

  it('publishes a CapabilityStatement without sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const cs = res.json() as CapabilityStatement;
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest![0]!.resource!.map((r) => r.type)).toEqual(['Patient', 'Consent', 'ServiceRequest', 'Task']);
    expect(cs.rest![0]!.resource!.find((r) => r.type === 'Task')!.interaction!.map((i) => i.code)).toEqual([
      'read',
      'search-type',
      'create',
      'update',
    ]);
    // Also at the unversioned path the issue names.
    expect((await t.app.inject({ method: 'GET', url: '/fhir/metadata' })).json()).toEqual(cs);
  });

  it('answers OperationOutcome for a ServiceRequest missing what the pathway requires', async () => {
    const res = await send('ed', 'POST', '/fhir/R4/ServiceRequest', serviceRequest({ extension: [] }));
    expect(res.statusCode).toBe(400);
    const oo = res.json() as OperationOutcome;
    expect(oo.resourceType).toBe('OperationOutcome');
    expect(oo.issue[0]!.code).toBe('invalid');
    expect(oo.issue[0]!.diagnostics).toContain('body.answers.last_use');
  });

  it('create → update → search round trip', async () => {
    const created = await send('ed', 'POST', '/fhir/R4/ServiceRequest', serviceRequest());
    expect(created.statusCode, created.body).toBe(201);
    const sr = created.json() as ServiceRequest;
    id = sr.id!;
    expect(created.headers.location).toBe(`/fhir/R4/ServiceRequest/${id}`);
    expect(sr).toMatchObject({
      status: 'active',
      intent: 'order',
      priority: 'urgent',
      subject: { reference: `Patient/${n.person.id}` },
      requester: { reference: `Organization/${n.ed.id}` },
    });
    // Retrying with the same identifier is the same referral.
    expect((await send('ed', 'POST', '/fhir/R4/ServiceRequest', serviceRequest())).json().id).toBe(id);

    const task = (
      await send('otp', 'POST', '/fhir/R4/Task', {
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        focus: { reference: `ServiceRequest/${id}` },
      })
    ).json() as Task;
    expect(task).toMatchObject({
      id,
      status: 'requested',
      focus: { reference: `ServiceRequest/${id}` },
      for: { reference: `Patient/${n.person.id}` },
      owner: { reference: `Organization/${n.otp.id}` },
    });
    expect(task.businessStatus).toBeUndefined();

    const put = (body: Partial<Task>) => send('otp', 'PUT', `/fhir/R4/Task/${id}`, { ...task, ...body });
    expect((await put({ status: 'requested', businessStatus: { text: 'acknowledged' } })).json()).toMatchObject({
      status: 'requested',
      businessStatus: { text: 'acknowledged' },
    });
    expect((await put({ status: 'accepted', businessStatus: undefined })).json()).toMatchObject({ status: 'accepted' });
    const scheduled = (
      await put({
        status: 'accepted',
        businessStatus: { text: 'scheduled' },
        output: [{ type: { coding: [{ code: 'appointment' }] }, valueDateTime: '2026-01-17T17:00:00.000Z' }],
      })
    ).json() as Task;
    expect(scheduled).toMatchObject({
      status: 'accepted',
      businessStatus: { text: 'scheduled' },
      output: [{ valueDateTime: '2026-01-17T17:00:00.000Z' }],
    });
    // The sender's EHR may not move the receiver's Task.
    const bySender = await send('ed', 'PUT', `/fhir/R4/Task/${id}`, { ...task, status: 'in-progress' });
    expect(bySender.statusCode).toBe(409);
    expect((bySender.json() as OperationOutcome).resourceType).toBe('OperationOutcome');
    expect((await put({ status: 'in-progress', businessStatus: undefined })).json()).toMatchObject({ status: 'in-progress' });
    const done = (
      await put({
        status: 'completed',
        output: [{ type: { coding: [{ code: 'outcome' }] }, valueString: 'Started buprenorphine, weekly visits' }],
      })
    ).json() as Task;
    expect(done.status).toBe('completed');
    expect(done.output!.find((o) => o.valueString)).toMatchObject({ valueString: 'Started buprenorphine, weekly visits' });

    const tasks = (await send('ed', 'GET', `/fhir/R4/Task?patient=Patient/${n.person.id}&status=completed`)).json() as Bundle<Task>;
    expect(tasks.entry!.map((e) => [e.resource!.id, e.resource!.status])).toEqual([[id, 'completed']]);
    const srs = (
      await send('otp', 'GET', `/fhir/R4/ServiceRequest?patient=${n.person.id}&status=completed`)
    ).json() as Bundle<ServiceRequest>;
    expect(srs.entry!.map((e) => e.resource!.id)).toEqual([id]);
    expect((await send('ed', 'GET', `/fhir/R4/Task?status=requested`)).json().total).toBe(0);

    // The same loop as the JSON API sees it.
    const detail = await t.db
      .selectFrom('referrals')
      .select(['status', 'outcome', 'external_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(detail).toEqual({ status: 'completed', outcome: 'Started buprenorphine, weekly visits', external_id: 'HG-REF-1' });
  });

  it('a third organization finds nothing and reads nothing', async () => {
    const read = await send('other', 'GET', `/fhir/R4/ServiceRequest/${id}`);
    expect(read.statusCode).toBe(404);
    expect((read.json() as OperationOutcome).issue[0]!.code).toBe('not-found');
    expect((await send('other', 'GET', `/fhir/R4/Task/${id}`)).statusCode).toBe(404);
    expect((await send('other', 'GET', `/fhir/R4/Task?patient=${n.person.id}`)).json().total).toBe(0);
    expect((await send('other', 'PUT', `/fhir/R4/Task/${id}`, { resourceType: 'Task', status: 'cancelled' })).statusCode).toBe(404);
  });

  it('a ServiceRequest without a covering consent is refused and creates nothing', async () => {
    const before = await t.db.selectFrom('referrals').select('id').execute();
    const otherPerson = await (await import('../../test-support/factories.ts')).createTestPerson(t.db, t.clock, n.ed.id);
    const res = await send(
      'ed',
      'POST',
      '/fhir/R4/ServiceRequest',
      serviceRequest({ identifier: [], subject: { reference: `Patient/${otherPerson.id}` } }),
    );
    expect(res.statusCode).toBe(409);
    expect((res.json() as OperationOutcome).issue[0]!.diagnostics).toContain('consent');
    expect(await t.db.selectFrom('referrals').select('id').execute()).toHaveLength(before.length);
  });
});

describe('searchFhirReferrals (the domain function behind ServiceRequest and Task search)', () => {
  const accessAs = (role: Role, organizationId: string | null): AccessContext => ({
    actor: { type: 'user', userId: n.otpAdmin.userId, sessionId: 's' },
    organizationId,
    roles: [role],
    requestId: null,
  });
  const codeOf = async (access: AccessContext) => {
    try {
      await searchFhirReferrals(t.db, t.clock, access, { _count: 10 }, (s) => s);
      return null;
    } catch (error) {
      if (error instanceof AppError) return error.code;
      throw error;
    }
  };

  it.each(roles.map((r) => [r, REFERRAL_ROLES.includes(r)] as const))('role %s allowed: %s', async (role, allowed) => {
    expect(await codeOf(accessAs(role, n.otp.id))).toBe(allowed ? null : 'FORBIDDEN');
  });

  it('refuses a caller without an organization', async () => {
    expect(await codeOf(accessAs('clinician', null))).toBe('ORGANIZATION_NOT_SELECTED');
  });
});
