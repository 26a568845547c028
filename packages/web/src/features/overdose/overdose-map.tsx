import type { AreaSeries, OverdoseMap as OverdoseMapData } from '@continuum/contracts';
import { cellFill, mapCells, mapViewBox } from './map-geometry.ts';

const WIDTH = 640;
const HEIGHT = 560;

/**
 * Overdose counts by area as shaded Voronoi cells (drawn offline). Each cell is a button: choosing
 * one shows that area's time series. Suppressed areas (fewer than 11, or hidden to protect one, in public and analyst views)
 * are hatched and say so. A table of the same numbers follows for screen-reader and keyboard users.
 */
export function OverdoseMap({
  map,
  selectedAreaId,
  onSelect,
}: {
  map: OverdoseMapData;
  selectedAreaId: string | null;
  onSelect: (areaId: string) => void;
}) {
  const cells = mapCells(map.areas, map.bounds, WIDTH, HEIGHT);
  return (
    <figure className="overdose-map">
      <svg viewBox={mapViewBox(map.bounds, WIDTH, HEIGHT)} role="group" aria-label={`Overdoses by area, last ${map.days} days`}>
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
            <path d={c.path} fill={cellFill(c.intensity)} stroke="#fff" strokeWidth={1.5} data-area={c.id} />
            {c.count !== 0 ? (
              <text x={c.x} y={c.y} textAnchor="middle" dominantBaseline="middle" fontSize={10}>
                {c.count === null ? '—' : c.count}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption>
        {map.suppressed
          ? `${map.from} to ${map.to}, a fixed reporting period. Hatched areas are not shown: fewer than 11, or hidden so that no small number can be worked out from the others. `
          : ''}
        Region total: {map.total === null ? 'not shown' : map.total}. Shading is relative to the highest area.
      </figcaption>
    </figure>
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
