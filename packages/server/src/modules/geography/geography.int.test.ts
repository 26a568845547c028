import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundaryCollection, BoundaryImportResult } from '@continuum/contracts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';

/*
 * The boundary import end to end on a real database: a GeoJSON file of two tracts (one wound
 * clockwise) becomes two areas with centroids, populations and an SVI attribute; a bad file names the
 * feature and changes nothing; only network administrators import; the shipped US counties import
 * with their populations; the map reads them back as GeoJSON.
 */

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let analyst: Awaited<ReturnType<typeof signedInAs>>;

const ring = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const tracts = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { GEOID: '41003000100', NAME: 'Tract 1', POP: 4000, SVI: 0.81 },
      geometry: { type: 'Polygon', coordinates: [ring(-123.3, 44.5, -123.2, 44.6)] },
    },
    {
      type: 'Feature',
      properties: { GEOID: '41003000200', NAME: 'Tract 2', POP: 3000, SVI: 0.2 },
      geometry: { type: 'Polygon', coordinates: [ring(-123.2, 44.5, -123.1, 44.6).reverse()] },
    },
  ],
};
const body = {
  kind: 'tract',
  data: tracts,
  idProperty: 'GEOID',
  nameProperty: 'NAME',
  populationProperty: 'POP',
  attributes: ['SVI'],
  source: 'test tracts',
};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedInAs(t, ['network_admin']);
  analyst = await signedInAs(t, ['analyst']);
});
afterAll(() => t.close());

const post = (url: string, who: { headers: Record<string, string> }, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });

describe('boundary import', () => {
  it('refuses a file with a problem, naming the feature, and changes nothing', async () => {
    const broken = structuredClone(tracts);
    broken.features[1]!.geometry.coordinates[0]!.pop();
    const response = await post('/api/areas/boundaries', admin, { ...body, data: broken });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toEqual([
      { path: 'body.data', message: 'features[1] (id "41003000200"): a ring is not closed (its last position differs from its first)' },
    ]);
    expect(await t.db.selectFrom('areas').select('id').where('id', 'like', 'tract-%').execute()).toEqual([]);
  });

  it('is for network administrators', async () => {
    expect((await post('/api/areas/boundaries', analyst, body)).statusCode).toBe(403);
  });

  it('creates the areas with centroid, population and attributes, and winds every ring per RFC 7946', async () => {
    const response = await post('/api/areas/boundaries', admin, body);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<BoundaryImportResult>()).toMatchObject({ kind: 'tract', imported: 2, created: 2, updated: 0, rewoundRings: 1 });
    const area = await t.db.selectFrom('areas').selectAll().where('id', '=', 'tract-41003000100').executeTakeFirstOrThrow();
    expect(area).toMatchObject({ name: 'Tract 1', population: 4000 });
    expect(area.latitude).toBeCloseTo(44.55, 9);
    expect(area.longitude).toBeCloseTo(-123.25, 9);
    const audit = await t.db.selectFrom('audit_events').select('details').where('action', '=', 'area.boundaries.import').execute();
    expect(audit).toHaveLength(1);

    const map = await t.app.inject({ method: 'GET', url: '/api/areas/boundaries?kind=tract', headers: analyst.headers });
    const collection = map.json<BoundaryCollection>();
    expect(collection.features.map((f) => [f.id, f.properties.population, f.properties.attributes])).toEqual([
      ['tract-41003000100', 4000, { SVI: 0.81 }],
      ['tract-41003000200', 3000, { SVI: 0.2 }],
    ]);
  });

  it('updates an existing area on a second import and keeps its population when the file has none', async () => {
    const again = structuredClone(body);
    delete (again.data.features[0]!.properties as Record<string, unknown>).POP;
    again.data.features[0]!.properties.NAME = 'Tract 1 (renamed)';
    const response = await post('/api/areas/boundaries', admin, again);
    expect(response.json<BoundaryImportResult>()).toMatchObject({ created: 0, updated: 2 });
    const area = await t.db
      .selectFrom('areas')
      .select(['name', 'population'])
      .where('id', '=', 'tract-41003000100')
      .executeTakeFirstOrThrow();
    expect(area).toEqual({ name: 'Tract 1 (renamed)', population: 4000 });
  });

  it('imports the shipped US counties of a state with their populations, and asks for a missing one', async () => {
    const missing = await post('/api/areas/boundaries/us-counties', admin, { states: ['44'], populations: { '44001': 50_000 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].message).toBe('id "44003": no population for a new area (property or populations)');
    // Rhode Island: five counties.
    const populations = { '44001': 50_000, '44003': 170_000, '44005': 85_000, '44007': 660_000, '44009': 130_000 };
    const response = await post('/api/areas/boundaries/us-counties', admin, { states: ['44'], populations });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<BoundaryImportResult>()).toMatchObject({ kind: 'county', imported: 5, created: 5 });
    const providence = await t.db.selectFrom('areas').selectAll().where('id', '=', 'county-44007').executeTakeFirstOrThrow();
    expect(providence).toMatchObject({ name: 'Providence, Rhode Island', population: 660_000 });
    expect(providence.latitude).toBeGreaterThan(41.7);
    expect(providence.latitude).toBeLessThan(42.1);
  });

  it('tells the maps there is no basemap unless CONTINUUM_MAP_STYLE_URL names one', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/map/config', headers: analyst.headers });
    expect(response.json()).toEqual({ styleUrl: null });
  });

  it('gives anyone (the public locator) the basemap and the shapes, without the imported attributes', async () => {
    const config = await t.app.inject({ method: 'GET', url: '/api/public/map/config' });
    expect(config.statusCode).toBe(200);
    expect(config.json()).toEqual({ styleUrl: null });
    const map = await t.app.inject({ method: 'GET', url: '/api/public/areas/boundaries?kind=tract' });
    expect(map.statusCode).toBe(200);
    const collection = map.json<BoundaryCollection>();
    expect(collection.features.map((f) => [f.id, f.properties.name, f.properties.attributes])).toEqual([
      ['tract-41003000100', 'Tract 1 (renamed)', {}],
      ['tract-41003000200', 'Tract 2', {}],
    ]);
    expect(collection.features[0]!.geometry.type).toBe('Polygon');
    const signedInOnly = await t.app.inject({ method: 'GET', url: '/api/areas/boundaries' });
    expect(signedInOnly.statusCode).toBe(401);
  });

  it('serves the kept GeoJSON with an ETag (304 when held), rebuilt as soon as an import changes the boundaries', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/public/areas/boundaries?kind=tract' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"tract:public-2-/);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const held = await t.app.inject({ method: 'GET', url: '/api/public/areas/boundaries?kind=tract', headers: { 'if-none-match': etag } });
    expect(held.statusCode).toBe(304);
    expect(held.body).toBe('');

    t.clock.advance(60_000);
    const renamed = structuredClone(body);
    renamed.data.features[1]!.properties.NAME = 'Tract 2 (renamed)';
    renamed.data.features[1]!.geometry.coordinates = [ring(-123.2, 44.5, -123.1234567891, 44.6)];
    expect((await post('/api/areas/boundaries', admin, renamed)).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/public/areas/boundaries?kind=tract', headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const collection = after.json<BoundaryCollection>();
    expect(collection.features[1]!.properties.name).toBe('Tract 2 (renamed)');
    // Coordinates to five decimals (about a metre).
    expect(JSON.stringify(collection.features[1]!.geometry.coordinates)).toContain('-123.12346');
    expect(JSON.stringify(collection.features[1]!.geometry.coordinates)).not.toContain('-123.1234567');
  });
});
