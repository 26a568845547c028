import './analytics.css';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { strataDimensionLabels, strataDimensions, type MeasureDefinition, type MeasureResult } from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { activeMembership, hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { CascadeSection } from './cascade-section.tsx';
import { monthLabel } from './charts/chart-scale.ts';
import { filtersFromParams, scopeQuery, validateFilters } from './dashboard-query.ts';
import { useLearningApi } from './api-context.tsx';
import { MeasureCard } from './measure-card.tsx';
import { RecomputePanel } from './recompute-panel.tsx';

/** Network administrators and analysts look at any organization; everyone else at the network or their own. */
function useScopeOptions(): { options: { value: string; label: string }[]; error: unknown } {
  const client = useApi();
  const session = useSession();
  const canPickAny = hasRole(session, 'network_admin', 'analyst');
  const organizations = useApiData(() => (canPickAny ? client.searchNetworkOrganizations('') : Promise.resolve([])), [canPickAny]);
  const own = activeMembership(session);
  const options = [{ value: '', label: 'Whole network' }];
  if (canPickAny) {
    for (const o of [...(organizations.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)))
      options.push({ value: o.id, label: o.name });
  } else if (own) {
    options.push({ value: own.organizationId, label: own.organizationName });
  }
  return { options, error: organizations.error };
}

/**
 * The learning system's dashboard: the cascade of care as a funnel and every measure with its
 * value, target and chart, for the network or one organization, filtered by period and stratum.
 * Small cells come from the server already suppressed and are shown as "fewer than 11".
 */
export function AnalyticsDashboardPage() {
  const api = useLearningApi();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const query = scopeQuery(filters);
  const queryKey = JSON.stringify(query);
  const scope = useScopeOptions();
  const definitions = useApiData(() => api.getDefinitions(), []);
  const strata = useApiData(() => api.getStrata(), []);
  const results = useApiData(() => api.getResults(query), [queryKey]);
  const cascade = useApiData(() => api.getCascade(query), [queryKey]);
  const [formErrors, setFormErrors] = useState<Record<string, string>>({});
  const [dimension, setDimension] = useState<string>(filters.stratum ?? '');

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const get = (name: string) => String(data.get(name) ?? '').trim();
    const errors = validateFilters({ from: get('from'), to: get('to') });
    setFormErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const next = new URLSearchParams();
    for (const [name, param] of [
      ['organizationId', 'org'],
      ['from', 'from'],
      ['to', 'to'],
      ['stratum', 'stratum'],
      ['stratumValue', 'value'],
    ] as const) {
      const value = get(name);
      if (value && (name !== 'stratumValue' || get('stratum'))) next.set(param, value);
    }
    // Chart choices (baseline, chart kind, astronomical points) stay with the measures.
    for (const [name, value] of params) if (/^(chart|baseline|astro)\./.test(name)) next.set(name, value);
    setParams(next);
  }

  const dimensionOptions = strata.data?.dimensions.find((d) => d.id === dimension)?.values ?? [];
  const canDrillDown = hasRole(session, 'clinician', 'care_navigator');
  const canAnnotate =
    hasRole(session, 'network_admin', 'analyst') ||
    (hasRole(session, 'org_admin') && filters.organizationId !== undefined && filters.organizationId === session.activeOrganizationId);
  const period = results.data?.period ?? cascade.data?.period;
  const scopeName = results.data?.scope.organizationName ?? cascade.data?.scope.organizationName ?? 'Whole network';
  const computedAt = results.data?.computedAt ?? cascade.data?.computedAt ?? null;
  const resultById = new Map<string, MeasureResult>((results.data?.results ?? []).map((r) => [r.measureId, r]));

  return (
    <>
      <PageHeading
        eyebrow="Learning system"
        title="Cascade of care and quality measures"
        description="The OUD cascade of care and the network's measures, with run and control charts to tell a real change from noise. Counts of 1 to 10 people are never shown."
        actions={
          <a className="button button-secondary" href={api.reportPdfPath(query)} download>
            Printable report (PDF)
          </a>
        }
      />
      <form className="filters analytics-filters" aria-label="Dashboard filters" onSubmit={apply} noValidate>
        <SelectField
          label="Scope"
          name="organizationId"
          defaultValue={filters.organizationId ?? ''}
          options={scope.options}
          key={`org-${scope.options.length}-${filters.organizationId ?? ''}`}
        />
        <TextField
          label="First month"
          name="from"
          type="month"
          placeholder="2026-01"
          defaultValue={filters.from ?? ''}
          error={formErrors.from}
          key={`from-${filters.from ?? ''}`}
        />
        <TextField
          label="Last month"
          name="to"
          type="month"
          placeholder="2026-12"
          defaultValue={filters.to ?? ''}
          error={formErrors.to}
          key={`to-${filters.to ?? ''}`}
        />
        <SelectField
          label="Stratify by"
          name="stratum"
          value={dimension}
          onChange={(event) => setDimension(event.currentTarget.value)}
          options={[
            { value: '', label: 'No stratification' },
            ...strataDimensions.map((d) => ({ value: d, label: strataDimensionLabels[d] })),
          ]}
        />
        {dimension ? (
          <SelectField
            label="Stratum"
            name="stratumValue"
            defaultValue={filters.stratumValue ?? ''}
            key={`value-${dimension}-${dimensionOptions.length}`}
            options={[{ value: '', label: 'Every value' }, ...dimensionOptions.map((v) => ({ value: v.value, label: v.label }))]}
          />
        ) : null}
        <div className="filters-actions">
          <Button type="submit" variant="primary">
            Show
          </Button>
        </div>
      </form>
      {hasRole(session, 'network_admin', 'analyst') ? (
        <RecomputePanel
          onDone={() => {
            results.reload();
            cascade.reload();
          }}
        />
      ) : null}
      {scope.error ? <Alert tone="warning">The list of organizations could not be loaded: {describeError(scope.error)}</Alert> : null}
      <p className="page-status" role="status">
        {results.isLoading || cascade.isLoading
          ? 'Loading the results…'
          : period
            ? `${scopeName}, ${monthLabel(period.from)} – ${monthLabel(period.to)}${computedAt ? `; computed ${formatDateTime(computedAt)}` : '; nothing computed for this period yet'}.`
            : ''}
      </p>
      {cascade.error ? (
        <Alert tone="error" title="The cascade could not be loaded">
          {describeError(cascade.error)}
        </Alert>
      ) : null}
      {cascade.data ? <CascadeSection cascade={cascade.data} requested={results.data?.period} /> : null}
      <section aria-labelledby="measures-heading" className="analytics-section">
        <h2 id="measures-heading">Measures</h2>
        {definitions.error || results.error ? (
          <Alert tone="error" title="The measures could not be loaded">
            {describeError(definitions.error ?? results.error)}
          </Alert>
        ) : null}
        {definitions.data && results.data ? (
          <div className="measure-grid">
            {definitions.data.map((definition: MeasureDefinition) => {
              const result = resultById.get(definition.id);
              return result ? (
                <MeasureCard
                  key={definition.id}
                  definition={definition}
                  result={result}
                  filters={filters}
                  stratum={results.data!.stratum}
                  canDrillDown={canDrillDown}
                  canAnnotate={canAnnotate}
                />
              ) : null;
            })}
          </div>
        ) : null}
      </section>
    </>
  );
}
