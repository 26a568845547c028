import { describe, expect, it } from 'vitest';
import { cellFill, cellHex, mapCells, mapViewBox } from './map-geometry.ts';

const bounds = { minLatitude: 45.0, maxLatitude: 45.2, minLongitude: -122.8, maxLongitude: -122.4 };
const areas = [
  { id: 'A', name: 'West', latitude: 45.1, longitude: -122.7, count: 4 },
  { id: 'B', name: 'East', latitude: 45.1, longitude: -122.5, count: 12 },
  { id: 'C', name: 'Hidden', latitude: 45.05, longitude: -122.6, count: null },
];

describe('mapCells', () => {
  it('gives every area a closed cell inside the drawing, west to the left of east', () => {
    const cells = mapCells(areas, bounds, 400, 300);
    expect(cells.map((c) => c.id)).toEqual(['A', 'B', 'C']);
    for (const c of cells) {
      expect(c.path).toMatch(/^M.*Z$/);
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.x).toBeLessThanOrEqual(400);
      expect(c.y).toBeGreaterThanOrEqual(0);
      expect(c.y).toBeLessThanOrEqual(300);
    }
    expect(cells[0]!.x).toBeLessThan(cells[1]!.x);
  });

  it('shades by count relative to the highest; suppressed areas have no intensity', () => {
    const cells = mapCells(areas, bounds, 400, 300);
    expect(cells.map((c) => c.intensity)).toEqual([4 / 12, 1, null]);
    expect(cellFill(null)).toBe('url(#overdose-suppressed)');
    expect(cellFill(1)).toBe('hsl(8 75% 40%)');
    expect(cellFill(0)).toBe('hsl(8 75% 96%)');
  });

  it('fits the viewBox to the projected region (a wide region fills the width)', () => {
    const [x, y, w, h] = mapViewBox(bounds, 400, 300).split(' ').map(Number);
    expect(x).toBeCloseTo(0, 1);
    expect(w).toBeCloseTo(400, 0);
    expect(h).toBeLessThan(300);
    expect(y).toBeGreaterThan(0);
  });

  it('draws nothing without areas', () => {
    expect(mapCells([], bounds, 400, 300)).toEqual([]);
  });
});

describe('mapCells with boundaries', () => {
  it('draws an area with an imported boundary as that shape, every ring, and the others as Voronoi cells', () => {
    const square = (w: number, s: number, e: number, n: number) => [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ];
    const shapes = new Map([
      ['A', { type: 'Polygon' as const, coordinates: [square(-122.8, 45.0, -122.6, 45.2)] }],
      ['B', { type: 'MultiPolygon' as const, coordinates: [[square(-122.6, 45.0, -122.5, 45.2)], [square(-122.5, 45.1, -122.4, 45.2)]] }],
    ]);
    const cells = mapCells(areas, bounds, 400, 300, shapes);
    const voronoi = mapCells(areas, bounds, 400, 300);
    expect(cells[0]!.path).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}Z$/);
    expect(cells[0]!.path).not.toBe(voronoi[0]!.path);
    expect(cells[1]!.path.match(/M/g)).toHaveLength(2);
    expect(cells[2]!.path).toBe(voronoi[2]!.path);
    // West edge of A is the drawing's left edge (the bounds' west).
    expect(Number(cells[0]!.path.slice(1).split(',')[0])).toBeCloseTo(0, 0);
  });
});

describe('cellHex', () => {
  it('is cellFill as #rrggbb (hsl(8 75% 40%) and hsl(8 75% 96%)), null when suppressed', () => {
    expect(cellHex(1)).toBe('#b32e19');
    expect(cellHex(0)).toBe('#fcefed');
    expect(cellHex(null)).toBeNull();
  });
});
