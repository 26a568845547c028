// Longer than 300 lines because it is one vocabulary: pathways, referrals, handoffs, attachments and suggestions
// (the lifecycle itself is referral-lifecycle.ts).
import { z } from 'zod';
import { organizationTypeSchema } from './roles.ts';
import { personSummarySchema } from './registry.ts';
import { capacityStatusCodeSchema, taxonomyCodeSchema } from './directory.ts';
import { recordKindSchema } from './consent.ts';
import { referralEventSchema, referralSideSchema, referralStateSchema } from './referral-lifecycle.ts';

/*
 * Closed-loop referrals: pathways (the agreements between partners), referrals following the HL7
 * Gravity closed-loop referral Task, warm handoffs, attachments and suggestions. A referral is
 * person-level data (record kind `referrals`): every read passes the registry's consent chokepoint,
 * and creating one needs a signed, current consent naming the receiving organization (see
 * docs/referrals.md).
 *
 * Endpoints (all authenticated):
 *   GET    /api/referral-pathways?active=&receiverOrganizationId=&q=  pathways (current version of each)
 *   POST   /api/referral-pathways                          create (network admin, or org admin of the receiver)
 *   GET    /api/referral-pathways/:id                      the current version, with the list of versions
 *   PUT    /api/referral-pathways/:id                      save a new version (same rights); referrals keep theirs
 *   GET    /api/referral-pathways/:id/versions/:version    one earlier version
 *   GET    /api/referrals/suggestions?personId=&codes=&payment=&limit=
 *                                                          services on pathways open to the caller's
 *                                                          organization, ranked (score with its parts)
 *   POST   /api/referrals                                  send a referral → 201 ReferralDetail;
 *                                                          409 CONSENT_REQUIRED when no consent covers it
 *   GET    /api/referrals?box=inbox|sent&status=&overdue=&sort=deadline|created|updated&limit=&offset=
 *                                                          inbox: referrals to the caller's organization;
 *                                                          sent: referrals from it (ReferralListItem page)
 *   GET    /api/referrals/:id                              ReferralDetail (history, handoff, attachments)
 *   POST   /api/referrals/:id/transitions                  { event, reason, outcome, appointmentAt, note } → ReferralDetail
 *   PUT    /api/referrals/:id/handoff                      record the warm handoff → ReferralDetail
 *   POST   /api/referrals/:id/attachments                  multipart/form-data: `file` (PDF, PNG, JPEG or plain
 *                                                          text by content, ≤ 10 MB) and optional `documentKey` → Attachment
 *   GET    /api/referrals/:id/attachments/:attachmentId    the file (only through the consent chokepoint)
 *
 * FHIR R4 (same authentication and chokepoint; `application/fhir+json`):
 *   GET    /fhir/R4/metadata                               CapabilityStatement (public)
 *   POST   /fhir/R4/ServiceRequest                         create a referral (with Task) from an EHR
 *   GET    /fhir/R4/ServiceRequest/:id, /fhir/R4/ServiceRequest?patient=&status=&requester=&performer=
 *   POST   /fhir/R4/Task                                   create the Task for an existing ServiceRequest (idempotent)
 *   GET    /fhir/R4/Task/:id, /fhir/R4/Task?focus=&patient=&status=&owner=&requester=
 *   PUT    /fhir/R4/Task/:id                               status / businessStatus / output → a transition
 */

// ── Vocabulary ──────────────────────────────────────────────────────────────
// States, events and reasons are in referral-lifecycle.ts (with the transition table).
export const referralUrgencies = ['routine', 'urgent', 'same_day'] as const;
export const referralUrgencySchema = z.enum(referralUrgencies);
export type ReferralUrgency = z.infer<typeof referralUrgencySchema>;
export const referralUrgencyLabels: Record<ReferralUrgency, string> = { routine: 'Routine', urgent: 'Urgent', same_day: 'Same day' };

/** What the target service is, derived from its directory codes (`moud` when it offers METH, BU or NU). */
export const referralServiceKinds = [
  'moud',
  'withdrawal_management',
  'behavioral_health',
  'peer_support',
  'recovery_housing',
  'harm_reduction',
  'other',
] as const;
export type ReferralServiceKind = (typeof referralServiceKinds)[number];

export const handoffModes = ['in_person', 'phone', 'video', 'escorted'] as const;
export const handoffModeSchema = z.enum(handoffModes);
export const handoffModeLabels: Record<(typeof handoffModes)[number], string> = {
  in_person: 'In person',
  phone: 'Phone',
  video: 'Video',
  escorted: 'Escorted',
};

