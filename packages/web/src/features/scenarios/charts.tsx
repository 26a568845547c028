import { useRef } from 'react';
import type { ScenarioCalibration, ScenarioSeries, ScenarioTornado } from '@continuum/contracts';
import { bandCentre, colours, defaultFrame, ExportButtons, linearScale, toCsv } from '../analytics/index.ts';

/** One colour per line: today first, then up to four scenarios. */
export const scenarioColours = [colours.centre, '#1d4f91', '#1b7a3c', '#b45309', '#6b3fa0'];

const frame = defaultFrame;
const plotRight = frame.width - frame.right;
const plotBottom = frame.height - frame.bottom;
const round = (n: number) => Math.round(n * 10) / 10;

function YAxis({ ticks, y }: { ticks: number[]; y: (v: number) => number }) {
  return (
    <g aria-hidden="true">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={frame.left} x2={plotRight} y1={y(t)} y2={y(t)} stroke={colours.grid} />
          <text x={frame.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill={colours.muted}>
            {t.toLocaleString('en-US')}
          </text>
        </g>
      ))}
    </g>
  );
}

export interface FanSeries {
  name: string;
  points: ScenarioSeries;
}

/** A fan chart: each line's median with its 90% interval as a shaded band, month by month. */
export function FanChart({ title, unit, lines, fileBase }: { title: string; unit: string; lines: FanSeries[]; fileBase: string }) {
  const svg = useRef<SVGSVGElement>(null);
  const months = lines[0]?.points.length ?? 0;
  const y = linearScale(
    lines.flatMap((l) => l.points.flatMap((p) => [p.low, p.high])),
    plotBottom,
    frame.top,
    { floor: 0 },
  );
  const x = (i: number) => bandCentre(i, months, frame);
  const csv = () =>
    toCsv([
      ['scenario', 'month', 'median', 'low_5', 'high_95'],
      ...lines.flatMap((l) => l.points.map((p) => [l.name, p.month, round(p.median), round(p.low), round(p.high)])),
    ]);
  return (
    <figure className="scenario-chart">
      <figcaption>{title}</figcaption>
      <svg ref={svg} viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-label={`${title}: median and 90% interval by month`}>
        <YAxis ticks={y.ticks} y={y} />
        {lines.map((l, k) => {
          const c = scenarioColours[k % scenarioColours.length]!;
          const upper = l.points.map((p, i) => `${x(i)},${y(p.high)}`);
          const lower = l.points.map((p, i) => `${x(i)},${y(p.low)}`).reverse();
          return (
            <g key={l.name} data-series={l.name}>
              <polygon points={[...upper, ...lower].join(' ')} fill={c} fillOpacity={0.15} stroke="none" />
              <polyline points={l.points.map((p, i) => `${x(i)},${y(p.median)}`).join(' ')} fill="none" stroke={c} strokeWidth={2} />
            </g>
          );
        })}
        {Array.from({ length: months }, (_, i) => i)
          .filter((i) => (i + 1) % 12 === 0)
          .map((i) => (
            <text key={i} x={x(i)} y={plotBottom + 18} textAnchor="middle" fontSize="11" fill={colours.muted}>
              year {(i + 1) / 12}
            </text>
          ))}
        <text x={frame.left} y={frame.height - 12} fontSize="11" fill={colours.muted}>
          {unit} per month; shaded: 90% interval
        </text>
      </svg>
      <ul className="scenario-legend" aria-label={`${title}: lines`}>
        {lines.map((l, k) => (
          <li key={l.name}>
            <span className="scenario-swatch" style={{ background: scenarioColours[k % scenarioColours.length] }} aria-hidden="true" />
            {l.name}
          </li>
        ))}
      </ul>
      <ExportButtons label={title} fileBase={fileBase} getSvg={() => svg.current} csv={csv} />
    </figure>
  );
}

type FitKey = keyof ScenarioCalibration['months'][number]['fitted'];

