import { useMemo } from 'react';
import type { AreaSeries, BoundaryCollection, OverdoseMap as OverdoseMapData } from '@continuum/contracts';
import { AreaMap, type AreaFill } from '../../ui/area-map.tsx';
import { cellFill, cellHex, mapCells, mapViewBox, type AreaShape, type MapBounds } from './map-geometry.ts';

const WIDTH = 640;
const HEIGHT = 560;

interface OverdoseMapProps {
  map: OverdoseMapData;
  /** The areas' imported boundaries (areas without one are drawn as the Voronoi cell of their centre without WebGL, and not at all with it). */
  boundaries: BoundaryCollection | null;
  styleUrl: string | null;
  selectedAreaId: string | null;
  onSelect: (areaId: string) => void;
  /** The id of the table with the same counts (the accessible equivalent). */
  tableId: string;
}

/**
 * Overdose counts by area on the areas' real boundaries (MapLibre GL; no tile server unless a basemap is
 * configured). Choosing an area shows its time series. Areas whose count is withheld (fewer than 11, or
 * hidden to protect one, in public and analyst views — decided by the server) are hatched. Without WebGL
 * the same areas are drawn as SVG, each a button. The table of counts is the accessible equivalent.
 */
export function OverdoseMap({ map, boundaries, styleUrl, selectedAreaId, onSelect, tableId }: OverdoseMapProps) {
  const shown = useMemo(() => {
    if (!boundaries) return null;
    const ids = new Set(map.areas.map((a) => a.id));
    return { ...boundaries, features: boundaries.features.filter((f) => ids.has(f.id)) };
  }, [boundaries, map.areas]);
  const fills = useMemo(() => {
    const max = Math.max(0, ...map.areas.map((a) => a.count ?? 0));
    return new Map<string, AreaFill>(
      map.areas.map((a) => [a.id, { colour: cellHex(a.count === null ? null : max === 0 ? 0 : a.count / max) }]),
    );
  }, [map.areas]);
  const caption = (
    <figcaption>
      {map.suppressed
        ? `${map.from} to ${map.to}, a fixed reporting period. Hatched areas are not shown: fewer than 11, or hidden so that no small number can be worked out from the others. `
        : ''}
      Region total: {map.total === null ? 'not shown' : map.total}. Shading is relative to the highest area.
    </figcaption>
  );
  const drawing = <OverdoseSvgMap map={map} boundaries={shown} selectedAreaId={selectedAreaId} onSelect={onSelect} />;
  if (!shown || shown.features.length === 0) {
    return (
      <figure className="overdose-map">
        {drawing}
        {caption}
      </figure>
    );
  }
  return (
    <figure className="overdose-map">
      <AreaMap
        className="overdose-area-map"
        boundaries={shown}
        fills={fills}
        selectedAreaId={selectedAreaId}
        styleUrl={styleUrl}
        label={`Overdoses by area, last ${map.days} days. Arrow keys pan, plus and minus zoom; click an area for its daily counts. The table below lists the same counts.`}
        describedBy={tableId}
        onAreaClick={onSelect}
        fallback={drawing}
      />
      {caption}
    </figure>
  );
}

function shapesOf(boundaries: BoundaryCollection | null): Map<string, AreaShape> {
  return new Map((boundaries?.features ?? []).map((f) => [f.id, f.geometry as AreaShape]));
}

/** The region's bounds widened to hold every boundary drawn. */
function drawingBounds(bounds: MapBounds, boundaries: BoundaryCollection | null): MapBounds {
  const out = { ...bounds };
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      out.minLongitude = Math.min(out.minLongitude, x);
      out.maxLongitude = Math.max(out.maxLongitude, x);
      out.minLatitude = Math.min(out.minLatitude, y);
      out.maxLatitude = Math.max(out.maxLatitude, y);
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const f of boundaries?.features ?? []) visit(f.geometry.coordinates);
  return out;
}

