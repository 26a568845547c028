import { haversineMiles, type GeoPoint } from './catchment-links.ts';

/*
 * Which area a point (a service location) is in: the area whose boundary contains it (GeoJSON
 * Polygon or MultiPolygon, longitude/latitude; even–odd over every ring, so holes are outside), and
 * for a point in no boundary — or a network without boundaries — the area with the nearest centre.
 */

export interface LocatableArea extends GeoPoint {
  readonly id: string;
  readonly geometry?: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null;
}

type Ring = readonly (readonly number[])[];

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInShape(point: GeoPoint, geometry: NonNullable<LocatableArea['geometry']>): boolean {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  return polygons.some((rings) => rings.filter((ring) => inRing(point.longitude, point.latitude, ring)).length % 2 === 1);
}

/** The area a point falls in (by boundary, else the nearest centre); null only with no areas. */
export function areaOfPoint(point: GeoPoint, areas: readonly LocatableArea[]): string | null {
  for (const area of areas) if (area.geometry && pointInShape(point, area.geometry)) return area.id;
  let best: string | null = null;
  let bestMiles = Infinity;
  for (const area of areas) {
    const miles = haversineMiles(point, area);
    if (miles < bestMiles) [best, bestMiles] = [area.id, miles];
  }
  return best;
}
