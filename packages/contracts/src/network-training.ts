import { z } from 'zod';
import { roleSchema } from './roles.ts';

/*
 * Training and workforce (docs/network.md): courses with their validity, completions per staff
 * member (entered or imported from a learning-management CSV), coverage by organization and role,
 * reminders before a completion expires, and the setting by which current 42 CFR Part 2 privacy
 * training is required to see Part 2 records.
 *
 *   GET  /api/network/courses                      courses
 *   POST /api/network/courses                      add one (network administrators)
 *   GET  /api/network/training                     completions (network staff: all; org admins: their staff; others: their own)
 *   POST /api/network/training                     record one (network administrators; org admins for their staff)
 *   POST /api/network/training/import              import a learning-management CSV (same roles; all or nothing)
 *   GET  /api/network/training/coverage            share currently trained, per course, organization and role
 *   GET  /api/network/training/coverage.csv        the same as CSV
 *   GET  /api/network/training/settings            the Part 2 training requirement
 *   PUT  /api/network/training/settings            change it (network administrators)
 */

export const trainingPaths = {
  courses: '/api/network/courses',
  completions: '/api/network/training',
  import: '/api/network/training/import',
  coverage: '/api/network/training/coverage',
  coverageCsv: '/api/network/training/coverage.csv',
  settings: '/api/network/training/settings',
} as const;

export const courseTopics = [
  'moud_prescribing',
  'naloxone',
  'trauma_informed_care',
  'person_first_language',
  'peer_recovery_certification',
  'part2_privacy',
  'other',
] as const;
export const courseTopicSchema = z.enum(courseTopics);
export type CourseTopic = z.infer<typeof courseTopicSchema>;
export const courseTopicLabels: Record<CourseTopic, string> = {
  moud_prescribing: 'MOUD prescribing and induction',
  naloxone: 'Naloxone administration',
  trauma_informed_care: 'Trauma-informed care',
  person_first_language: 'Person-first language and stigma reduction',
  peer_recovery_certification: 'Peer recovery specialist certification',
  part2_privacy: '42 CFR Part 2 privacy',
  other: 'Other',
};

export const courseInputSchema = z.strictObject({
  topic: courseTopicSchema,
  title: z.string().trim().min(1).max(300),
  /** How long a completion stays current; null: it does not expire. */
  validMonths: z.number().int().min(1).max(120).nullable().default(null),
});
export const courseSchema = z.object({
  id: z.uuid(),
  topic: courseTopicSchema,
  title: z.string(),
  validMonths: z.number().int().nullable(),
});
export type Course = z.infer<typeof courseSchema>;
export const courseListSchema = z.object({ items: z.array(courseSchema) });

export const completionInputSchema = z.strictObject({
  courseId: z.uuid(),
  userId: z.uuid(),
  completedOn: z.iso.date(),
  /** Defaults to the completion day plus the course's validity. */
  expiresOn: z.iso.date().nullable().optional(),
});
export const completionSchema = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  courseTitle: z.string(),
  topic: courseTopicSchema,
  userId: z.uuid(),
  userName: z.string(),
  completedOn: z.string(),
  expiresOn: z.string().nullable(),
  current: z.boolean(),
  source: z.enum(['entered', 'imported']),
});
export type Completion = z.infer<typeof completionSchema>;
export const completionListQuerySchema = z.strictObject({ userId: z.uuid().optional(), courseId: z.uuid().optional() });
export const completionListSchema = z.object({ items: z.array(completionSchema) });

/** A learning-management export: `email,course,completed_on[,expires_on]` (course: its title or id). */
export const trainingImportSchema = z.strictObject({ csv: z.string().min(1).max(2_000_000) });
export const trainingImportResultSchema = z.object({ imported: z.number().int(), alreadyPresent: z.number().int() });

export const coverageRowSchema = z.object({
  courseId: z.uuid(),
  courseTitle: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  role: roleSchema,
  staff: z.number().int(),
  current: z.number().int(),
  share: z.number().nullable(),
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;
export const coverageSchema = z.object({ asOf: z.string(), items: z.array(coverageRowSchema) });

export const trainingSettingsSchema = z.strictObject({ part2TrainingRequired: z.boolean() });
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

/** Reminders before a completion expires, in days. */
export const TRAINING_REMINDER_DAYS = 30;
