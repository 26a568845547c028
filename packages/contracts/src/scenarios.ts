import { z } from 'zod';
import type { Role } from './roles.ts';

/**
 * What-if scenarios (docs/scenarios.md): a compartmental model of the community's OUD cascade, calibrated
 * to its own aggregate data, run as a seeded Monte Carlo ensemble for up to four scenarios against today.
 */

export const scenarioPaths = {
  runs: '/api/scenarios/runs',
  run: '/api/scenarios/runs/:id',
  runCsv: '/api/scenarios/runs/:id/export.csv',
  runBrief: '/api/scenarios/runs/:id/brief.pdf',
  runExpectedTrajectory: '/api/scenarios/runs/:id/expected-trajectory',
} as const;

/** Who may run and read scenarios: network administrators, analysts and care coordinators (care navigators). */
export const scenarioRoles: readonly Role[] = ['network_admin', 'analyst', 'care_navigator'];

export const MAX_SCENARIOS_PER_RUN = 4;
export const scenarioMedications = ['buprenorphine', 'methadone', 'naltrexone'] as const;

const share = z.number().min(0).max(1);
const slots = z.number().int().min(0).max(1_000_000);

/** The levers a coalition pulls; null leaves today's value (docs/scenarios.md lists the evidence for each). */
export const scenarioLeversSchema = z.strictObject({
  extraSlots: z.strictObject({ buprenorphine: slots.default(0), methadone: slots.default(0), naltrexone: slots.default(0) }).prefault({}),
  /** Probability of ED buprenorphine induction after a non-fatal overdose seen in an ED. */
  edInduction: share.nullable().default(null),
  /** Share of people released from jail who leave on MOUD. */
  jailMoudAtRelease: share.nullable().default(null),
  /** Relative reduction of MOUD discontinuation (peer support, telehealth). */
  retentionImprovement: z.number().min(0).max(0.9).default(0),
  naloxoneKitsPerYear: z.number().int().min(0).max(10_000_000).nullable().default(null),
  /** Share of people with untreated OUD using fentanyl test strips. */
  ftsUptake: share.nullable().default(null),
  /** Relative reduction of new prescription opioid misuse (prescribing safety). */
  prescribingReduction: z.number().min(0).max(0.9).default(0),
  /** Weeks of wait for MOUD (treatment on demand is 0). */
  waitWeeks: z.number().min(0).max(52).nullable().default(null),
});
export type ScenarioLevers = z.output<typeof scenarioLeversSchema>;
export type ScenarioLeversInput = z.input<typeof scenarioLeversSchema>;

export const scenarioSpecSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  levers: scenarioLeversSchema.prefault({}),
});

const money = z.number().min(0).max(10_000_000);
/** Unit costs (US dollars); any left out take the defaults in docs/scenarios.md. */
export const scenarioCostsSchema = z.strictObject({
  buprenorphineYear: money.optional(),
  methadoneYear: money.optional(),
  naltrexoneYear: money.optional(),
  naloxoneKit: money.optional(),
  edInduction: money.optional(),
  testStripsYear: money.optional(),
  retentionSupportYear: money.optional(),
  jailMoudRelease: money.optional(),
});
export type ScenarioCosts = z.output<typeof scenarioCostsSchema>;

/** The default unit costs (US dollars, 2023); sources beside each in the server's `scenarios/costs.ts` and docs/scenarios.md. */
export const scenarioDefaultCosts: Readonly<Required<ScenarioCosts>> = {
  buprenorphineYear: 5980,
  methadoneYear: 6552,
  naltrexoneYear: 14112,
  naloxoneKit: 75,
  edInduction: 600,
  testStripsYear: 100,
  retentionSupportYear: 1200,
  jailMoudRelease: 1500,
};

export const scenarioCostLabels: Readonly<Record<keyof ScenarioCosts, string>> = {
  buprenorphineYear: 'Buprenorphine, per person-year',
  methadoneYear: 'Methadone, per person-year',
  naltrexoneYear: 'XR-naltrexone, per person-year',
  naloxoneKit: 'Naloxone kit',
  edInduction: 'ED induction with bridge and navigation',
  testStripsYear: 'Fentanyl test strips, per person-year',
  retentionSupportYear: 'Peer support or telehealth, per person-year in MOUD',
  jailMoudRelease: 'Jail MOUD, per person released on MOUD',
};

