import {
  chartKinds,
  strataDimensions,
  type ChartKind,
  type ChartQuery,
  type LearningScopeQuery,
  type StrataDimension,
} from '@continuum/contracts';

/*
 * The dashboard keeps its filters in the URL (scope, period, stratum) and each measure's chart
 * choices too (chart kind, baseline, astronomical points), so a link or a reload shows the same view.
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const isMonth = (v: string | null): v is string => v !== null && MONTH.test(v);

export interface DashboardFilters {
  organizationId: string | undefined;
  from: string | undefined;
  to: string | undefined;
  stratum: StrataDimension | undefined;
  stratumValue: string | undefined;
}

export function filtersFromParams(params: URLSearchParams): DashboardFilters {
  const stratum = params.get('stratum');
  const isStratum = (strataDimensions as readonly string[]).includes(stratum ?? '');
  const from = params.get('from');
  const to = params.get('to');
  return {
    organizationId: params.get('org') || undefined,
    from: isMonth(from) ? from : undefined,
    to: isMonth(to) ? to : undefined,
    stratum: isStratum ? (stratum as StrataDimension) : undefined,
    stratumValue: isStratum ? params.get('value') || undefined : undefined,
  };
}

export function scopeQuery(filters: DashboardFilters): LearningScopeQuery {
  const query: LearningScopeQuery = {};
  if (filters.organizationId) query.organizationId = filters.organizationId;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.stratum) query.stratum = filters.stratum;
  if (filters.stratum && filters.stratumValue) query.stratumValue = filters.stratumValue;
  return query;
}

/** Checks the filter form; returns field errors by input name. */
export function validateFilters(values: { from: string; to: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.from && !MONTH.test(values.from)) errors.from = 'Enter a month such as 2026-03.';
  if (values.to && !MONTH.test(values.to)) errors.to = 'Enter a month such as 2026-03.';
  if (!errors.from && !errors.to && values.from && values.to && values.from > values.to)
    errors.to = 'The last month must not be before the first.';
  return errors;
}

export interface ChartChoice {
  chart: ChartKind | undefined;
  baselineFrom: string | undefined;
  baselineTo: string | undefined;
  /** Months the reader judged astronomical (IHI run-chart rule 4). */
  astronomical: string[];
}

const key = (measureId: string, what: 'chart' | 'baseline' | 'astro') => `${what}.${measureId}`;

export function chartChoiceFromParams(params: URLSearchParams, measureId: string): ChartChoice {
  const chart = params.get(key(measureId, 'chart'));
  const [baselineFrom, baselineTo] = (params.get(key(measureId, 'baseline')) ?? '').split('..');
  return {
    chart: (chartKinds as readonly string[]).includes(chart ?? '') ? (chart as ChartKind) : undefined,
    baselineFrom: isMonth(baselineFrom ?? null) ? baselineFrom : undefined,
    baselineTo: isMonth(baselineTo ?? null) ? baselineTo : undefined,
    astronomical: (params.get(key(measureId, 'astro')) ?? '').split(',').filter((m) => MONTH.test(m)),
  };
}

export function withChartChoice(params: URLSearchParams, measureId: string, choice: ChartChoice): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string | undefined) => (value ? next.set(name, value) : next.delete(name));
  set(key(measureId, 'chart'), choice.chart);
  set(key(measureId, 'baseline'), choice.baselineFrom && choice.baselineTo ? `${choice.baselineFrom}..${choice.baselineTo}` : undefined);
  set(key(measureId, 'astro'), choice.astronomical.length > 0 ? [...new Set(choice.astronomical)].sort().join(',') : undefined);
  return next;
}

export function chartQuery(filters: DashboardFilters, choice: ChartChoice): ChartQuery {
  const query: ChartQuery = scopeQuery(filters);
  if (choice.chart) query.chart = choice.chart;
  if (choice.baselineFrom && choice.baselineTo) {
    query.baselineFrom = choice.baselineFrom;
    query.baselineTo = choice.baselineTo;
  }
  return query;
}

/** Whether a value meets its target, in the measure's direction. */
export function targetStatus(value: number | null, target: number | null, higherIsBetter: boolean): 'meets' | 'misses' | 'none' {
  if (value === null || target === null) return 'none';
  return (higherIsBetter ? value >= target : value <= target) ? 'meets' : 'misses';
}