/** The calibrated model (line) against the observed months (dots); hidden small counts are marked, not drawn. */
export function FitChart({ title, months, series }: { title: string; months: ScenarioCalibration['months']; series: FitKey }) {
  const svg = useRef<SVGSVGElement>(null);
  const observed = months.map((m) => m.observed[series]);
  const fitted = months.map((m) => m.fitted[series]);
  const y = linearScale([...fitted, ...observed.filter((v): v is number => v !== null)], plotBottom, frame.top, { floor: 0 });
  const x = (i: number) => bandCentre(i, months.length, frame);
  const hidden = observed.filter((v) => v === null).length;
  return (
    <figure className="scenario-chart">
      <figcaption>{title}</figcaption>
      <svg
        ref={svg}
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        role="img"
        aria-label={`${title}: observed months and the calibrated model`}
      >
        <YAxis ticks={y.ticks} y={y} />
        <polyline points={fitted.map((v, i) => `${x(i)},${y(v)}`).join(' ')} fill="none" stroke={colours.line} strokeWidth={2} />
        {observed.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3.5} fill={colours.ink} data-observed={v} />))}
        {months.map((m, i) =>
          i % 6 === 0 ? (
            <text key={m.month} x={x(i)} y={plotBottom + 18} textAnchor="middle" fontSize="11" fill={colours.muted}>
              {m.month}
            </text>
          ) : null,
        )}
        <text x={frame.left} y={frame.height - 12} fontSize="11" fill={colours.muted}>
          dots: observed; line: the calibrated model
        </text>
      </svg>
      {hidden > 0 ? <p className="field-hint">{hidden} months with 1–10 are hidden (small counts are never shown).</p> : null}
      <ExportButtons
        label={title}
        fileBase={`scenario-fit-${series}`}
        getSvg={() => svg.current}
        csv={() => toCsv([['month', 'observed', 'model'], ...months.map((m, i) => [m.month, observed[i], round(fitted[i]!)])])}
      />
    </figure>
  );
}

/** The tornado: deaths averted with each parameter at the low and the high end of its range, widest first. */
export function TornadoChart({ tornado }: { tornado: ScenarioTornado }) {
  const svg = useRef<SVGSVGElement>(null);
  const rowHeight = 24;
  const left = 300;
  const width = frame.width;
  const height = 40 + rowHeight * tornado.bars.length;
  const values = [tornado.base, ...tornado.bars.flatMap((b) => [b.atLow, b.atHigh])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (v: number) => left + ((v - lo) / (hi - lo || 1)) * (width - left - 40);
  const title = `What “${tornado.scenario}” depends on: deaths averted`;
  return (
    <figure className="scenario-chart">
      <figcaption>{title}</figcaption>
      <svg ref={svg} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {tornado.bars.map((b, i) => {
          const top = 10 + i * rowHeight;
          const a = Math.min(b.atLow, b.atHigh);
          const z = Math.max(b.atLow, b.atHigh);
          return (
            <g key={b.parameter} data-parameter={b.parameter}>
              <text x={left - 8} y={top + 15} textAnchor="end" fontSize="11" fill={colours.ink}>
                {b.label}
              </text>
              <rect x={x(a)} y={top + 3} width={Math.max(1, x(z) - x(a))} height={rowHeight - 8} fill={colours.line} fillOpacity={0.7} />
            </g>
          );
        })}
        <line x1={x(tornado.base)} x2={x(tornado.base)} y1={4} y2={height - 24} stroke={colours.ink} />
        <text x={x(tornado.base)} y={height - 8} textAnchor="middle" fontSize="11" fill={colours.muted}>
          {round(tornado.base)} at base values
        </text>
      </svg>
      <ExportButtons
        label={title}
        fileBase="scenario-tornado"
        getSvg={() => svg.current}
        csv={() =>
          toCsv([
            ['parameter', 'low', 'high', 'deaths_averted_at_low', 'deaths_averted_at_high'],
            ...tornado.bars.map((b) => [b.label, b.low, b.high, round(b.atLow), round(b.atHigh)]),
          ])
        }
      />
    </figure>
  );
}
