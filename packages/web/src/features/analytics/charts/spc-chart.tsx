import '../analytics.css';
import { useId, useRef, useState } from 'react';
import type { Annotation, ChartKind, MeasureKind } from '@continuum/contracts';
import { Button } from '../../../ui/button.tsx';
import { Table } from '../../../ui/table.tsx';
import { markLabels, markLetters, pointRules, type MarkId } from './chart-marks.ts';
import { chartCsv, fileSlug, type ChartData } from './chart-export.ts';
import { formatMeasureValue, monthLabel, movingRanges, pointText, SUPPRESSED_TEXT } from './chart-scale.ts';
import { ChartSvg, type SeriesPoint } from './chart-svg.tsx';
import { ExportButtons } from './export-buttons.tsx';

export const chartKindLabels: Record<ChartKind, string> = {
  run: 'Run chart',
  p: 'p-chart',
  p_laney: 'Laney p′-chart',
  xmr: 'XmR chart',
};

const centreNames: Record<ChartKind, string> = { run: 'median', p: 'p̄ (mean rate)', p_laney: 'p̄ (mean rate)', xmr: 'mean' };

function monthSpan(months: readonly string[]): string {
  if (months.length === 0) return '';
  const first = monthLabel(months[0]!);
  const last = monthLabel(months[months.length - 1]!);
  return first === last ? first : `${first} – ${last}`;
}

/** The X (or run/p) series: what each month draws and says. */
export function chartSeries(chart: ChartData, kind: MeasureKind, astronomical: readonly string[] = []): SeriesPoint[] {
  return chart.points.map((p) => {
    const marks = [
      ...p.rules.filter((r) => r !== 'moving_range'),
      ...(astronomical.includes(p.month) ? (['astronomical'] as const) : []),
    ] as MarkId[];
    const drawn = marks.filter((m) => pointRules.includes(m));
    const state: SeriesPoint['state'] = p.suppressed
      ? 'suppressed'
      : p.value === null
        ? 'empty'
        : p.center !== null
          ? 'charted'
          : 'context';
    const signalText = marks.length > 0 ? ` — ${[...new Set(marks.map((m) => markLabels[m]))].join('; ')}` : '';
    return {
      month: p.month,
      state,
      value: p.suppressed ? null : p.value,
      center: p.center,
      lcl: p.lcl,
      ucl: p.ucl,
      inBaseline: p.inBaseline,
      marks: [...new Set(drawn.map((m) => markLetters[m]))],
      text: `${monthLabel(p.month)}: ${pointText(p, kind)}${p.inBaseline ? ' (baseline)' : ''}${signalText}`,
    };
  });
}

/** The chart in words, for its <desc> and the text beside it. */
export function describeChart(chart: ChartData, kind: MeasureKind, astronomical: readonly string[] = []): string {
  const months = chart.points.map((p) => p.month);
  const parts = [`${chartKindLabels[chart.chart]} of ${chart.points.length} months, ${monthSpan(months)}.`];
  if (chart.center !== null) {
    parts.push(
      `Centre line (${centreNames[chart.chart]}) ${formatMeasureValue(chart.center, kind)} from the baseline ${monthSpan([chart.baseline.from, chart.baseline.to])}${chart.chart === 'run' ? '' : ', limits frozen after it'}.`,
    );
  } else {
    parts.push('Too few months to draw a centre line.');
  }
  if (chart.chart === 'p_laney' && chart.sigmaZ !== null)
    parts.push(`Laney adjustment for overdispersion, σz = ${chart.sigmaZ.toFixed(2)}.`);
  if (chart.target !== null) parts.push(`Target ${formatMeasureValue(chart.target, kind)}.`);
  const signals = chart.signals.map((s) => `${s.label} (${monthSpan(s.months)})`);
  for (const m of astronomical) if (months.includes(m)) signals.push(`${markLabels.astronomical} (${monthLabel(m)})`);
  parts.push(signals.length > 0 ? `Special causes: ${signals.join('; ')}.` : 'No special cause found.');
  const suppressed = chart.points.filter((p) => p.suppressed).length;
  if (suppressed > 0) parts.push(`${suppressed} month${suppressed === 1 ? '' : 's'} with ${SUPPRESSED_TEXT} people not charted.`);
  if (chart.annotations.length > 0) parts.push(`Annotations: ${chart.annotations.map((a) => `${a.date} ${a.text}`).join('; ')}.`);
  return parts.join(' ');
}

interface SpcChartProps {
  chart: ChartData;
  measureName: string;
  kind: MeasureKind;
  astronomical?: readonly string[];
  /** Shown on the chart; defaults to the chart's own. */
  annotations?: readonly Annotation[];
  fileBase?: string;
}

/**
 * A measure's chart (run, p, Laney p′ or XmR with its mR chart): the SVG, a legend with the rules
 * that fired, the chart in words, a data table toggle and downloads.
 */
