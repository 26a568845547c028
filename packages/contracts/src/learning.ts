// Longer than 300 lines because it is one vocabulary: the measure definitions, cascade, charts, drill-down and
// annotations of the learning system (docs/measures.md).
import { z } from 'zod';
import { careEventInputSchema, careEventTypeSchema, type CareEventInput } from './care-events.ts';
import { identifierKindSchema } from './registry.ts';

/**
 * The learning system: the OUD cascade of care, the quality measures, their charts and the
 * annotations of changes tested, all over stored results (computed per period by a job or an
 * on-demand recompute, never per request). Aggregates only: every count of 1–10 people is
 * suppressed (`null` with `suppressed: true`) wherever an analyst or the public can see it, with
 * complementary suppression across strata (docs/measures.md). The people behind a number are
 * listed only for roles that may see them, through the consent chokepoint.
 */

// ---------------------------------------------------------------------------------------------
// Vocabularies

export const SMALL_CELL_THRESHOLD = 11;

export const measureIds = [
  'fua_7',
  'fua_30',
  'pod_180',
  'iet_initiation',
  'iet_engagement',
  'ed_moud_conversion_7',
  'retention_30',
  'retention_90',
  'retention_180',
  'custody_release_moud_days',
  'naloxone_kits',
  'overdose_reversals',
  'repeat_overdose_30',
  // Monthly counts in the scenario model's units (docs/measures.md, "Monthly counts"): computed beside
  // the other measures, not by the set-based engine.
  'overdose_deaths',
  'nonfatal_overdoses',
  'people_in_moud',
] as const;
/** The monthly counts a scenario run's result can be pinned against as the expected trajectory. */
export const trajectoryMeasureIds = ['overdose_deaths', 'nonfatal_overdoses', 'people_in_moud'] as const;
export const trajectoryMeasureIdSchema = z.enum(trajectoryMeasureIds);
export type TrajectoryMeasureId = z.infer<typeof trajectoryMeasureIdSchema>;
export const measureIdSchema = z.enum(measureIds);
export type MeasureId = z.infer<typeof measureIdSchema>;

/** proportion: numerator/denominator (p-chart); count: events per month (XmR); time: days, the monthly median (XmR). */
export const measureKinds = ['proportion', 'count', 'time'] as const;
export type MeasureKind = (typeof measureKinds)[number];

export const cascadeStageIds = ['estimated', 'identified', 'engaged', 'moud_started', 'retained_6m', 'recovery'] as const;
export const cascadeStageIdSchema = z.enum(cascadeStageIds);
export type CascadeStageId = z.infer<typeof cascadeStageIdSchema>;

export const cascadeStageLabels: Record<CascadeStageId, string> = {
  estimated: 'Estimated people with OUD',
  identified: 'Identified (positive screen or OUD diagnosis)',
  engaged: 'Engaged in OUD care',
  moud_started: 'Started medication for OUD',
  retained_6m: 'Retained on medication 6 months',
  recovery: 'Remission or recovery documented',
};

export const strataDimensions = ['age_band', 'sex', 'race', 'ethnicity', 'payer', 'area', 'special_population'] as const;
export const strataDimensionSchema = z.enum(strataDimensions);
export type StrataDimension = z.infer<typeof strataDimensionSchema>;

export const strataDimensionLabels: Record<StrataDimension, string> = {
  age_band: 'Age band',
  sex: 'Sex',
  race: 'Race',
  ethnicity: 'Ethnicity',
  payer: 'Payer',
  area: 'Area',
  special_population: 'Special population',
};

export const ageBands = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export const specialPopulations = ['pregnant_or_postpartum', 'veteran', 'justice_involved', 'unhoused', 'none'] as const;

/** Chart kinds: run chart (median, IHI run rules), p-chart, Laney p′-chart, XmR (individuals). */
export const chartKinds = ['run', 'p', 'p_laney', 'xmr'] as const;
export const chartKindSchema = z.enum(chartKinds);
export type ChartKind = z.infer<typeof chartKindSchema>;

