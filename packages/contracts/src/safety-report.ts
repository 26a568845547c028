import { z } from 'zod';

// ── Prescriber feedback report (`GET /api/safety/prescriber-report`) ─────────────────────────────

/** The rules a dispensing record can show (the population screening's rules). */
export const screeningRuleCodes = [
  'MME_AT_LEAST_50',
  'MME_AT_LEAST_90',
  'OPIOID_WITH_BENZODIAZEPINE',
  'OFFER_NALOXONE',
  'MULTIPLE_PRESCRIBERS_AND_PHARMACIES',
  'MME_NOT_COMPUTABLE',
] as const;
export type ScreeningRuleCode = (typeof screeningRuleCodes)[number];

/** Cells counting fewer people than this (but more than none) are suppressed in aggregate views. */
export const SMALL_CELL_MIN = 11;

export const prescriberReportQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(30).max(730).default(365).describe('Fills in the last this many days'),
});

const reportCellSchema = z.object({
  rule: z.enum(screeningRuleCodes),
  /** People flagged; null when suppressed. */
  count: z.number().int().nullable(),
  /** Share of the people with opioids from this prescriber (0–1); null when suppressed. */
  rate: z.number().nullable(),
  suppressed: z.boolean(),
});
export type ReportCell = z.infer<typeof reportCellSchema>;

export const prescriberReportRowSchema = z.object({
  /** A stable key for the prescriber within the report (the network user id, or the prescriber as dispensed). */
  prescriberKey: z.string(),
  label: z.string(),
  userId: z.uuid().nullable(),
  /** The caller's own row: shown in full. */
  self: z.boolean(),
  /** People who filled an opioid this prescriber wrote; null when suppressed. */
  people: z.number().int().nullable(),
  peopleSuppressed: z.boolean(),
  rules: z.array(reportCellSchema),
});
export type PrescriberReportRow = z.infer<typeof prescriberReportRowSchema>;

export const prescriberReportSchema = z.object({
  generatedAt: z.iso.datetime(),
  from: z.iso.date(),
  to: z.iso.date(),
  /** network (every prescriber), organization (the caller's organization's prescribers), self (a prescriber's own row). */
  scope: z.enum(['network', 'organization', 'self']),
  minCellSize: z.number().int(),
  rowsRead: z.number().int(),
  rejectedRows: z.number().int(),
  network: z.object({
    peopleWithOpioids: z.number().int().nullable(),
    flaggedPeople: z.number().int().nullable(),
    rules: z.array(reportCellSchema),
  }),
  prescribers: z.array(prescriberReportRowSchema),
});
export type PrescriberReport = z.infer<typeof prescriberReportSchema>;
