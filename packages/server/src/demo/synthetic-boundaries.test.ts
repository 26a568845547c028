import { describe, expect, it } from 'vitest';
import { parseBoundaries } from '../modules/geography/index.ts';
import { syntheticBoundaries } from './synthetic-boundaries.ts';
import { generateRegion } from './synthetic-region.ts';

describe('syntheticBoundaries', () => {
  const region = generateRegion(42);
  const shapes = syntheticBoundaries(region.areas);

  it('gives every area a shape that passes the boundary checks, already wound per RFC 7946', () => {
    const data = {
      type: 'FeatureCollection',
      features: shapes.map((geometry, i) => ({
        type: 'Feature',
        properties: { id: region.areas[i]!.id, name: 'x', population: 1 },
        geometry,
      })),
    };
    const { features, rewoundRings } = parseBoundaries(data, {
      idProperty: 'id',
      nameProperty: 'name',
      populationProperty: 'population',
      attributes: [],
    });
    expect(features).toHaveLength(region.areas.length);
    expect(rewoundRings).toBe(0);
  });

  it('bends each border and draws it the same from both sides', () => {
    const pointsOf = (i: number) => new Set(shapes[i]!.coordinates[0]!.map((p) => `${p[0]},${p[1]}`));
    // Neighbours share the bent points of their common border (more than the two Voronoi corners).
    const shared = (i: number, j: number) => [...pointsOf(i)].filter((p) => pointsOf(j).has(p)).length;
    const best = Math.max(...region.areas.slice(1).map((_, j) => shared(0, j + 1)));
    expect(best).toBeGreaterThan(2);
    expect(shapes[0]!.coordinates[0]!.length).toBeGreaterThan(20);
  });
});