/** The map without WebGL: SVG, each area a button (boundary where imported, else the Voronoi cell of its centre). */
function OverdoseSvgMap({
  map,
  boundaries,
  selectedAreaId,
  onSelect,
}: {
  map: OverdoseMapData;
  boundaries: BoundaryCollection | null;
  selectedAreaId: string | null;
  onSelect: (areaId: string) => void;
}) {
  const bounds = drawingBounds(map.bounds, boundaries);
  const cells = mapCells(map.areas, bounds, WIDTH, HEIGHT, shapesOf(boundaries));
  return (
    <svg viewBox={mapViewBox(bounds, WIDTH, HEIGHT)} role="group" aria-label={`Overdoses by area, last ${map.days} days`}>
      <defs>
        <pattern id="overdose-suppressed" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#eef0f2" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#b8bec5" strokeWidth="3" />
        </pattern>
      </defs>
      {cells.map((c) => (
        <g
          key={c.id}
          role="button"
          tabIndex={0}
          aria-pressed={selectedAreaId === c.id}
          aria-label={`${c.name}: ${c.count === null ? 'not shown' : c.count}`}
          onClick={() => onSelect(c.id)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              onSelect(c.id);
            }
          }}
          className={selectedAreaId === c.id ? 'overdose-cell is-selected' : 'overdose-cell'}
        >
          <path d={c.path} fill={cellFill(c.intensity)} stroke="#fff" strokeWidth={1.5} fillRule="evenodd" data-area={c.id} />
          {c.count !== 0 ? (
            <text x={c.x} y={c.y} textAnchor="middle" dominantBaseline="middle" fontSize={10}>
              {c.count === null ? '—' : c.count}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}

/** Daily counts of one area as bars, with a marker on each day an alert started. */
export function AreaSeriesChart({ series }: { series: AreaSeries }) {
  const w = 640;
  const h = 160;
  const n = series.points.length;
  const max = Math.max(1, ...series.points.map((p) => p.count ?? 0));
  const bar = w / Math.max(1, n);
  const alertDays = new Set(series.alerts.map((a) => a.date));
  return (
    <figure className="overdose-series">
      <svg
        viewBox={`0 0 ${w} ${h + 32}`}
        role="img"
        aria-label={`Daily overdoses in ${series.areaName}, with ${series.alerts.length} alert${series.alerts.length === 1 ? '' : 's'}`}
      >
        {series.points.map((p, i) => {
          const height = p.count === null ? 0 : (p.count / max) * h;
          return <rect key={p.date} x={i * bar + 0.5} y={h - height + 16} width={Math.max(1, bar - 1)} height={height} fill="#b42318" />;
        })}
        <line x1={0} y1={h + 16} x2={w} y2={h + 16} stroke="#98a2b3" />
        <text x={0} y={h + 30} fontSize={11} fill="#475467">
          {series.points[0]?.date}
        </text>
        <text x={w} y={h + 30} fontSize={11} fill="#475467" textAnchor="end">
          {series.points.at(-1)?.date}
        </text>
        {series.points.some((p) => p.count !== null && p.count > 0) ? (
          <text x={w} y={24} fontSize={11} fill="#475467" textAnchor="end">
            highest day: {max}
          </text>
        ) : null}
        {series.points.map((p, i) =>
          alertDays.has(p.date) ? (
            <path
              key={`alert-${p.date}`}
              d={`M${i * bar + bar / 2 - 5},2 L${i * bar + bar / 2 + 5},2 L${i * bar + bar / 2},12 Z`}
              fill="#1d2939"
              data-alert-date={p.date}
            >
              <title>Alert on {p.date}</title>
            </path>
          ) : null,
        )}
      </svg>
      <figcaption>
        {series.areaName}:{' '}
        {series.suppressed ? `the last ${n} complete weeks, by week (weeks not shown are fewer than 11 or protect one)` : `last ${n} days`}.{' '}
        {series.alerts.length > 0
          ? `Alerts: ${series.alerts.map((a) => `${a.date} (${a.detector === 'ears' ? 'EARS' : 'threshold'})`).join(', ')}.`
          : 'No alerts.'}
      </figcaption>
    </figure>
  );
}
