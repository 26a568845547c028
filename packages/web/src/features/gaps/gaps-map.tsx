import { useEffect, useRef, useState } from 'react';
import type { BoundaryCollection } from '@continuum/contracts';
import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';

/** One area on the map: its class (0 worst … 4 best, null no figure) and whether it is a desert. */
export interface MapArea {
  readonly klass: number | null;
  readonly desert: boolean;
  readonly label: string;
}

export const CLASS_COLOURS = ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf'] as const;
const NO_FIGURE = '#cccccc';

/** WebGL, which MapLibre draws with; absent in some browsers, remote desktops and test runners. */
export function hasWebGl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

/** No tile server: a plain background, the boundaries and points drawn over it (works offline). */
const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } }],
};

function areasData(boundaries: BoundaryCollection, areas: ReadonlyMap<string, MapArea>) {
  return {
    type: 'FeatureCollection' as const,
    features: boundaries.features.map((f) => {
      const area = areas.get(f.id);
      return {
        type: 'Feature' as const,
        id: undefined,
        properties: { areaId: f.id, name: f.properties.name, klass: area?.klass ?? -1, desert: area?.desert ?? false },
        geometry: f.geometry as GeoJSON.Geometry,
      };
    }),
  };
}

function boundsOf(boundaries: BoundaryCollection): [number, number, number, number] | null {
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

interface GapsMapProps {
  boundaries: BoundaryCollection;
  areas: ReadonlyMap<string, MapArea>;
  styleUrl: string | null;
  site: { latitude: number; longitude: number } | null;
  /** A click on the map picks a candidate site. */
  onPick: (point: { latitude: number; longitude: number }) => void;
  /** The id of the table that holds the same figures (the accessible equivalent). */
  tableId: string;
}

/**
 * The choropleth (MapLibre GL): the areas' boundaries coloured by the chosen measure, deserts outlined,
 * the candidate site as a point. Without a basemap style it needs no tile server. Without WebGL it says
 * so and the table beside it carries the same figures.
 */
export function GapsMap({ boundaries, areas, styleUrl, site, onPick, tableId }: GapsMapProps) {
  const container = useRef<HTMLDivElement | null>(null);
  const map = useRef<MapLibreMap | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'unavailable'>(() => (hasWebGl() ? 'loading' : 'unavailable'));
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    if (state === 'unavailable' || !container.current || map.current) return;
    let cancelled = false;
    void (async () => {
      try {
        const [maplibre, worker] = await Promise.all([import('maplibre-gl'), import('maplibre-gl/dist/maplibre-gl-worker.mjs?url')]);
        await import('maplibre-gl/dist/maplibre-gl.css');
        if (cancelled || !container.current) return;
        maplibre.setWorkerUrl(worker.default);
        const bounds = boundsOf(boundaries);
        const created = new maplibre.Map({
          container: container.current,
          style: styleUrl ?? OFFLINE_STYLE,
          ...(bounds ? { bounds, fitBoundsOptions: { padding: 20 } } : { center: [0, 0], zoom: 1 }),
          attributionControl: styleUrl ? {} : false,
        });
        created.addControl(new maplibre.NavigationControl({ showCompass: false }));
        created.on('load', () => {
          created.addSource('areas', { type: 'geojson', data: areasData(boundaries, areas) });
          created.addSource('site', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
          created.addLayer({
            id: 'areas-fill',
            type: 'fill',
            source: 'areas',
            paint: {
              'fill-color': [
                'match',
                ['get', 'klass'],
                0,
                CLASS_COLOURS[0],
                1,
                CLASS_COLOURS[1],
                2,
                CLASS_COLOURS[2],
                3,
                CLASS_COLOURS[3],
                4,
                CLASS_COLOURS[4],
                NO_FIGURE,
              ],
              'fill-opacity': 0.75,
            },
          });
          created.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#444444', 'line-width': 0.8 } });
          created.addLayer({
            id: 'deserts',
            type: 'line',
            source: 'areas',
            filter: ['==', ['get', 'desert'], true],
            paint: { 'line-color': '#000000', 'line-width': 2.5, 'line-dasharray': [2, 1] },
          });
          created.addLayer({
            id: 'site',
            type: 'circle',
            source: 'site',
            paint: { 'circle-radius': 7, 'circle-color': '#1b7837', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
          });
          setState('ready');
        });
        created.on('click', (event) => pick.current({ latitude: event.lngLat.lat, longitude: event.lngLat.lng }));
        map.current = created;
      } catch {
        if (!cancelled) setState('unavailable');
      }
    })();
    return () => {
      cancelled = true;
    };
    // The map is made once; data changes flow through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state === 'unavailable']);

  useEffect(() => () => map.current?.remove(), []);

  useEffect(() => {
    if (state !== 'ready') return;
    (map.current?.getSource('areas') as GeoJSONSource | undefined)?.setData(areasData(boundaries, areas));
  }, [state, boundaries, areas]);

  useEffect(() => {
    if (state !== 'ready') return;
    (map.current?.getSource('site') as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: site
        ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [site.longitude, site.latitude] } }]
        : [],
    });
  }, [state, site]);

  if (state === 'unavailable') {
    return (
      <p className="gaps-map-unavailable" role="note">
        The map needs WebGL, which this browser does not offer. The table holds the same figures, area by area.
      </p>
    );
  }
  return (
    <div
      ref={container}
      className="gaps-map"
      role="region"
      aria-label="Map of accessibility by area. Arrow keys pan, plus and minus zoom; click to place a candidate site. The table below lists the same figures."
      aria-describedby={tableId}
      data-state={state}
    />
  );
}
