import { useId } from 'react';
import { Table } from '../../ui/table.tsx';
import { formatDate } from '../../ui/format.ts';
import { CHART_PADDING, chartGeometry, mmeRuns, mmeSummaryText, type MmePoint } from './mme-chart-model.ts';

const THRESHOLDS = [
  { value: 50, label: '50 MME/day', className: 'mme-line-50' },
  { value: 90, label: '90 MME/day', className: 'mme-line-90' },
];

/**
 * Total daily MME over the look-back window as an SVG step chart with the 50 and 90 MME/day lines.
 * The chart carries a text description, and the same figures are offered as a table.
 */
export function MmeChart({ points }: { points: readonly MmePoint[] }) {
  const titleId = useId();
  const descId = useId();
  const g = chartGeometry(points);
  const runs = mmeRuns(points);
  const summary = mmeSummaryText(points);
  const ticks = [0, g.yMax / 2, g.yMax];
  return (
    <figure className="mme-chart">
      <svg viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="mme-chart-svg">
        <title id={titleId}>Total MME per day, last {points.length} days</title>
        <desc id={descId}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t} className="mme-axis">
            <line x1={CHART_PADDING.left} x2={g.width - CHART_PADDING.right} y1={g.y(t)} y2={g.y(t)} />
            <text x={CHART_PADDING.left - 6} y={g.y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {THRESHOLDS.map((t) => (
          <g key={t.value} className={`mme-threshold ${t.className}`}>
            <line x1={CHART_PADDING.left} x2={g.width - CHART_PADDING.right} y1={g.y(t.value)} y2={g.y(t.value)} />
            <text x={g.width - CHART_PADDING.right - 4} y={g.y(t.value) - 4} textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        {points.length > 0 ? <path d={g.path} className="mme-series" fill="none" /> : null}
        {points.map((p, i) =>
          p.complete ? null : <circle key={p.date} cx={g.x(i)} cy={g.y(p.mmePerDay ?? 0)} r={3} className="mme-incomplete" />,
        )}
        {points.length > 0 ? (
          <>
            <text x={CHART_PADDING.left} y={g.height - 6} className="mme-date">
              {formatDate(`${points[0]!.date}T12:00:00Z`)}
            </text>
            <text x={g.width - CHART_PADDING.right} y={g.height - 6} textAnchor="end" className="mme-date">
              {formatDate(`${points.at(-1)!.date}T12:00:00Z`)}
            </text>
          </>
        ) : null}
      </svg>
      <figcaption className="mme-chart-caption">
        {summary} Lines mark 50 and 90 MME/day (CDC 2022, Recommendations 4 and 5); circles mark days whose total is a lower bound.
      </figcaption>
      <details className="mme-table">
        <summary>Show the figures as a table</summary>
        <Table caption="Total MME per day" narrowLayout="scroll">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">MME/day</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.from}>
                <td>{formatDate(`${r.from}T12:00:00Z`)}</td>
                <td>{formatDate(`${r.to}T12:00:00Z`)}</td>
                <td>
                  {r.mmePerDay === null ? 'No opioid pain medication' : r.mmePerDay}
                  {r.complete ? '' : ' (at least; a medication has no computable MME)'}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
    </figure>
  );
}
