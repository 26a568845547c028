import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioRun, ScenarioRunDetail } from '@continuum/contracts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { createTestOrganization } from '../../test-support/factories.ts';
import { runOneJob } from '../../jobs/job-queue.ts';
import { jobRegistry } from '../../jobs/registry.ts';
import { fixtureAccess } from '../directory/directory.fixtures.ts';
import { setAreaEstimate } from '../learning/estimates.ts';
import { pdfTextRuns } from '../../test-support/pdf-text.ts';

/*
 * A run end to end on a real database: an area with an OUD estimate and two years of overdoses in,
 * the job computing on a worker thread, the stored run out over HTTP with the fit against the observed
 * months (small counts hidden), the ensemble, the tornado and the summary; roles, validation, audit, CSV.
 */

let t: TestApp;
let analyst: Awaited<ReturnType<typeof signedInAs>>;
let clinician: Awaited<ReturnType<typeof signedInAs>>;
let queued: ScenarioRun;

const body = {
  name: 'Naloxone or ED induction',
  years: 2,
  draws: 40,
  seed: 7,
  scenarios: [
    { name: 'More naloxone', levers: { naloxoneKitsPerYear: 20_000 } },
    { name: 'ED induction', levers: { edInduction: 0.5 } },
  ],
};

beforeAll(async () => {
  t = await buildTestApp();
  analyst = await signedInAs(t, ['analyst']);
  clinician = await signedInAs(t, ['clinician']);
  await t.db
    .insertInto('areas')
    .values({ id: 'SC1', name: 'Scenario town', town: 'Town', postal_code: '00000', latitude: 40, longitude: -75, population: 200_000 })
    .execute();
  await setAreaEstimate(t.db, t.clock, fixtureAccess, 'SC1', { method: 'count', count: 4000, source: 'test' });
  const org = await createTestOrganization(t.db, t.clock);
  // 2024-01 … 2025-12 (the clock is in January 2026): 40 non-fatal and 3 fatal overdoses a month.
  const rows = [];
  for (let m = 0; m < 24; m++)
    for (let k = 0; k < 43; k++) {
      const at = new Date(Date.UTC(2024, m, 1 + (k % 27), 12));
      rows.push({
        occurred_at: at,
        area_id: 'SC1',
        fatal: k < 3,
        disposition: k < 3 ? 'deceased' : 'transported',
        reporting_organization_id: org.id,
        source_type: 'ems' as const,
        created_at: at,
        updated_at: at,
      });
    }
  await t.db
    .insertInto('overdose_events')
    .values(rows as never)
    .execute();
  const response = await t.app.inject({ method: 'POST', url: '/api/scenarios/runs', headers: analyst.headers, payload: body });
  expect(response.statusCode, response.body).toBe(202);
  queued = response.json();
}, 60_000);
afterAll(() => t.close());

