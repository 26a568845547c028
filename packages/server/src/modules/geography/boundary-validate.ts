import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

/**
 * Area boundaries as imported (docs/geography.md): a GeoJSON FeatureCollection or a TopoJSON Topology
 * read into polygons, checked, and wound as RFC 7946 §3.1.6 asks (exterior rings counterclockwise,
 * holes clockwise). Every problem names the feature (its position and id) and what is wrong, and the
 * import stops at any of them, so a file is taken whole or not at all.
 */

export type BoundaryGeometry = Polygon | MultiPolygon;

export interface BoundaryFeature {
  /** The feature's own id (the `id` member or the id property), before any prefix. */
  readonly sourceId: string;
  readonly name: string;
  readonly population: number | null;
  readonly postalCode: string | null;
  readonly attributes: Record<string, number | string>;
  readonly geometry: BoundaryGeometry;
}

export interface BoundaryMapping {
  /** The property holding the id; `id` also accepts the feature's `id` member. */
  readonly idProperty: string;
  readonly nameProperty: string;
  readonly populationProperty: string;
  readonly postalCodeProperty?: string | undefined;
  readonly attributes: readonly string[];
  /** For TopoJSON: the object to read; the only one when omitted. */
  readonly object?: string | undefined;
}

export interface ParsedBoundaries {
  readonly features: BoundaryFeature[];
  /** Rings wound clockwise (exterior) or counterclockwise (hole) and turned round. */
  readonly rewoundRings: number;
}

export class BoundaryError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'BoundaryError';
  }
}

/** CRS names that mean WGS 84 longitude, latitude (RFC 7946 drops `crs`; older files still carry one). */
const WGS84_NAMES = new Set(['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:OGC::CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326']);
const MAX_PROBLEMS = 20;

/** Twice the signed planar area of a ring (shoelace): positive when counterclockwise. */
export function ringArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function crsProblem(data: Record<string, unknown>): string | null {
  const crs = data['crs'];
  if (crs === undefined || crs === null) return null;
  const name = isObject(crs) && isObject(crs['properties']) ? crs['properties']['name'] : undefined;
  if (typeof name === 'string' && WGS84_NAMES.has(name)) return null;
  return `crs: ${typeof name === 'string' ? `"${name}"` : 'an unnamed CRS'} is not WGS 84 longitude/latitude; reproject to EPSG:4326 (RFC 7946)`;
}

/** The features of a GeoJSON FeatureCollection or of one TopoJSON object. */
export function featuresOf(data: unknown, object?: string): unknown[] {
  if (!isObject(data)) throw new BoundaryError(['the file is not a JSON object']);
  if (data['type'] === 'Topology') {
    const objects = isObject(data['objects']) ? data['objects'] : {};
    const names = Object.keys(objects);
    const chosen = object ?? (names.length === 1 ? names[0] : undefined);
    if (!chosen || !(chosen in objects)) {
      throw new BoundaryError([`object: choose one of the topology's objects (${names.join(', ') || 'none'})`]);
    }
    const collection = topoFeature(data as unknown as Topology, chosen) as { features?: unknown[] };
    return collection.features ?? [collection];
  }
  if (data['type'] !== 'FeatureCollection' || !Array.isArray(data['features'])) {
    throw new BoundaryError(['type: expected a GeoJSON FeatureCollection or a TopoJSON Topology']);
  }
  const crs = crsProblem(data);
  if (crs) throw new BoundaryError([crs]);
  return data['features'] as unknown[];
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return 'a ring has fewer than 4 positions';
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || !p.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return 'a position is not a pair of numbers';
    }
    const [lon, lat] = p as number[];
    if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) {
      return `position [${lon}, ${lat}] is outside longitude/latitude; the file looks projected (reproject to EPSG:4326)`;
    }
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'a ring is not closed (its last position differs from its first)';
  if (ringArea2(ring as Position[]) === 0) return 'a ring has no area';
  return null;
}

