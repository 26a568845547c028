import { describe, expect, it } from 'vitest';
import { topology } from 'topojson-server';
import { BoundaryError, parseBoundaries, ringArea2, type BoundaryMapping } from './boundary-validate.ts';

const mapping: BoundaryMapping = { idProperty: 'id', nameProperty: 'name', populationProperty: 'population', attributes: ['svi'] };
// A unit square, counterclockwise (RFC 7946 exterior), and the same square clockwise.
const ccw = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];
const cw = [...ccw].reverse();
const square = (ring: number[][], properties: Record<string, unknown> = { id: 'A', name: 'Area A', population: 100, svi: 0.7 }) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [ring] },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

function problemsOf(data: unknown, m: BoundaryMapping = mapping): string[] {
  try {
    parseBoundaries(data, m);
  } catch (error) {
    if (error instanceof BoundaryError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseBoundaries', () => {
  it('reads a feature with its id, name, population and chosen attributes', () => {
    const { features, rewoundRings } = parseBoundaries(collection(square(ccw)), mapping);
    expect(rewoundRings).toBe(0);
    expect(features).toEqual([
      {
        sourceId: 'A',
        name: 'Area A',
        population: 100,
        postalCode: null,
        attributes: { svi: 0.7 },
        geometry: { type: 'Polygon', coordinates: [ccw] },
      },
    ]);
  });

  it('winds a clockwise exterior counterclockwise and a counterclockwise hole clockwise (RFC 7946 §3.1.6)', () => {
    const hole = [
      [0.25, 0.25],
      [0.75, 0.25],
      [0.75, 0.75],
      [0.25, 0.75],
      [0.25, 0.25],
    ]; // counterclockwise: wrong for a hole
    const f = { ...square(cw), geometry: { type: 'Polygon', coordinates: [cw, hole] } };
    const { features, rewoundRings } = parseBoundaries(collection(f), mapping);
    expect(rewoundRings).toBe(2);
    const [outer, inner] = (features[0]!.geometry as { coordinates: number[][][] }).coordinates;
    expect(ringArea2(outer!)).toBeGreaterThan(0);
    expect(ringArea2(inner!)).toBeLessThan(0);
  });

  it.each([
    ['an unclosed ring', collection(square(ccw.slice(0, 4).concat([[0, 0.5]]))), 'features[0] (id "A"): a ring is not closed'],
    [
      'a ring of three positions',
      collection(
        square([
          [0, 0],
          [1, 0],
          [0, 0],
        ]),
      ),
      'features[0] (id "A"): a ring has fewer than 4 positions',
    ],
    [
      'a flat ring',
      collection(
        square([
          [0, 0],
          [1, 0],
          [2, 0],
          [0, 0],
        ]),
      ),
      'features[0] (id "A"): a ring has no area',
    ],
    [
      'projected coordinates',
      collection(
        square([
          [500000, 4_400_000],
          [510000, 4_400_000],
          [510000, 4_410_000],
          [500000, 4_400_000],
        ]),
      ),
      'features[0] (id "A"): position [500000, 4400000] is outside longitude/latitude; the file looks projected',
    ],
    [
      'a point geometry',
      collection({ ...square(ccw), geometry: { type: 'Point', coordinates: [0, 0] } }),
      'features[0] (id "A"): geometry type Point is not Polygon or MultiPolygon',
    ],
    ['no id', collection(square(ccw, { name: 'X', population: 1 })), 'features[0]: no id (property "id")'],
    ['no name', collection(square(ccw, { id: 'A', population: 1 })), 'features[0] (id "A"): no name (property "name")'],
    [
      'a fractional population',
      collection(square(ccw, { id: 'A', name: 'A', population: 1.5 })),
      'features[0] (id "A"): population (property "population") is not a whole number',
    ],
    ['a repeated id', collection(square(ccw), square(ccw)), 'features[1] (id "A"): the id is used by an earlier feature'],
    [
      'a projected CRS',
      { ...collection(square(ccw)), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } } },
      'crs: "urn:ogc:def:crs:EPSG::3857" is not WGS 84 longitude/latitude',
    ],
    ['not GeoJSON', { type: 'Feature' }, 'type: expected a GeoJSON FeatureCollection or a TopoJSON Topology'],
    ['no features', collection(), 'features: the file holds no features'],
  ])('refuses %s, naming the feature and the problem', (_, data, expected) => {
    expect(problemsOf(data).join('\n')).toContain(expected);
  });

  it('accepts a WGS 84 CRS and a feature id member for the id', () => {
    const f = { ...square(ccw, { name: 'A', population: 5 }), id: 42 };
    const data = { ...collection(f), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } };
    expect(parseBoundaries(data, mapping).features[0]!.sourceId).toBe('42');
  });

  it('reads a TopoJSON object, and asks which object when there are several', () => {
    const topo = topology({ tracts: collection(square(ccw)) as never, other: collection(square(ccw)) as never });
    expect(parseBoundaries(topo, { ...mapping, object: 'tracts' }).features[0]!.name).toBe('Area A');
    expect(problemsOf(topo)).toEqual(["object: choose one of the topology's objects (tracts, other)"]);
  });
});