export const scenarioRunInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  scenarios: z.array(scenarioSpecSchema).min(1).max(MAX_SCENARIOS_PER_RUN),
  years: z.number().int().min(1).max(10).default(5),
  draws: z.number().int().min(20).max(2000).default(1000),
  seed: z.number().int().min(0).max(2_147_483_647).default(1),
  /** MOUD slots today by medication, when known; otherwise taken as today's census at 95% of capacity. */
  capacity: z
    .strictObject({
      buprenorphine: slots.nullable().default(null),
      methadone: slots.nullable().default(null),
      naltrexone: slots.nullable().default(null),
    })
    .prefault({}),
  costs: scenarioCostsSchema.prefault({}),
});
export type ScenarioRunInput = z.input<typeof scenarioRunInputSchema>;
export type ScenarioRunParsed = z.output<typeof scenarioRunInputSchema>;

export const scenarioRunStatuses = ['queued', 'running', 'done', 'failed'] as const;

export const scenarioRunSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(scenarioRunStatuses),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  input: scenarioRunInputSchema,
});
export type ScenarioRun = z.infer<typeof scenarioRunSchema>;
export const scenarioRunListSchema = z.object({ items: z.array(scenarioRunSchema) });

const intervalSchema = z.object({ median: z.number(), low: z.number(), high: z.number() });
export type ScenarioInterval = z.infer<typeof intervalSchema>;
const seriesSchema = z.array(intervalSchema.extend({ month: z.number().int() }));
export type ScenarioSeries = z.infer<typeof seriesSchema>;

export const scenarioSummarySchema = z.object({
  name: z.string(),
  monthly: z.object({ fatalOverdoses: seriesSchema, nonFatalOverdoses: seriesSchema, inMoud: seriesSchema }),
  totals: z.object({
    fatalOverdoses: intervalSchema,
    nonFatalOverdoses: intervalSchema,
    deathsAverted: intervalSchema,
    nonFatalAverted: intervalSchema,
    inMoudAtEnd: intervalSchema,
    cost: intervalSchema,
    incrementalCost: intervalSchema,
  }),
  cascadeAtEnd: z.object({ inMoud: intervalSchema, untreated: intervalSchema, incarcerated: intervalSchema, remission: intervalSchema }),
  costPerDeathAverted: z.number().nullable(),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

export const scenarioTornadoSchema = z.object({
  scenario: z.string(),
  base: z.number(),
  bars: z.array(
    z.object({
      parameter: z.string(),
      label: z.string(),
      low: z.number(),
      high: z.number(),
      atLow: z.number(),
      atHigh: z.number(),
      swing: z.number(),
    }),
  ),
});
export type ScenarioTornado = z.infer<typeof scenarioTornadoSchema>;

/** One observed month beside the calibrated model: observed counts of 1–10 are hidden (null), as everywhere. */
export const scenarioFitMonthSchema = z.object({
  month: z.string(),
  observed: z.object({
    fatalOverdoses: z.number().nullable(),
    nonFatalOverdoses: z.number().nullable(),
    treatmentStarts: z.number().nullable(),
  }),
  fitted: z.object({ fatalOverdoses: z.number(), nonFatalOverdoses: z.number(), treatmentStarts: z.number() }),
});

export const scenarioCommunitySchema = z.object({
  population: z.number(),
  oudEstimate: z.number(),
  /** Where the size of the population with OUD came from. */
  oudEstimateSource: z.enum(['estimates', 'prior']),
  initial: z.record(z.string(), z.number()),
  capacity: z.record(z.string(), z.number().nullable()),
  naloxoneKitsPerYear: z.number(),
  moudStartsPerYear: z.number().nullable(),
  retention180: z.number().nullable(),
  observedMonths: z.object({ from: z.string(), to: z.string() }).nullable(),
  notes: z.array(z.string()),
});
export type ScenarioCommunity = z.infer<typeof scenarioCommunitySchema>;

export const scenarioCalibrationSchema = z.object({
  /** Fitted rates (per person-year) by parameter; empty when the data were too thin to fit. */
  fitted: z.record(z.string(), z.number()),
  prior: z.record(z.string(), z.number()),
  rmse: z.number().nullable(),
  months: z.array(scenarioFitMonthSchema),
});
export type ScenarioCalibration = z.infer<typeof scenarioCalibrationSchema>;

export const scenarioRunDetailSchema = scenarioRunSchema.extend({
  community: scenarioCommunitySchema.nullable(),
  calibration: scenarioCalibrationSchema.nullable(),
  result: z
    .object({
      draws: z.number().int(),
      seed: z.number().int(),
      months: z.number().int(),
      baseline: scenarioSummarySchema,
      scenarios: z.array(scenarioSummarySchema),
    })
    .nullable(),
  tornado: z.array(scenarioTornadoSchema).nullable(),
  /** The plain-language summary, caveats first. */
  summary: z.array(z.string()).nullable(),
});
export type ScenarioRunDetail = z.infer<typeof scenarioRunDetailSchema>;
