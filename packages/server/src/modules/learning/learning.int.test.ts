import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CascadeResponse, ChartResponse, DrillDownResponse, MeasureResultsResponse } from '@continuum/contracts';
import { drainJobs } from '../../jobs/job-queue.ts';
import { jobRegistry } from '../../jobs/registry.ts';
import { createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';

/*
 * The learning system end to end: events imported by an ED and an OTP for 30 people, one
 * computation, then the stored cascade, measures, strata, charts, suppression, scopes,
 * drill-down and annotations over HTTP.
 *   people A (15, female): diagnosis + ED referral to MOUD on 2 Mar, MOUD from 5 Mar for 200 days
 *   people B (15: 12 female, 3 male): diagnosis + ED referral on 2 Mar, nothing after
 *   3 naloxone kits given to a person in April (a small count); 20 in May and 25 in June handed
 *   out without naming anyone (the overdose module's anonymous distributions)
 */

let t: TestApp;
let ed: { id: string };
let otp: { id: string };
let clinic: { id: string };
let health: { id: string };
type Who = Awaited<ReturnType<typeof signedInAs>>;
let edClinician: Who;
let otpClinician: Who;
let clinicClinician: Who;
let analyst: Who;
let admin: Who;
const groupA: string[] = [];
const groupB: string[] = [];

const get = async <T>(who: Who, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  return { status: res.statusCode, body: res.json() as T };
};

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater OTP', type: 'opioid_treatment_program' });
  clinic = await createTestOrganization(t.db, t.clock, { name: 'Bayside Clinic', type: 'primary_care' });
  health = await createTestOrganization(t.db, t.clock, { name: 'Public Health', type: 'public_health' });
  edClinician = await signedInAs(t, ['clinician'], { organizationId: ed.id });
  otpClinician = await signedInAs(t, ['clinician'], { organizationId: otp.id });
  clinicClinician = await signedInAs(t, ['clinician'], { organizationId: clinic.id });
  analyst = await signedInAs(t, ['analyst'], { organizationId: health.id });
  admin = await signedInAs(t, ['network_admin'], { organizationId: health.id });
  for (let i = 0; i < 30; i++) {
    const sex = i < 27 ? 'female' : 'male';
    const p = await createTestPerson(t.db, t.clock, ed.id, { sex, birthDate: '1985-04-02' });
    (i < 15 ? groupA : groupB).push(p.id);
    // The OTP knows group A by its own record numbers.
    if (i < 15)
      await t.db
        .insertInto('person_identifiers')
        .values({ person_id: p.id, organization_id: otp.id, kind: 'mrn', value: `OTP-${i}`, created_at: t.clock.now() })
        .execute();
  }
  const edItems = [...groupA, ...groupB].flatMap((personId, i) => [
    {
      person: { personId },
      event: {
        type: 'diagnosis',
        occurredAt: '2026-03-02T10:00:00Z',
        data: { code: 'F11.20', severity: 'moderate' },
        externalId: `dx-${i}`,
      },
    },
    {
      person: { personId },
      event: {
        type: 'referral',
        occurredAt: '2026-03-02T11:00:00Z',
        data: { referralId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, status: 'sent', serviceKind: 'moud' },
        externalId: `ref-${i}`,
      },
    },
  ]);
  edItems.push({
    person: { personId: groupB[0]! },
    event: { type: 'naloxone', occurredAt: '2026-04-10T10:00:00Z', data: { mode: 'kit_given', kits: 3 }, externalId: 'kit-1' },
  } as never);
  const r1 = await t.app.inject({ method: 'POST', url: '/api/care-events', headers: edClinician.headers, payload: { items: edItems } });
  expect(r1.statusCode).toBe(200);
  const otpItems = groupA.map((_, i) => ({
    person: { identifier: { kind: 'mrn', value: `OTP-${i}` } },
    event: {
      type: 'moud_dispense',
      occurredAt: '2026-03-05T15:00:00Z',
      data: { medication: 'buprenorphine', formulation: 'sublingual', daysSupply: 200 },
      externalId: `disp-${i}`,
    },
  }));
  const r2 = await t.app.inject({ method: 'POST', url: '/api/care-events', headers: otpClinician.headers, payload: { items: otpItems } });
  expect(r2.json()).toMatchObject({ applied: true, written: 15 });
  await t.db
    .insertInto('areas')
    .values({
      id: 'test-area',
      name: 'Test Area',
      town: 'Testville',
      postal_code: '97000',
      latitude: 44,
      longitude: -123,
      population: 10000,
    })
    .execute();
  for (const [at, kits] of [
    ['2026-05-12T10:00:00Z', 20],
    ['2026-06-12T10:00:00Z', 25],
  ] as const) {
    await t.db
      .insertInto('naloxone_distributions')
      .values({
        distributed_at: at,
        organization_id: health.id,
        area_id: 'test-area',
        place: 'Library outreach table',
        recipient_category: 'community_member',
        kits,
        leave_behind: false,
        person_id: null,
        created_at: t.clock.now(),
      })
      .execute();
  }
  // Recompute through the API (a job), as an analyst.
  const run = await t.app.inject({
    method: 'POST',
    url: '/api/learning/recompute',
    headers: analyst.headers,
    payload: { from: '2026-01', to: '2026-10' },
  });
  expect(run.statusCode).toBe(202);
  await drainJobs(t.db, t.clock, jobRegistry);
});
afterAll(async () => t?.close());

