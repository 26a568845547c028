import { Delaunay } from 'd3-delaunay';
import type { Polygon, Position } from 'geojson';
import { ringArea2 } from '../modules/geography/index.ts';
import type { SyntheticArea } from './synthetic-region.ts';

/**
 * Boundaries for the demo region's areas: the Voronoi cells of their centres inside the region's box,
 * each border then bent by midpoint displacement, the way roads, creeks and survey lines bend real
 * ZIP and tract borders. A border's bends are keyed by its two end points, so the two areas on either
 * side draw the same line and the map has no gaps or overlaps.
 */

const MARGIN_DEGREES = 0.12;
const LEVELS = 3;

/** A number in [-1, 1) from a string, stable across runs (FNV-1a). */
function unitHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return ((h >>> 0) / 0x1_0000_0000) * 2 - 1;
}

const keyOf = (p: Position) => `${p[0]!.toFixed(9)},${p[1]!.toFixed(9)}`;

/** The bent line from a to b (both ends included), the same points whichever way it is asked for. */
function bentEdge(a: Position, b: Position): Position[] {
  const forward = keyOf(a) < keyOf(b);
  const [from, to] = forward ? [a, b] : [b, a];
  let line: Position[] = [from, to];
  for (let level = 0; level < LEVELS; level++) {
    const next: Position[] = [line[0]!];
    for (let i = 0; i + 1 < line.length; i++) {
      const p = line[i]!;
      const q = line[i + 1]!;
      const dx = q[0]! - p[0]!;
      const dy = q[1]! - p[1]!;
      // Up to a fifth of the segment's length, sideways.
      const shift = unitHash(`${keyOf(p)}|${keyOf(q)}`) * 0.2;
      next.push([(p[0]! + q[0]!) / 2 - dy * shift, (p[1]! + q[1]!) / 2 + dx * shift], q);
    }
    line = next;
  }
  return forward ? line : line.reverse();
}

/** One boundary per area, in the areas' order, wound per RFC 7946 (counterclockwise). */
export function syntheticBoundaries(areas: readonly Pick<SyntheticArea, 'latitude' | 'longitude'>[]): Polygon[] {
  const lons = areas.map((a) => a.longitude);
  const lats = areas.map((a) => a.latitude);
  const box: [number, number, number, number] = [
    Math.min(...lons) - MARGIN_DEGREES,
    Math.min(...lats) - MARGIN_DEGREES,
    Math.max(...lons) + MARGIN_DEGREES,
    Math.max(...lats) + MARGIN_DEGREES,
  ];
  const voronoi = Delaunay.from(areas.map((a) => [a.longitude, a.latitude] as [number, number])).voronoi(box);
  return areas.map((_, i) => {
    const cell = voronoi.cellPolygon(i) as Position[];
    const ring: Position[] = [];
    for (let k = 0; k + 1 < cell.length; k++) ring.push(...bentEdge(cell[k]!, cell[k + 1]!).slice(0, -1));
    ring.push(ring[0]!);
    return { type: 'Polygon', coordinates: [ringArea2(ring) > 0 ? ring : ring.reverse()] };
  });
}
