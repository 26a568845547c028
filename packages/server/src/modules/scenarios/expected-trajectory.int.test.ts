import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartExpected, ExpectedTrajectory, ScenarioRun } from '@continuum/contracts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { createTestOrganization } from '../../test-support/factories.ts';
import { drainJobs, runOneJob } from '../../jobs/job-queue.ts';
import { jobRegistry } from '../../jobs/registry.ts';
import { fixtureAccess } from '../directory/directory.fixtures.ts';
import { setAreaEstimate } from '../learning/estimates.ts';

/*
 * A scenario run pinned on the learning dashboard as the expected trajectory, on a real database: two
 * years of overdose reports (12 deaths and 40 non-fatal overdoses a month), a run made in July 2026, then
 * six more months in which deaths go up to 40 a month from September; the learning counts computed in
 * January 2027; the run's "Today" deaths pinned from July; the chart's reading; roles, audit, bad input.
 */

let t: TestApp;
let analyst: Awaited<ReturnType<typeof signedInAs>>;
let clinician: Awaited<ReturnType<typeof signedInAs>>;
let run: ScenarioRun;
let org: { id: string };

async function overdoses(fromMonth: Date, months: number, deaths: (m: number) => number) {
  const rows = [];
  for (let m = 0; m < months; m++)
    for (let k = 0; k < 40 + deaths(m); k++) {
      const at = new Date(Date.UTC(fromMonth.getUTCFullYear(), fromMonth.getUTCMonth() + m, 1 + (k % 27), 12));
      const fatal = k < deaths(m);
      rows.push({
        occurred_at: at,
        area_id: 'ET1',
        fatal,
        disposition: fatal ? 'deceased' : 'transported',
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
}

const pin = (who: typeof analyst, payload: unknown, id = run.id) =>
  t.app.inject({ method: 'POST', url: `/api/scenarios/runs/${id}/expected-trajectory`, headers: who.headers, payload: payload as object });
const expectedOnChart = async (who: typeof analyst) => {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/learning/measures/overdose_deaths/expected?from=2026-01&to=2026-12',
    headers: { cookie: who.cookie },
  });
  return { status: res.statusCode, expected: (res.json() as { expected: ChartExpected | null }).expected };
};

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-07-10T12:00:00Z'));
  analyst = await signedInAs(t, ['analyst']);
  clinician = await signedInAs(t, ['clinician']);
  await t.db
    .insertInto('areas')
    .values({ id: 'ET1', name: 'Trajectory town', town: 'Town', postal_code: '00000', latitude: 40, longitude: -75, population: 200_000 })
    .execute();
  await setAreaEstimate(t.db, t.clock, fixtureAccess, 'ET1', { method: 'count', count: 4000, source: 'test' });
  org = await createTestOrganization(t.db, t.clock);
  await overdoses(new Date('2024-07-01T00:00:00Z'), 24, () => 12);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/scenarios/runs',
    headers: analyst.headers,
    payload: {
      name: 'Baseline for the dashboard',
      years: 1,
      draws: 40,
      seed: 3,
      scenarios: [{ name: 'More naloxone', levers: { naloxoneKitsPerYear: 20_000 } }],
    },
  });
  expect(created.statusCode, created.body).toBe(202);
  run = created.json();
  await runOneJob(t.db, t.clock, jobRegistry);
  // July and August as before; from September 40 deaths a month.
  await overdoses(new Date('2026-07-01T00:00:00Z'), 6, (m) => (m < 2 ? 12 : 40));
  t.clock.set(new Date('2027-01-10T12:00:00Z'));
  // Sessions from July have expired by January.
  analyst = await signedInAs(t, ['analyst']);
  clinician = await signedInAs(t, ['clinician']);
  const recompute = await t.app.inject({
    method: 'POST',
    url: '/api/learning/recompute',
    headers: analyst.headers,
    payload: { from: '2026-01', to: '2026-12' },
  });
  expect(recompute.statusCode).toBe(202);
  await drainJobs(t.db, t.clock, jobRegistry);
}, 180_000);
afterAll(() => t?.close());

