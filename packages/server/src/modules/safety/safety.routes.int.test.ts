import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, safetyCheckRoles, type CdsResponse, type Role, type SafetyCheckResult } from '@continuum/contracts';
import { createApiToken } from '../identity/api-tokens.ts';
import { approvePendingTokens, createTestMemberAccess, createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { bundle, condition, daysBefore, medicationRequest, patient } from './fhir-fixtures.ts';

let t: TestApp;
let orgId: string;
const signedIn = new Map<Role, SignedIn>();
let clinicianToken: string;
let partnerToken: string;

beforeAll(async () => {
  t = await buildTestApp();
  orgId = (await createTestOrganization(t.db, t.clock)).id;
  for (const role of roles) {
    const user = await createTestUser(t.db, t.clock, { organizationId: orgId, roles: [role] });
    signedIn.set(role, await signIn(t.app, user.email));
  }
  const admin = await createTestMemberAccess(t.db, t.clock, orgId, ['org_admin']);
  clinicianToken = (await createApiToken(t.db, t.clock, admin, orgId, { name: 'EHR', roles: ['clinician'] }, t.config)).secret;
  partnerToken = (await createApiToken(t.db, t.clock, admin, orgId, { name: 'Partner', roles: ['partner_staff'] }, t.config)).secret;
  await approvePendingTokens(t.db);
});
afterAll(() => t.close());

const oxycodone = (o: { id: string; tabs?: number; status?: 'draft' | 'active'; supplyDays?: number }) =>
  medicationRequest({
    id: o.id,
    rxcui: '1049621',
    dose: o.tabs ?? 1,
    unit: 'TAB',
    frequency: 4,
    supplyDays: o.supplyDays ?? 30,
    status: o.status ?? 'active',
    authoredOn: daysBefore(10),
  });

const orderSign = (draftTabs: number) => ({
  hook: 'order-sign',
  hookInstance: 'd1fba4d8-9a1e-4b8f-8d23-6b1a1f4c6e01',
  context: { userId: 'Practitioner/1', patientId: 'p1', draftOrders: bundle([oxycodone({ id: 'new', tabs: draftTabs, status: 'draft' })]) },
  prefetch: {
    patient: patient(),
    medications: bundle([oxycodone({ id: 'old' })]),
    conditions: bundle([condition({ system: 'icd10', code: 'F10.20', status: 'active' })]),
  },
});

describe('POST /api/safety/check', () => {
  it('refuses anonymous callers', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/safety/check', payload: bundle([]) });
    expect(res.statusCode).toBe(401);
  });

  it.each(roles.map((r) => [r, safetyCheckRoles.includes(r)] as const))('role %s allowed: %s', async (role, allowed) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/safety/check',
      headers: signedIn.get(role)!.headers,
      payload: bundle([patient()]),
    });
    expect(res.statusCode).toBe(allowed ? 200 : 403);
    if (!allowed) expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('computes MME, the timeline and the rules from a FHIR Bundle', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/safety/check',
      headers: signedIn.get('clinician')!.headers,
      payload: bundle([patient(), oxycodone({ id: 'a' }), oxycodone({ id: 'b' })]),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<SafetyCheckResult>();
    expect(body.mmePerDay).toBe(60);
    expect(body.timeline).toHaveLength(90);
    expect(body.timeline.at(-1)).toEqual({ date: '2026-01-15', mmePerDay: 60, complete: true });
    expect(body.rules.map((r) => r.code)).toContain('MME_AT_LEAST_50');
  });

  it('takes the same CDS Hooks request as the services', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/safety/check',
      headers: { authorization: `Bearer ${clinicianToken}` },
      payload: orderSign(2),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<SafetyCheckResult>();
    expect(body.hook).toBe('order-sign');
    expect(body.mmePerDay).toBe(90);
    expect(body.rules.map((r) => r.code)).toEqual(expect.arrayContaining(['MME_AT_LEAST_90', 'OFFER_NALOXONE']));
  });

  it.each([
    [{ resourceType: 'Patient' }, 'body.resourceType'],
    [{ hook: 'encounter-start', context: {} }, 'body.hook'],
    [{ hook: 'order-sign', context: { patientId: 'p1' } }, 'body.context.draftOrders'],
    [{ resourceType: 'Bundle', entry: [{ resource: { id: 'x' } }] }, 'body.entry[0].resource'],
  ])('bad input names the field (%j)', async (payload, path) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/safety/check', headers: signedIn.get('clinician')!.headers, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe(path);
  });

  it('stores nothing: no audit entry, no new rows', async () => {
    const before = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await t.app.inject({
      method: 'POST',
      url: '/api/safety/check',
      headers: signedIn.get('clinician')!.headers,
      payload: bundle([patient(), oxycodone({ id: 'a' })]),
    });
    const after = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('CDS Hooks', () => {
  it('discovery is public and lists the three services with prefetch templates', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/cds-services' });
    expect(res.statusCode).toBe(200);
    const { services } = res.json<{ services: { hook: string; id: string; prefetch: Record<string, string> }[] }>();
    expect(services.map((s) => s.hook).sort()).toEqual(['order-select', 'order-sign', 'patient-view']);
    for (const s of services) expect(s.prefetch.patient).toBe('Patient/{{context.patientId}}');
  });

  it('a service call needs an API token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/cds-services/continuum-opioid-order-sign', payload: orderSign(1) });
    expect(res.statusCode).toBe(401);
    const withCookie = await t.app.inject({
      method: 'POST',
      url: '/cds-services/continuum-opioid-order-sign',
      headers: signedIn.get('clinician')!.headers,
      payload: orderSign(1),
    });
    expect(withCookie.statusCode).toBe(401);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/cds-services/continuum-opioid-order-sign',
      headers: { authorization: 'Bearer ctm_not-a-token' },
      payload: orderSign(1),
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('a token without a clinical role is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/cds-services/continuum-opioid-order-sign',
      headers: { authorization: `Bearer ${partnerToken}` },
      payload: orderSign(1),
    });
    expect(res.statusCode).toBe(403);
  });

  it('order-sign returns cards whose topic code is the rule code, with the MME in the detail', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/cds-services/continuum-opioid-order-sign',
      headers: { authorization: `Bearer ${clinicianToken}` },
      payload: orderSign(2),
    });
    expect(res.statusCode).toBe(200);
    const { cards } = res.json<CdsResponse>();
    const high = cards.find((c) => c.source.topic.code === 'MME_AT_LEAST_90');
    expect(high).toMatchObject({ indicator: 'critical', summary: 'Total dose at or above 90 MME/day: 90 MME/day' });
    expect(high?.detail).toContain('**90 MME/day**');
    expect(high?.detail).toContain('Recommendations 4 and 5');
    expect(high?.suggestions?.map((s) => s.label)).toEqual(['Plan a taper', 'Offer naloxone']);
    for (const c of cards) expect(c.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('order-select fires only the combination rules', async () => {
    const payload = {
      hook: 'order-select',
      hookInstance: 'i1',
      context: {
        userId: 'Practitioner/1',
        patientId: 'p1',
        selections: ['MedicationRequest/new'],
        draftOrders: bundle([oxycodone({ id: 'new', status: 'draft' })]),
      },
      prefetch: {
        patient: patient(),
        medications: bundle([
          medicationRequest({ id: 'b', rxcui: '197321', dose: 1, unit: 'TAB', frequency: 1, authoredOn: daysBefore(20) }),
        ]),
      },
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/cds-services/continuum-opioid-order-select',
      headers: { authorization: `Bearer ${clinicianToken}` },
      payload,
    });
    expect(res.json<CdsResponse>().cards.map((c) => c.source.topic.code)).toEqual(['OPIOID_WITH_BENZODIAZEPINE']);
  });

  it('patient-view offers MOUD for a recent OUD diagnosis with no MOUD', async () => {
    const payload = {
      hook: 'patient-view',
      hookInstance: 'i2',
      context: { userId: 'Practitioner/1', patientId: 'p1' },
      prefetch: {
        patient: patient(),
        medications: null,
        conditions: bundle([condition({ system: 'icd10', code: 'F11.20', status: 'active', recorded: daysBefore(3) })]),
      },
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/cds-services/continuum-opioid-patient-view',
      headers: { authorization: `Bearer ${clinicianToken}` },
      payload,
    });
    expect(res.statusCode).toBe(200);
    const cards = res.json<CdsResponse>().cards;
    expect(cards.map((c) => c.source.topic.code)).toEqual(['OFFER_MOUD']);
    expect(cards[0]?.detail).toContain('No pain opioid with an MME is active.');
  });

  it.each([
    ['an unknown service', '/cds-services/nope', orderSign(1), 404, undefined],
    ['the wrong hook for the service', '/cds-services/continuum-opioid-patient-view', orderSign(1), 400, 'body.hook'],
    [
      'a missing prefetch key',
      '/cds-services/continuum-opioid-order-sign',
      { ...orderSign(1), prefetch: { patient: patient() } },
      400,
      'body.prefetch.medications',
    ],
  ])('%s → %s', async (_n, url, payload, status, path) => {
    const res = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${clinicianToken}` }, payload });
    expect(res.statusCode).toBe(status);
    if (path) expect(res.json().error.details.fields[0].path).toBe(path);
  });
});

describe('POST /api/safety/taper', () => {
  it('plans a taper from today by default', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/safety/taper',
      headers: signedIn.get('clinician')!.headers,
      payload: { ingredient: 'oxycodone', currentDailyMg: 30, dosesPerDay: 3, strengthsMg: [5] },
    });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan.steps[0]).toMatchObject({ startDate: '2026-01-15', dailyMg: 30, mmePerDay: 45 });
    expect(plan.steps.at(-1).dailyMg).toBe(0);
  });
  it.each([
    [{ ingredient: 'methadone', currentDailyMg: 30, dosesPerDay: 1 }, 'body.ingredient'],
    [{ ingredient: 'oxycodone', currentDailyMg: 30, dosesPerDay: 3, percent: 80 }, 'body.percent'],
    [{ ingredient: 'oxycodone', currentDailyMg: 30, dosesPerDay: 3, strengthsMg: [4.84] }, 'body'],
  ])('refuses %j naming %s', async (payload, path) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/safety/taper', headers: signedIn.get('clinician')!.headers, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe(path);
  });
  it('is refused to roles without safety checks', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/safety/taper',
      headers: signedIn.get('partner_staff')!.headers,
      payload: { ingredient: 'oxycodone', currentDailyMg: 30, dosesPerDay: 3 },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('CDS Hooks request size and order of checks', () => {
  it('refuses an unauthenticated call before reading its body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/cds-services/continuum-opioid-order-sign',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(res.statusCode).toBe(401);
  });
  it('accepts a prefetch larger than the API default limit (1 MiB)', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => oxycodone({ id: `m${i}`, status: 'active' }));
    const payload = { ...orderSign(1), prefetch: { patient: patient(), medications: bundle(many) } };
    expect(JSON.stringify(payload).length).toBeGreaterThan(1024 * 1024);
    const res = await t.app.inject({
      method: 'POST',
      url: '/cds-services/continuum-opioid-order-sign',
      headers: { authorization: `Bearer ${clinicianToken}` },
      payload,
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents the prescribing-safety endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/safety/check',
        '/api/safety/taper',
        '/cds-services',
        '/cds-services/{id}',
        '/api/people/{id}/safety',
        '/api/people/{id}/safety/naloxone-offered',
        '/api/safety/prescriber-report',
      ]),
    );
  });
});

describe('implausible doses (issue: negative or absurd values)', () => {
  const withDose = (value: number) => {
    const request = orderSign(1);
    const draft = request.context.draftOrders.entry![0]!.resource as {
      dosageInstruction: { doseAndRate: { doseQuantity: { value: number } }[] }[];
    };
    draft.dosageInstruction[0]!.doseAndRate[0]!.doseQuantity.value = value;
    return request;
  };
  const field = 'body.context.draftOrders.entry[0].resource.dosageInstruction[0].doseAndRate[0].doseQuantity.value';
  it.each([-4, 0, 1e308])('POST /api/safety/check refuses a dose of %s naming the field', async (value) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/safety/check',
      headers: signedIn.get('clinician')!.headers,
      payload: withDose(value),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe(field);
  });
  it.each([-4, 1e308])(
    'the CDS Hooks service answers a dose of %s with cards: not computable, the problem named, the high dose still flagged',
    async (value) => {
      const request = withDose(value);
      // The active order alone is 6 tablets of 5 mg oxycodone 4 times a day: 180 MME/day.
      (
        request.prefetch.medications.entry![0]!.resource as { dosageInstruction: { doseAndRate: { doseQuantity: { value: number } }[] }[] }
      ).dosageInstruction[0]!.doseAndRate[0]!.doseQuantity.value = 6;
      const res = await t.app.inject({
        method: 'POST',
        url: '/cds-services/continuum-opioid-order-sign',
        headers: { authorization: `Bearer ${clinicianToken}` },
        payload: request,
      });
      expect(res.statusCode).toBe(200);
      const cards = (res.json() as CdsResponse).cards;
      const topics = cards.map((c) => c.source.topic?.code);
      expect(topics).toEqual(expect.arrayContaining(['RECORD_PROBLEM', 'MME_NOT_COMPUTABLE', 'MME_AT_LEAST_90']));
      expect(cards.find((c) => c.source.topic?.code === 'RECORD_PROBLEM')?.detail).toContain(field);
    },
  );
});
