import { z } from 'zod';
import type { Role } from './roles.ts';

/*
 * Analyst linkage jobs (docs/linkage.md, "Analyst jobs"): source files are uploaded to a draft job,
 * their columns mapped, the job run on the jobs queue, and its de-identified outputs read back.
 *   POST   /api/linkage/columns                    { columns }            → linkageColumnSuggestionSchema
 *   GET    /api/linkage/jobs                                              → linkageJobListSchema
 *   POST   /api/linkage/jobs                       { name }               → linkageJobSchema (draft)
 *   GET    /api/linkage/jobs/:id                                          → linkageJobSchema (poll for progress)
 *   DELETE /api/linkage/jobs/:id                                          → 204 (uploaded files and outputs deleted)
 *   POST   /api/linkage/jobs/:id/files             multipart: file, source, map (JSON column → field)
 *   POST   /api/linkage/jobs/:id/start                                    → linkageJobSchema (queued)
 *   GET    /api/linkage/jobs/:id/analytic-file.csv                        → the de-identified linked analytic file
 *   GET    /api/linkage/jobs/:id/report?format=json|csv                   → deathReportSchema or CSV
 */

/** Who runs linkage jobs: analysts and privacy officers only. */
export const linkageJobRoles: readonly Role[] = ['analyst', 'privacy_officer'];

/** Largest source file accepted (bytes). */
export const LINKAGE_FILE_MAX_BYTES = 50 * 1024 * 1024;
/** Uploaded files, outputs and the job itself are deleted this many days after the job was created. */
export const LINKAGE_RETENTION_DAYS = 30;

export const linkageSourceKinds = ['pdmp', 'ems', 'jail', 'death', 'hospital', 'other'] as const;
export type LinkageSourceKind = (typeof linkageSourceKinds)[number];
export const linkageSourceLabels: Record<LinkageSourceKind, string> = {
  pdmp: 'PDMP extract',
  ems: 'EMS runs',
  jail: 'Jail bookings and releases',
  death: 'Death records',
  hospital: 'Hospital discharges',
  other: 'Other source',
};

/** Fields a column may feed: the engine's person fields, plus the record id and the event's date and type. */
export const linkageMapFields = [
  'record_id',
  'event_date',
  'event_type',
  'given_name',
  'middle_name',
  'family_name',
  'suffix',
  'birth_date',
  'sex',
  'ssn',
  'phone',
  'address',
  'street_number',
  'city',
  'zip',
  'state',
  'email',
] as const;
export type LinkageMapField = (typeof linkageMapFields)[number];

export const linkageColumnMapSchema = z.record(z.string().min(1).max(200), z.enum(linkageMapFields));
export type LinkageColumnMap = z.infer<typeof linkageColumnMapSchema>;

export const linkageColumnsInputSchema = z.strictObject({ columns: z.array(z.string().max(200)).min(1).max(500) });
export const linkageColumnSuggestionSchema = z.object({ map: linkageColumnMapSchema });

export const linkageJobInputSchema = z.strictObject({ name: z.string().trim().min(1).max(120) });

export const linkageJobStatuses = ['draft', 'queued', 'running', 'done', 'failed'] as const;

export const linkageFileSchema = z.object({
  id: z.string(),
  source: z.enum(linkageSourceKinds),
  fileName: z.string(),
  format: z.enum(['csv', 'ndjson']),
  size: z.number().int(),
  rows: z.number().int(),
  map: linkageColumnMapSchema,
});
export type LinkageFile = z.infer<typeof linkageFileSchema>;

/** A count shown only when 0 or at least 11; `null` with `suppressed: true` otherwise. */
export const linkageCountSchema = z.object({ value: z.number().int().nullable(), suppressed: z.boolean() });

export const linkageSummarySchema = z.object({
  records: z.number().int(),
  pairsScored: z.number().int(),
  pairsAccepted: z.number().int(),
  threshold: z.number(),
  lambda: z.number(),
  comparisons: z.array(
    z.object({
      name: z.string(),
      levels: z.array(z.object({ level: z.string(), m: z.number(), u: z.number() })),
    }),
  ),
  /** Match-weight histogram of scored pairs, bins of `width` starting at `from`; small bins suppressed. */
  histogram: z.array(z.object({ from: z.number(), to: z.number(), pairs: linkageCountSchema })),
  /** People (clusters) by number of records: '1', '2', '3', '4', '5+'; small cells suppressed. */
  clusterSizes: z.array(z.object({ size: z.string(), people: linkageCountSchema })),
  people: linkageCountSchema,
  /** Expected from the model's probabilities (docs/linkage.md): null when no pair was accepted. */
  estimatedPrecision: z.number().nullable(),
  estimatedRecall: z.number().nullable(),
});
export type LinkageSummary = z.infer<typeof linkageSummarySchema>;

export const linkageJobSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(linkageJobStatuses),
  stage: z.string().nullable(),
  percent: z.number().int().min(0).max(100),
  createdAt: z.string(),
  expiresAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  files: z.array(linkageFileSchema),
  summary: linkageSummarySchema.nullable(),
});
export type LinkageJob = z.infer<typeof linkageJobSchema>;

export const linkageJobListSchema = z.object({
  items: z.array(linkageJobSchema.pick({ id: true, name: true, status: true, percent: true, createdAt: true, expiresAt: true })),
});
export type LinkageJobList = z.infer<typeof linkageJobListSchema>;

export const linkageJobParamsSchema = z.object({ id: z.uuid() });
export const deathReportQuerySchema = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

/** "Where did people who died touch care in the 90 days before death" (Maryland-style), small cells suppressed. */
export const deathReportSchema = z.object({
  windowDays: z.number().int(),
  decedents: linkageCountSchema,
  bySource: z.array(
    z.object({
      source: z.enum(linkageSourceKinds),
      people: z.number().int().nullable(),
      percent: z.number().nullable(),
      suppressed: z.boolean(),
    }),
  ),
  /** Every combination of other sources touched (`[]`: none), complementary suppression over the set. */
  combinations: z.array(
    z.object({
      sources: z.array(z.enum(linkageSourceKinds)),
      people: z.number().int().nullable(),
      percent: z.number().nullable(),
      suppressed: z.boolean(),
    }),
  ),
});
export type DeathReport = z.infer<typeof deathReportSchema>;