export const chartRules = [
  // run chart (IHI)
  'shift',
  'trend',
  'too_few_runs',
  'too_many_runs',
  // control charts
  'beyond_limits',
  'two_of_three',
  'moving_range',
] as const;
export const chartRuleSchema = z.enum(chartRules);
export type ChartRule = z.infer<typeof chartRuleSchema>;

export const chartRuleLabels: Record<ChartRule, string> = {
  shift: 'Shift',
  trend: 'Trend',
  too_few_runs: 'Too few runs',
  too_many_runs: 'Too many runs',
  beyond_limits: 'Point beyond the control limits',
  two_of_three: '2 of 3 points beyond 2 sigma',
  moving_range: 'Moving range above its limit',
};

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month such as 2026-03');
export const monthSchema = month;

// ---------------------------------------------------------------------------------------------
// Scope and period (query strings)

/**
 * The period (whole months, inclusive) and scope of a read. Without `organizationId` the scope is
 * the whole network. Defaults: the 12 months up to the latest computed month.
 */
export const learningScopeQuerySchema = z.strictObject({
  from: month.optional(),
  to: month.optional(),
  organizationId: z.uuid().optional(),
  stratum: strataDimensionSchema.optional(),
  /** With `stratum`: only this value (e.g. `stratum=sex&stratumValue=female`). */
  stratumValue: z.string().trim().min(1).max(100).optional(),
});
export type LearningScopeQuery = z.infer<typeof learningScopeQuerySchema>;

export const learningScopeSchema = z.object({
  kind: z.enum(['network', 'organization']),
  organizationId: z.uuid().nullable(),
  organizationName: z.string().nullable(),
});
export type LearningScope = z.infer<typeof learningScopeSchema>;

export const learningPeriodSchema = z.object({ from: month, to: month });

/** A count after small-cell suppression: `value` is null when suppressed (1–10 people, or complementary). */
export const suppressedCountSchema = z.object({ value: z.number().int().nullable(), suppressed: z.boolean() });
export type SuppressedCount = z.infer<typeof suppressedCountSchema>;

// ---------------------------------------------------------------------------------------------
// Cascade

export const cascadeStageSchema = z.object({
  id: cascadeStageIdSchema,
  label: z.string(),
  /** Unique people (the estimate for `estimated`, rounded). Null when suppressed or not available. */
  count: z.number().int().nullable(),
  suppressed: z.boolean(),
  /** Share of the estimated population (absolute cascade), 0–1. */
  percentOfEstimated: z.number().nullable(),
  /** Share of the previous stage (conditional cascade), 0–1. */
  percentOfPrevious: z.number().nullable(),
  /** `retained_6m` only: people who started too recently for their 180 days to have closed. */
  notYetEvaluable: z.number().int().nullable().optional(),
});
export type CascadeStage = z.infer<typeof cascadeStageSchema>;

export const cascadeStratumSchema = z.object({
  value: z.string(),
  label: z.string(),
  stages: z.array(cascadeStageSchema),
});

export const cascadeResponseSchema = z.object({
  period: learningPeriodSchema,
  scope: learningScopeSchema,
  /** When the stored results were computed; null when nothing has been computed for the period. */
  computedAt: z.string().nullable(),
  stages: z.array(cascadeStageSchema),
  /** The estimate behind stage `estimated` (network scope only), with its range when given. */
  estimate: z.object({ count: z.number().int(), low: z.number().int().nullable(), high: z.number().int().nullable() }).nullable(),
  stratum: strataDimensionSchema.nullable(),
  strata: z.array(cascadeStratumSchema),
});
export type CascadeResponse = z.infer<typeof cascadeResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Measure definitions

