import { z } from 'zod';
import { isValidTimeZone } from './calendar.ts';

/**
 * Live feeds (docs/integration.md): per-organization sources that send messages (HL7 v2 ADT from
 * emergency departments, jail booking and release rosters, …), a staging table of every message
 * received, and an error queue a person works.
 *
 *   GET  /api/feeds                          → feedListSchema (each source with its last message, volume per day, open errors)
 *   POST /api/feeds                          createFeedSourceSchema → feedSourceSchema (201)
 *   POST /api/feeds/:id/messages             feedPushSchema → feedApplySummarySchema (an API push of one file)
 *   POST /api/feeds/:id/fhir/$import         fhirBulkImportSchema → feedApplySummarySchema (a FHIR feed: bulk NDJSON, one message a line)
 *   POST /api/feeds/:id/fhir                 fhirResourceSchema → fhirResourceResultSchema (a FHIR feed: one resource or a Bundle)
 *   GET  /api/feeds/errors?sourceId=         → feedErrorListSchema (open errors, newest first; no message content)
 *   GET  /api/feeds/errors/:id               → feedErrorDetailSchema (the message itself only for the sending organization's administrators)
 *   POST /api/feeds/errors/:id/retry         feedRetrySchema → feedErrorDetailSchema (apply again, optionally with a corrected message)
 *   POST /api/feeds/errors/:id/dismiss       feedDismissSchema → feedErrorDetailSchema
 */

/** Every feed kind: the command line names the first five; `pdmp` (PDMP dispensing extracts) is an extra. */
export const feedKinds = ['hl7v2', 'nemsis', 'roster', 'deaths', 'fhir', 'pdmp'] as const;
export const feedKindSchema = z.enum(feedKinds);
export type FeedKind = z.infer<typeof feedKindSchema>;
export const feedKindLabels: Record<FeedKind, string> = {
  hl7v2: 'HL7 v2 ADT (emergency department)',
  nemsis: 'NEMSIS v3.5 (EMS)',
  roster: 'Jail booking and release roster',
  deaths: 'Death records',
  fhir: 'FHIR bulk data',
  pdmp: 'PDMP dispensing extract',
};

export const feedPaths = {
  feeds: '/api/feeds',
  feed: '/api/feeds/:id',
  messages: '/api/feeds/:id/messages',
  fhirImport: '/api/feeds/:id/fhir/$import',
  fhirResource: '/api/feeds/:id/fhir',
  errors: '/api/feeds/errors',
  error: '/api/feeds/errors/:id',
  retry: '/api/feeds/errors/:id/retry',
  dismiss: '/api/feeds/errors/:id/dismiss',
} as const;

/** What became of one received message. */
export const feedMessageStatuses = ['applied', 'ignored', 'error', 'dismissed'] as const;
export type FeedMessageStatus = (typeof feedMessageStatuses)[number];

/** Why a message is in the error queue. The text shown never holds a value from the message. */
export const feedErrorCodes = ['malformed', 'unsupported', 'unmatchable', 'invalid_event', 'failed'] as const;
export type FeedErrorCode = (typeof feedErrorCodes)[number];
export const feedErrorCodeLabels: Record<FeedErrorCode, string> = {
  malformed: 'The message could not be read',
  unsupported: 'A message of a kind this feed does not take',
  unmatchable: 'The person could not be identified',
  invalid_event: 'A care event failed validation',
  failed: 'The message could not be applied',
};

const quietAfterMinutesSchema = z
  .number()
  .int()
  .min(5)
  .max(7 * 24 * 60);
/** The sender's local time zone, an IANA name. */
const feedTimeZoneSchema = z.string().trim().min(1).max(64).refine(isValidTimeZone, 'must be an IANA time zone, e.g. America/New_York');

export const createFeedSourceSchema = z.strictObject({
  /** Network administrators may name another organization; everyone else creates their own organization's source. */
  organizationId: z.uuid().optional(),
  kind: feedKindSchema,
  name: z.string().trim().min(1).max(120),
  /** A feed with no message for this long is "quiet" and its organization's administrators are told. */
  quietAfterMinutes: quietAfterMinutesSchema.default(240),
  /**
   * The sender's local time zone (an IANA name such as America/New_York): an HL7 v2 time sent
   * without an offset is read in it. The network's time zone when left out.
   */
  timeZone: feedTimeZoneSchema.optional(),
});
export type CreateFeedSource = z.input<typeof createFeedSourceSchema>;

