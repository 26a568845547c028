import { z } from 'zod';
import { personSummarySchema } from './registry.ts';

/**
 * Navigator worklists: outreach tasks made from drop-out signals (and by hand), each with a due
 * time and an owner. Tasks are person-level data and are read through the consent chokepoint.
 */
export const worklistTaskKinds = [
  'referral_not_acknowledged',
  'no_show',
  'custody_release_no_moud',
  'post_overdose',
  'moud_gap',
  'manual',
] as const;
export const worklistTaskKindSchema = z.enum(worklistTaskKinds);
export type WorklistTaskKind = z.infer<typeof worklistTaskKindSchema>;

export const worklistTaskKindLabels: Record<WorklistTaskKind, string> = {
  referral_not_acknowledged: 'Referral not acknowledged in time',
  no_show: 'Missed appointment',
  custody_release_no_moud: 'Released from custody, no MOUD contact',
  post_overdose: 'Post-overdose outreach',
  moud_gap: 'Gap in medication for OUD',
  manual: 'Outreach',
};

export const worklistTaskStatuses = ['open', 'snoozed', 'done'] as const;
export const worklistTaskStatusSchema = z.enum(worklistTaskStatuses);
export type WorklistTaskStatus = z.infer<typeof worklistTaskStatusSchema>;

/** How a task ended. Post-overdose outreach records reached / accepted naloxone / accepted referral / declined. */
export const worklistTaskOutcomes = [
  'reached',
  'accepted_naloxone',
  'accepted_referral',
  'reengaged_in_care',
  'declined',
  'unable_to_reach',
  'not_needed',
] as const;
export const worklistTaskOutcomeSchema = z.enum(worklistTaskOutcomes);
export type WorklistTaskOutcome = z.infer<typeof worklistTaskOutcomeSchema>;

/** What a task came from, so the worklist can link to it. */
export const worklistSourceTypes = ['referral', 'overdose_event', 'care_event', 'none'] as const;
export type WorklistSourceType = (typeof worklistSourceTypes)[number];

export const worklistContactMethods = ['phone', 'text', 'email', 'in_person', 'video', 'letter', 'other'] as const;
export const worklistContactMethodSchema = z.enum(worklistContactMethods);
export type WorklistContactMethod = z.infer<typeof worklistContactMethodSchema>;
export const worklistContactResults = ['reached', 'left_message', 'no_answer', 'wrong_number', 'declined', 'not_found', 'other'] as const;
export const worklistContactResultSchema = z.enum(worklistContactResults);
export type WorklistContactResult = z.infer<typeof worklistContactResultSchema>;

export const worklistStatusLabels: Record<WorklistTaskStatus, string> = { open: 'Open', snoozed: 'Snoozed', done: 'Done' };
export const worklistOutcomeLabels: Record<WorklistTaskOutcome, string> = {
  reached: 'Reached the person',
  accepted_naloxone: 'Accepted naloxone',
  accepted_referral: 'Accepted a referral',
  reengaged_in_care: 'Back in care',
  declined: 'Declined outreach',
  unable_to_reach: 'Unable to reach',
  not_needed: 'Not needed',
};
export const worklistContactMethodLabels: Record<WorklistContactMethod, string> = {
  phone: 'Phone call',
  text: 'Text message',
  email: 'Email',
  in_person: 'In person',
  video: 'Video call',
  letter: 'Letter',
  other: 'Other',
};
export const worklistContactResultLabels: Record<WorklistContactResult, string> = {
  reached: 'Reached',
  left_message: 'Left a message',
  no_answer: 'No answer',
  wrong_number: 'Wrong number or address',
  declined: 'Declined',
  not_found: 'Could not find the person',
  other: 'Other',
};

export const worklistErrorCodes = ['WORKLIST_TASK_NOT_FOUND', 'WORKLIST_TASK_CLOSED'] as const;

const languageFlagSchema = z.object({
  term: z.string(),
  index: z.number().int(),
  length: z.number().int(),
  suggestions: z.array(z.string()),
  reason: z.string(),
});

/** Whose tasks: assigned to me, or every task my organization owns. */
export const worklistScopes = ['mine', 'team'] as const;
/** `active` is open and snoozed together. A snooze that has ended counts as open. */
export const worklistStatusFilters = ['open', 'snoozed', 'active', 'done'] as const;