export const measureDefinitionSchema = z.object({
  id: measureIdSchema,
  name: z.string(),
  /** The standard it follows, e.g. "HEDIS FUA MY 2025 (adapted)". */
  source: z.string(),
  kind: z.enum(measureKinds),
  numerator: z.string(),
  denominator: z.string().nullable(),
  windows: z.string(),
  exclusions: z.string(),
  /** Target as a rate 0–1 (proportion), a count per month or days; null when none is set. */
  target: z.number().nullable(),
  /** Whether higher values are better. */
  higherIsBetter: z.boolean(),
  /** The chart drawn by default. */
  defaultChart: chartKindSchema,
  /** `rate`, `kits`, `reversals`, `days`… for labels. */
  unit: z.string(),
});
export type MeasureDefinition = z.infer<typeof measureDefinitionSchema>;

export const measureDefinitionsResponseSchema = z.object({ items: z.array(measureDefinitionSchema) });

export const measureTargetUpdateSchema = z.strictObject({
  target: z.number().min(0).max(100000).nullable(),
  /** `ed_moud_conversion_7` only: the conversion window in days (default 7); used from the next computation. */
  windowDays: z.number().int().min(1).max(90).optional(),
});

// ---------------------------------------------------------------------------------------------
// Measure results

export const measureMonthSchema = z.object({
  month,
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  /** Rate (0–1), count or days; null when suppressed or there is nothing to measure. */
  value: z.number().nullable(),
  suppressed: z.boolean(),
});
export type MeasureMonth = z.infer<typeof measureMonthSchema>;

export const measureStratumResultSchema = z.object({
  value: z.string(),
  label: z.string(),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  rate: z.number().nullable(),
  suppressed: z.boolean(),
});
export type MeasureStratumResult = z.infer<typeof measureStratumResultSchema>;

export const measureResultSchema = z.object({
  measureId: measureIdSchema,
  /** Over the whole period. For `count` measures the numerator is the count and the denominator null. */
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  /** Rate (0–1), count, or median days. */
  rate: z.number().nullable(),
  suppressed: z.boolean(),
  target: z.number().nullable(),
  months: z.array(measureMonthSchema),
  /** With a `stratum` query: the period's result per stratum value. */
  strata: z.array(measureStratumResultSchema),
});
export type MeasureResult = z.infer<typeof measureResultSchema>;

export const measureResultsResponseSchema = z.object({
  period: learningPeriodSchema,
  scope: learningScopeSchema,
  computedAt: z.string().nullable(),
  stratum: strataDimensionSchema.nullable(),
  results: z.array(measureResultSchema),
});
export type MeasureResultsResponse = z.infer<typeof measureResultsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Charts

export const chartQuerySchema = learningScopeQuerySchema.extend({
  /** Default: the measure's default chart. */
  chart: chartKindSchema.optional(),
  /** The baseline months (inclusive); limits (or the median) come from them and are frozen after. Default: every month shown. */
  baselineFrom: month.optional(),
  baselineTo: month.optional(),
});
export type ChartQuery = z.infer<typeof chartQuerySchema>;

export const chartPointSchema = z.object({
  month,
  value: z.number().nullable(),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  suppressed: z.boolean(),
  /** Centre line at this point (the median for run charts). */
  center: z.number().nullable(),
  lcl: z.number().nullable(),
  ucl: z.number().nullable(),
  inBaseline: z.boolean(),
  /** Rules this point takes part in. */
  rules: z.array(chartRuleSchema),
});
export type ChartPoint = z.infer<typeof chartPointSchema>;

export const chartSignalSchema = z.object({
  rule: chartRuleSchema,
  label: z.string(),
  months: z.array(month),
});
export type ChartSignal = z.infer<typeof chartSignalSchema>;

export const annotationKinds = ['change', 'pdsa', 'note'] as const;
export const annotationKindSchema = z.enum(annotationKinds);
export type AnnotationKind = z.infer<typeof annotationKindSchema>;