describe('computation', () => {
  it('finishes the run and audits one read of the events for it', async () => {
    const runs = await get<{ items: { status: string; people: number; events: number }[] }>(analyst, '/api/learning/runs');
    expect(runs.body.items[0]).toMatchObject({ status: 'done', people: 30, events: 76 });
    const audits = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'measures.read-events')
      .execute();
    expect(audits).toHaveLength(1);
  });
  it('only network administrators and analysts recompute', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/learning/recompute', headers: edClinician.headers, payload: {} });
    expect(res.statusCode).toBe(403);
  });
});

describe('cascade', () => {
  it('counts people at each stage, nested, for the period', async () => {
    const { status, body } = await get<CascadeResponse>(analyst, '/api/learning/cascade?from=2026-01&to=2026-10');
    expect(status).toBe(200);
    expect(body.period).toEqual({ from: '2026-01', to: '2026-10' });
    const counts = Object.fromEntries(body.stages.map((s) => [s.id, s.count]));
    expect(counts).toEqual({ estimated: null, identified: 30, engaged: 15, moud_started: 15, retained_6m: 15, recovery: 0 });
    expect(body.stages.find((s) => s.id === 'engaged')!.percentOfPrevious).toBe(0.5);
  });
  it('uses the OUD estimate a network administrator enters', async () => {
    const area = { id: 'test-area' };
    const denied = await t.app.inject({
      method: 'PUT',
      url: `/api/learning/oud-estimates/${area.id}`,
      headers: analyst.headers,
      payload: { method: 'prevalence', prevalence: 0.012 },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/learning/oud-estimates/${area.id}`,
      headers: admin.headers,
      payload: { method: 'prevalence' },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/learning/oud-estimates/${area.id}`,
      headers: admin.headers,
      payload: { method: 'prevalence', prevalence: 0.012, low: 90, high: 160 },
    });
    expect(ok.json()).toMatchObject({ estimated: 120 });
    const { body } = await get<CascadeResponse>(analyst, '/api/learning/cascade?from=2026-01&to=2026-10');
    expect(body.estimate).toEqual({ count: 120, low: 90, high: 160 });
    expect(body.stages.find((s) => s.id === 'identified')!.percentOfEstimated).toBe(0.25);
  });
  it('suppresses small strata, with complementary suppression', async () => {
    const { body } = await get<CascadeResponse>(analyst, '/api/learning/cascade?from=2026-01&to=2026-10&stratum=sex');
    const bySex = Object.fromEntries(body.strata.map((s) => [s.value, s.stages.find((x) => x.id === 'identified')]));
    // 3 men: suppressed; then women (27) too, or 30 − 27 would give it away.
    expect(bySex.male).toMatchObject({ count: null, suppressed: true });
    expect(bySex.female).toMatchObject({ count: null, suppressed: true });
    // Engaged: 15 women, 0 men — nothing to hide.
    expect(body.strata.find((s) => s.value === 'female')!.stages.find((x) => x.id === 'engaged')!.count).toBe(15);
  });
});