describe('expected trajectories', () => {
  let pinned: ExpectedTrajectory;

  it('are refused to roles that do not run scenarios; bad input names the field and stores nothing', async () => {
    expect((await pin(clinician, { scenario: 'Today', measureId: 'overdose_deaths' })).statusCode).toBe(403);
    for (const [payload, field] of [
      [{ scenario: 'Today', measureId: 'fua_7' }, 'measureId'],
      [{ scenario: 'Today', measureId: 'overdose_deaths', startMonth: '2026-13' }, 'startMonth'],
      [{ scenario: 'No such scenario', measureId: 'overdose_deaths' }, 'scenario'],
      [{ measureId: 'overdose_deaths' }, 'scenario'],
    ] as const) {
      const res = await pin(analyst, payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(field);
    }
    expect(
      (await pin(analyst, { scenario: 'Today', measureId: 'overdose_deaths' }, '00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect(await t.db.selectFrom('learning_expected_trajectories').select('id').execute()).toEqual([]);
  });

  it("pin a run's projection from the month it was made, unscaled for the overdose counts it was calibrated to, audited", async () => {
    const res = await pin(analyst, { scenario: 'Today', measureId: 'overdose_deaths' });
    expect(res.statusCode, res.body).toBe(201);
    pinned = res.json();
    expect(pinned).toMatchObject({
      measureId: 'overdose_deaths',
      scenarioRunId: run.id,
      runName: 'Baseline for the dashboard',
      scenario: 'Today',
      startMonth: '2026-07',
      scale: 1,
    });
    expect(pinned.points).toHaveLength(12);
    expect(pinned.points[0]!.month).toBe('2026-07');
    expect(pinned.points.at(-1)!.month).toBe('2027-06');
    for (const p of pinned.points) expect(p.low <= p.median && p.median <= p.high).toBe(true);
    // Calibrated to 12 deaths a month: the band holds 12 and not 40.
    expect(pinned.points[1]!.low).toBeLessThanOrEqual(12);
    expect(pinned.points[1]!.high).toBeGreaterThanOrEqual(12);
    expect(pinned.points[3]!.high).toBeLessThan(40);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', pinned.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['learning.expected-trajectory.pin']);
  });

  it('draw on the chart with a reading of observed against expected, for every staff role', async () => {
    const { status, expected } = await expectedOnChart(clinician);
    expect(status).toBe(200);
    expect(expected!.trajectory.id).toBe(pinned.id);
    expect(expected!.positions.map((p) => [p.month, p.position])).toEqual([
      ['2026-07', 'within'],
      ['2026-08', 'within'],
      ['2026-09', 'above'],
      ['2026-10', 'above'],
      ['2026-11', 'above'],
      ['2026-12', 'above'],
    ]);
    expect(expected!.reading).toBe('Observed above the expected 90% band in 4 of the last 6 months, below it in 0 and within it in 2.');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/learning/expected-trajectories?measureId=overdose_deaths',
      headers: { cookie: clinician.cookie },
    });
    expect((list.json() as { items: ExpectedTrajectory[] }).items.map((i) => i.id)).toEqual([pinned.id]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/learning/measures/fua_7/expected', headers: { cookie: clinician.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id');
  });

  it('anchor people in MOUD on the last shown count (none here: not anchored, said so)', async () => {
    const res = await pin(analyst, { scenario: 'More naloxone', measureId: 'people_in_moud', startMonth: '2026-08' });
    expect(res.statusCode, res.body).toBe(201);
    const moud: ExpectedTrajectory = res.json();
    expect(moud).toMatchObject({ scale: 1, startMonth: '2026-08', scenario: 'More naloxone' });
    expect(moud.scaleNote).toContain('Not anchored');
  });

  it('are removed by the roles that pin them, audited', async () => {
    const url = `/api/learning/expected-trajectories/${pinned.id}`;
    expect((await t.app.inject({ method: 'DELETE', url, headers: clinician.headers })).statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'DELETE', url, headers: analyst.headers });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url, headers: analyst.headers })).statusCode).toBe(404);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', pinned.id)
      .orderBy('occurred_at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['learning.expected-trajectory.pin', 'learning.expected-trajectory.remove']);
    expect((await expectedOnChart(analyst)).expected).toBeNull();
  });
});
