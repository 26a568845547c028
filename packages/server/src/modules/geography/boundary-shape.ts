import type { FeatureCollection, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ringArea2, type BoundaryGeometry } from './boundary-validate.ts';

/**
 * Shapes for display and the centroid the analysis measures from. Simplification runs on the
 * topology (topojson-server, topojson-simplify: Visvalingam's effective area), so neighbours keep one
 * shared border and no slivers or gaps open between them. The tolerance is the smallest triangle
 * area kept, in square degrees (1e-6 is about 100 m × 80 m at 45° N); 0 keeps every vertex.
 */

export const DEFAULT_SIMPLIFY = 1e-6;

function polygonsOf(geometry: BoundaryGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function vertexCount(geometry: BoundaryGeometry): number {
  return polygonsOf(geometry).reduce((sum, polygon) => sum + polygon.reduce((s, ring) => s + ring.length, 0), 0);
}

/** A ring kept by simplification still closes round an area with at least three corners. */
function usable(geometry: BoundaryGeometry): boolean {
  return polygonsOf(geometry).every((polygon) => polygon.every((ring) => ring.length >= 4 && ringArea2(ring) !== 0));
}

/** Winds again per RFC 7946 (exterior counterclockwise, holes clockwise) after the topology's round trip. */
function rewind(geometry: BoundaryGeometry): BoundaryGeometry {
  const polygons = polygonsOf(geometry).map((polygon) =>
    polygon.map((ring, index) => (ringArea2(ring) > 0 === (index === 0) ? ring : [...ring].reverse())),
  );
  return geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

/** Simplifies every geometry together, keeping shared borders shared; a shape that would collapse keeps its own vertices. */
export function simplifyTogether(geometries: readonly BoundaryGeometry[], tolerance: number): BoundaryGeometry[] {
  if (tolerance <= 0 || geometries.length === 0) return [...geometries];
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: geometries.map((geometry) => ({ type: 'Feature', properties: {}, geometry })),
  };
  const topo = simplify(presimplify(topology({ areas: collection }) as unknown as Topology<{ areas: GeometryCollection }>), tolerance);
  const simplified = topoFeature(topo, topo.objects.areas) as FeatureCollection;
  return simplified.features.map((f, i) => {
    const geometry = f.geometry as BoundaryGeometry | null;
    return geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') && usable(geometry)
      ? rewind(geometry)
      : geometries[i]!;
  });
}

/**
 * The area-weighted centroid of the shape on the longitude/latitude plane (holes subtract), in the
 * geometry's own winding. Close enough for a county or smaller to stand for where its people are; a
 * crescent's centroid may fall outside it, as with any centroid.
 */
export function centroidOf(geometry: BoundaryGeometry): { latitude: number; longitude: number } {
  // Measured from the first vertex, so the cross products stay small and keep their precision.
  const origin = polygonsOf(geometry)[0]![0]![0]! as [number, number];
  let area = 0;
  let x = 0;
  let y = 0;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const x0 = ring[i]![0]! - origin[0];
        const y0 = ring[i]![1]! - origin[1];
        const x1 = ring[i + 1]![0]! - origin[0];
        const y1 = ring[i + 1]![1]! - origin[1];
        const cross = x0 * y1 - x1 * y0;
        area += cross;
        x += (x0 + x1) * cross;
        y += (y0 + y1) * cross;
      }
    }
  }
  if (area === 0) return { longitude: origin[0], latitude: origin[1] };
  return { longitude: origin[0] + x / (3 * area), latitude: origin[1] + y / (3 * area) };
}
