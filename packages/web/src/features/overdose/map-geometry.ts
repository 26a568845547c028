import { Delaunay } from 'd3-delaunay';
import { geoMercator } from 'd3-geo';

/*
 * The overdose map's drawing without WebGL (MapLibre draws it otherwise): each area is its imported
 * boundary where it has one, else the Voronoi cell of its centre, clipped to the region's bounds;
 * projected with a Mercator projection fitted to the drawing.
 */

export interface MapArea {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  count: number | null;
}

export interface MapBounds {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
}

export interface MapCell {
  id: string;
  name: string;
  count: number | null;
  /** SVG path of the cell. */
  path: string;
  /** The projected centre, for the label. */
  x: number;
  y: number;
  /** 0 (none) … 1 (the highest count on the map); null when suppressed. */
  intensity: number | null;
}

function outlineOf(bounds: MapBounds) {
  return {
    type: 'Feature' as const,
    properties: {},
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [bounds.minLongitude, bounds.minLatitude],
          [bounds.minLongitude, bounds.maxLatitude],
          [bounds.maxLongitude, bounds.maxLatitude],
          [bounds.maxLongitude, bounds.minLatitude],
          [bounds.minLongitude, bounds.minLatitude],
        ],
      ],
    },
  };
}

function projectionFor(bounds: MapBounds, width: number, height: number) {
  return geoMercator().fitExtent(
    [
      [0, 0],
      [width, height],
    ],
    outlineOf(bounds),
  );
}

/** The drawing's viewBox: the projected region, without the margins the aspect ratio leaves. */
export function mapViewBox(bounds: MapBounds, width: number, height: number): string {
  const projection = projectionFor(bounds, width, height);
  const [x0, y0] = projection([bounds.minLongitude, bounds.maxLatitude]) ?? [0, 0];
  const [x1, y1] = projection([bounds.maxLongitude, bounds.minLatitude]) ?? [width, height];
  return [x0, y0, x1 - x0, y1 - y0].map((v) => Math.round(v * 100) / 100).join(' ');
}

/** An area's boundary: a GeoJSON Polygon or MultiPolygon in longitude/latitude. */
export interface AreaShape {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

/** The SVG path of a boundary, ring by ring, projected point by point (planar, so ring winding does not matter). */
function shapePath(shape: AreaShape, project: (p: [number, number]) => [number, number] | null): string {
  const polygons = (shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates) as [number, number][][][];
  const round = (v: number) => Math.round(v * 100) / 100;
  return polygons
    .flatMap((rings) =>
      rings.map((ring) => {
        const pts: [number, number][] = ring.map((c) => project(c) ?? [0, 0]);
        return `M${pts.map(([x, y]) => `${round(x)},${round(y)}`).join('L')}Z`;
      }),
    )
    .join('');
}

/** Cells for the areas, in the order given: the area's boundary from `shapes` when it has one, else its Voronoi cell. */
export function mapCells(
  areas: readonly MapArea[],
  bounds: MapBounds,
  width: number,
  height: number,
  shapes: ReadonlyMap<string, AreaShape> = new Map(),
): MapCell[] {
  if (areas.length === 0) return [];
  const projection = projectionFor(bounds, width, height);
  const corner1 = projection([bounds.minLongitude, bounds.maxLatitude]) ?? [0, 0];
  const corner2 = projection([bounds.maxLongitude, bounds.minLatitude]) ?? [width, height];
  const points: [number, number][] = areas.map((a) => projection([a.longitude, a.latitude]) ?? [0, 0]);
  const voronoi = Delaunay.from(points).voronoi([corner1[0], corner1[1], corner2[0], corner2[1]]);
  const max = Math.max(0, ...areas.map((a) => a.count ?? 0));
  return areas.map((a, i) => ({
    id: a.id,
    name: a.name,
    count: a.count,
    path: shapes.has(a.id) ? shapePath(shapes.get(a.id)!, (p) => projection(p)) : voronoi.renderCell(i),
    x: points[i]![0],
    y: points[i]![1],
    intensity: a.count === null ? null : max === 0 ? 0 : a.count / max,
  }));
}

/** Fill for a cell: a sequential scale from pale to deep red; hatched grey when suppressed. */
export function cellFill(intensity: number | null): string {
  if (intensity === null) return 'url(#overdose-suppressed)';
  const light = Math.round(96 - intensity * 56);
  return `hsl(8 75% ${light}%)`;
}

/** The same shade as `cellFill`, as #rrggbb (for the WebGL map); null when suppressed (hatched there). */
export function cellHex(intensity: number | null): string | null {
  if (intensity === null) return null;
  const l = Math.round(96 - intensity * 56) / 100;
  const s = 0.75;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + 8 / 30) % 12; // hue 8°: 8/360 of the wheel in twelfths
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
