import type { Annotation, MeasureKind } from '@continuum/contracts';
import type { Ref } from 'react';
import { colours } from './chart-marks.ts';
import { bandCentre, datePosition, defaultFrame, formatTick, linearScale, monthLabel, type Frame } from './chart-scale.ts';

/** One month on a line chart, already decided: what to draw and what its tooltip says. */
export interface SeriesPoint {
  month: string;
  /** `charted`: on the chart and in the rules; `context`: shown before the baseline, no rules; `suppressed`: fewer than 11; `empty`: nothing to measure. */
  state: 'charted' | 'context' | 'suppressed' | 'empty';
  value: number | null;
  center: number | null;
  lcl: number | null;
  ucl: number | null;
  inBaseline: boolean;
  /** Letters of the rules that fired at this point (see chart-marks.ts). */
  marks: string[];
  /** The point's accessible text (its <title>). */
  text: string;
}

export interface ChartSvgProps {
  title: string;
  description: string;
  points: readonly SeriesPoint[];
  kind: MeasureKind;
  target?: number | null | undefined;
  annotations?: readonly Annotation[] | undefined;
  /** Floor and ceiling of the value axis (rates stay in 0–1, counts at or above 0). */
  floor?: number;
  ceiling?: number;
  svgRef?: Ref<SVGSVGElement> | undefined;
  idPrefix: string;
  frame?: Frame;
}

