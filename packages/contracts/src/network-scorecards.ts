import { z } from 'zod';
import { chartPointSchema, chartSignalSchema, type MeasureKind } from './learning.ts';

/*
 * Partner scorecards (docs/network.md, "Partner scorecards"): per partner organization and per
 * referral pathway, from what Continuum already holds — referrals and their transitions, directory
 * capacity confirmations and listing verifications — per quarter, with a run chart per month,
 * targets the network sets, and small counts suppressed as the learning measures do.
 */

export const scorecardPaths = {
  partners: '/api/network/scorecards/partners',
  targets: '/api/network/scorecards/targets',
  target: '/api/network/scorecards/targets/:measure',
  scorecard: '/api/network/scorecards/:organizationId',
  scorecardCsv: '/api/network/scorecards/:organizationId/export.csv',
} as const;

export const scorecardMeasureIds = [
  'referrals_sent',
  'referrals_received',
  'ack_hours',
  'ack_on_time',
  'appointment_days',
  'acceptance',
  'no_show',
  'completion',
  'capacity_on_time',
  'verified_on_time',
] as const;
export const scorecardMeasureIdSchema = z.enum(scorecardMeasureIds);
export type ScorecardMeasureId = z.infer<typeof scorecardMeasureIdSchema>;

export type ScorecardDirection = 'higher' | 'lower';

export interface ScorecardMeasureDefinition {
  name: string;
  /** proportion: a rate 0–1; count: referrals; time: the median, in `unit`. */
  kind: MeasureKind;
  unit: 'referrals' | 'hours' | 'days' | 'rate';
  /** Which way is better (a target is met at or beyond it). */
  better: ScorecardDirection;
  /** The network's default target (null: none; counts describe volume, not performance). */
  defaultTarget: number | null;
  /** Whether the measure exists per pathway (capacity and verification belong to the organization). */
  perPathway: boolean;
  definition: string;
}

/*
 * Default targets are the network's starting points, editable by network administrators; they are
 * operational goals, not clinical thresholds. The acknowledgment and first-appointment defaults
 * follow the pathway deadlines Continuum ships (acknowledge within 24 hours) and the learning
 * module's 7-day ED-to-MOUD window (docs/measures.md); capacity "on time" uses the directory's stale
 * limit and verification its re-verification interval (docs/directory.md).
 */
export const scorecardMeasures: Record<ScorecardMeasureId, ScorecardMeasureDefinition> = {
  referrals_sent: {
    name: 'Referrals sent',
    kind: 'count',
    unit: 'referrals',
    better: 'higher',
    defaultTarget: null,
    perPathway: true,
    definition: 'Referrals the organization sent in the period (by the day sent).',
  },
  referrals_received: {
    name: 'Referrals received',
    kind: 'count',
    unit: 'referrals',
    better: 'higher',
    defaultTarget: null,
    perPathway: true,
    definition: 'Referrals sent to the organization in the period (by the day sent).',
  },
  ack_hours: {
    name: 'Time to acknowledge',
    kind: 'time',
    unit: 'hours',
    better: 'lower',
    defaultTarget: 24,
    perPathway: true,
    definition: 'Hours from sending to the receiver’s acknowledgment, median over referrals received in the period and acknowledged.',
  },
  ack_on_time: {
    name: 'Acknowledged on time',
    kind: 'proportion',
    unit: 'rate',
    better: 'higher',
    defaultTarget: 0.9,
    perPathway: true,
    definition:
      'Referrals received in the period acknowledged by the pathway’s deadline, of those received (cancelled by the sender first excluded).',
  },
  appointment_days: {
    name: 'Time to first appointment',
    kind: 'time',
    unit: 'days',
    better: 'lower',
    defaultTarget: 7,
    perPathway: true,
    definition: 'Days from sending to the first appointment scheduled, median over referrals received in the period that were scheduled.',
  },
  acceptance: {
    name: 'Acceptance rate',
    kind: 'proportion',
    unit: 'rate',
    better: 'higher',
    defaultTarget: 0.85,
    perPathway: true,
    definition: 'Referrals received in the period that were accepted, of those accepted or declined.',
  },
  no_show: {
    name: 'No-show rate',
    kind: 'proportion',
    unit: 'rate',
    better: 'lower',
    defaultTarget: 0.2,
    perPathway: true,
    definition:
      'Referrals closed as “did not attend”, of those whose appointment was attended or missed (referrals received in the period).',
  },
  completion: {
    name: 'Completion rate',
    kind: 'proportion',
    unit: 'rate',
    better: 'higher',
    defaultTarget: 0.6,
    perPathway: true,
    definition:
      'Accepted referrals received in the period that were completed, of those accepted and since closed (completed or not successful).',
  },
  capacity_on_time: {
    name: 'Capacity updates on time',
    kind: 'proportion',
    unit: 'rate',
    better: 'higher',
    defaultTarget: 0.9,
    perPathway: false,
    definition:
      'Service-days in the period (the organization’s directory services that publish capacity) whose capacity had been confirmed within the stale limit at the end of the day.',
  },
  verified_on_time: {
    name: 'Directory records verified on time',
    kind: 'proportion',
    unit: 'rate',
    better: 'higher',
    defaultTarget: 0.95,
    perPathway: false,
    definition:
      'The organization’s directory listings and services verified within the re-verification interval at the end of the period (a record verified again since then is not counted: its earlier verification is not kept).',
  },
};