describe('measures', () => {
  it('computes the ED-to-MOUD conversion, retention, POD and IET for the period and per month', async () => {
    const { body } = await get<MeasureResultsResponse>(analyst, '/api/learning/results?from=2026-01&to=2026-10');
    const m = Object.fromEntries(body.results.map((r) => [r.measureId, r]));
    expect(m.ed_moud_conversion_7).toMatchObject({ numerator: 15, denominator: 30, rate: 0.5, target: 0.7, suppressed: false });
    expect(m.ed_moud_conversion_7!.months.find((x) => x.month === '2026-03')).toMatchObject({ numerator: 15, denominator: 30, value: 0.5 });
    expect(m.ed_moud_conversion_7!.months.find((x) => x.month === '2026-04')).toMatchObject({
      denominator: 0,
      value: null,
      suppressed: false,
    });
    expect(m.retention_180).toMatchObject({ numerator: 15, denominator: 15, rate: 1 });
    expect(m.pod_180).toMatchObject({ numerator: 15, denominator: 15 });
    expect(m.iet_initiation).toMatchObject({ numerator: 15, denominator: 30 });
    expect(m.iet_engagement).toMatchObject({ numerator: 0, denominator: 30, rate: 0 });
  });
  it('answers fixed reporting periods only: moving the end month neither moves the total nor shows another month', async () => {
    const answers = await Promise.all(
      ['to=2026-10', 'to=2026-09', 'from=2026-02&to=2026-09', 'from=2026-04&to=2026-06'].map(
        async (q) => (await get<MeasureResultsResponse>(analyst, `/api/learning/results?${q}`)).body,
      ),
    );
    const offered = ['2026-01..2026-10', '2026-01..2026-03', '2026-04..2026-06', '2026-07..2026-09'];
    for (const a of answers) expect(offered).toContain(`${a.period.from}..${a.period.to}`);
    expect(answers[0]!.period).toEqual(answers[1]!.period); // to=2026-09 is not a period of its own
    expect(answers[3]!.period).toEqual({ from: '2026-04', to: '2026-06' });
    // A month is shown or hidden the same whichever period it is answered in.
    const kits = (a: MeasureResultsResponse) => a.results.find((r) => r.measureId === 'naloxone_kits')!.months;
    const may = (a: MeasureResultsResponse) => kits(a).find((m) => m.month === '2026-05');
    expect(may(answers[3]!)).toEqual(may(answers[0]!));
  });
  it('never shows a count of 1–10, nor a month that the others would give away', async () => {
    const { body } = await get<MeasureResultsResponse>(analyst, '/api/learning/results?from=2026-01&to=2026-10');
    const kits = body.results.find((r) => r.measureId === 'naloxone_kits')!;
    // 3 + 20 + 25 kits: the total is shown; April (3) is hidden, and so is May, or 48 − 25 would give April away.
    expect(kits).toMatchObject({ numerator: 48, rate: 48, suppressed: false });
    const month = (m: string) => kits.months.find((x) => x.month === m)!;
    expect(month('2026-04')).toMatchObject({ value: null, suppressed: true });
    expect(month('2026-05')).toMatchObject({ value: null, suppressed: true });
    expect(month('2026-06')).toMatchObject({ numerator: 25, value: 25, suppressed: false });
    expect(JSON.stringify(body)).not.toContain('"numerator":3,');
    // Per organization: public health handed out the anonymous kits, the ED the 3 (hidden).
    const ph = await get<MeasureResultsResponse>(analyst, `/api/learning/results?from=2026-01&to=2026-10&organizationId=${health.id}`);
    expect(ph.body.results.find((r) => r.measureId === 'naloxone_kits')).toMatchObject({ numerator: 45 });
  });
  it('per organization: the episodes attributed to it, for its own staff, analysts and network administrators', async () => {
    const own = await get<MeasureResultsResponse>(edClinician, `/api/learning/results?from=2026-01&to=2026-10&organizationId=${ed.id}`);
    expect(own.status).toBe(200);
    expect(own.body.scope).toMatchObject({ kind: 'organization', organizationName: 'Harbor General ED' });
    expect(own.body.results.find((r) => r.measureId === 'ed_moud_conversion_7')).toMatchObject({ numerator: 15, denominator: 30 });
    expect(own.body.results.find((r) => r.measureId === 'retention_180')).toMatchObject({ numerator: 0, denominator: 0 });
    const otpView = await get<MeasureResultsResponse>(analyst, `/api/learning/results?from=2026-01&to=2026-10&organizationId=${otp.id}`);
    expect(otpView.body.results.find((r) => r.measureId === 'retention_180')).toMatchObject({ numerator: 15, denominator: 15 });
    const other = await get(clinicClinician, `/api/learning/results?organizationId=${ed.id}`);
    expect(other.status).toBe(403);
  });
  it('a measure stratified, with the series for one stratum value', async () => {
    const { body } = await get<MeasureResultsResponse>(
      analyst,
      '/api/learning/results?from=2026-01&to=2026-10&stratum=age_band&stratumValue=35-44',
    );
    const conv = body.results.find((r) => r.measureId === 'ed_moud_conversion_7')!;
    expect(conv.strata).toEqual([{ value: '35-44', label: '35-44', numerator: 15, denominator: 30, rate: 0.5, suppressed: false }]);
    expect(conv.months.find((x) => x.month === '2026-03')).toMatchObject({ numerator: 15, denominator: 30 });
  });
  it('targets are set by network administrators; the conversion window too', async () => {
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/learning/measures/ed_moud_conversion_7/target',
          headers: analyst.headers,
          payload: { target: 0.8 },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/learning/measures/fua_7/target',
      headers: admin.headers,
      payload: { target: 0.6, windowDays: 10 },
    });
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'windowDays' }] } } });
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/learning/measures/ed_moud_conversion_7/target',
          headers: admin.headers,
          payload: { target: 0.75 },
        })
      ).statusCode,
    ).toBe(200);
    const defs = await get<{ items: { id: string; target: number | null }[] }>(analyst, '/api/learning/measures');
    expect(defs.body.items.find((d) => d.id === 'ed_moud_conversion_7')!.target).toBe(0.75);
  });
});

