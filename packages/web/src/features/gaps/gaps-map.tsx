import { useMemo } from 'react';
import { relativeAccessColours, type BoundaryCollection } from '@continuum/contracts';
import { AreaMap, type AreaFill, type AreaMapHandle, type MapPoint } from '../../ui/area-map.tsx';

/** One area on the map: its class (0 worst … 4 best, null no figure) and whether it is a desert. */
export interface MapArea {
  readonly klass: number | null;
  readonly desert: boolean;
  readonly label: string;
}

export const CLASS_COLOURS = relativeAccessColours;
const NO_FIGURE = '#cccccc';

interface GapsMapProps {
  boundaries: BoundaryCollection;
  areas: ReadonlyMap<string, MapArea>;
  styleUrl: string | null;
  site: { latitude: number; longitude: number } | null;
  /** A click on the map picks a candidate site. */
  onPick: (point: { latitude: number; longitude: number }) => void;
  /** The id of the table that holds the same figures (the accessible equivalent). */
  tableId: string;
  onReady?: (handle: AreaMapHandle) => void;
}

/**
 * The choropleth: the areas' boundaries coloured by the chosen measure, deserts outlined, the candidate
 * site as a point (the shared `AreaMap`). Without WebGL it says so and the table carries the same figures.
 */
export function GapsMap({ boundaries, areas, styleUrl, site, onPick, tableId, onReady }: GapsMapProps) {
  const fills = useMemo(
    () =>
      new Map<string, AreaFill>(
        [...areas].map(([id, a]) => [
          id,
          { colour: a.klass === null ? NO_FIGURE : (CLASS_COLOURS[a.klass] ?? NO_FIGURE), outlined: a.desert },
        ]),
      ),
    [areas],
  );
  const points = useMemo<MapPoint[]>(
    () => (site ? [{ id: 'site', kind: 'site', latitude: site.latitude, longitude: site.longitude, label: 'Candidate site' }] : []),
    [site],
  );
  return (
    <AreaMap
      className="gaps-map"
      boundaries={boundaries}
      fills={fills}
      points={points}
      styleUrl={styleUrl}
      label="Map of accessibility by area. Arrow keys pan, plus and minus zoom; click to place a candidate site. The table below lists the same figures."
      describedBy={tableId}
      onMapClick={onPick}
      onReady={onReady}
      fallback={
        <p className="gaps-map-unavailable" role="note">
          The map needs WebGL, which this browser does not offer. The table holds the same figures, area by area.
        </p>
      }
    />
  );
}
