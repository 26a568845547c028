import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartResponse, MeasureResultsResponse } from '@continuum/contracts';
import { drainJobs } from '../../jobs/job-queue.ts';
import { jobRegistry } from '../../jobs/registry.ts';
import { createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';

/*
 * The monthly counts in the scenario model's units, end to end on a real database: 15 people on MOUD
 * from an OTP (March to September), overdose reports from EMS (12 deaths in May, 3 non-fatal in June,
 * 20 non-fatal in July), one computation, then the counts per month, small counts hidden, and who may
 * see an organization's figures.
 */

let t: TestApp;
let otp: { id: string };
let ems: { id: string };
type Who = Awaited<ReturnType<typeof signedInAs>>;
let otpClinician: Who;
let clinicClinician: Who;
let analyst: Who;

const get = async <T>(who: Who, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  return { status: res.statusCode, body: res.json() as T };
};
const months = (r: MeasureResultsResponse, id: string) =>
  Object.fromEntries(r.results.find((m) => m.measureId === id)!.months.map((m) => [m.month, m.suppressed ? 'hidden' : m.value]));

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater OTP', type: 'opioid_treatment_program' });
  ems = await createTestOrganization(t.db, t.clock, { name: 'County EMS', type: 'ems' });
  const clinic = await createTestOrganization(t.db, t.clock, { name: 'Bayside Clinic', type: 'primary_care' });
  otpClinician = await signedInAs(t, ['clinician'], { organizationId: otp.id });
  clinicClinician = await signedInAs(t, ['clinician'], { organizationId: clinic.id });
  analyst = await signedInAs(t, ['analyst'], { organizationId: clinic.id });
  const items = [];
  for (let i = 0; i < 15; i++) {
    const p = await createTestPerson(t.db, t.clock, otp.id, { sex: 'female', birthDate: '1985-04-02' });
    items.push({
      person: { personId: p.id },
      event: {
        type: 'moud_dispense',
        occurredAt: '2026-03-05T15:00:00Z',
        data: { medication: 'buprenorphine', formulation: 'sublingual', daysSupply: 200 },
        externalId: `disp-${i}`,
      },
    });
  }
  const imported = await t.app.inject({ method: 'POST', url: '/api/care-events', headers: otpClinician.headers, payload: { items } });
  expect(imported.json()).toMatchObject({ applied: true, written: 15 });
  await t.db
    .insertInto('areas')
    .values({ id: 'mc-area', name: 'Count town', town: 'Town', postal_code: '00000', latitude: 40, longitude: -75, population: 10_000 })
    .execute();
  const rows = [];
  for (const [month, fatal, n] of [
    ['05', true, 12],
    ['06', false, 3],
    ['07', false, 20],
  ] as const)
    for (let k = 0; k < n; k++) {
      const at = new Date(`2026-${month}-${String(1 + k).padStart(2, '0')}T12:00:00Z`);
      rows.push({
        occurred_at: at,
        area_id: 'mc-area',
        fatal,
        disposition: fatal ? 'deceased' : 'transported',
        reporting_organization_id: ems.id,
        source_type: 'ems' as const,
        created_at: at,
        updated_at: at,
      });
    }
  await t.db
    .insertInto('overdose_events')
    .values(rows as never)
    .execute();
  const run = await t.app.inject({
    method: 'POST',
    url: '/api/learning/recompute',
    headers: analyst.headers,
    payload: { from: '2026-01', to: '2026-10' },
  });
  expect(run.statusCode).toBe(202);
  await drainJobs(t.db, t.clock, jobRegistry);
}, 60_000);
afterAll(async () => t?.close());

describe('monthly counts', () => {
  it('count people in MOUD each month they were covered, and overdoses by the month they happened; 1–10 hidden', async () => {
    const { status, body } = await get<MeasureResultsResponse>(analyst, '/api/learning/results?from=2026-01&to=2026-10');
    expect(status).toBe(200);
    // 200 days from 5 March: to 20 September.
    expect(months(body, 'people_in_moud')).toMatchObject({ '2026-02': 0, '2026-03': 15, '2026-09': 15, '2026-10': 0 });
    expect(months(body, 'overdose_deaths')).toMatchObject({ '2026-04': 0, '2026-05': 12, '2026-06': 0 });
    // 3 in June is hidden; the period total (23) is shown, so July is hidden too (complementary suppression).
    expect(months(body, 'nonfatal_overdoses')).toMatchObject({ '2026-05': 0, '2026-06': 'hidden', '2026-07': 'hidden' });
    expect(body.results.find((m) => m.measureId === 'nonfatal_overdoses')!.numerator).toBe(23);
  });

  it('are drawn as run charts, network-wide and for the organization that recorded them', async () => {
    const chart = await get<ChartResponse>(analyst, '/api/learning/measures/people_in_moud/chart?from=2026-01&to=2026-10');
    expect(chart.status).toBe(200);
    expect(chart.body.chart).toBe('run');
    expect(chart.body.points.find((p) => p.month === '2026-04')!.value).toBe(15);
    const own = await get<MeasureResultsResponse>(otpClinician, `/api/learning/results?from=2026-01&to=2026-10&organizationId=${otp.id}`);
    expect(months(own.body, 'people_in_moud')['2026-05']).toBe(15);
    expect(months(own.body, 'overdose_deaths')['2026-05']).toBe(0);
    const emsCounts = await get<MeasureResultsResponse>(analyst, `/api/learning/results?from=2026-01&to=2026-10&organizationId=${ems.id}`);
    expect(months(emsCounts.body, 'overdose_deaths')['2026-05']).toBe(12);
  });

  it("keep an organization's figures to its staff, network administrators and analysts", async () => {
    const other = await get(clinicClinician, `/api/learning/results?from=2026-01&to=2026-10&organizationId=${otp.id}`);
    expect(other.status).toBe(403);
  });

  it('have no list of people behind them (the field is named)', async () => {
    const res = await get<{ error: { fields: { path: string }[] } }>(
      otpClinician,
      '/api/learning/measures/people_in_moud/people?month=2026-04',
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('"id"');
  });
});