/** The purposes a referral discloses for. */
export const referralPurposes = ['treatment', 'care_coordination'] as const;
export const referralPurposeSchema = z.enum(referralPurposes);

/** Attachments: at most this size, and one of these types, checked by content. */
export const REFERRAL_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const referralAttachmentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;

// ── Pathways ────────────────────────────────────────────────────────────────
const key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _ (start with a letter)');
const text = (max: number) => z.string().trim().min(1).max(max);

/** A criterion the sender confirms when referring (inclusion: "is true"; exclusion: "does not apply"). */
export const pathwayCriterionSchema = z.strictObject({ key, text: text(300) });
export type PathwayCriterion = z.infer<typeof pathwayCriterionSchema>;

export const requiredFieldTypes = ['text', 'date', 'yes_no', 'choice'] as const;
/** Information the referral must carry; answered in `answers[key]`. */
export const pathwayFieldSchema = z.strictObject({
  key,
  label: text(200),
  type: z.enum(requiredFieldTypes),
  /** For `choice`. */
  options: z.array(text(100)).max(30).optional(),
  help: z.string().trim().max(300).optional(),
});
export type PathwayField = z.infer<typeof pathwayFieldSchema>;

/** A document the referral must carry (uploaded as an attachment with this `documentKey`). */
export const pathwayDocumentSchema = z.strictObject({ key, label: text(200) });
export type PathwayDocument = z.infer<typeof pathwayDocumentSchema>;

export const receiverContactSchema = z.strictObject({
  name: text(120),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
});

export const pathwayInputSchema = z
  .strictObject({
    name: text(200),
    description: z.string().trim().max(2000).nullable().optional(),
    /** Who may refer: organizations of these types, or these organizations. Both empty: any network organization. */
    referrerOrganizationTypes: z.array(organizationTypeSchema).max(20).default([]),
    referrerOrganizationIds: z.array(z.uuid()).max(200).default([]),
    receiverOrganizationId: z.uuid(),
    /** Directory services of the receiving organization the pathway leads to. */
    serviceIds: z.array(z.uuid()).min(1).max(50),
    inclusionCriteria: z.array(pathwayCriterionSchema).max(30).default([]),
    exclusionCriteria: z.array(pathwayCriterionSchema).max(30).default([]),
    requiredFields: z.array(pathwayFieldSchema).max(30).default([]),
    requiredDocuments: z.array(pathwayDocumentSchema).max(10).default([]),
    /** Hours the receiver has to acknowledge. */
    ackHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    /** Days to first contact or appointment, counted from sending. */
    firstContactDays: z.number().int().min(0).max(180),
    warmHandoffExpected: z.boolean().default(false),
    receiverContact: receiverContactSchema,
    activeFrom: z.iso.date(),
    activeUntil: z.iso.date().nullable().optional(),
  })
  .refine((p) => !p.activeUntil || p.activeUntil >= p.activeFrom, { message: 'activeUntil is before activeFrom', path: ['activeUntil'] });
export type PathwayInput = z.input<typeof pathwayInputSchema>;

export const pathwaySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  referrerOrganizationTypes: z.array(organizationTypeSchema),
  referrerOrganizationIds: z.array(z.uuid()),
  referrerOrganizationNames: z.array(z.string()),
  receiverOrganizationId: z.uuid(),
  receiverOrganizationName: z.string(),
  services: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(referralServiceKinds) })),
  inclusionCriteria: z.array(pathwayCriterionSchema),
  exclusionCriteria: z.array(pathwayCriterionSchema),
  requiredFields: z.array(pathwayFieldSchema),
  requiredDocuments: z.array(pathwayDocumentSchema),
  ackHours: z.number().int(),
  firstContactDays: z.number().int(),
  warmHandoffExpected: z.boolean(),
  receiverContact: z.object({ name: z.string(), phone: z.string().nullable().optional(), email: z.string().nullable().optional() }),
  activeFrom: z.string(),
  activeUntil: z.string().nullable(),
  /** Today in the network's time zone against the active period. */
  active: z.boolean(),
  /** Whether the caller's organization may refer on this pathway. */
  canRefer: z.boolean(),
  /** Whether the caller may save a new version. */
  canEdit: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type Pathway = z.infer<typeof pathwaySchema>;

export const pathwayDetailSchema = pathwaySchema.extend({
  versions: z.array(
    z.object({
      version: z.number().int(),
      createdAt: z.string(),
      createdByName: z.string().nullable(),
      activeFrom: z.string(),
      activeUntil: z.string().nullable(),
    }),
  ),
});
export type PathwayDetail = z.infer<typeof pathwayDetailSchema>;

