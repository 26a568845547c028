// Longer than 300 lines: the dashboard's reads share the suppression of stored cells on the way out.
import {
  ageBands,
  cascadeStageLabels,
  specialPopulations,
  strataDimensionLabels,
  strataDimensions,
  type Annotation,
  type CascadeResponse,
  type CascadeStage,
  type ChartQuery,
  type ChartResponse,
  type LearningScope,
  type LearningScopeQuery,
  type MeasureDefinition,
  type MeasureId,
  type MeasureMonth,
  type MeasureResult,
  type MeasureResultsResponse,
  type MeasureStratumResult,
  type StrataDimension,
  type StrataOptionsResponse,
} from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { monthRange, NETWORK } from './aggregate.ts';
import { listAnnotations } from './annotations.ts';
import { buildChart } from './chart.ts';
import { definitionOf, measureDefinitions } from './definitions.ts';
import { areaEstimates } from './estimates.ts';
import { targets } from './settings.ts';
import { reportingPeriods, publishSeries, snapPeriod, type SeriesMonth } from './published-series.ts';
import { complementary, isSmall, suppressCount, suppressProportion } from './suppression.ts';
import { findOrganization } from '../organizations/index.ts';

/*
 * The dashboard's reads: stored cells of the latest finished run, suppressed on the way out.
 * Nothing here reads person-level data.
 */

type Run = { id: string; period_from: string; period_to: string; finished_at: Date | string | null };

export async function latestRun(db: DbOrTrx): Promise<Run | null> {
  return (
    (await db
      .selectFrom('learning_runs')
      .select(['id', 'period_from', 'period_to', 'finished_at'])
      .where('status', '=', 'done')
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** The period asked for, within the run (default: the run's last 12 months). */
export function resolvePeriod(run: Run | null, q: { from?: string | undefined; to?: string | undefined }): { from: string; to: string } {
  if (q.from && q.to && q.from > q.to) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'from', message: 'from is after to' }] });
  const to = q.to ?? run?.period_to ?? new Date().toISOString().slice(0, 7);
  let from = q.from;
  if (!from) {
    const [y, m] = to.split('-').map(Number) as [number, number];
    from = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 7);
    if (run && from < run.period_from) from = run.period_from;
  }
  return { from, to };
}

async function scopeOf(db: DbOrTrx, organizationId: string | undefined): Promise<LearningScope> {
  if (!organizationId) return { kind: 'network', organizationId: null, organizationName: null };
  const org = await findOrganization(db, organizationId);
  if (!org) throw new AppError('ORGANIZATION_NOT_FOUND');
  return { kind: 'organization', organizationId, organizationName: org.name };
}

// ---------------------------------------------------------------------------------------------
// Cascade

export async function readCascade(db: DbOrTrx, q: LearningScopeQuery): Promise<CascadeResponse> {
  const run = await latestRun(db);
  const scope = await scopeOf(db, q.organizationId);
  let period = resolvePeriod(run, q);
  const empty: CascadeResponse = { period, scope, computedAt: null, stages: [], estimate: null, stratum: q.stratum ?? null, strata: [] };
  if (!run) return empty;
  const scopeKey = q.organizationId ?? NETWORK;
  const stored = await db
    .selectFrom('learning_cascade')
    .select(['period_from', 'period_to'])
    .distinct()
    .where('run_id', '=', run.id)
    .where('scope', '=', NETWORK)
    .execute();
  if (!stored.some((p) => p.period_from === period.from && p.period_to === period.to)) {
    // The closest stored period: the one ending at `to` that is longest but within the asked period, else the run's window.
    const within = stored
      .filter((p) => p.period_from >= period.from && p.period_to <= period.to)
      .sort((a, b) => monthRange(b.period_from, b.period_to).length - monthRange(a.period_from, a.period_to).length);
    period = within[0] ? { from: within[0].period_from, to: within[0].period_to } : { from: run.period_from, to: run.period_to };
  }
  const rows = await db
    .selectFrom('learning_cascade')
    .select(['dimension', 'stratum', 'stage', 'count', 'not_yet_evaluable'])
    .where('run_id', '=', run.id)
    .where('scope', '=', scopeKey)
    .where('period_from', '=', period.from)
    .where('period_to', '=', period.to)
    .where('dimension', 'in', q.stratum ? ['all', q.stratum] : ['all'])
    .execute();
  const estimates = scope.kind === 'network' ? await areaEstimates(db) : [];
  const totalEstimate = estimates.length > 0 ? estimates.reduce((a, e) => a + e.estimated, 0) : null;
  const low = estimates.length > 0 && estimates.every((e) => e.low !== null) ? estimates.reduce((a, e) => a + e.low!, 0) : null;
  const high = estimates.length > 0 && estimates.every((e) => e.high !== null) ? estimates.reduce((a, e) => a + e.high!, 0) : null;

  const countsOf = (dimension: string, stratum: string) => {
    const m = new Map<string, { count: number; notYet: number }>();
    for (const r of rows)
      if (r.dimension === dimension && r.stratum === stratum)
        m.set(r.stage, { count: Number(r.count), notYet: Number(r.not_yet_evaluable) });
    return m;
  };
  const stages = cascadeStages(countsOf('all', 'all'), totalEstimate, new Set());
  const strata: CascadeResponse['strata'] = [];
  if (q.stratum) {
    const values = [...new Set(rows.filter((r) => r.dimension === q.stratum).map((r) => r.stratum))].sort();
    const labels = await stratumLabels(db, q.stratum);
    const perValue = values.map((v) => countsOf(q.stratum!, v));
    // Complementary suppression per stage across the values.
    const hidden = values.map(() => new Set<string>());
    for (const stage of ['identified', 'engaged', 'moud_started', 'retained_6m', 'recovery']) {
      const counts = perValue.map((m) => m.get(stage)?.count ?? 0);
      complementary(counts, counts.map(isSmall)).forEach((h, i) => h && hidden[i]!.add(stage));
    }
    values.forEach((v, i) => {
      const est = q.stratum === 'area' ? (estimates.find((e) => e.areaId === v)?.estimated ?? null) : null;
      strata.push({ value: v, label: labels.get(v) ?? v, stages: cascadeStages(perValue[i]!, est, hidden[i]!) });
    });
  }
  return {
    period,
    scope,
    computedAt: iso(run.finished_at),
    stages,
    estimate: totalEstimate === null ? null : { count: totalEstimate, low, high },
    stratum: q.stratum ?? null,
    strata,
  };
}

