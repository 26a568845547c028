import { describe, expect, it } from 'vitest';
import { accessibilityOfPlaces } from './accessibility.ts';
import { EARTH_RADIUS_MILES, haversineMiles, straightLineLinks, type GeoPoint } from './catchment-links.ts';

/** Along a meridian the great-circle distance is R·Δφ exactly, so a point `miles` north is Δφ = miles / R radians away. */
const north = (from: GeoPoint, miles: number): GeoPoint => ({
  latitude: from.latitude + ((miles / EARTH_RADIUS_MILES) * 180) / Math.PI,
  longitude: from.longitude,
});

/** A deterministic generator (mulberry32) for the brute-force comparison. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('haversineMiles', () => {
  it.each([
    [0, 0],
    [5, 5],
    [29.999, 29.999],
    [100, 100],
  ])('a point %s miles due north is %s miles away', (miles, expected) => {
    const a = { latitude: 40, longitude: -75 };
    expect(haversineMiles(a, north(a, miles))).toBeCloseTo(expected, 9);
  });

  it('one degree of longitude on the equator is R·π/180 miles', () => {
    expect(haversineMiles({ latitude: 0, longitude: 10 }, { latitude: 0, longitude: 11 })).toBeCloseTo(
      (EARTH_RADIUS_MILES * Math.PI) / 180,
      9,
    );
  });
});

describe('straightLineLinks', () => {
  it('links exactly the pairs a brute-force scan finds within the radius, at their distances', () => {
    const next = random(17);
    // A region like a large state (about 5° × 6°) and a northern one, where longitude degrees are short.
    for (const [lat0, lon0] of [
      [38, -80],
      [62, -150],
    ] as const) {
      const point = () => ({ latitude: lat0 + next() * 5, longitude: lon0 + next() * 6 });
      const areas = Array.from({ length: 300 }, point);
      const services = Array.from({ length: 400 }, point);
      const links = straightLineLinks(areas, services, 30);
      const found = new Map<string, number>();
      for (let n = 0; n < links.length; n++) found.set(`${links.area[n]}:${links.service[n]}`, links.cost[n]!);
      const expected = new Map<string, number>();
      areas.forEach((a, i) =>
        services.forEach((s, j) => {
          const d = haversineMiles(a, s);
          if (d <= 30) expected.set(`${i}:${j}`, d);
        }),
      );
      expect(found.size).toBe(expected.size);
      expect(expected.size).toBeGreaterThan(1000);
      for (const [key, d] of expected) expect(found.get(key)).toBeCloseTo(d, 9);
    }
  });

  it('includes a service on the catchment bound and leaves out one just beyond', () => {
    const area = { latitude: 40, longitude: -75 };
    const links = straightLineLinks([area], [north(area, 29.9999), north(area, 30.01)], 30);
    expect(Array.from(links.service)).toEqual([0]);
  });
});

describe('accessibilityOfPlaces, straight-line', () => {
  it('reproduces the hand-computed grid when the places sit at those distances in miles', async () => {
    // Services X and Y 40 miles apart on one meridian; areas on the same meridian at the distances of
    // the hand-computed grid in e2sfca.test.ts where a line allows it: A 5 mi before X (45 from Y → outside),
    // B 15 mi past X (25 from Y), C 19 mi past Y (59 from X → outside).
    const x = { latitude: 40, longitude: -75 };
    const y = north(x, 40);
    const areas = [
      { ...north(x, -5), demand: 1000 },
      { ...north(x, 15), demand: 2000 },
      { ...north(x, 59), demand: 500 },
    ];
    const result = await accessibilityOfPlaces(areas, [
      { ...x, supply: 10 },
      { ...y, supply: 6 },
    ]);
    // X: 1000·1.00 + 2000·0.68 = 2360 → R_X = 10/2360. Y: 2000·0.22 (25 mi) + 500·0.68 (19 mi) = 780 → R_Y = 6/780.
    // A = R_X; B = 0.68·R_X + 0.22·R_Y; C = 0.68·R_Y.
    expect(result.unit).toBe('miles');
    expect(Array.from(result.weightedDemand)).toEqual([2360, 780].map((v) => expect.closeTo(v, 9)));
    expect(result.accessibility[0]).toBeCloseTo(0.00423728813559, 12);
    expect(result.accessibility[1]).toBeCloseTo(0.0028813559322 + 0.00169230769231, 12);
    expect(result.accessibility[2]).toBeCloseTo(0.00523076923077, 12);
  });
});