describe('charts and annotations', () => {
  it('returns the series with its centre line, limits and annotations', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/learning/annotations',
      headers: analyst.headers,
      payload: { measureId: 'ed_moud_conversion_7', date: '2026-03-01', kind: 'change', text: 'ED bridge program starts' },
    });
    expect(created.statusCode).toBe(201);
    const { status, body } = await get<ChartResponse>(
      analyst,
      '/api/learning/measures/ed_moud_conversion_7/chart?from=2026-01&to=2026-10&chart=run',
    );
    expect(status).toBe(200);
    expect(body.chart).toBe('run');
    expect(body.points).toHaveLength(10);
    expect(body.annotations.map((a) => a.text)).toEqual(['ED bridge program starts']);
    const bad = await get(analyst, '/api/learning/measures/ed_moud_conversion_7/chart?baselineFrom=2026-06&baselineTo=2026-02');
    expect(bad.status).toBe(400);
  });
  it('annotations: clinicians may not write; organization administrators only for their organization; changes are audited', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/learning/annotations',
          headers: edClinician.headers,
          payload: { date: '2026-05-01', text: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const orgAdmin = await signedInAs(t, ['org_admin'], { organizationId: ed.id });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/learning/annotations',
          headers: orgAdmin.headers,
          payload: { date: '2026-05-01', text: 'network-wide' },
        })
      ).statusCode,
    ).toBe(403);
    const mine = await t.app.inject({
      method: 'POST',
      url: '/api/learning/annotations',
      headers: orgAdmin.headers,
      payload: { organizationId: ed.id, date: '2026-05-01', kind: 'pdsa', text: 'PDSA 1: peer in the ED' },
    });
    expect(mine.statusCode).toBe(201);
    const id = (mine.json() as { id: string }).id;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/learning/annotations/${id}`,
      headers: orgAdmin.headers,
      payload: { text: 'PDSA 1: peer in the ED on weekends' },
    });
    expect(patched.json()).toMatchObject({ text: 'PDSA 1: peer in the ED on weekends', kind: 'pdsa' });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/learning/annotations/${id}`, headers: orgAdmin.headers })).statusCode).toBe(
      200,
    );
    const actions = (await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'learning_annotation').execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['learning.annotation.create', 'learning.annotation.update', 'learning.annotation.delete']),
    );
  });
  it('strata options list every dimension', async () => {
    const { body } = await get<{ dimensions: { id: string; values: { value: string }[] }[] }>(analyst, '/api/learning/strata');
    expect(body.dimensions.map((d) => d.id)).toEqual(['age_band', 'sex', 'race', 'ethnicity', 'payer', 'area', 'special_population']);
    expect(body.dimensions.find((d) => d.id === 'sex')!.values.map((v) => v.value)).toEqual(['female', 'male', 'unknown']);
  });
});

describe('drill-down', () => {
  it('lists the people behind a number for a clinician who may see them', async () => {
    const { status, body } = await get<DrillDownResponse>(
      edClinician,
      '/api/learning/measures/ed_moud_conversion_7/people?month=2026-03&group=not_met',
    );
    expect(status).toBe(200);
    expect(body.items.map((i) => i.personId).sort()).toEqual([...groupB].sort());
    expect(body.items.every((i) => !i.met && i.eventDate === '2026-03-02')).toBe(true);
    expect(body.notShown).toBe(0);
    const disclosures = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'measures.read-events').execute();
    expect(disclosures.length).toBeGreaterThanOrEqual(2);
  });
  it('counts, without naming, the people a clinician elsewhere may not see', async () => {
    const { body } = await get<DrillDownResponse>(
      clinicClinician,
      '/api/learning/measures/ed_moud_conversion_7/people?month=2026-03&group=numerator',
    );
    expect(body.items).toEqual([]);
    expect(body.notShown).toBe(15);
  });
  it('analysts see aggregates only', async () => {
    const res = await get(analyst, '/api/learning/measures/ed_moud_conversion_7/people?month=2026-03');
    expect(res.status).toBe(403);
  });
});