export function SpcChart({ chart, measureName, kind, astronomical = [], annotations, fileBase }: SpcChartProps) {
  const idPrefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const svgRef = useRef<SVGSVGElement>(null);
  const mrRef = useRef<SVGSVGElement>(null);
  const [isTableShown, setTableShown] = useState(false);
  const series = chartSeries(chart, kind, astronomical);
  const description = describeChart(chart, kind, astronomical);
  const title = `${measureName}: ${chartKindLabels[chart.chart]}`;
  const base = fileBase ?? fileSlug(chart.measureId, chart.chart, chart.period.from, chart.period.to);
  const mr = chart.chart === 'xmr' ? movingRanges(chart.points) : null;
  const mrSeries: SeriesPoint[] | null = mr
    ? mr.points.map((p, i) => {
        const source = chart.points[i]!;
        const fired = source.rules.includes('moving_range') && p.value !== null;
        return {
          month: p.month,
          state: source.suppressed ? 'suppressed' : p.value === null ? 'empty' : 'charted',
          value: p.value,
          center: p.value === null ? null : mr.mean,
          lcl: null,
          ucl: p.value === null ? null : mr.ucl,
          inBaseline: p.inBaseline,
          marks: fired ? [markLetters.moving_range] : [],
          text: `${monthLabel(p.month)}: moving range ${source.suppressed ? SUPPRESSED_TEXT : p.value === null ? 'none' : formatMeasureValue(p.value, kind)}${fired ? ` — ${markLabels.moving_range}` : ''}`,
        };
      })
    : null;
  const marksShown = new Map<string, string[]>();
  for (const s of chart.signals) {
    const letter = markLetters[s.rule];
    marksShown.set(`${letter} — ${s.label}`, s.months);
  }
  const astroShown = astronomical.filter((m) => chart.points.some((p) => p.month === m));
  if (astroShown.length > 0) marksShown.set(`${markLetters.astronomical} — ${markLabels.astronomical}`, astroShown);

  return (
    <figure className="spc-chart" aria-labelledby={`${idPrefix}-caption`}>
      <figcaption id={`${idPrefix}-caption`} className="spc-chart-caption">
        {title}
        {chart.overdispersed && chart.chart === 'p_laney' ? (
          <span className="spc-chart-note"> (switched to Laney p′: the baseline is overdispersed)</span>
        ) : null}
      </figcaption>
      <ChartSvg
        svgRef={svgRef}
        idPrefix={`${idPrefix}-x`}
        title={title}
        description={description}
        points={series}
        kind={kind}
        target={chart.target}
        annotations={annotations ?? chart.annotations}
        floor={0}
        {...(kind === 'proportion' ? { ceiling: 1 } : {})}
      />
      {mrSeries && mr ? (
        <ChartSvg
          svgRef={mrRef}
          idPrefix={`${idPrefix}-mr`}
          title={`${measureName}: moving range (mR) chart`}
          description={`Moving ranges between consecutive months. ${mr.mean === null ? 'Too few months for a mean moving range.' : `Mean moving range ${formatMeasureValue(mr.mean, kind)}, upper limit ${formatMeasureValue(mr.ucl, kind)}.`}`}
          points={mrSeries}
          kind={kind}
          floor={0}
          frame={{ width: 720, height: 200, left: 64, right: 20, top: 16, bottom: 56 }}
        />
      ) : null}
      <div className="spc-chart-legend">
        <ul className="chart-legend" aria-label="Legend">
          <li>
            <span className="legend-swatch legend-values" aria-hidden="true" /> Monthly value
          </li>
          <li>
            <span className="legend-swatch legend-centre" aria-hidden="true" /> Centre line ({centreNames[chart.chart]}); dashed after the
            baseline
          </li>
          {chart.chart !== 'run' ? (
            <li>
              <span className="legend-swatch legend-limit" aria-hidden="true" /> Control limits (3σ
              {chart.chart === 'p_laney' ? ', Laney' : ''})
            </li>
          ) : null}
          {chart.target !== null ? (
            <li>
              <span className="legend-swatch legend-target" aria-hidden="true" /> Target {formatMeasureValue(chart.target, kind)}
            </li>
          ) : null}
          <li>* {SUPPRESSED_TEXT} (not charted)</li>
        </ul>
        <ul className="chart-signals" aria-label="Special causes">
          {marksShown.size === 0 ? <li>No special cause found.</li> : null}
          {[...marksShown.entries()].map(([text, months]) => (
            <li key={text}>
              <strong>{text}</strong>: {monthSpan(months)}
            </li>
          ))}
        </ul>
      </div>
      <div className="spc-chart-actions">
        <Button size="small" variant="quiet" aria-expanded={isTableShown} onClick={() => setTableShown((v) => !v)}>
          {isTableShown ? 'Hide data table' : 'Show data table'}
        </Button>
        <ExportButtons label={`${measureName} chart`} fileBase={base} getSvg={() => svgRef.current} csv={() => chartCsv(chart)} />
        {mrSeries ? (
          <ExportButtons label={`${measureName} moving range chart`} fileBase={`${base}-mr`} getSvg={() => mrRef.current} />
        ) : null}
      </div>
      {isTableShown ? (
        <Table caption={`${title}: data`} narrowLayout="scroll">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Value</th>
              <th scope="col">Numerator</th>
              <th scope="col">Denominator</th>
              <th scope="col">Centre</th>
              <th scope="col">Lower limit</th>
              <th scope="col">Upper limit</th>
              <th scope="col">Special causes</th>
            </tr>
          </thead>
          <tbody>
            {chart.points.map((p) => {
              const rules = [...p.rules.map((r) => markLabels[r]), ...(astronomical.includes(p.month) ? [markLabels.astronomical] : [])];
              return (
                <tr key={p.month}>
                  <th scope="row">
                    {monthLabel(p.month)}
                    {p.inBaseline ? ' (baseline)' : ''}
                  </th>
                  <td>{p.suppressed ? SUPPRESSED_TEXT : formatMeasureValue(p.value, kind)}</td>
                  <td>{p.suppressed ? SUPPRESSED_TEXT : (p.numerator ?? '—')}</td>
                  <td>{p.suppressed ? SUPPRESSED_TEXT : (p.denominator ?? '—')}</td>
                  <td>{formatMeasureValue(p.center, kind)}</td>
                  <td>{formatMeasureValue(p.lcl, kind)}</td>
                  <td>{formatMeasureValue(p.ucl, kind)}</td>
                  <td>{rules.join('; ') || '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      ) : null}
    </figure>
  );
}
