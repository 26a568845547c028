import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapsRun } from '@continuum/contracts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { pdfTextRuns } from '../../test-support/pdf-text.ts';
import { writeCapacity } from '../directory/capacity.ts';
import { createFixtureService, fixtureAccess } from '../directory/directory.fixtures.ts';
import { createTestOrganization } from '../../test-support/factories.ts';
import type { GapsGeoJson } from './run-export.ts';

/*
 * A run's exports on a real database: GeoJSON of the areas with one category's results (boundaries
 * where imported, null geometry where not, the stored — suppressed — overdose figures), the printable
 * map and the one-page brief (PDF); for the gaps roles only.
 */

let t: TestApp;
let analyst: Awaited<ReturnType<typeof signedInAs>>;
let run: GapsRun;

const square = (west: number, south: number, size: number) => [
  [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ],
];

beforeAll(async () => {
  t = await buildTestApp();
  analyst = await signedInAs(t, ['analyst']);
  const areas = [
    { id: 'EA', name: 'East Ash', latitude: 40.05, longitude: -75.05, population: 30_000 },
    { id: 'EB', name: 'East Birch', latitude: 40.05, longitude: -74.95, population: 12_000 },
    { id: 'EC', name: 'Far Cedar', latitude: 41.2, longitude: -75.0, population: 8_000 },
  ];
  await t.db
    .insertInto('areas')
    .values(areas.map((a) => ({ ...a, town: 'Town', postal_code: '00000' })))
    .execute();
  await t.db
    .insertInto('area_boundaries')
    .values(
      [
        { area_id: 'EA', geometry: square(-75.1, 40.0, 0.1) },
        { area_id: 'EB', geometry: square(-75.0, 40.0, 0.1) },
      ].map((b) => ({
        area_id: b.area_id,
        kind: 'service_area' as const,
        source_id: b.area_id,
        geometry: JSON.stringify({ type: 'Polygon', coordinates: b.geometry }),
        vertices: 5,
        source_vertices: 5,
        attributes: JSON.stringify({ svi: 0.5 }),
        source: 'test squares',
        imported_at: t.clock.now(),
      })),
    )
    .execute();
  // Three overdoses in East Ash (a small cell: suppressed), twenty in East Birch.
  const ems = (await createTestOrganization(t.db, t.clock, { name: 'County EMS', type: 'ems' })).id;
  const overdose = (areaId: string, k: number) => ({
    occurred_at: new Date(t.clock.now().getTime() - (k + 1) * 86_400_000),
    area_id: areaId,
    fatal: false,
    disposition: 'unknown' as const,
    reporting_organization_id: ems,
    source_type: 'ems' as const,
    sensitivity: 'normal' as const,
    latitude: null,
    longitude: null,
    naloxone_doses: 0,
    naloxone_by: [],
    suspected_substances: [],
    person_id: null,
    care_event_id: null,
    examiner_note: null,
    examiner_organization_id: null,
    examiner_reported_at: null,
    external_id: null,
    created_by_user_id: null,
    created_at: t.clock.now(),
    updated_at: t.clock.now(),
  });
  await t.db
    .insertInto('overdose_events')
    .values([...Array.from({ length: 3 }, (_, k) => overdose('EA', k)), ...Array.from({ length: 20 }, (_, k) => overdose('EB', k))])
    .execute();
  const service = await createFixtureService(t.db, t.clock, {
    name: 'Ash clinic',
    at: { latitude: 40.05, longitude: -75.05 },
    codes: ['BU'],
  });
  await writeCapacity(t.db, t.clock, fixtureAccess, service.service.id, { unit: 'slot', status: 'accepting', available: 2, maximum: 20 });
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/gaps/runs',
    headers: analyst.headers,
    payload: { categories: ['buprenorphine'] },
  });
  expect(response.statusCode, response.body).toBe(201);
  run = response.json();
});
afterAll(() => t.close());

const get = (url: string, cookie = analyst.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('a run’s exports', () => {
  it('GeoJSON: every area with its results, its boundary (null where none), the run’s provenance', async () => {
    const response = await get(`/api/gaps/runs/${run.id}/export.geojson?category=buprenorphine`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="needs-and-gaps-${run.id}.geojson"`);
    const data = response.json<GapsGeoJson>();
    expect(data.type).toBe('FeatureCollection');
    expect(data.metadata).toMatchObject({ runId: run.id, category: 'buprenorphine', unit: 'miles', desertDistance: 30 });
    const byId = new Map(data.features.map((f) => [f.id, f]));
    expect([...byId.keys()].sort()).toEqual(['EA', 'EB', 'EC']);
    expect(byId.get('EA')!.geometry).toEqual({ type: 'Polygon', coordinates: square(-75.1, 40.0, 0.1) });
    expect(byId.get('EC')!.geometry).toBeNull();
    expect(byId.get('EC')!.properties).toMatchObject({ areaName: 'Far Cedar', distanceDesert: true, servicesInReach: 0 });
    expect(byId.get('EC')!.properties.reasons).toContain('distance_desert');
    // The small cell stays hidden, with its rate; a suppressed count is never in the file.
    expect(byId.get('EA')!.properties).toMatchObject({ overdoses: null, overdosesSuppressed: true, overdoseRate: null });
    for (const f of data.features) if (f.properties.overdosesSuppressed) expect(f.properties.overdoses).toBeNull();
    expect(data.features.some((f) => f.properties.overdoses === 3)).toBe(false);
    // The imported attributes stay out (only the results and the shape).
    expect(JSON.stringify(data)).not.toContain('svi');
  });

  it('the printable map and the one-page brief (PDF): headline figures, the worst-served areas with why, the sources', async () => {
    const map = await get(`/api/gaps/runs/${run.id}/map.pdf?category=buprenorphine`);
    expect(map.statusCode).toBe(200);
    expect(map.headers['content-type']).toContain('application/pdf');
    expect(pdfTextRuns(map.rawPayload).join('\n')).toContain('Needs and gaps map: Buprenorphine');

    const brief = await get(`/api/gaps/runs/${run.id}/brief.pdf`);
    expect(brief.statusCode).toBe(200);
    // Text runs joined, wrapped lines as one.
    const text = pdfTextRuns(brief.rawPayload).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Needs and gaps: Buprenorphine');
    expect(text).toContain('1 areas (8,000 residents) are more than 30 miles from any buprenorphine service.');
    expect(text).toContain('Far Cedar');
    expect(text).toContain('Beyond the desert distance from any service');
    expect(text).toContain('Luo & Qi 2009');
    // One page.
    expect(brief.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it('are for the gaps roles only, and name a missing run', async () => {
    const clinician = await signedInAs(t, ['clinician']);
    for (const path of ['export.geojson', 'map.pdf', 'brief.pdf']) {
      expect((await get(`/api/gaps/runs/${run.id}/${path}`, clinician.cookie)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: `/api/gaps/runs/${run.id}/${path}` })).statusCode).toBe(401);
    }
    expect((await get('/api/gaps/runs/00000000-0000-4000-8000-000000000000/brief.pdf')).statusCode).toBe(404);
  });
});
