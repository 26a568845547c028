import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapsRun, GapsRunDetail, GapsSitingResult } from '@continuum/contracts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { writeCapacity } from '../directory/capacity.ts';
import { createFixtureService, fixtureAccess } from '../directory/directory.fixtures.ts';
import { setAreaEstimate } from '../learning/estimates.ts';
import { EARTH_RADIUS_MILES, type GeoPoint } from './catchment-links.ts';
import { computeRun, runParameters } from './run-compute.ts';
import { runSnapshot } from './run-read.ts';

/*
 * A run end to end on a real database: areas, OUD estimates and directory services with capacity
 * in, the stored per-area results out over HTTP, checked against the hand-computed line of places
 * of catchment-links.test.ts; roles, audit, validation, CSV, reproducibility and siting.
 */

const north = (from: GeoPoint, miles: number): GeoPoint => ({
  latitude: from.latitude + ((miles / EARTH_RADIUS_MILES) * 180) / Math.PI,
  longitude: from.longitude,
});
const x = { latitude: 40, longitude: -75 };

let t: TestApp;
let analyst: Awaited<ReturnType<typeof signedInAs>>;
let run: GapsRun;

beforeAll(async () => {
  t = await buildTestApp();
  analyst = await signedInAs(t, ['analyst']);
  const places = [
    { id: 'GA', at: north(x, -5), population: 20_000, estimate: 1000 },
    { id: 'GB', at: north(x, 15), population: 40_000, estimate: 2000 },
    { id: 'GC', at: north(x, 59), population: 10_000, estimate: 500 },
  ];
  await t.db
    .insertInto('areas')
    .values(places.map((p) => ({ id: p.id, name: `Area ${p.id}`, town: 'Town', postal_code: '00000', ...p.at, population: p.population })))
    .execute();
  for (const p of places) await setAreaEstimate(t.db, t.clock, fixtureAccess, p.id, { method: 'count', count: p.estimate, source: 'test' });
  const sx = await createFixtureService(t.db, t.clock, { name: 'Service X', at: x, codes: ['BU'] });
  const sy = await createFixtureService(t.db, t.clock, { name: 'Service Y', at: north(x, 40), codes: ['BU', 'OTP'] });
  await writeCapacity(t.db, t.clock, fixtureAccess, sx.service.id, { unit: 'slot', status: 'accepting', available: 3, maximum: 10 });
  await writeCapacity(t.db, t.clock, fixtureAccess, sy.service.id, {
    unit: 'slot',
    status: 'waitlist',
    available: 0,
    maximum: 6,
    waitlistDays: 14,
  });
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/gaps/runs',
    headers: analyst.headers,
    payload: { categories: ['buprenorphine', 'methadone'] },
  });
  expect(response.statusCode, response.body).toBe(201);
  run = response.json();
});
afterAll(() => t.close());

