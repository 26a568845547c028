import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BoundaryCollection } from '@continuum/contracts';
import type { GeoJSONSource, Map as MapLibreMap, Marker, StyleSpecification } from 'maplibre-gl';
import { boundsOf, mapAreasData, type AreaFill, type MapPoint } from './area-map-data.ts';
import './area-map.css';

export type { AreaFill, MapPoint } from './area-map-data.ts';

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

/** Diagonal grey hatching (8 × 8 RGBA) for areas whose figure is not shown. */
function hatchImage() {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const stripe = (x + y) % size < 3;
      data.set(stripe ? [184, 190, 197, 255] : [238, 240, 242, 255], (y * size + x) * 4);
    }
  return { width: size, height: size, data };
}

/** What the map can give back once drawn: its picture as a PNG data URL (for a download). */
export interface AreaMapHandle {
  toPng(): string;
}

export interface AreaMapProps {
  /** The areas' shapes; null draws points only. */
  boundaries: BoundaryCollection | null;
  /** Per area id: its fill (an area with none is drawn pale). */
  fills?: ReadonlyMap<string, AreaFill>;
  /** Marked places, each a focusable button on the map. */
  points?: readonly MapPoint[];
  selectedAreaId?: string | null;
  /** A basemap style URL (CONTINUUM_MAP_STYLE_URL), or null for none. */
  styleUrl: string | null;
  /** What the map is and how to use it, for screen readers. */
  label: string;
  /** The id of the element (table or list) that holds the same information: the accessible equivalent. */
  describedBy?: string;
  /** Frame the areas (default) or the points. */
  fit?: 'areas' | 'points';
  className?: string;
  onMapClick?: (point: { latitude: number; longitude: number }) => void;
  onAreaClick?: (areaId: string) => void;
  onPointClick?: (pointId: string) => void;
  onReady?: (handle: AreaMapHandle) => void;
  /** Shown instead where the browser has no WebGL (the page's table or list carries the same). */
  fallback?: ReactNode;
}

/**
 * The one map component (MapLibre GL) every page draws with: area boundaries filled per area (hatched
 * where a figure is withheld), outlines for emphasised areas, and points as buttons. Without a basemap
 * style it needs no tile server. Without WebGL it renders `fallback`.
 */
export function AreaMap(props: AreaMapProps) {
  const { boundaries, fills, points, selectedAreaId, styleUrl, label, describedBy, fit = 'areas', className, fallback } = props;
  const container = useRef<HTMLDivElement | null>(null);
  const map = useRef<MapLibreMap | null>(null);
  const markers = useRef<Marker[]>([]);
  const markerClass = useRef<typeof Marker | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'unavailable'>(() => (hasWebGl() ? 'loading' : 'unavailable'));
  const handlers = useRef(props);
  useEffect(() => {
    handlers.current = props;
  });

  useEffect(() => {
    if (state === 'unavailable' || !container.current || map.current) return;
    let cancelled = false;
    void (async () => {
      try {
        const [maplibre, worker] = await Promise.all([import('maplibre-gl'), import('maplibre-gl/dist/maplibre-gl-worker.mjs?url')]);
        await import('maplibre-gl/dist/maplibre-gl.css');
        if (cancelled || !container.current) return;
        maplibre.setWorkerUrl(worker.default);
        markerClass.current = maplibre.Marker;
        const bounds = fit === 'points' ? pointBounds(handlers.current.points ?? []) : boundaries ? boundsOf(boundaries) : null;
        const created = new maplibre.Map({
          container: container.current,
          style: styleUrl ?? OFFLINE_STYLE,
          ...(bounds ? { bounds, fitBoundsOptions: { padding: 40, maxZoom: 13 } } : { center: [0, 0], zoom: 1 }),
          attributionControl: styleUrl ? {} : false,
          canvasContextAttributes: { preserveDrawingBuffer: true },
        });
        created.addControl(new maplibre.NavigationControl({ showCompass: false }));
        created.on('load', () => {
          created.addImage('area-map-hatch', hatchImage());
          created.addSource('areas', { type: 'geojson', data: mapAreasData(boundaries, fills, selectedAreaId) });
          created.addLayer({
            id: 'areas-fill',
            type: 'fill',
            source: 'areas',
            filter: ['!=', ['get', 'hatched'], true],
            paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.75 },
          });
          created.addLayer({
            id: 'areas-hatched',
            type: 'fill',
            source: 'areas',
            filter: ['==', ['get', 'hatched'], true],
            paint: { 'fill-pattern': 'area-map-hatch' },
          });
          created.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#444444', 'line-width': 0.8 } });
          created.addLayer({
            id: 'areas-outlined',
            type: 'line',
            source: 'areas',
            filter: ['==', ['get', 'outlined'], true],
            paint: { 'line-color': '#000000', 'line-width': 2.5, 'line-dasharray': [2, 1] },
          });
          created.addLayer({
            id: 'areas-selected',
            type: 'line',
            source: 'areas',
            filter: ['==', ['get', 'selected'], true],
            paint: { 'line-color': '#1d2939', 'line-width': 3.5 },
          });
          setState('ready');
          handlers.current.onReady?.({ toPng: () => created.getCanvas().toDataURL('image/png') });
        });
        created.on('click', (event) => handlers.current.onMapClick?.({ latitude: event.lngLat.lat, longitude: event.lngLat.lng }));
        for (const layer of ['areas-fill', 'areas-hatched']) {
          created.on('click', layer, (event) => {
            const id = event.features?.[0]?.properties?.areaId as unknown;
            if (typeof id === 'string') handlers.current.onAreaClick?.(id);
          });
        }
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
    (map.current?.getSource('areas') as GeoJSONSource | undefined)?.setData(mapAreasData(boundaries, fills, selectedAreaId));
  }, [state, boundaries, fills, selectedAreaId]);

  useEffect(() => {
    const Made = markerClass.current;
    if (state !== 'ready' || !map.current || !Made) return;
    for (const m of markers.current) m.remove();
    markers.current = (points ?? []).map((p) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `area-map-marker area-map-marker-${p.kind}`;
      button.textContent = p.text ?? '';
      button.setAttribute('aria-label', p.label);
      button.title = p.label;
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        handlers.current.onPointClick?.(p.id);
      });
      return new Made({ element: button }).setLngLat([p.longitude, p.latitude]).addTo(map.current!);
    });
    if (fit === 'points') {
      const box = pointBounds(points ?? []);
      if (box) map.current.fitBounds(box, { padding: 40, maxZoom: 13, animate: false });
    }
  }, [state, points, fit]);

  if (state === 'unavailable') return <>{fallback ?? null}</>;
  return (
    <div
      ref={container}
      className={['area-map', className].filter(Boolean).join(' ')}
      role="region"
      aria-label={label}
      aria-describedby={describedBy}
      data-state={state}
    />
  );
}

function pointBounds(points: readonly MapPoint[]): [number, number, number, number] | null {
  if (points.length === 0) return null;
  const lons = points.map((p) => p.longitude);
  const lats = points.map((p) => p.latitude);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