/** A feed's settings changed (its administrators, or a network administrator): at least one of them. */
export const updateFeedSourceSchema = z
  .strictObject({
    quietAfterMinutes: quietAfterMinutesSchema.optional(),
    timeZone: feedTimeZoneSchema.optional(),
  })
  .refine((v) => v.quietAfterMinutes !== undefined || v.timeZone !== undefined, 'give quietAfterMinutes or timeZone');
export type UpdateFeedSource = z.infer<typeof updateFeedSourceSchema>;

export const feedSourceSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  kind: feedKindSchema,
  name: z.string(),
  quietAfterMinutes: z.number().int(),
  timeZone: z.string(),
  createdAt: z.string(),
});
export type FeedSource = z.infer<typeof feedSourceSchema>;

export const feedDayVolumeSchema = z.object({
  day: z.string(),
  received: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.number().int(),
});
export type FeedDayVolume = z.infer<typeof feedDayVolumeSchema>;

export const feedStatusSchema = feedSourceSchema.extend({
  lastMessageAt: z.string().nullable(),
  /** No message for longer than quietAfterMinutes (a source that never sent anything is not quiet yet). */
  quiet: z.boolean(),
  openErrors: z.number().int(),
  /** The last 14 days, oldest first (days with no message included as zeros). */
  volume: z.array(feedDayVolumeSchema),
});
export type FeedStatus = z.infer<typeof feedStatusSchema>;
export const feedListSchema = z.object({ items: z.array(feedStatusSchema) });
export type FeedList = z.infer<typeof feedListSchema>;

export const feedPushSchema = z.strictObject({
  /** The file as sent: HL7 v2 messages (blank lines or MLLP framing between them), a roster CSV or JSON. */
  content: z.string().min(1).max(5_000_000),
});
export type FeedPush = z.infer<typeof feedPushSchema>;

/** A FHIR feed's bulk import: NDJSON as the FHIR Bulk Data format writes it (one resource a line), sent inline. */
export const fhirBulkImportSchema = z.strictObject({
  ndjson: z.string().min(1).max(5_000_000),
});
export type FhirBulkImport = z.infer<typeof fhirBulkImportSchema>;

/** The resource types a FHIR feed takes (docs/integration.md). */
export const fhirFeedResourceTypes = ['Patient', 'Encounter', 'Condition', 'MedicationDispense', 'Observation', 'Bundle'] as const;

/** One FHIR R4 resource (or a Bundle, applied all or nothing); its elements are checked by the feed's adapter, which names the one at fault. */
export const fhirResourceSchema = z.looseObject({
  resourceType: z.enum(fhirFeedResourceTypes),
  id: z.string().max(64).optional(),
});
export type FhirResourceInput = z.infer<typeof fhirResourceSchema>;

export const fhirResourceResultSchema = z.object({
  /** accepted: applied (or nothing in it for the network); duplicate: sent before, nothing changed; rejected: in the error queue. */
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  messageId: z.uuid(),
  code: z.enum(feedErrorCodes).optional(),
  reason: z.string().optional(),
});
export type FhirResourceResult = z.infer<typeof fhirResourceResultSchema>;

export const feedApplySummarySchema = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.number().int(),
});
export type FeedApplySummary = z.infer<typeof feedApplySummarySchema>;

export const feedErrorQuerySchema = z.strictObject({ sourceId: z.uuid().optional() });

export const feedErrorSchema = z.object({
  id: z.uuid(),
  sourceId: z.uuid(),
  sourceName: z.string(),
  kind: feedKindSchema,
  organizationName: z.string(),
  receivedAt: z.string(),
  /** e.g. ADT^A03, roster:release */
  messageType: z.string().nullable(),
  code: z.enum(feedErrorCodes),
  reason: z.string(),
  attempts: z.number().int(),
  status: z.enum(feedMessageStatuses),
});
export type FeedError = z.infer<typeof feedErrorSchema>;
export const feedErrorListSchema = z.object({ items: z.array(feedErrorSchema) });
export type FeedErrorList = z.infer<typeof feedErrorListSchema>;

export const feedErrorDetailSchema = feedErrorSchema.extend({
  /** The message as received (or as last corrected); null for callers who may not see it. */
  content: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type FeedErrorDetail = z.infer<typeof feedErrorDetailSchema>;

export const feedRetrySchema = z.strictObject({
  /** A corrected message to apply instead of the one received. */
  content: z.string().min(1).max(1_000_000).optional(),
});
export type FeedRetry = z.infer<typeof feedRetrySchema>;

export const feedDismissSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export type FeedDismiss = z.infer<typeof feedDismissSchema>;
