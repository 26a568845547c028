import { z } from 'zod';
import { restrictedMarkerSchema } from './consent.ts';

/**
 * Prescribing safety: the result of a point-of-care check (`POST /api/safety/check`, `continuum
 * safety check`) and the CDS Hooks 2.0 shapes (`/cds-services`). Rule codes are stable: clients and
 * EHR cards (`source.topic.code`) branch on them.
 */

export const safetyRuleCodes = [
  'NONOPIOID_FIRST_ACUTE',
  'TREATMENT_PLAN_CHRONIC',
  'IMMEDIATE_RELEASE_WHEN_STARTING',
  'MME_AT_LEAST_50',
  'MME_AT_LEAST_90',
  'ACUTE_SUPPLY_OVER_7_DAYS',
  'EVALUATE_BENEFITS_HARMS',
  'OFFER_NALOXONE',
  'REVIEW_PDMP',
  'URINE_DRUG_TEST_DUE',
  'UNEXPECTED_URINE_DRUG_TEST',
  'OPIOID_WITH_BENZODIAZEPINE',
  'OFFER_MOUD',
  'MULTIPLE_PRESCRIBERS_AND_PHARMACIES',
  'MME_NOT_COMPUTABLE',
  'RECORD_PROBLEM',
] as const;
export const safetyRuleCodeSchema = z.enum(safetyRuleCodes);
export type SafetyRuleCode = z.infer<typeof safetyRuleCodeSchema>;

export const safetyActions = [
  'offer-naloxone',
  'refer-to-moud',
  'plan-taper',
  'review-pdmp',
  'order-urine-drug-test',
  'document-treatment-plan',
] as const;
export type SafetyAction = (typeof safetyActions)[number];
export const safetyIndicators = ['info', 'warning', 'critical'] as const;
export type SafetyIndicator = (typeof safetyIndicators)[number];
export const cdsHooks = ['order-select', 'order-sign', 'patient-view'] as const;
export const cdsHookSchema = z.enum(cdsHooks);

export const firedRuleSchema = z.object({
  code: safetyRuleCodeSchema,
  title: z.string(),
  citation: z.string().describe('The guideline recommendation or other source the rule implements'),
  indicator: z.enum(safetyIndicators),
  explanation: z.string(),
  actions: z.array(z.enum(safetyActions)),
  mmePerDay: z.number().nullable().optional(),
});
export type FiredRuleView = z.infer<typeof firedRuleSchema>;

export const notComputableReasons = [
  'unknown-drug',
  'no-conversion-factor',
  'frequency-unknown',
  'dose-unknown',
  'unit-not-understood',
  'implausible-value',
  'start-unknown',
] as const;

export const prescriptionMmeSchema = z.object({
  orderId: z.string(),
  drug: z.string(),
  kind: z.enum(['opioid', 'moud', 'benzodiazepine', 'cns-depressant', 'naloxone', 'other']),
  status: z.enum(['computed', 'no-mme', 'moud', 'not-computable']),
  mmePerDay: z.number().nullable(),
  reason: z.enum(notComputableReasons).nullable(),
  ingredients: z.array(
    z.object({
      ingredient: z.string(),
      dailyDose: z.number(),
      unit: z.enum(['mg/day', 'mcg/hr']),
      factor: z.number(),
      mmePerDay: z.number(),
    }),
  ),
  prn: z.boolean(),
  basis: z.enum(['dose-instruction', 'dispensed-quantity']).nullable(),
});

export const mmeTimelinePointSchema = z.object({
  date: z.iso.date(),
  mmePerDay: z.number().nullable(),
  complete: z.boolean().describe('False when a prescription covering the day has no computable MME'),
});

export const safetyCheckResultSchema = z.object({
  hook: cdsHookSchema.nullable(),
  mmePerDay: z.number().nullable().describe('Total daily MME today; null when none is active or it cannot be computed'),
  computableMmePerDay: z.number(),
  prescriptions: z.array(prescriptionMmeSchema),
  notComputable: z.array(z.object({ orderId: z.string(), drug: z.string(), reason: z.enum(notComputableReasons) })),
  timeline: z.array(mmeTimelinePointSchema),
  rules: z.array(firedRuleSchema),
  exclusions: z.array(z.string()).describe('Why the guideline rules were not applied (age under 18, sickle cell disease, …)'),
  issues: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('Problems in the record sent (implausible values, two different resources with one id), each naming the field'),
});
export type SafetyCheckResult = z.infer<typeof safetyCheckResultSchema>;

/** A FHIR R4 Bundle or a CDS Hooks request; the server reads the resources it needs and validates them. */
export const safetyCheckRequestSchema = z
  .record(z.string(), z.unknown())
  .describe('A FHIR R4 Bundle, or a CDS Hooks 2.0 request (hook, context, prefetch)');

export const cdsServiceSchema = z.object({
  hook: cdsHookSchema,
  id: z.string(),
  title: z.string(),
  description: z.string(),
  prefetch: z.record(z.string(), z.string()),
  usageRequirements: z.string().optional(),
});
export const cdsDiscoverySchema = z.object({ services: z.array(cdsServiceSchema) });

