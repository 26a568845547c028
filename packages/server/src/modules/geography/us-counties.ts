import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ringArea2 } from './boundary-validate.ts';

/**
 * US county boundaries from the `us-atlas` package (ISC; the Census Bureau's cartographic boundary
 * files at 1:10,000,000, unprojected longitude/latitude), so a network can start with its counties.
 * Ids are five-digit FIPS codes; names read "Benton, Oregon". A county with no shape left at this scale
 * (Falls Church city, Virginia, is one) is left out; import it from a finer file.
 */

const require = createRequire(import.meta.url);

let atlas: Topology | null = null;
function countiesAtlas(): Topology {
  atlas ??= require('us-atlas/counties-10m.json') as Topology;
  return atlas;
}

const solid = (ring: Position[]) => ring.length >= 4 && ringArea2(ring) !== 0;

/**
 * Drops the slivers the atlas's quantization leaves (rings of under four positions or no area, and the
 * holes of polygons whose outer ring is one); the county's shape is otherwise as shipped.
 */
function withoutSlivers(geometry: Geometry | null): Geometry | null {
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return geometry;
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates)
    .filter((polygon) => polygon[0] && solid(polygon[0]))
    .map((polygon) => polygon.filter(solid));
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

/** The counties of the given states (two-digit FIPS), as a FeatureCollection with `id` and `name` properties. */
export function usCounties(states: readonly string[]): FeatureCollection {
  const topo = countiesAtlas();
  const stateNames = new Map(
    (topo.objects['states'] as GeometryCollection<{ name: string }>).geometries.map((g) => [
      String(g.id),
      (g.properties as { name?: string } | undefined)?.name ?? '',
    ]),
  );
  const wanted = new Set(states);
  const counties = topoFeature(topo, topo.objects['counties'] as GeometryCollection<{ name: string }>) as FeatureCollection;
  const features: Feature[] = [];
  for (const f of [...counties.features].sort((a, b) => String(a.id).localeCompare(String(b.id)))) {
    const geometry = wanted.has(String(f.id).slice(0, 2)) ? withoutSlivers(f.geometry) : null;
    if (!geometry) continue; // not asked for, or no shape at this scale
    const name = `${String(f.properties?.['name'])}, ${stateNames.get(String(f.id).slice(0, 2)) ?? ''}`;
    features.push({ type: 'Feature', id: String(f.id), properties: { id: String(f.id), name }, geometry });
  }
  return { type: 'FeatureCollection', features };
}
