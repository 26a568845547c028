import type { BoundaryCollection } from '@continuum/contracts';

/** How one area is filled: a colour, or hatched where its figure is withheld; `outlined` draws a dashed edge (e.g. a desert). */
export interface AreaFill {
  readonly colour: string | null;
  readonly outlined?: boolean;
}

/** A marked place on the map, drawn as a button named by `label` (its accessible name). */
export interface MapPoint {
  readonly id: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly label: string;
  /** Short text on the marker, e.g. the result's number in the list. */
  readonly text?: string;
  readonly kind: 'service' | 'place' | 'site';
}

const NO_FIGURE = '#dddddd';

/** The areas as the map's GeoJSON source: each feature carries its fill, hatching, outline and selection. */
export function mapAreasData(
  boundaries: BoundaryCollection | null,
  fills: ReadonlyMap<string, AreaFill> | undefined,
  selectedAreaId: string | null | undefined,
) {
  return {
    type: 'FeatureCollection' as const,
    features: (boundaries?.features ?? []).map((f) => {
      const fill = fills?.get(f.id);
      return {
        type: 'Feature' as const,
        properties: {
          areaId: f.id,
          name: f.properties.name,
          fill: fill?.colour ?? NO_FIGURE,
          hatched: fill !== undefined && fill.colour === null,
          outlined: fill?.outlined ?? false,
          selected: f.id === selectedAreaId,
        },
        geometry: f.geometry as GeoJSON.Geometry,
      };
    }),
  };
}

/** The [west, south, east, north] box around every coordinate of the boundaries, or null when there are none. */
export function boundsOf(boundaries: BoundaryCollection): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const f of boundaries.features) visit(f.geometry.coordinates);
  return box;
}
