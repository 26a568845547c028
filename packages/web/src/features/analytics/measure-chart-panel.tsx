import { useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ChartKind, MeasureDefinition, MeasureResult } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { AnnotationsPanel } from './annotations-panel.tsx';
import { monthLabel } from './charts/chart-scale.ts';
import { chartKindLabels, SpcChart } from './charts/spc-chart.tsx';
import { chartChoiceFromParams, chartQuery, withChartChoice, type DashboardFilters } from './dashboard-query.ts';
import { useLearningApi } from './api-context.tsx';
import { useInView } from './use-in-view.ts';

const kindsFor = (definition: MeasureDefinition): ChartKind[] =>
  definition.kind === 'proportion' ? ['run', 'p', 'p_laney'] : ['run', 'xmr'];

interface MeasureChartPanelProps {
  definition: MeasureDefinition;
  result: MeasureResult;
  filters: DashboardFilters;
  canAnnotate: boolean;
}

/**
 * A measure's chart with the reader's choices: the chart kind, the baseline (the server computes
 * the centre and limits from it and freezes them after), and run-chart points judged astronomical.
 */
export function MeasureChartPanel({ definition, result, filters, canAnnotate }: MeasureChartPanelProps) {
  const api = useLearningApi();
  const [params, setParams] = useSearchParams();
  const choice = chartChoiceFromParams(params, definition.id);
  const query = chartQuery(filters, choice);
  const panelRef = useRef<HTMLDivElement>(null);
  const isInView = useInView(panelRef);
  const chart = useApiData(
    () => (isInView ? api.getChart(definition.id, query) : Promise.resolve(null)),
    [definition.id, JSON.stringify(query), isInView],
  );
  const [baselineError, setBaselineError] = useState<string | null>(null);
  const [astroMonth, setAstroMonth] = useState('');
  const months = result.months.map((m) => m.month);
  const monthOptions = months.map((m) => ({ value: m, label: monthLabel(m) }));
  const formId = `chart-settings-${definition.id}`;

  function applySettings(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const kind = String(data.get('chart') ?? '');
    const baselineFrom = String(data.get('baselineFrom') ?? '');
    const baselineTo = String(data.get('baselineTo') ?? '');
    if ((baselineFrom && !baselineTo) || (!baselineFrom && baselineTo)) {
      setBaselineError('Choose both the first and the last month of the baseline, or neither.');
      return;
    }
    if (baselineFrom && baselineTo && baselineFrom > baselineTo) {
      setBaselineError('The baseline must end after it starts.');
      return;
    }
    setBaselineError(null);
    setParams(
      withChartChoice(params, definition.id, {
        ...choice,
        chart: kind ? (kind as ChartKind) : undefined,
        baselineFrom: baselineFrom || undefined,
        baselineTo: baselineTo || undefined,
      }),
      { replace: true },
    );
  }

  function setAstronomical(next: string[]) {
    setParams(withChartChoice(params, definition.id, { ...choice, astronomical: next }), { replace: true });
  }

  const shownKind = chart.data?.chart ?? choice.chart ?? definition.defaultChart;
  return (
    <div className="measure-chart" ref={panelRef}>
      <details className="chart-settings">
        <summary>Chart settings</summary>
        <form
          id={formId}
          className="form-row-3 chart-settings-form"
          aria-label={`Chart settings: ${definition.name}`}
          onSubmit={applySettings}
          noValidate
        >
          <SelectField
            label="Chart"
            name="chart"
            defaultValue={choice.chart ?? ''}
            options={[
              {
                value: '',
                label: `Default (${chartKindLabels[definition.defaultChart]}${definition.kind === 'proportion' ? ', Laney p′ when overdispersed' : ''})`,
              },
              ...kindsFor(definition).map((k) => ({ value: k, label: chartKindLabels[k] })),
            ]}
          />
          <SelectField
            label="Baseline from"
            name="baselineFrom"
            defaultValue={choice.baselineFrom ?? ''}
            options={[{ value: '', label: 'Every month shown' }, ...monthOptions]}
            error={baselineError ?? undefined}
          />
          <SelectField
            label="Baseline to"
            name="baselineTo"
            defaultValue={choice.baselineTo ?? ''}
            options={[{ value: '', label: 'Every month shown' }, ...monthOptions]}
          />
          <div className="form-actions">
            <Button type="submit" size="small">
              Apply
            </Button>
          </div>
        </form>
        {shownKind === 'run' ? (
          <div className="astronomical">
            <p className="field-hint">
              An astronomical point is a value anyone would agree is unusual (IHI run-chart rule 4). It is a judgement, so you mark it; it
              is kept in this page's address.
            </p>
            <div className="inline-form">
              <SelectField
                label="Month"
                value={astroMonth}
                onChange={(e) => setAstroMonth(e.currentTarget.value)}
                options={[{ value: '', label: 'Choose a month' }, ...monthOptions]}
              />
              <Button
                size="small"
                disabled={!astroMonth}
                onClick={() => astroMonth && setAstronomical([...choice.astronomical, astroMonth])}
              >
                Mark as astronomical
              </Button>
            </div>
            {choice.astronomical.length > 0 ? (
              <ul className="plain-list" aria-label="Points marked astronomical">
                {choice.astronomical.map((m) => (
                  <li key={m}>
                    {monthLabel(m)}{' '}
                    <Button
                      size="small"
                      variant="quiet"
                      aria-label={`Unmark ${monthLabel(m)}`}
                      onClick={() => setAstronomical(choice.astronomical.filter((x) => x !== m))}
                    >
                      Unmark
                    </Button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </details>
      {chart.error ? (
        <Alert tone="error" title="The chart could not be loaded">
          {describeError(chart.error)}
        </Alert>
      ) : null}
      {(chart.isLoading || !isInView) && !chart.data ? (
        <p className="page-status" role="status">
          Loading the chart…
        </p>
      ) : null}
      {chart.data ? (
        <SpcChart
          chart={chart.data}
          measureName={definition.name}
          kind={definition.kind}
          astronomical={shownKind === 'run' ? choice.astronomical : []}
        />
      ) : null}
      {chart.data ? (
        <AnnotationsPanel
          annotations={chart.data.annotations}
          measureId={definition.id}
          organizationId={filters.organizationId ?? null}
          canAnnotate={canAnnotate}
          onChanged={chart.reload}
        />
      ) : null}
    </div>
  );
}
