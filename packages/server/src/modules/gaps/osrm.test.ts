import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityOfPlaces, costSourceFor } from './accessibility.ts';
import { EARTH_RADIUS_MILES, haversineMiles, type GeoPoint } from './catchment-links.ts';
import { planTableBatches, RoutingError, travelTimeLinks } from './osrm.ts';

/**
 * A small HTTP server that answers the OSRM table API as osrm-routed does
 * (GET /table/v1/{profile}/{lon,lat;…}?sources=…&destinations=…&annotations=duration, durations in
 * seconds, `TooBig` past its table size), over a road network where every trip runs at 60 mph along
 * the straight line, and where a point west of longitude -100 is on an island with no road.
 */
const MAX_TABLE_SIZE = 6;
const requests: string[] = [];
let server: Server;
let baseUrl: string;

function answer(url: URL): { status: number; body: unknown } {
  const match = /^\/table\/v1\/([^/]+)\/(.+)$/.exec(url.pathname);
  if (!match) return { status: 400, body: { code: 'InvalidUrl', message: `URL string malformed close to position 1: "${url.pathname}"` } };
  const coords = decodeURIComponent(match[2]!)
    .split(';')
    .map((pair) => pair.split(',').map(Number) as [number, number]);
  if (coords.some(([lon, lat]) => !Number.isFinite(lon) || !Number.isFinite(lat))) {
    return { status: 400, body: { code: 'InvalidQuery', message: 'Query string malformed' } };
  }
  if (coords.length > MAX_TABLE_SIZE) return { status: 400, body: { code: 'TooBig', message: 'Too many table coordinates' } };
  const indexes = (name: string) => {
    const v = url.searchParams.get(name);
    return v === null || v === 'all' ? coords.map((_, k) => k) : v.split(';').map(Number);
  };
  const point = (k: number): GeoPoint => ({ longitude: coords[k]![0], latitude: coords[k]![1] });
  const island = (k: number) => coords[k]![0] < -100;
  const durations = indexes('sources').map((s) =>
    indexes('destinations').map((d) => (island(s) !== island(d) ? null : Math.round(haversineMiles(point(s), point(d)) * 60 * 10) / 10)),
  );
  return { status: 200, body: { code: 'Ok', durations } };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname + url.search);
    const { status, body } = answer(url);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const north = (from: GeoPoint, miles: number): GeoPoint => ({
  latitude: from.latitude + ((miles / EARTH_RADIUS_MILES) * 180) / Math.PI,
  longitude: from.longitude,
});

describe('planTableBatches', () => {
  it.each([
    // candidates per area, table size → batches as [sources, destinations]
    [
      [[0, 1], [1, 2], [2]],
      6,
      [
        [
          [0, 1, 2],
          [0, 1, 2],
        ],
      ],
    ],
    [
      [[0, 1], [1, 2], [3]],
      5,
      [
        [
          [0, 1],
          [0, 1, 2],
        ],
        [[2], [3]],
      ],
    ],
    [[[], [0]], 4, [[[1], [0]]]],
    [
      [[0, 1, 2, 3, 4]],
      3,
      [
        [[0], [0, 1]],
        [[0], [2, 3]],
        [[0], [4]],
      ],
    ],
  ])('%j with table size %i', (candidates, size, expected) => {
    expect(planTableBatches(candidates, size).map((b) => [b.sources, b.destinations])).toEqual(expected);
  });
});

describe('travelTimeLinks against an OSRM table server', () => {
  const x = { latitude: 40, longitude: -75 };

  it('reads durations in minutes, batches within the table size and leaves out unrouted pairs', async () => {
    requests.length = 0;
    const areas = [north(x, -5), north(x, 15), north(x, 25), { latitude: 40, longitude: -101 }];
    const services = [x, north(x, 10), north(x, 20), { latitude: 40.01, longitude: -100.99 }, { latitude: 40.02, longitude: -75 }];
    const links = await travelTimeLinks(areas, services, 30, { baseUrl, maxTableSize: MAX_TABLE_SIZE });
    const got = Array.from({ length: links.length }, (_, n) => [links.area[n], links.service[n], links.cost[n]] as const);
    const expected: [number, number, number][] = [];
    areas.forEach((a, i) =>
      services.forEach((s, j) => {
        const sameIsland = a.longitude < -100 === s.longitude < -100;
        const minutes = Math.round(haversineMiles(a, s) * 60 * 10) / 10 / 60;
        if (sameIsland && minutes <= 30) expected.push([i, j, minutes]);
      }),
    );
    expect(got.map(([i, j]) => `${i}:${j}`).sort()).toEqual(expected.map(([i, j]) => `${i}:${j}`).sort());
    for (const [i, j, minutes] of expected) {
      const n = got.findIndex(([a, s]) => a === i && s === j);
      expect(got[n]![2]).toBeCloseTo(minutes, 9);
    }
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.every((r) => r.startsWith('/table/v1/driving/') && r.includes('annotations=duration'))).toBe(true);
  });

  it('feeds E2SFCA: the hand-computed line of places, in minutes at 60 mph', async () => {
    const y = north(x, 40);
    const result = await accessibilityOfPlaces(
      [
        { ...north(x, -5), demand: 1000 },
        { ...north(x, 15), demand: 2000 },
        { ...north(x, 59), demand: 500 },
      ],
      [
        { ...x, supply: 10 },
        { ...y, supply: 6 },
      ],
      undefined,
      costSourceFor(baseUrl),
    );
    // As in catchment-links.test.ts, one mile is one minute: R_X = 10/2360, R_Y = 6/780.
    expect(result.unit).toBe('minutes');
    expect(result.accessibility[0]).toBeCloseTo(10 / 2360, 12);
    expect(result.accessibility[1]).toBeCloseTo(0.68 * (10 / 2360) + 0.22 * (6 / 780), 12);
    expect(result.accessibility[2]).toBeCloseTo(0.68 * (6 / 780), 12);
  });

  it('names the server and its refusal when a request is too big', async () => {
    const areas = [x];
    const services = Array.from({ length: 8 }, (_, k) => north(x, k));
    await expect(travelTimeLinks(areas, services, 30, { baseUrl, maxTableSize: 20 })).rejects.toThrow(
      new RoutingError(`routing server ${baseUrl} refused a table request (TooBig: Too many table coordinates)`),
    );
  });

  it('says when the server does not answer', async () => {
    await expect(travelTimeLinks([x], [x], 30, { baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 })).rejects.toThrow(/did not answer/);
  });
});

describe('costSourceFor', () => {
  it('uses straight lines without a routing URL and OSRM with one', () => {
    expect(costSourceFor(undefined)).toEqual({ kind: 'straight_line' });
    expect(costSourceFor('http://osrm:5000')).toEqual({ kind: 'osrm', options: { baseUrl: 'http://osrm:5000' } });
  });
});