describe('scenario runs', () => {
  it('are refused to roles that do not plan services, and bad input names the field', async () => {
    const forbidden = await t.app.inject({ method: 'POST', url: '/api/scenarios/runs', headers: clinician.headers, payload: body });
    expect(forbidden.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/scenarios/runs', headers: clinician.headers });
    expect(list.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/scenarios/runs',
      headers: analyst.headers,
      payload: { ...body, years: 11 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('years');
    const five = { ...body, scenarios: Array.from({ length: 5 }, (_, i) => ({ name: `S${i}`, levers: {} })) };
    const tooMany = await t.app.inject({ method: 'POST', url: '/api/scenarios/runs', headers: analyst.headers, payload: five });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('scenarios');
  });

  it('are stored queued, with the input and the audit entry', async () => {
    expect(queued.status).toBe('queued');
    expect(queued.progress).toEqual({ done: 0, total: 42 });
    expect(queued.input.scenarios[0]!.levers.naloxoneKitsPerYear).toBe(20_000);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', queued.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['scenarios.run.create']);
  });

  it('compute on a worker thread and answer the fit, the ensemble, the tornado and the summary', async () => {
    const early = await t.app.inject({ method: 'GET', url: `/api/scenarios/runs/${queued.id}/export.csv`, headers: analyst.headers });
    expect(early.statusCode).toBe(409);
    const earlyBrief = await t.app.inject({ method: 'GET', url: `/api/scenarios/runs/${queued.id}/brief.pdf`, headers: analyst.headers });
    expect(earlyBrief.statusCode).toBe(409);
    const outcome = await runOneJob(t.db, t.clock, jobRegistry);
    expect(outcome).toBeDefined();
    const response = await t.app.inject({ method: 'GET', url: `/api/scenarios/runs/${queued.id}`, headers: analyst.headers });
    expect(response.statusCode).toBe(200);
    const run: ScenarioRunDetail = response.json();
    expect(run.status, run.error ?? '').toBe('done');
    expect(run.progress).toEqual({ done: 42, total: 42 });
    expect(run.community!.oudEstimateSource).toBe('estimates');
    expect(run.community!.oudEstimate).toBeCloseTo(4000, 0);
    expect(run.community!.observedMonths).toEqual({ from: '2024-01', to: '2025-12' });

    const cal = run.calibration!;
    expect(Object.keys(cal.fitted).sort()).toEqual(['caseFatality', 'overdoseUntreated']);
    expect(cal.months).toHaveLength(24);
    // Three deaths a month is a small count: hidden; forty non-fatal overdoses are shown.
    expect(cal.months.every((m) => m.observed.fatalOverdoses === null && m.observed.nonFatalOverdoses === 40)).toBe(true);
    const mean = (f: (m: (typeof cal.months)[number]) => number) => cal.months.reduce((s, m) => s + f(m), 0) / cal.months.length;
    expect(mean((m) => m.fitted.nonFatalOverdoses)).toBeGreaterThan(36);
    expect(mean((m) => m.fitted.nonFatalOverdoses)).toBeLessThan(44);
    expect(mean((m) => m.fitted.fatalOverdoses)).toBeGreaterThan(2.5);
    expect(mean((m) => m.fitted.fatalOverdoses)).toBeLessThan(3.5);

    const result = run.result!;
    expect(result.months).toBe(24);
    expect(result.scenarios.map((s) => s.name)).toEqual(['More naloxone', 'ED induction']);
    for (const s of result.scenarios) {
      const a = s.totals.deathsAverted;
      expect(a.low).toBeLessThanOrEqual(a.median);
      expect(a.median).toBeLessThanOrEqual(a.high);
      expect(a.median).toBeGreaterThan(0);
    }
    expect(run.tornado).toHaveLength(2);
    expect(run.tornado![0]!.bars.length).toBeLessThanOrEqual(12);
    expect(run.summary![0]).toContain('a model, not a forecast');

    const csv = await t.app.inject({ method: 'GET', url: `/api/scenarios/runs/${queued.id}/export.csv`, headers: analyst.headers });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('scenario,measure,month,median,low_5,high_95');
    expect(lines).toHaveLength(1 + 3 * 3 * 24);

    const brief = await t.app.inject({ method: 'GET', url: `/api/scenarios/runs/${queued.id}/brief.pdf`, headers: analyst.headers });
    expect(brief.statusCode).toBe(200);
    expect(brief.headers['content-type']).toContain('application/pdf');
    const text = pdfTextRuns(brief.rawPayload).join('\n');
    expect(text).toContain('Scenario brief: Naloxone or ED induction');
    expect(text).toContain('a model, not a forecast');
    expect(text).toContain('Deaths averted');
    expect(text).toContain('ED induction');
    const refused = await t.app.inject({ method: 'GET', url: `/api/scenarios/runs/${queued.id}/brief.pdf`, headers: clinician.headers });
    expect(refused.statusCode).toBe(403);

    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', queued.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['scenarios.run.create', 'scenarios.run.complete']);
    const list = await t.app.inject({ method: 'GET', url: '/api/scenarios/runs', headers: analyst.headers });
    expect(list.json().items.map((r: ScenarioRun) => r.id)).toContain(queued.id);
  }, 120_000);

  it('answer an unknown run as not found', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/scenarios/runs/00000000-0000-4000-8000-000000000000',
      headers: analyst.headers,
    });
    expect(response.statusCode).toBe(404);
  });
});