const booleanQuery = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const worklistListQuerySchema = z.strictObject({
  scope: z.enum(worklistScopes).default('team'),
  kind: worklistTaskKindSchema.optional(),
  status: z.enum(worklistStatusFilters).default('open'),
  /** Only tasks past their due time. */
  overdue: booleanQuery.optional(),
  /** Only this person's tasks (the person page's "open tasks" link). */
  personId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type WorklistListQuery = z.input<typeof worklistListQuerySchema>;

const userRefSchema = z.object({ id: z.uuid(), name: z.string() });

/**
 * One task on the worklist. `restricted` tasks are about a person (or a signal) the caller may not
 * see under the person's consent: they show kind, status, due time and assignee only.
 */
export const worklistTaskSchema = z.object({
  id: z.uuid(),
  kind: worklistTaskKindSchema,
  status: worklistTaskStatusSchema,
  dueAt: z.iso.datetime({ offset: true }),
  overdue: z.boolean(),
  restricted: z.boolean(),
  person: personSummarySchema.nullable(),
  reason: z.string().nullable(),
  organizationId: z.uuid(),
  assignee: userRefSchema.nullable(),
  snoozedUntil: z.iso.datetime({ offset: true }).nullable(),
  snoozeReason: z.string().nullable(),
  outcome: worklistTaskOutcomeSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type WorklistTask = z.infer<typeof worklistTaskSchema>;

export const worklistPageSchema = z.object({ items: z.array(worklistTaskSchema), hasMore: z.boolean() });
export type WorklistPage = z.infer<typeof worklistPageSchema>;

export const worklistContactAttemptSchema = z.object({
  id: z.uuid(),
  method: worklistContactMethodSchema,
  result: worklistContactResultSchema,
  note: z.string().nullable(),
  attemptedAt: z.iso.datetime({ offset: true }),
  user: userRefSchema.nullable(),
});
export type WorklistContactAttempt = z.infer<typeof worklistContactAttemptSchema>;

export const worklistTaskDetailSchema = worklistTaskSchema.extend({
  outcomeNote: z.string().nullable(),
  /** How to reach the person (null when restricted). */
  contact: z
    .object({
      phone: z.string().nullable(),
      email: z.string().nullable(),
      language: z.string().nullable(),
      address: z.string().nullable(),
    })
    .nullable(),
  /** What the task came from: the signal's organization and time. */
  signal: z.object({
    organizationId: z.uuid(),
    organizationName: z.string(),
    occurredAt: z.iso.datetime({ offset: true }).nullable(),
    source: z.object({ type: z.enum(worklistSourceTypes), id: z.uuid().nullable() }),
  }),
  attempts: z.array(worklistContactAttemptSchema),
  /** Staff of the owning organization a task can be assigned to (its care navigators). */
  assignableUsers: z.array(userRefSchema),
  /** 42 CFR 2.32: present when the task discloses Part 2 information from another organization. */
  redisclosureNotice: z.string().nullable(),
});
export type WorklistTaskDetail = z.infer<typeof worklistTaskDetailSchema>;

const noteSchema = z.string().trim().max(2000);

export const assignWorklistTaskSchema = z.strictObject({ userId: z.uuid().nullable() });
export type AssignWorklistTask = z.infer<typeof assignWorklistTaskSchema>;
export const snoozeWorklistTaskSchema = z.strictObject({
  until: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(1, 'Say why the task waits').max(500),
});
export type SnoozeWorklistTask = z.infer<typeof snoozeWorklistTaskSchema>;
export const completeWorklistTaskSchema = z.strictObject({ outcome: worklistTaskOutcomeSchema, note: noteSchema.optional() });
export type CompleteWorklistTask = z.infer<typeof completeWorklistTaskSchema>;
export const logContactAttemptSchema = z.strictObject({
  method: worklistContactMethodSchema,
  result: worklistContactResultSchema,
  note: noteSchema.optional(),
  /** When the attempt was made; defaults to now. Not in the future. */
  attemptedAt: z.iso.datetime({ offset: true }).optional(),
});
export type LogContactAttempt = z.infer<typeof logContactAttemptSchema>;

/** A task made by hand for a person the caller may see (kind `manual`), owned by the caller's organization. */
export const createWorklistTaskSchema = z.strictObject({
  personId: z.uuid(),
  dueAt: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(1, 'Say what the outreach is for').max(500),
  /** A care navigator of the caller's organization; defaults to the caller. */
  assigneeUserId: z.uuid().nullable().optional(),
});
export type CreateWorklistTask = z.infer<typeof createWorklistTaskSchema>;

/** The answer to a change: the task as it is now and person-first suggestions for any note (never blocking). */
export const worklistChangeResultSchema = z.object({ task: worklistTaskSchema, languageFlags: z.array(languageFlagSchema) });
export type WorklistChangeResult = z.infer<typeof worklistChangeResultSchema>;

/** The API's paths, shared by the server routes and the web client. */
export const worklistPaths = {
  tasks: '/api/worklist/tasks',
  task: '/api/worklist/tasks/:id',
  assign: '/api/worklist/tasks/:id/assign',
  snooze: '/api/worklist/tasks/:id/snooze',
  complete: '/api/worklist/tasks/:id/complete',
  attempts: '/api/worklist/tasks/:id/attempts',
} as const;