export const annotationSchema = z.object({
  id: z.uuid(),
  /** Null: shown on every measure's chart. */
  measureId: measureIdSchema.nullable(),
  /** Null: network-wide. */
  organizationId: z.uuid().nullable(),
  date: z.iso.date(),
  kind: annotationKindSchema,
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const chartResponseSchema = z.object({
  measureId: measureIdSchema,
  chart: chartKindSchema,
  period: learningPeriodSchema,
  scope: learningScopeSchema,
  baseline: learningPeriodSchema,
  /** The centre line from the baseline (median for run charts). Null with fewer than 2 usable points. */
  center: z.number().nullable(),
  /** Laney's σz when the chart is `p_laney`. */
  sigmaZ: z.number().nullable(),
  /** The p-chart was switched to Laney p′ because the baseline is overdispersed. */
  overdispersed: z.boolean(),
  target: z.number().nullable(),
  points: z.array(chartPointSchema),
  signals: z.array(chartSignalSchema),
  annotations: z.array(annotationSchema),
  computedAt: z.string().nullable(),
});
export type ChartResponse = z.infer<typeof chartResponseSchema>;

export const annotationsQuerySchema = z.strictObject({
  measureId: measureIdSchema.optional(),
  organizationId: z.uuid().optional(),
});
export const annotationInputSchema = z.strictObject({
  measureId: measureIdSchema.nullable().default(null),
  organizationId: z.uuid().nullable().default(null),
  date: z.iso.date(),
  kind: annotationKindSchema.default('change'),
  text: z.string().trim().min(1).max(500),
});
export type AnnotationInput = z.input<typeof annotationInputSchema>;
export const annotationUpdateSchema = z.strictObject({
  date: z.iso.date().optional(),
  kind: annotationKindSchema.optional(),
  text: z.string().trim().min(1).max(500).optional(),
});
export const annotationsResponseSchema = z.object({ items: z.array(annotationSchema) });

// ---------------------------------------------------------------------------------------------
// Strata options

export const strataOptionsResponseSchema = z.object({
  dimensions: z.array(
    z.object({
      id: strataDimensionSchema,
      label: z.string(),
      values: z.array(z.object({ value: z.string(), label: z.string() })),
    }),
  ),
});
export type StrataOptionsResponse = z.infer<typeof strataOptionsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Drill-down (clinicians, care navigators; through the chokepoint)

export const drillDownQuerySchema = z.strictObject({
  month,
  organizationId: z.uuid().optional(),
  /** `numerator`: people who met the measure; `not_met`: in the denominator but not the numerator. */
  group: z.enum(['numerator', 'not_met', 'denominator']).default('not_met'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const drillDownPersonSchema = z.object({
  personId: z.uuid(),
  displayName: z.string(),
  birthDate: z.string().nullable(),
  /** The day of the event that put the person in the denominator (ED visit, start, release…). */
  eventDate: z.iso.date(),
  met: z.boolean(),
});
export const drillDownResponseSchema = z.object({
  measureId: measureIdSchema,
  month,
  items: z.array(drillDownPersonSchema),
  /** People behind the number the caller may not see (count only). */
  notShown: z.number().int(),
});
export type DrillDownResponse = z.infer<typeof drillDownResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Computation

export const recomputeInputSchema = z.strictObject({
  /** Default: the 24 months up to the current month. */
  from: month.optional(),
  to: month.optional(),
});
export const learningRunSchema = z.object({
  id: z.uuid(),
  from: month,
  to: month,
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  people: z.number().int().nullable(),
  events: z.number().int().nullable(),
});
export type LearningRun = z.infer<typeof learningRunSchema>;
export const learningRunsResponseSchema = z.object({ items: z.array(learningRunSchema) });

// ---------------------------------------------------------------------------------------------
// The OUD estimate per area (the cascade's first stage), editable by network administrators

export const oudEstimateSchema = z.object({
  areaId: z.string(),
  areaName: z.string(),
  population: z.number().int(),
  method: z.enum(['prevalence', 'count']),
  /** Share of residents with OUD (0–1) when `method` is `prevalence`. */
  prevalence: z.number().nullable(),
  count: z.number().int().nullable(),
  /** The resulting estimate (count, or population × prevalence, rounded). */
  estimated: z.number().int(),
  low: z.number().int().nullable(),
  high: z.number().int().nullable(),
  source: z.string().nullable(),
});
export type OudEstimate = z.infer<typeof oudEstimateSchema>;
export const oudEstimatesResponseSchema = z.object({ items: z.array(oudEstimateSchema), total: z.number().int() });
export const oudEstimateInputSchema = z
  .strictObject({
    method: z.enum(['prevalence', 'count']),
    prevalence: z.number().min(0).max(1).nullable().default(null),
    count: z.number().int().min(0).max(100_000_000).nullable().default(null),
    low: z.number().int().min(0).nullable().default(null),
    high: z.number().int().min(0).nullable().default(null),
    source: z.string().trim().max(300).nullable().default(null),
  })
  .refine((v) => (v.method === 'prevalence' ? v.prevalence !== null : v.count !== null), {
    message: 'Give prevalence (method prevalence) or count (method count)',
    path: ['prevalence'],
  });
export type OudEstimateInput = z.input<typeof oudEstimateInputSchema>;

// ---------------------------------------------------------------------------------------------
// Care-event import (JSON batch, CSV, FHIR Bundle)

/** Who the event is about: a Continuum person id, or an identifier the importing organization holds. */
export const importPersonRefSchema = z.union([
  z.strictObject({ personId: z.uuid() }),
  z.strictObject({ identifier: z.strictObject({ kind: identifierKindSchema, value: z.string().trim().min(1).max(100) }) }),
]);
export type ImportPersonRef = z.infer<typeof importPersonRefSchema>;

export const careEventImportItemSchema = z.strictObject({
  person: importPersonRefSchema,
  event: careEventInputSchema,
});
export type CareEventImportItem = { person: ImportPersonRef; event: CareEventInput };

/**
 * `POST /api/care-events` (JSON). The rows are validated one by one (errors name the row); nothing
 * is written unless every row is good. `organizationId` is the importing organization (default:
 * the caller's current organization). `dryRun` validates only.
 */
export const careEventImportSchema = z.strictObject({
  organizationId: z.uuid().optional(),
  dryRun: z.boolean().default(false),
  /** Rows are checked individually, so they are taken as unknown here. */
  items: z.array(z.unknown()).min(1).max(10_000),
});
export type CareEventImportRequest = z.input<typeof careEventImportSchema>;

/** Query string of the CSV and FHIR uploads (`POST /api/care-events/import/csv`, `…/import/fhir`). */
export const careEventImportQuerySchema = z.strictObject({
  organizationId: z.uuid().optional(),
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

/** Query string of the CSV preview (`POST /api/care-events/import/csv/preview`). */
export const careEventImportPreviewQuerySchema = z.strictObject({ organizationId: z.uuid().optional() });

export const importRowErrorSchema = z.object({
  /** 1-based row (CSV: the data row, the header being row 0; JSON: the item index + 1; FHIR: the entry index + 1). */
  row: z.number().int(),
  /** The field in the row, e.g. `data.daysSupply`, `person.identifier`, `occurredAt`. */
  field: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const careEventImportResultSchema = z.object({
  /** False when any row had an error (nothing written) or on a dry run. */
  applied: z.boolean(),
  received: z.number().int(),
  written: z.number().int(),
  /** Rows whose external id the organization had already sent. */
  alreadyPresent: z.number().int(),
  /** FHIR resources skipped as not care events (e.g. Patient), with the reason. */
  skipped: z.number().int(),
  errors: z.array(importRowErrorSchema),
  /** On a preview (dry run) or a refused import: the rows without errors, as they would be written. */
  preview: z.array(z.object({ row: z.number().int(), type: careEventTypeSchema, occurredAt: z.string() })).optional(),
});
export type CareEventImportResult = z.infer<typeof careEventImportResultSchema>;

/** The CSV columns of the import (one event per row; `data.*` columns or a `data` JSON column). */
export const careEventCsvColumns = [
  'person_id',
  'identifier_kind',
  'identifier_value',
  'type',
  'occurred_at',
  'external_id',
  'title',
  'detail',
  'sensitivity',
  'data',
] as const;
