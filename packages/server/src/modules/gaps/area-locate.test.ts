import { describe, expect, it } from 'vitest';
import { areaOfPoint, pointInShape, type LocatableArea } from './area-locate.ts';

const box = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const donut = { type: 'Polygon' as const, coordinates: [box(0, 0, 10, 10), box(4, 4, 6, 6).reverse()] };
const twoIslands = { type: 'MultiPolygon' as const, coordinates: [[box(0, 0, 1, 1)], [[...box(5, 5, 6, 6)]]] };

describe('pointInShape', () => {
  it.each([
    ['inside the outer ring', 2, 2, donut, true],
    ['in the hole', 5, 5, donut, false],
    ['outside', 11, 5, donut, false],
    ['first island', 0.5, 0.5, twoIslands, true],
    ['second island', 5.5, 5.5, twoIslands, true],
    ['between the islands', 3, 3, twoIslands, false],
  ])('%s', (_, longitude, latitude, shape, expected) => {
    expect(pointInShape({ latitude, longitude }, shape)).toBe(expected);
  });
});

describe('areaOfPoint', () => {
  // West's centre is nearer the point (1.9, 0.5), but the point lies inside East's boundary.
  const areas: LocatableArea[] = [
    { id: 'west', latitude: 0.5, longitude: 0.5, geometry: { type: 'Polygon', coordinates: [box(0, 0, 1.8, 1)] } },
    { id: 'east', latitude: 0.5, longitude: 3, geometry: { type: 'Polygon', coordinates: [box(1.8, 0, 4, 1)] } },
    { id: 'no-shape', latitude: 10, longitude: 10 },
  ];
  it.each([
    ['inside a boundary, though another centre is nearer', 1.9, 0.5, 'east'],
    ['inside the other boundary', 1, 0.5, 'west'],
    ['in no boundary: the nearest centre', 9, 9, 'no-shape'],
    ['in no boundary, near the east', 4.5, 0.5, 'east'],
  ])('%s', (_, longitude, latitude, expected) => {
    expect(areaOfPoint({ latitude, longitude }, areas)).toBe(expected);
  });
  it('is null with no areas', () => {
    expect(areaOfPoint({ latitude: 0, longitude: 0 }, [])).toBeNull();
  });
});
