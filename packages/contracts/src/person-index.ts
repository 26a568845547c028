import { z } from 'zod';
import { personSummarySchema } from './registry.ts';
import type { Role } from './roles.ts';

/** The network person index: link review by privacy officers and network administrators (docs/person-index.md). */

/** Who works the review queue: the network's data stewards. The server refuses anyone else; the web shows the page to them. */
export const personIndexReviewRoles: readonly Role[] = ['privacy_officer', 'network_admin'];

export const personIndexErrorCodes = ['LINK_NOT_FOUND', 'LINK_STATE_INVALID'] as const;

export const linkStatuses = ['linked', 'review', 'rejected', 'not_sure', 'unlinked'] as const;
export const linkStatusSchema = z.enum(linkStatuses);
export type LinkStatus = z.infer<typeof linkStatusSchema>;

/** One side of a pair as the reviewer may see it: the person through the chokepoint, or only a label. */
export const linkSideSchema = z.object({
  /** The person's summary when the reviewer may see them (the disclosure is recorded); otherwise null. */
  person: personSummarySchema.nullable(),
  /** What the reviewer is told when they may not see the record: "A record at a Part 2 program" or "A record at <organization>". */
  label: z.string(),
  sourceSystem: z.string(),
});
export type LinkSide = z.infer<typeof linkSideSchema>;

export const fieldContributionSchema = z.object({
  /** The comparison: given, family, birthDate, phone, address, zip, city, sex, ssn, email, suffix. */
  comparison: z.string(),
  /** The comparison level, e.g. exact, nickname, jw92, transposed, else, null. */
  level: z.string(),
  /** log2(m/u): what agreeing (or disagreeing) at this level adds to the match weight, with the term-frequency adjustment. */
  weight: z.number(),
  /** For an exact given or family name: the part of `weight` from how common the name is (negative for a common name). */
  tfAdjustment: z.number().optional(),
});
export type FieldContribution = z.infer<typeof fieldContributionSchema>;

/** One step in a pair's history: how it was proposed, and every reviewer decision after (docs/person-index.md). */
export const linkHistoryEntrySchema = z.object({
  decision: z.enum(['auto_link', 'review', 'accept', 'reject', 'not_sure', 'unlink']),
  decidedBy: z.enum(['auto', 'reviewer']),
  decidedAt: z.iso.datetime({ offset: true }),
  /** The reviewer's reason (required for an unlink, optional otherwise). */
  reason: z.string().nullable(),
});
export type LinkHistoryEntry = z.infer<typeof linkHistoryEntrySchema>;

export const linkItemSchema = z.object({
  id: z.uuid(),
  status: linkStatusSchema,
  probability: z.number(),
  weight: z.number(),
  /** The waterfall: the prior (log2 of the prior odds) and each field's contribution, in order. */
  prior: z.number(),
  contributions: z.array(fieldContributionSchema),
  /** Conflicting strong identifiers or a household look-alike: never linked automatically. */
  guarded: z.boolean(),
  modelVersion: z.string(),
  decidedBy: z.enum(['auto', 'reviewer']),
  decidedAt: z.iso.datetime({ offset: true }),
  left: linkSideSchema,
  right: linkSideSchema,
  /** Oldest first: the proposal (automatic link or review), then each decision, so a merge and its undo both show. */
  history: z.array(linkHistoryEntrySchema),
});
export type LinkItem = z.infer<typeof linkItemSchema>;

export const linkQueueQuerySchema = z.strictObject({
  /** open = in review or "not sure"; linked = merges in force; unlinked = merges undone; rejected = kept apart. */
  status: z.enum(['open', 'linked', 'unlinked', 'rejected']).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type LinkQueueQuery = z.infer<typeof linkQueueQuerySchema>;

export const linkQueueSchema = z.object({ items: z.array(linkItemSchema) });
export type LinkQueue = z.infer<typeof linkQueueSchema>;

export const linkDecisionSchema = z.strictObject({
  decision: z.enum(['accept', 'reject', 'not_sure']),
  reason: z.string().trim().max(500).optional(),
});
export type LinkDecision = z.infer<typeof linkDecisionSchema>;

export const unlinkSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type Unlink = z.infer<typeof unlinkSchema>;