/** YYYY-Qn. */
export const quarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter as YYYY-Qn, e.g. 2026-Q3');

export const scorecardQuerySchema = z.strictObject({
  /** Default: the last complete quarter. */
  quarter: quarterSchema.optional(),
  pathwayId: z.uuid().optional(),
});
export type ScorecardQuery = z.infer<typeof scorecardQuerySchema>;

export const scorecardParamsSchema = z.strictObject({ organizationId: z.uuid() });

/** A time measure's spread over the referrals measured (hours or days). */
export const scorecardDistributionSchema = z.object({
  p25: z.number().nullable(),
  median: z.number().nullable(),
  p75: z.number().nullable(),
  p90: z.number().nullable(),
  /** Counts per bin (suppressed as counts: null when 1–10). */
  bins: z.array(z.object({ label: z.string(), count: z.number().int().nullable() })),
});
export type ScorecardDistribution = z.infer<typeof scorecardDistributionSchema>;

export const scorecardMeasureResultSchema = z.object({
  measure: scorecardMeasureIdSchema,
  name: z.string(),
  kind: z.enum(['proportion', 'count', 'time']),
  unit: z.string(),
  better: z.enum(['higher', 'lower']),
  /** The quarter's value (rate, count or median); null when suppressed or nothing to measure. */
  value: z.number().nullable(),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  suppressed: z.boolean(),
  target: z.number().nullable(),
  /** Null when there is no target or no value. */
  meetsTarget: z.boolean().nullable(),
  distribution: scorecardDistributionSchema.nullable(),
  /** The run chart: one point per month over the year to the quarter's end (learning's IHI rules). */
  chart: z.object({
    center: z.number().nullable(),
    points: z.array(chartPointSchema),
    signals: z.array(chartSignalSchema),
  }),
});
export type ScorecardMeasureResult = z.infer<typeof scorecardMeasureResultSchema>;

export const scorecardSchema = z.object({
  organizationId: z.uuid(),
  organizationName: z.string(),
  pathwayId: z.uuid().nullable(),
  pathwayName: z.string().nullable(),
  quarter: quarterSchema,
  /** YYYY-MM-DD, inclusive. */
  from: z.iso.date(),
  to: z.iso.date(),
  /** YYYY-MM of the run charts' first and last month. */
  chartFrom: z.string(),
  chartTo: z.string(),
  measures: z.array(scorecardMeasureResultSchema),
  computedAt: z.string(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const scorecardPartnerSchema = z.object({
  organizationId: z.uuid(),
  name: z.string(),
  pathways: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export const scorecardPartnerListSchema = z.object({
  items: z.array(scorecardPartnerSchema),
  /** The quarters that may be asked for, newest first (the current one included). */
  quarters: z.array(quarterSchema),
  defaultQuarter: quarterSchema,
});
export type ScorecardPartnerList = z.infer<typeof scorecardPartnerListSchema>;

export const scorecardTargetSchema = z.object({
  measure: scorecardMeasureIdSchema,
  name: z.string(),
  kind: z.enum(['proportion', 'count', 'time']),
  unit: z.string(),
  better: z.enum(['higher', 'lower']),
  target: z.number().nullable(),
  defaultTarget: z.number().nullable(),
  updatedAt: z.string().nullable(),
});
export type ScorecardTarget = z.infer<typeof scorecardTargetSchema>;
export const scorecardTargetListSchema = z.object({ items: z.array(scorecardTargetSchema) });

export const scorecardTargetParamsSchema = z.strictObject({ measure: scorecardMeasureIdSchema });
/** A rate's target is 0–1; a time's is hours or days (≥ 0); null removes the target. */
export const scorecardTargetInputSchema = z.strictObject({ target: z.number().min(0).max(100_000).nullable() });
export type ScorecardTargetInput = z.infer<typeof scorecardTargetInputSchema>;