function segmentsOf(
  points: readonly SeriesPoint[],
  pick: (p: SeriesPoint) => number | null,
  x: (i: number) => number,
  y: (v: number) => number,
  state: SeriesPoint['state'] = 'charted',
): string {
  const parts: string[] = [];
  let open = false;
  points.forEach((p, i) => {
    const v = pick(p);
    if (v === null || p.state !== state) {
      open = false;
      return;
    }
    parts.push(`${open ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    open = true;
  });
  return parts.join(' ');
}

/** Horizontal steps across each point's band (limits that vary with the subgroup size). */
function stepsOf(points: readonly SeriesPoint[], pick: (p: SeriesPoint) => number | null, frame: Frame, y: (v: number) => number): string {
  const band = (frame.width - frame.left - frame.right) / Math.max(points.length, 1);
  const parts: string[] = [];
  let previous: number | null = null;
  points.forEach((p, i) => {
    const v = p.state === 'charted' ? pick(p) : null;
    if (v === null) {
      previous = null;
      return;
    }
    const x0 = frame.left + i * band;
    const yy = y(v).toFixed(1);
    parts.push(`${previous === null ? 'M' : 'L'}${x0.toFixed(1)},${yy} L${(x0 + band).toFixed(1)},${yy}`);
    previous = v;
  });
  return parts.join(' ');
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * A hand-drawn SVG line chart of monthly points with centre line, limits, target, baseline band,
 * annotation markers and rule letters. Colours are attributes (not CSS) so a serialized copy looks
 * the same outside the page.
 */
export function ChartSvg({
  title,
  description,
  points,
  kind,
  target,
  annotations = [],
  floor,
  ceiling,
  svgRef,
  idPrefix,
  frame = defaultFrame,
}: ChartSvgProps) {
  const values: number[] = [];
  for (const p of points) {
    if (p.state === 'charted' || p.state === 'context') for (const v of [p.value, p.center, p.lcl, p.ucl]) if (v !== null) values.push(v);
  }
  if (target !== null && target !== undefined) values.push(target);
  const plotBottom = frame.height - frame.bottom;
  const y = linearScale(values, plotBottom, frame.top, {
    ...(floor !== undefined ? { floor } : {}),
    ...(ceiling !== undefined ? { ceiling } : {}),
  });
  const x = (i: number) => bandCentre(i, points.length, frame);
  const months = points.map((p) => p.month);
  const labelEvery = Math.max(1, Math.ceil(points.length / 12));
  const band = (frame.width - frame.left - frame.right) / Math.max(points.length, 1);
  const baselineIdx = points.flatMap((p, i) => (p.inBaseline ? [i] : []));
  const firstAfterBaseline = baselineIdx.length > 0 ? baselineIdx[baselineIdx.length - 1]! + 1 : points.length;
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const centreBaseline = segmentsOf(points.slice(0, firstAfterBaseline), (p) => p.center, x, y);
  const centreAfter = segmentsOf(
    points.map((p, i) => (i >= firstAfterBaseline - 1 ? p : { ...p, state: 'empty' as const })),
    (p) => p.center,
    x,
    y,
  );
  const shownAnnotations = annotations
    .map((a) => ({ annotation: a, x: datePosition(a.date, months, frame) }))
    .filter((a): a is { annotation: Annotation; x: number } => a.x !== null);

  return (
    <svg
      ref={svgRef}
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      width="100%"
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      className="chart-svg"
      fontFamily="system-ui, sans-serif"
      fontSize="11"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <rect x="0" y="0" width={frame.width} height={frame.height} fill="#ffffff" />
      {baselineIdx.length > 0 ? (
        <g data-part="baseline">
          <rect
            x={frame.left + baselineIdx[0]! * band}
            y={frame.top}
            width={baselineIdx.length * band}
            height={plotBottom - frame.top}
            fill={colours.baseline}
          />
          <text x={frame.left + baselineIdx[0]! * band + 4} y={frame.top + 12} fill={colours.muted}>
            Baseline
          </text>
        </g>
      ) : null}
      <g data-part="grid">
        {y.ticks.map((t) => (
          <g key={t}>
            <line x1={frame.left} x2={frame.width - frame.right} y1={y(t)} y2={y(t)} stroke={colours.grid} />
            <text x={frame.left - 6} y={y(t) + 4} textAnchor="end" fill={colours.muted}>
              {formatTick(t, kind)}
            </text>
          </g>
        ))}
        <line x1={frame.left} x2={frame.width - frame.right} y1={plotBottom} y2={plotBottom} stroke={colours.muted} />
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text
              key={p.month}
              x={x(i)}
              y={plotBottom + 14}
              textAnchor="end"
              transform={`rotate(-40 ${x(i)} ${plotBottom + 14})`}
              fill={colours.muted}
            >
              {monthLabel(p.month)}
            </text>
          ) : null,
        )}
      </g>
      {target !== null && target !== undefined ? (
        <g data-part="target">
          <line
            x1={frame.left}
            x2={frame.width - frame.right}
            y1={y(target)}
            y2={y(target)}
            stroke={colours.target}
            strokeDasharray="6 4"
            strokeWidth="1.5"
          />
          <text x={frame.width - frame.right - 2} y={y(target) - 4} textAnchor="end" fill={colours.target}>
            Target {formatTick(target, kind)}
          </text>
        </g>
      ) : null}
      <path data-part="ucl" d={stepsOf(points, (p) => p.ucl, frame, y)} fill="none" stroke={colours.limit} strokeDasharray="3 3" />
      <path data-part="lcl" d={stepsOf(points, (p) => p.lcl, frame, y)} fill="none" stroke={colours.limit} strokeDasharray="3 3" />
      <path data-part="centre" d={centreBaseline} fill="none" stroke={colours.centre} strokeWidth="1.5" />
      <path data-part="centre-frozen" d={centreAfter} fill="none" stroke={colours.centre} strokeWidth="1.5" strokeDasharray="8 4" />
      <path
        data-part="context-values"
        d={segmentsOf(points, (p) => p.value, x, y, 'context')}
        fill="none"
        stroke={colours.muted}
        strokeWidth="1"
        strokeDasharray="2 2"
      />
      <path data-part="values" d={segmentsOf(points, (p) => p.value, x, y)} fill="none" stroke={colours.line} strokeWidth="2" />
      {shownAnnotations.map(({ annotation, x: ax }, k) => (
        <g key={annotation.id} data-part="annotation">
          <line x1={ax} x2={ax} y1={frame.top} y2={plotBottom} stroke={colours.annotation} strokeDasharray="2 3" strokeWidth="1.5" />
          <text x={ax + 3} y={frame.top + 24 + (k % 3) * 12} fill={colours.annotation}>
            {truncate(annotation.text, 28)}
          </text>
        </g>
      ))}
      <g data-part="points">
        {points.map((p, i) => {
          if (p.state === 'suppressed') {
            return (
              <text key={p.month} data-state="suppressed" x={x(i)} y={plotBottom - 4} textAnchor="middle" fill={colours.suppressed}>
                *<title>{p.text}</title>
              </text>
            );
          }
          if (p.value === null || p.state === 'empty') return null;
          const isSignal = p.marks.length > 0;
          return (
            <g key={p.month} data-state={p.state} data-signal={isSignal ? p.marks.join('') : undefined}>
              <circle
                cx={x(i)}
                cy={y(p.value)}
                r={isSignal ? 5.5 : 3.5}
                fill={p.state === 'context' ? '#ffffff' : isSignal ? colours.signal : colours.line}
                stroke={p.state === 'context' ? colours.muted : '#ffffff'}
                strokeWidth="1.5"
              >
                <title>{p.text}</title>
              </circle>
              {isSignal ? (
                <text x={x(i)} y={y(p.value) - 9} textAnchor="middle" fill={colours.signal} fontWeight="bold" aria-hidden="true">
                  {p.marks.join('')}
                </text>
              ) : null}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
