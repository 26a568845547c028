import {
  strataDimensionLabels,
  trajectoryMeasureIds,
  type MeasureDefinition,
  type MeasureResult,
  type StrataDimension,
} from '@continuum/contracts';
import { Badge } from '../../ui/badge.tsx';
import { Table } from '../../ui/table.tsx';
import { fileSlug, measureSeriesCsv } from './charts/chart-export.ts';
import { formatMeasureValue, SUPPRESSED_TEXT } from './charts/chart-scale.ts';
import { ExportButtons } from './charts/export-buttons.tsx';
import { targetStatus, type DashboardFilters } from './dashboard-query.ts';
import { DrillDownPanel } from './drill-down-panel.tsx';
import { MeasureChartPanel } from './measure-chart-panel.tsx';

interface MeasureCardProps {
  definition: MeasureDefinition;
  result: MeasureResult;
  filters: DashboardFilters;
  stratum: StrataDimension | null;
  canDrillDown: boolean;
  canAnnotate: boolean;
}

function periodValue(definition: MeasureDefinition, result: MeasureResult): string {
  if (result.suppressed) return SUPPRESSED_TEXT;
  if (result.rate === null) return 'nothing to measure';
  return formatMeasureValue(result.rate, definition.kind, definition.unit);
}

/** One measure: its value over the period, its target, its strata, its chart and the people behind it. */
export function MeasureCard({ definition, result, filters, stratum, canDrillDown, canAnnotate }: MeasureCardProps) {
  const headingId = `measure-${definition.id}`;
  const target = result.target ?? definition.target;
  const status = targetStatus(result.suppressed ? null : result.rate, target, definition.higherIsBetter);
  return (
    <article className="card measure-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{definition.name}</h3>
      <dl className="measure-figures">
        <div>
          <dt>This period</dt>
          <dd className="measure-value">
            {periodValue(definition, result)}
            {definition.kind === 'proportion' && !result.suppressed && result.numerator !== null && result.denominator !== null ? (
              <span className="muted">
                {' '}
                ({result.numerator.toLocaleString('en-US')} of {result.denominator.toLocaleString('en-US')})
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{target === null ? 'none set' : formatMeasureValue(target, definition.kind, definition.unit)}</dd>
        </div>
        {status !== 'none' ? (
          <div>
            <dt>Against the target</dt>
            <dd>
              {status === 'meets' ? <Badge tone="positive">Meets the target</Badge> : <Badge tone="warning">Not yet at the target</Badge>}
            </dd>
          </div>
        ) : null}
      </dl>
      <details className="measure-definition">
        <summary>How it is measured</summary>
        <dl className="details">
          <dt>Source</dt>
          <dd>{definition.source}</dd>
          <dt>Numerator</dt>
          <dd>{definition.numerator}</dd>
          {definition.denominator ? (
            <>
              <dt>Denominator</dt>
              <dd>{definition.denominator}</dd>
            </>
          ) : null}
          <dt>Windows</dt>
          <dd>{definition.windows}</dd>
          <dt>Exclusions</dt>
          <dd>{definition.exclusions}</dd>
        </dl>
      </details>
      {stratum && result.strata.length > 0 ? (
        <Table caption={`${definition.name} by ${strataDimensionLabels[stratum].toLowerCase()}`} narrowLayout="scroll">
          <thead>
            <tr>
              <th scope="col">{strataDimensionLabels[stratum]}</th>
              <th scope="col">Value</th>
              {definition.kind === 'proportion' ? (
                <>
                  <th scope="col">Numerator</th>
                  <th scope="col">Denominator</th>
                </>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {result.strata.map((s) => (
              <tr key={s.value}>
                <th scope="row">{s.label}</th>
                <td>{s.suppressed ? SUPPRESSED_TEXT : formatMeasureValue(s.rate, definition.kind, definition.unit)}</td>
                {definition.kind === 'proportion' ? (
                  <>
                    <td>{s.suppressed ? SUPPRESSED_TEXT : (s.numerator ?? '—')}</td>
                    <td>{s.suppressed ? SUPPRESSED_TEXT : (s.denominator ?? '—')}</td>
                  </>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <ExportButtons
        label={`${definition.name} monthly series`}
        fileBase={fileSlug(definition.id, 'series', result.months[0]?.month ?? '', result.months.at(-1)?.month ?? '')}
        csv={() => measureSeriesCsv(definition, result)}
      />
      <MeasureChartPanel definition={definition} result={result} filters={filters} canAnnotate={canAnnotate} />
      {canDrillDown && !(trajectoryMeasureIds as readonly string[]).includes(definition.id) ? (
        <DrillDownPanel definition={definition} result={result} organizationId={filters.organizationId} />
      ) : null}
    </article>
  );
}