const detail = async (query = ''): Promise<GapsRunDetail> => {
  const response = await t.app.inject({ method: 'GET', url: `/api/gaps/runs/${run.id}${query}`, headers: { cookie: analyst.cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('a needs-and-gaps run', () => {
  it('stores the parameters and the inputs’ dates', () => {
    expect(run).toMatchObject({
      unit: 'miles',
      routing: 'straight_line',
      zones: [
        { upTo: 10, weight: 1 },
        { upTo: 20, weight: 0.68 },
        { upTo: 30, weight: 0.22 },
      ],
      desertDistance: 30,
      categories: ['buprenorphine', 'methadone'],
      inputs: { areas: 3, areasWithEstimate: 3, prevalence: 3500 / 70_000 },
    });
    expect(run.inputs.estimatesUpdatedAt).not.toBeNull();
    expect(run.inputs.directoryUpdatedAt).not.toBeNull();
    expect(run.inputs.capacityUpdatedAt).not.toBeNull();
    expect(run.summary.map((s) => [s.category, s.supplyPoints, s.distanceDeserts])).toEqual([
      ['buprenorphine', 2, 0],
      ['methadone', 1, 1],
    ]);
  });

  it('gives the hand-computed accessibility: buprenorphine from X and Y, methadone from Y (an OTP) alone', async () => {
    const d = await detail('?category=buprenorphine');
    const of = (id: string) => d.results.find((r) => r.areaId === id)!;
    expect(of('GA').accessibility).toBeCloseTo(10 / 2360, 12);
    expect(of('GB').accessibility).toBeCloseTo(0.68 * (10 / 2360) + 0.22 * (6 / 780), 12);
    expect(of('GC').accessibility).toBeCloseTo(0.68 * (6 / 780), 12);
    expect(of('GC').reasons).toContain('no_openings');
    expect(d.results.map((r) => r.areaId)).toEqual(['GA', 'GB', 'GC']); // worst served first
    const m = await detail('?category=methadone');
    const ga = m.results.find((r) => r.areaId === 'GA')!;
    expect(ga).toMatchObject({
      accessibility: 0,
      distanceDesert: true,
      servicesInReach: 0,
      reasons: ['no_service_in_reach', 'distance_desert'],
    });
    expect(m.results.find((r) => r.areaId === 'GB')!.accessibility).toBeCloseTo(0.22 * (6 / 780), 12);
  });

  it('recomputes to the same numbers from the stored snapshot', async () => {
    const { snapshot } = await runSnapshot(t.db, run.id);
    const again = await computeRun(snapshot, runParameters({ categories: ['buprenorphine', 'methadone'], overdoseDays: 365 }), {
      kind: 'straight_line',
    });
    const d = await detail();
    for (const { category, gaps } of again.categories)
      for (const g of gaps.areas)
        expect(d.results.find((r) => r.category === category && r.areaId === g.areaId)!.accessibility).toBe(g.accessibility);
  });

  it('is audited', async () => {
    const audit = await t.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', 'gaps.run.create').execute();
    expect(audit).toEqual([{ action: 'gaps.run.create', entity_id: run.id }]);
  });

  it('exports CSV', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/gaps/runs/${run.id}/export.csv?category=methadone`,
      headers: { cookie: analyst.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^category,areaId,areaName,population/);
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes(',GA,'))).toContain(',no_service_in_reach;distance_desert');
  });

  it('sites a candidate: a methadone program near GA takes it out of the desert', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/gaps/runs/${run.id}/siting`,
      headers: analyst.headers,
      payload: { category: 'methadone', ...north(x, -6), capacity: 4 },
    });
    expect(response.statusCode, response.body).toBe(200);
    const result: GapsSitingResult = response.json();
    expect(result.distanceDesertsBefore).toBe(1);
    expect(result.distanceDesertsAfter).toBe(0);
    expect(result.supplyDelivered).toBeCloseTo(4, 9);
    expect(result.changed[0]).toMatchObject({ areaId: 'GA', areaName: 'Area GA', leavesDistanceDesert: true });
  });
});

describe('who may, and bad input', () => {
  it('refuses a clinician and an anonymous caller', async () => {
    const clinician = await signedInAs(t, ['clinician']);
    expect((await t.app.inject({ method: 'GET', url: '/api/gaps/runs', headers: { cookie: clinician.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/gaps/runs' })).statusCode).toBe(401);
    const post = await t.app.inject({ method: 'POST', url: '/api/gaps/runs', headers: clinician.headers, payload: {} });
    expect(post.statusCode).toBe(403);
  });

  it('names the field of bad zones and stores nothing', async () => {
    const before = await t.db
      .selectFrom('gaps_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/gaps/runs',
      headers: analyst.headers,
      payload: {
        zones: [
          { upTo: 20, weight: 1 },
          { upTo: 10, weight: 0.5 },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('zones');
    const after = await t.db
      .selectFrom('gaps_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers 404 for an unknown run', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/gaps/runs/00000000-0000-4000-8000-000000000000',
      headers: { cookie: analyst.cookie },
    });
    expect(response.statusCode).toBe(404);
  });

  it('analyses only the areas of one boundary kind when asked', async () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [-75.1, 39.8],
          [-74.9, 39.8],
          [-74.9, 39.9],
          [-75.1, 39.8],
        ],
      ],
    };
    await t.db
      .insertInto('area_boundaries')
      .values({
        area_id: 'GA',
        kind: 'service_area',
        source_id: 'GA',
        geometry: JSON.stringify(square),
        vertices: 4,
        source_vertices: 4,
        attributes: '{}',
        source: 'test',
        imported_at: t.clock.now(),
      })
      .execute();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/gaps/runs',
      headers: analyst.headers,
      payload: { categories: ['buprenorphine'], areaKind: 'service_area' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const only = response.json<GapsRun>();
    expect(only).toMatchObject({ areaKind: 'service_area', inputs: { areas: 1 } });
    const detail = await t.app.inject({ method: 'GET', url: `/api/gaps/runs/${only.id}`, headers: { cookie: analyst.cookie } });
    expect(detail.json<GapsRunDetail>().results.map((r) => r.areaId)).toEqual(['GA']);
  });
});