export const cdsCardSchema = z.object({
  uuid: z.string(),
  summary: z.string().max(140),
  detail: z.string(),
  indicator: z.enum(safetyIndicators),
  source: z.object({ label: z.string(), topic: z.object({ system: z.string(), code: safetyRuleCodeSchema, display: z.string() }) }),
  suggestions: z
    .array(
      z.object({
        label: z.string(),
        uuid: z.string(),
        isRecommended: z.boolean().optional(),
        actions: z
          .array(
            z.object({
              type: z.enum(['create', 'update', 'delete']),
              description: z.string(),
              resource: z.record(z.string(), z.unknown()).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  selectionBehavior: z.literal('any').optional(),
  links: z
    .array(z.object({ label: z.string(), url: z.string(), type: z.enum(['absolute', 'smart']), appContext: z.string().optional() }))
    .optional(),
});
export const cdsResponseSchema = z.object({ cards: z.array(cdsCardSchema) });
export type CdsResponse = z.infer<typeof cdsResponseSchema>;

/** Taper planner input: one oral opioid (methadone and buprenorphine are not planned). */
export const taperIngredients = [
  'codeine',
  'hydrocodone',
  'hydromorphone',
  'morphine',
  'oxycodone',
  'oxymorphone',
  'tapentadol',
  'tramadol',
] as const;
export const taperRequestSchema = z.strictObject({
  ingredient: z.enum(taperIngredients),
  currentDailyMg: z.number().positive().max(5000),
  dosesPerDay: z.number().int().min(1).max(8),
  percent: z.number().positive().max(50).optional().describe('Reduction per step; default 10'),
  interval: z.enum(['week', 'month']).optional().describe('Default month (4 weeks)'),
  basis: z.enum(['original', 'current']).optional().describe('Percent of the original dose (linear, default) or of the current step'),
  strengthsMg: z
    .array(z.number().positive().max(1000))
    .min(1)
    .max(20)
    .optional()
    .describe('Available tablet strengths; default: those in the RxNorm table'),
  targetMmePerDay: z.number().positive().max(5000).optional().describe('Stop once the daily MME is below this'),
  start: z.iso.date().optional().describe('First day of the plan; default today'),
});
export type TaperRequest = z.infer<typeof taperRequestSchema>;

export const taperPlanSchema = z.object({
  ingredient: z.string(),
  factor: z.number(),
  interval: z.enum(['week', 'month']),
  percent: z.number(),
  strengthsMg: z.array(z.number()),
  steps: z.array(
    z.object({
      step: z.number().int(),
      startDate: z.iso.date(),
      dailyMg: z.number(),
      mmePerDay: z.number(),
      percentOfOriginal: z.number(),
      doses: z.array(z.number()),
      tablets: z.array(z.object({ strengthMg: z.number(), count: z.number().int() })),
    }),
  ),
});

// ── The person page's safety panel (`GET /api/people/:id/safety`) ──────────────────────────────

/**
 * What the panel computed from: `complete` when every medication, diagnosis, overdose and naloxone
 * record of the person was readable; `partial` when some non-medication records are restricted
 * (the rules that need them may be missing, and the panel says so); `restricted` when any medication
 * record is restricted: nothing is computed, since a total over part of the medications would be wrong.
 */
export const personSafetyStatuses = ['complete', 'partial', 'restricted'] as const;

export const personMedicationSchema = z.object({
  eventId: z.uuid(),
  type: z.enum(['opioid_dispense', 'medication_dispense', 'moud_dispense', 'moud_administration']),
  date: z.iso.date(),
  drug: z.string(),
  quantity: z.number().nullable(),
  daysSupply: z.number().int(),
  prescriber: z.string().nullable(),
  pharmacy: z.string().nullable(),
  sourceOrganizationName: z.string(),
});
export type PersonMedication = z.infer<typeof personMedicationSchema>;

export const personSafetySchema = safetyCheckResultSchema.extend({
  personId: z.uuid(),
  asOf: z.iso.date(),
  status: z.enum(personSafetyStatuses),
  /** Kinds of record the caller may not see, with counts (no dates, no sources). */
  restricted: z.array(restrictedMarkerSchema),
  medications: z.array(personMedicationSchema),
  lastNaloxoneKit: z.iso.date().nullable().describe('The last naloxone kit on record'),
  /** A starting point for the taper planner: the one active oral opioid, if there is exactly one. */
  taperSuggestion: z.object({ ingredient: z.enum(taperIngredients), currentDailyMg: z.number(), dosesPerDay: z.number().int() }).nullable(),
  /** 42 CFR 2.32: present when the figures rest on Part 2 records from another organization. */
  redisclosureNotice: z.string().nullable(),
});
export type PersonSafety = z.infer<typeof personSafetySchema>;

export const naloxoneOfferedSchema = z.strictObject({
  kits: z.number().int().min(1).max(10).default(1),
  note: z.string().trim().max(500).optional(),
});
export type NaloxoneOffered = z.input<typeof naloxoneOfferedSchema>;