function cascadeStages(
  counts: Map<string, { count: number; notYet: number }>,
  estimate: number | null,
  hidden: Set<string>,
): CascadeStage[] {
  const out: CascadeStage[] = [
    {
      id: 'estimated',
      label: cascadeStageLabels.estimated,
      count: estimate,
      suppressed: false,
      percentOfEstimated: estimate === null ? null : 1,
      percentOfPrevious: null,
    },
  ];
  let previous: number | null = estimate;
  for (const id of ['identified', 'engaged', 'moud_started', 'retained_6m', 'recovery'] as const) {
    const c = counts.get(id) ?? { count: 0, notYet: 0 };
    const shown = suppressCount(c.count);
    const suppressed = shown.suppressed || hidden.has(id);
    const count = suppressed ? null : shown.value;
    out.push({
      id,
      label: cascadeStageLabels[id],
      count,
      suppressed,
      percentOfEstimated: count !== null && estimate ? count / estimate : null,
      percentOfPrevious: count !== null && previous ? count / previous : null,
      ...(id === 'retained_6m' ? { notYetEvaluable: suppressCount(c.notYet).value } : {}),
    });
    previous = count;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measures

interface Cell {
  measure_id: string;
  month: string;
  dimension: string;
  stratum: string;
  numerator: number;
  denominator: number;
  days_sum: number;
}

async function cells(
  db: DbOrTrx,
  runId: string,
  scope: string,
  dimensions: string[],
  period: { from: string; to: string },
  measures?: MeasureId[],
): Promise<Cell[]> {
  const rows = await db
    .selectFrom('learning_results')
    .select(['measure_id', 'month', 'dimension', 'stratum', 'numerator', 'denominator', 'days_sum'])
    .where('run_id', '=', runId)
    .where('scope', '=', scope)
    .where('dimension', 'in', dimensions)
    .where('month', '>=', period.from)
    .where('month', '<=', period.to)
    .$if(measures !== undefined, (q) => q.where('measure_id', 'in', measures!))
    .execute();
  return rows.map((r) => ({ ...r, numerator: Number(r.numerator), denominator: Number(r.denominator), days_sum: Number(r.days_sum) }));
}

type Def = Omit<MeasureDefinition, 'target'>;

/** One shown value from true sums. */
function shown(
  def: Def,
  num: number,
  den: number,
  days: number,
): { numerator: number | null; denominator: number | null; value: number | null; suppressed: boolean } {
  if (def.kind === 'count') {
    const c = suppressCount(num);
    return { numerator: c.value, denominator: null, value: c.value, suppressed: c.suppressed };
  }
  const p = suppressProportion(num, den);
  if (def.kind === 'time') {
    return {
      numerator: p.numerator,
      denominator: p.denominator,
      value: p.suppressed || num === 0 ? null : days / num,
      suppressed: p.suppressed,
    };
  }
  return { numerator: p.numerator, denominator: p.denominator, value: p.rate, suppressed: p.suppressed };
}

/** A month's atoms for the publication: the count, or the numerator and those not meeting the measure. */
const partsOf = (def: Def, r: [number, number, number]): SeriesMonth => ({ parts: def.kind === 'count' ? [r[0]] : [r[0], r[1] - r[0]] });

/**
 * The monthly series of one measure over `months` (the answered period), from its publication over
 * every month of the run (published-series.ts): a hidden month is hidden whatever period is asked.
 */
export function monthlySeries(
  def: Def,
  months: readonly string[],
  sums: Map<string, [number, number, number]>,
  monthHidden: Map<string, boolean>,
): MeasureMonth[] {
  return months.map((month) => {
    const raw = sums.get(month) ?? [0, 0, 0];
    const b = shown(def, ...raw);
    if (monthHidden.get(month) ?? b.suppressed) return { month, numerator: null, denominator: null, value: null, suppressed: true };
    return {
      month,
      numerator: b.numerator,
      denominator: b.denominator,
      value: def.kind !== 'count' && raw[1] === 0 ? null : b.value,
      suppressed: false,
    };
  });
}

/** Every measure's results (or only those in `only`: a chart reads its own measure's cells). */
export async function readResults(db: DbOrTrx, q: LearningScopeQuery, only?: readonly MeasureId[]): Promise<MeasureResultsResponse> {
  const run = await latestRun(db);
  const scope = await scopeOf(db, q.organizationId);
  // Fixed reporting periods only (docs/privacy.md, "Suppression that survives differencing").
  const offered = run ? reportingPeriods(run.period_from, run.period_to) : [];
  const period = run ? snapPeriod(offered, resolvePeriod(run, q)) : resolvePeriod(run, q);
  const runMonths = run ? monthRange(run.period_from, run.period_to) : monthRange(period.from, period.to);
  const periodIndex = offered.findIndex((p) => p.from === period.from && p.to === period.to);
  const base: MeasureResultsResponse = {
    period,
    scope,
    computedAt: run ? iso(run.finished_at) : null,
    stratum: q.stratum ?? null,
    results: [],
  };
  const t = await targets(db);
  const months = monthRange(period.from, period.to);
  const data = run
    ? await cells(
        db,
        run.id,
        q.organizationId ?? NETWORK,
        q.stratum ? ['all', q.stratum] : ['all'],
        { from: run.period_from, to: run.period_to },
        only ? [...only] : undefined,
      )
    : [];
  const inPeriod = (month: string) => month >= period.from && month <= period.to;
  const seriesDim = q.stratum && q.stratumValue ? q.stratum : 'all';
  const seriesValue = q.stratum && q.stratumValue ? q.stratumValue : 'all';
  const labels = q.stratum ? await stratumLabels(db, q.stratum) : new Map<string, string>();
  for (const def of measureDefinitions) {
    if (only && !only.includes(def.id)) continue;
    const sums = new Map<string, [number, number, number]>();
    const strataSums = new Map<string, [number, number, number]>();
    for (const c of data) {
      if (c.measure_id !== def.id) continue;
      if (c.dimension === seriesDim && c.stratum === seriesValue) sums.set(c.month, [c.numerator, c.denominator, c.days_sum]);
      if (q.stratum && c.dimension === q.stratum && inPeriod(c.month)) {
        const acc = strataSums.get(c.stratum) ?? [0, 0, 0];
        strataSums.set(c.stratum, [acc[0] + c.numerator, acc[1] + c.denominator, acc[2] + c.days_sum]);
      }
    }
    const total = [...sums.entries()]
      .filter(([m]) => inPeriod(m))
      .reduce<[number, number, number]>((a, [, s]) => [a[0] + s[0], a[1] + s[1], a[2] + s[2]], [0, 0, 0]);
    const publication = publishSeries(
      runMonths,
      runMonths.map((m) => partsOf(def, sums.get(m) ?? [0, 0, 0])),
      offered,
    );
    const monthHidden = new Map(runMonths.map((m, i) => [m, publication.monthHidden[i]!]));
    const shownTotal = shown(def, ...total);
    const tot =
      periodIndex >= 0 && publication.periodHidden[periodIndex]
        ? { numerator: null, denominator: null, value: null, suppressed: true }
        : shownTotal;
    const strata: MeasureStratumResult[] = [];
    if (q.stratum) {
      const values = [...strataSums.keys()].sort();
      const raws = values.map((v) => strataSums.get(v)!);
      // With the period total hidden, the strata (which add up to it) are hidden with it.
      let hide = raws.map((r) => tot.suppressed || shown(def, ...r).suppressed);
      hide = complementary(
        raws.map((r) => (def.kind === 'count' ? r[0] : r[1])),
        hide,
      );
      if (def.kind !== 'count')
        hide = complementary(
          raws.map((r) => r[0]),
          hide,
        );
      values.forEach((v, i) => {
        const s = shown(def, ...raws[i]!);
        strata.push(
          hide[i]
            ? { value: v, label: labels.get(v) ?? v, numerator: null, denominator: null, rate: null, suppressed: true }
            : { value: v, label: labels.get(v) ?? v, numerator: s.numerator, denominator: s.denominator, rate: s.value, suppressed: false },
        );
      });
    }
    const result: MeasureResult = {
      measureId: def.id,
      numerator: tot.numerator,
      denominator: tot.denominator,
      rate: def.kind !== 'count' && total[1] === 0 ? null : tot.value,
      suppressed: tot.suppressed,
      target: t[def.id] ?? null,
      months: monthlySeries(def, months, sums, monthHidden),
      strata,
    };
    base.results.push(result);
  }
  return base;
}

export async function readChart(db: DbOrTrx, measureId: MeasureId, q: ChartQuery): Promise<ChartResponse> {
  const def = definitionOf(measureId);
  const results = await readResults(db, { ...q, stratum: q.stratum, stratumValue: q.stratumValue }, [measureId]);
  const result = results.results.find((r) => r.measureId === measureId)!;
  const baseline = { from: q.baselineFrom ?? results.period.from, to: q.baselineTo ?? results.period.to };
  if (baseline.from > baseline.to)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'baselineFrom', message: 'The baseline starts after it ends' }] });
  const chart = buildChart({
    months: result.months,
    kind: def.kind,
    chart: q.chart,
    defaultChart: def.defaultChart,
    baselineFrom: baseline.from,
    baselineTo: baseline.to,
  });
  const annotations: Annotation[] = (await listAnnotations(db, { measureId, organizationId: q.organizationId })).filter(
    (a) => a.date.slice(0, 7) >= results.period.from && a.date.slice(0, 7) <= results.period.to,
  );
  return {
    measureId,
    chart: chart.chart,
    period: results.period,
    scope: results.scope,
    baseline,
    center: chart.center,
    sigmaZ: chart.sigmaZ,
    overdispersed: chart.overdispersed,
    target: result.target,
    points: chart.points,
    signals: chart.signals,
    annotations,
    computedAt: results.computedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Strata options

const fixedValues: Partial<Record<StrataDimension, readonly string[]>> = {
  age_band: ageBands,
  sex: ['female', 'male', 'unknown'],
  payer: ['medicaid', 'unknown'],
  special_population: specialPopulations,
};

const specialLabels: Record<string, string> = {
  pregnant_or_postpartum: 'Pregnant or postpartum',
  veteran: 'Veteran',
  justice_involved: 'Justice-involved',
  unhoused: 'Without stable housing',
  none: 'None of these',
  medicaid: 'Medicaid',
  unknown: 'Unknown',
  female: 'Female',
  male: 'Male',
};

async function stratumLabels(db: DbOrTrx, dimension: StrataDimension): Promise<Map<string, string>> {
  if (dimension === 'area') {
    const areas = await db.selectFrom('areas').select(['id', 'name']).execute();
    return new Map([...areas.map((a) => [a.id, a.name] as [string, string]), ['unknown', 'Unknown']]);
  }
  return new Map(Object.entries(specialLabels));
}

export async function strataOptions(db: DbOrTrx): Promise<StrataOptionsResponse> {
  const run = await latestRun(db);
  const stored = run
    ? await db
        .selectFrom('learning_results')
        .select(['dimension', 'stratum'])
        .distinct()
        .where('run_id', '=', run.id)
        .where('scope', '=', NETWORK)
        .where('dimension', '<>', 'all')
        .execute()
    : [];
  const dimensions: StrataOptionsResponse['dimensions'] = [];
  for (const d of strataDimensions) {
    const labels = await stratumLabels(db, d);
    const values = new Set<string>([...(fixedValues[d] ?? []), ...stored.filter((s) => s.dimension === d).map((s) => s.stratum)]);
    if (d === 'area') for (const id of labels.keys()) values.add(id);
    dimensions.push({
      id: d,
      label: strataDimensionLabels[d],
      values: [...values].sort().map((v) => ({ value: v, label: labels.get(v) ?? v })),
    });
  }
  return { dimensions };
}