/** Checks a geometry's rings and winds them per RFC 7946; answers the problem or the rings turned. */
function windGeometry(geometry: unknown): { problem: string } | { geometry: BoundaryGeometry; rewound: number } {
  if (!isObject(geometry)) return { problem: 'it has no geometry' };
  const type = geometry['type'];
  if (type !== 'Polygon' && type !== 'MultiPolygon') return { problem: `geometry type ${String(type)} is not Polygon or MultiPolygon` };
  const polygons = (type === 'Polygon' ? [geometry['coordinates']] : geometry['coordinates']) as unknown;
  if (!Array.isArray(polygons) || polygons.length === 0) return { problem: 'its geometry has no coordinates' };
  let rewound = 0;
  const wound: Position[][][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return { problem: 'a polygon has no rings' };
    const rings: Position[][] = [];
    for (const [index, ring] of polygon.entries()) {
      const problem = ringProblem(ring);
      if (problem) return { problem };
      const positions = (ring as number[][]).map((p) => [p[0]!, p[1]!]);
      const wantCounterclockwise = index === 0;
      if (ringArea2(positions) > 0 !== wantCounterclockwise) {
        positions.reverse();
        rewound++;
      }
      rings.push(positions);
    }
    wound.push(rings);
  }
  return { geometry: type === 'Polygon' ? { type, coordinates: wound[0]! } : { type, coordinates: wound }, rewound };
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Reads, checks and winds every feature; throws a BoundaryError listing the problems (at most 20). */
export function parseBoundaries(data: unknown, mapping: BoundaryMapping): ParsedBoundaries {
  const raw = featuresOf(data, mapping.object);
  if (raw.length === 0) throw new BoundaryError(['features: the file holds no features']);
  const problems: string[] = [];
  const features: BoundaryFeature[] = [];
  const seen = new Set<string>();
  let rewoundRings = 0;
  for (const [index, f] of raw.entries()) {
    if (problems.length >= MAX_PROBLEMS) break;
    const item = isObject(f) ? (f as Partial<Feature>) : {};
    const properties = isObject(item.properties) ? item.properties : {};
    const id = textOf(properties[mapping.idProperty]) ?? (mapping.idProperty === 'id' ? textOf(item.id) : null);
    const label = `features[${index}]${id ? ` (id "${id}")` : ''}`;
    if (!id) {
      problems.push(`${label}: no id (property "${mapping.idProperty}")`);
      continue;
    }
    if (seen.has(id)) problems.push(`${label}: the id is used by an earlier feature`);
    seen.add(id);
    const name = textOf(properties[mapping.nameProperty]);
    if (!name) problems.push(`${label}: no name (property "${mapping.nameProperty}")`);
    const populationValue = properties[mapping.populationProperty];
    const population = typeof populationValue === 'string' && /^\d+$/.test(populationValue) ? Number(populationValue) : populationValue;
    if (population !== undefined && population !== null && !(Number.isInteger(population) && (population as number) >= 0)) {
      problems.push(`${label}: population (property "${mapping.populationProperty}") is not a whole number of people`);
    }
    const attributes: Record<string, number | string> = {};
    for (const key of mapping.attributes) {
      const value = properties[key];
      if (typeof value === 'number' || typeof value === 'string') attributes[key] = value;
    }
    const wound = windGeometry(item.geometry);
    if ('problem' in wound) {
      problems.push(`${label}: ${wound.problem}`);
      continue;
    }
    rewoundRings += wound.rewound;
    features.push({
      sourceId: id,
      name: name ?? id,
      population: typeof population === 'number' ? population : null,
      postalCode: mapping.postalCodeProperty ? textOf(properties[mapping.postalCodeProperty]) : null,
      attributes,
      geometry: wound.geometry,
    });
  }
  if (problems.length > 0) throw new BoundaryError(problems);
  return { features, rewoundRings };
}