export const pathwayListQuerySchema = z.strictObject({
  /** `true`: only pathways active today; `false`: only inactive ones. */
  active: z.enum(['true', 'false']).optional(),
  receiverOrganizationId: z.uuid().optional(),
  /** `true`: only pathways the caller's organization may refer on. */
  canRefer: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(200).optional(),
});
export const pathwayListSchema = z.object({ items: z.array(pathwaySchema) });
export const pathwayVersionParamsSchema = z.strictObject({ id: z.uuid(), version: z.coerce.number().int().min(1) });

// ── Suggestions ─────────────────────────────────────────────────────────────
export const referralSuggestionQuerySchema = z.strictObject({
  personId: z.uuid(),
  /** Comma-separated taxonomy codes of what the person needs, e.g. `BU,OP`. */
  codes: z.string().trim().max(400).optional(),
  /** The person's way of paying (a payment taxonomy code such as `MD`). */
  payment: taxonomyCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type ReferralSuggestionQuery = z.infer<typeof referralSuggestionQuerySchema>;

/** Each part is 0…1; `score` is their weighted sum (weights in docs/referrals.md), 0…100. */
export const suggestionScorePartsSchema = z.object({
  pathwayFit: z.number(),
  capacity: z.number(),
  distance: z.number(),
  eligibility: z.number(),
  payment: z.number(),
});
export type SuggestionScoreParts = z.infer<typeof suggestionScorePartsSchema>;

export const referralSuggestionSchema = z.object({
  pathwayId: z.uuid(),
  pathwayVersion: z.number().int(),
  pathwayName: z.string(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  serviceKind: z.enum(referralServiceKinds),
  organizationId: z.uuid(),
  organizationName: z.string(),
  locationId: z.uuid().nullable(),
  locationName: z.string().nullable(),
  distanceMiles: z.number().nullable(),
  capacity: z.object({ status: capacityStatusCodeSchema, available: z.number().int().nullable(), stale: z.boolean() }).nullable(),
  /** Plain reasons the person may not meet the service's eligibility (age, population). */
  eligibilityNotes: z.array(z.string()),
  acceptsPayment: z.boolean().nullable(),
  score: z.number(),
  parts: suggestionScorePartsSchema,
  /** Whether a signed, current consent already covers sending to this organization. */
  consentCovers: z.boolean(),
});
export type ReferralSuggestion = z.infer<typeof referralSuggestionSchema>;
export const referralSuggestionListSchema = z.object({ personId: z.uuid(), items: z.array(referralSuggestionSchema) });

// ── Referrals ───────────────────────────────────────────────────────────────
export const referralAnswerSchema = z.union([z.string().trim().max(2000), z.boolean()]);

export const createReferralSchema = z.strictObject({
  personId: z.uuid(),
  pathwayId: z.uuid(),
  serviceId: z.uuid(),
  locationId: z.uuid().nullable().optional(),
  reason: text(2000),
  urgency: referralUrgencySchema.default('routine'),
  purpose: referralPurposeSchema.default('treatment'),
  /** Answers to the pathway's required fields, by key. */
  answers: z.record(z.string(), referralAnswerSchema).default({}),
  /** Keys of every inclusion and exclusion criterion of the pathway, confirmed by the sender. */
  criteriaConfirmed: z.array(z.string()).max(60).default([]),
  /** The consent to send under; without it the server looks for one that covers the referral. */
  consentId: z.uuid().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type CreateReferral = z.input<typeof createReferralSchema>;

export const referralTransitionSchema = z.strictObject({
  event: referralEventSchema,
  /** Required for reject (referralRejectReasons), fail (referralFailReasons), cancel and hold (free text). */
  reason: z.string().trim().max(500).nullable().optional(),
  /** Required for complete. */
  outcome: z.string().trim().max(1000).nullable().optional(),
  /** Required for schedule. */
  appointmentAt: z.iso.datetime({ offset: true }).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type ReferralTransition = z.infer<typeof referralTransitionSchema>;

export const handoffInputSchema = z.strictObject({
  mode: handoffModeSchema,
  at: z.iso.datetime({ offset: true }),
  senderStaffName: text(120),
  receiverStaffName: text(120),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type HandoffInput = z.infer<typeof handoffInputSchema>;

export const handoffSchema = z.object({
  mode: handoffModeSchema,
  at: z.string(),
  senderStaffName: z.string(),
  receiverStaffName: z.string(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
});
export type Handoff = z.infer<typeof handoffSchema>;

export const referralTransitionEntrySchema = z.object({
  id: z.uuid(),
  event: z.union([referralEventSchema, z.literal('create')]),
  fromState: referralStateSchema.nullable(),
  toState: referralStateSchema,
  at: z.string(),
  byName: z.string().nullable(),
  byOrganizationName: z.string().nullable(),
  reason: z.string().nullable(),
  outcome: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type ReferralTransitionEntry = z.infer<typeof referralTransitionEntrySchema>;

export const referralAttachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.enum(referralAttachmentTypes),
  size: z.number().int(),
  documentKey: z.string().nullable(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type ReferralAttachment = z.infer<typeof referralAttachmentSchema>;

/**
 * Which deadline a referral has missed, if any: not acknowledged in time; no first contact or
 * appointment in time; or the appointment passed a day ago with neither attendance nor no-show recorded.
 */
export const referralOverdueKinds = ['acknowledgment', 'first_contact', 'appointment'] as const;
export type ReferralOverdueKind = (typeof referralOverdueKinds)[number];

export const referralListItemSchema = z.object({
  id: z.uuid(),
  person: personSummarySchema,
  pathwayId: z.uuid(),
  pathwayVersion: z.number().int(),
  pathwayName: z.string(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  serviceKind: z.enum(referralServiceKinds),
  senderOrganizationId: z.uuid(),
  senderOrganizationName: z.string(),
  receiverOrganizationId: z.uuid(),
  receiverOrganizationName: z.string(),
  status: referralStateSchema,
  urgency: referralUrgencySchema,
  appointmentAt: z.string().nullable(),
  ackDueAt: z.string(),
  firstContactDueAt: z.string(),
  /** The deadline that matters now (acknowledgment until acknowledged, then first contact, then a day after the appointment); null when closed or on hold. */
  nextDeadlineAt: z.string().nullable(),
  overdue: z.enum(referralOverdueKinds).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The caller's side of this referral. */
  side: referralSideSchema,
});
export type ReferralListItem = z.infer<typeof referralListItemSchema>;

export const referralDetailSchema = referralListItemSchema.extend({
  locationId: z.uuid().nullable(),
  locationName: z.string().nullable(),
  senderName: z.string().nullable(),
  reason: z.string(),
  purpose: referralPurposeSchema,
  answers: z.record(z.string(), referralAnswerSchema),
  criteriaConfirmed: z.array(z.string()),
  statusReason: z.string().nullable(),
  outcome: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  consentId: z.uuid().nullable(),
  warmHandoffExpected: z.boolean(),
  history: z.array(referralTransitionEntrySchema),
  handoff: handoffSchema.nullable(),
  attachments: z.array(referralAttachmentSchema),
  missingDocuments: z.array(pathwayDocumentSchema),
  /** Events the caller may send now (the web app shows these buttons). */
  allowedEvents: z.array(referralEventSchema),
  /** The 42 CFR 2.32 notice when the referral came from a Part 2 program to another organization. */
  redisclosureNotice: z.string().nullable(),
  /** With the notice: the scope of the consent the referral was sent under (2.32 requires it to travel with the disclosure). */
  consentScopes: z.array(z.object({ consentId: z.uuid(), summary: z.string() })).optional(),
});
export type ReferralDetail = z.infer<typeof referralDetailSchema>;

export const referralListQuerySchema = z.strictObject({
  box: z.enum(['inbox', 'sent']).default('inbox'),
  /** A state, or `open` (not closed) / `closed`. */
  status: z.union([referralStateSchema, z.enum(['open', 'closed'])]).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  urgency: referralUrgencySchema.optional(),
  pathwayId: z.uuid().optional(),
  personId: z.uuid().optional(),
  sort: z.enum(['deadline', 'created', 'updated']).default('deadline'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ReferralListQuery = z.input<typeof referralListQuerySchema>;

export const referralPageSchema = z.object({
  items: z.array(referralListItemSchema),
  total: z.number().int(),
  /** Referrals the caller may not see (kind and count only). */
  restricted: z.array(z.object({ kind: recordKindSchema, count: z.number().int() })),
});
export type ReferralPage = z.infer<typeof referralPageSchema>;

export const referralAttachmentParamsSchema = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

export const referralErrorCodes = [
  'REFERRAL_NOT_FOUND',
  'PATHWAY_NOT_FOUND',
  /** No signed, current consent names the receiving organization for the purpose and `referrals`. */
  'CONSENT_REQUIRED',
  /** The pathway is not open to the caller's organization, not active, or does not lead to the service. */
  'PATHWAY_NOT_AVAILABLE',
  /** The event is not allowed in the referral's state, or not for the caller's side. */
  'REFERRAL_TRANSITION_INVALID',
  'ATTACHMENT_NOT_FOUND',
] as const;
