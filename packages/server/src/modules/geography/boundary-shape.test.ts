import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { centroidOf, simplifyTogether, vertexCount } from './boundary-shape.ts';
import { ringArea2 } from './boundary-validate.ts';

// Two unit squares sharing the edge x = 1, each with a small wiggle on its outer edge and many points on the shared edge.
const shared = Array.from({ length: 11 }, (_, i) => [1, i / 10]);
const left: Polygon = {
  type: 'Polygon',
  coordinates: [[[0, 0], ...shared, [0.5, 1], [0.5, 1.0001], [0, 1], [0, 0]]],
};
const right: Polygon = {
  type: 'Polygon',
  coordinates: [
    [[1, 0], [2, 0], [2, 1], ...[...shared].reverse()]
      .concat([[1, 0]])
      .filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]),
  ],
};

describe('centroidOf', () => {
  it.each([
    [
      'a unit square',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      } as Polygon,
      0.5,
      0.5,
    ],
    // 4×2 rectangle minus a 1×1 hole at its right end: (8·(2,1) − 1·(3.5,1)) / 7 = (1.7857…, 1)
    [
      'a rectangle with a hole',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [4, 0],
            [4, 2],
            [0, 2],
            [0, 0],
          ],
          [
            [3, 0.5],
            [3, 1.5],
            [4, 1.5],
            [4, 0.5],
            [3, 0.5],
          ],
        ],
      } as Polygon,
      12.5 / 7,
      1,
    ],
  ])('%s', (_, geometry, lon, lat) => {
    const c = centroidOf(geometry);
    expect(c.longitude).toBeCloseTo(lon, 9);
    expect(c.latitude).toBeCloseTo(lat, 9);
  });
});

describe('simplifyTogether', () => {
  it('drops vertices that carry no area and keeps the shared border shared', () => {
    const [a, b] = simplifyTogether([left, right], 1e-3);
    expect(vertexCount(a!)).toBeLessThan(vertexCount(left));
    const edge = (g: Polygon) => new Set(g.coordinates[0]!.filter((p) => p[0] === 1).map((p) => p[1]));
    expect(edge(a as Polygon)).toEqual(edge(b as Polygon));
    for (const g of [a, b] as Polygon[]) expect(ringArea2(g.coordinates[0]!)).toBeGreaterThan(0);
  });

  it('keeps every vertex at tolerance 0', () => {
    expect(simplifyTogether([left], 0)).toEqual([left]);
  });
});
