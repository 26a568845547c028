import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundaryCollection } from '@continuum/contracts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';

/*
 * Serving the kept boundaries: the public map's default kind (the one the network holds most of, so
 * counties and the tracts inside them are not drawn over each other), and the precompressed copies
 * (Brotli, gzip) that decode to the very JSON sent uncompressed, with Content-Encoding and Vary.
 */

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let analyst: Awaited<ReturnType<typeof signedInAs>>;

const square = (x: number, y: number) => [
  [x, y],
  [x + 0.1, y],
  [x + 0.1, y + 0.1],
  [x, y + 0.1],
  [x, y],
];
const collection = (ids: string[]) => ({
  type: 'FeatureCollection',
  features: ids.map((id, i) => ({
    type: 'Feature',
    properties: { id, name: `Area ${id}`, population: 1000 + i, SVI: 0.5 },
    geometry: { type: 'Polygon', coordinates: [square(-123 + i * 0.1, 44.5)] },
  })),
});
const importKind = async (kind: string, ids: string[]) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/areas/boundaries',
    headers: admin.headers,
    payload: { kind, data: collection(ids), attributes: ['SVI'], source: 'test' },
  });
  expect(response.statusCode, response.body).toBe(200);
};
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const kindsOf = (body: string) => [
  ...new Set(JSON.parse(body).features.map((f: BoundaryCollection['features'][number]) => f.properties.kind)),
];

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedInAs(t, ['network_admin']);
  analyst = await signedInAs(t, ['analyst']);
});
afterAll(() => t.close());

describe('the public boundaries’ default kind', () => {
  it('is empty with no boundaries, then the kind the network holds most of; ?kind= still picks any', async () => {
    expect((await get('/api/public/areas/boundaries')).json()).toEqual({ type: 'FeatureCollection', features: [] });
    await importKind('service_area', ['n1', 'n2']);
    await importKind('tract', ['t1', 't2', 't3']);
    const shown = await get('/api/public/areas/boundaries');
    expect(shown.statusCode).toBe(200);
    expect(kindsOf(shown.body)).toEqual(['tract']);
    expect(kindsOf((await get('/api/public/areas/boundaries?kind=service_area')).body)).toEqual(['service_area']);
    // A tie goes to the contract's order (county, tract, zcta, service_area).
    await importKind('zcta', ['z1', 'z2', 'z3']);
    expect(kindsOf((await get('/api/public/areas/boundaries')).body)).toEqual(['tract']);
    await importKind('zcta', ['z4']);
    expect(kindsOf((await get('/api/public/areas/boundaries')).body)).toEqual(['zcta']);
    // The signed-in map keeps every kind unless asked (the gaps page asks for its run's kind).
    expect(kindsOf((await get('/api/areas/boundaries', analyst.headers)).body).sort()).toEqual(['service_area', 'tract', 'zcta']);
  });
});

describe('compressed boundaries', () => {
  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('sends %s when accepted, decoding to the same JSON, with Vary', async (coding, decode) => {
    for (const [url, headers] of [
      ['/api/public/areas/boundaries?kind=tract', {}],
      ['/api/areas/boundaries?kind=tract', analyst.headers],
    ] as const) {
      const plain = await get(url, headers);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      const packed = await get(url, { ...headers, 'accept-encoding': coding === 'br' ? 'gzip, deflate, br' : 'gzip, br;q=0' });
      expect(packed.statusCode).toBe(200);
      expect(packed.headers['content-encoding']).toBe(coding);
      expect(packed.headers.vary).toMatch(/accept-encoding/i);
      expect(packed.headers['content-type']).toMatch(/^application\/json/);
      expect(packed.headers.etag).toBe(plain.headers.etag);
      expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(decode(packed.rawPayload).toString('utf8')).toBe(plain.body);
    }
  });

  it('answers 304 for a held copy whatever the coding, and lets the browser revalidate (no-cache, private when signed in)', async () => {
    const first = await get('/api/public/areas/boundaries?kind=tract', { 'accept-encoding': 'br' });
    expect(first.headers['cache-control']).toBe('no-cache');
    const held = await get('/api/public/areas/boundaries?kind=tract', {
      'accept-encoding': 'gzip',
      'if-none-match': first.headers.etag as string,
    });
    expect(held.statusCode).toBe(304);
    expect(held.headers['content-encoding']).toBeUndefined();
    expect(held.headers.vary).toMatch(/accept-encoding/i);
    expect((await get('/api/areas/boundaries', analyst.headers)).headers['cache-control']).toBe('private, no-cache');
    // Every other API answer stays no-store.
    expect((await get('/api/gaps/runs', analyst.headers)).headers['cache-control']).toBe('no-store');
  });
});
