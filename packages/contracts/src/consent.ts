// Longer than 300 lines because it is one vocabulary: consent (42 CFR Part 2), record kinds, purposes,
// timelines, disclosures and emergency access are defined in terms of each other.
import { z } from 'zod';

/*
 * Consent under 42 CFR Part 2, the vocabulary of the access decision, timeline entries with their
 * sensitivity, the accounting of disclosures, and break-glass (42 CFR 2.51).
 *
 * Endpoints (all authenticated):
 *   GET    /api/people/:id/consents                  the person's consents (any state)
 *   POST   /api/people/:id/consents                  create a draft
 *   GET    /api/consents/:id                         one consent with its history
 *   PATCH  /api/consents/:id                         edit a draft
 *   POST   /api/consents/:id/sign                    draft → signed (signature, date)
 *   POST   /api/consents/:id/revoke                  signed → revoked (method, note)
 *   POST   /api/consents/:id/expiry-event            record that the expiry event happened → expired
 *   GET    /api/people/:id/disclosures?from=&to=     accounting of disclosures (privacy officer)
 *   GET    /api/people/:id/disclosures.csv           the same as CSV
 *   POST   /api/people/:id/break-glass               start emergency access (clinician, reason)
 *   GET    /api/break-glass?status=open|closed       the privacy officer's review list
 *   POST   /api/break-glass/:id/review               close a review (outcome, note)
 *   GET    /fhir/R4/Patient/:id, /fhir/R4/Patient?name=&birthdate=&identifier=
 *   GET    /fhir/R4/Consent/:id, /fhir/R4/Consent?patient=
 */

/** Why data is being used or disclosed (FHIR v3-ActReason in brackets). */
export const purposes = ['treatment', 'payment', 'operations', 'care_coordination'] as const;
export const purposeSchema = z.enum(purposes);
export type Purpose = z.infer<typeof purposeSchema>;
export const purposeLabels: Record<Purpose, { en: string; es: string }> = {
  treatment: { en: 'Treatment', es: 'Tratamiento' },
  payment: { en: 'Payment', es: 'Pago' },
  operations: { en: 'Health care operations', es: 'Operaciones de atención médica' },
  care_coordination: { en: 'Care coordination', es: 'Coordinación de la atención' },
};

/**
 * Kinds of person-level records. `demographics` is the registry record itself; every other kind can
 * be named in a consent. `counseling_notes` can only be shared by a consent of its own
 * (42 CFR 2.31(b), SUD counseling notes).
 */
export const recordKinds = [
  'demographics',
  'sud_treatment',
  'medications',
  'referrals',
  'overdose_events',
  'screening',
  'notes',
  'counseling_notes',
] as const;
export const recordKindSchema = z.enum(recordKinds);
export type RecordKind = z.infer<typeof recordKindSchema>;

export const consentableKinds = recordKinds.filter((k) => k !== 'demographics') as Exclude<RecordKind, 'demographics'>[];
export const consentKindSchema = z.enum([
  'sud_treatment',
  'medications',
  'referrals',
  'overdose_events',
  'screening',
  'notes',
  'counseling_notes',
]);
export type ConsentKind = z.infer<typeof consentKindSchema>;

export const recordKindLabels: Record<RecordKind, { en: string; es: string }> = {
  demographics: { en: 'Identity and contact details', es: 'Identidad y datos de contacto' },
  sud_treatment: { en: 'Substance use diagnosis and treatment', es: 'Diagnóstico y tratamiento por consumo de sustancias' },
  medications: {
    en: 'Medications, including medications for OUD',
    es: 'Medicamentos, incluidos los medicamentos para el trastorno por consumo de opioides',
  },
  referrals: { en: 'Referrals and appointments', es: 'Derivaciones y citas' },
  overdose_events: { en: 'Overdose events', es: 'Sobredosis' },
  screening: { en: 'Screening results', es: 'Resultados de evaluaciones' },
  notes: { en: 'Care notes', es: 'Notas de atención' },
  counseling_notes: { en: 'Substance use counseling notes', es: 'Notas de consejería sobre consumo de sustancias' },
};

/** Sensitivity carried by every person-level record: `part2` is SUD information protected by 42 CFR Part 2. */
export const sensitivities = ['normal', 'part2'] as const;
export const sensitivitySchema = z.enum(sensitivities);
export type Sensitivity = z.infer<typeof sensitivitySchema>;

// ── Consent ──────────────────────────────────────────────────────────────────
export const consentStatuses = ['draft', 'signed', 'revoked', 'expired'] as const;
export const consentStatusSchema = z.enum(consentStatuses);
export type ConsentStatus = z.infer<typeof consentStatusSchema>;

/** `standard`: named recipients and purposes; `tpo`: the single consent for treatment, payment and operations; `counseling_notes`: its own consent. */
export const consentTypes = ['standard', 'tpo', 'counseling_notes'] as const;
export const consentTypeSchema = z.enum(consentTypes);
export type ConsentType = z.infer<typeof consentTypeSchema>;

export const expiryEvents = ['end_of_treatment', 'end_of_conditional_release', 'end_of_care_coordination'] as const;
export const expiryEventSchema = z.enum(expiryEvents);
export type ExpiryEvent = z.infer<typeof expiryEventSchema>;
export const expiryEventLabels: Record<ExpiryEvent, { en: string; es: string }> = {
  end_of_treatment: { en: 'When my treatment ends', es: 'Cuando termine mi tratamiento' },
  end_of_conditional_release: { en: 'When my conditional release ends', es: 'Cuando termine mi libertad condicional' },
  end_of_care_coordination: { en: 'When care coordination ends', es: 'Cuando termine la coordinación de mi atención' },
};

export const disclosersSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('organizations'), organizationIds: z.array(z.uuid()).min(1).max(100) }),
  /** Any organization in the network that holds my records. */
  z.strictObject({ type: z.literal('any_network_provider') }),
]);
export type Disclosers = z.infer<typeof disclosersSchema>;

export const recipientsSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('organizations'), organizationIds: z.array(z.uuid()).min(1).max(100) }),
  /** General designation: participants with a treating provider relationship with me (42 CFR 2.31(a)(4)). */
  z.strictObject({ type: z.literal('treating_providers') }),
]);
export type Recipients = z.infer<typeof recipientsSchema>;

export const signatureMethods = ['drawn', 'attested'] as const;
export const signerRelationships = ['self', 'parent_or_guardian', 'personal_representative'] as const;
export const revocationMethods = ['written', 'electronic', 'verbal_then_written'] as const;

export const consentSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  /** The person's name as it was when the consent was created. */
  personName: z.string(),
  type: consentTypeSchema,
  status: consentStatusSchema,
  disclosers: disclosersSchema,
  recipients: recipientsSchema,
  purposes: z.array(purposeSchema),
  kinds: z.array(consentKindSchema),
  /** What information, in words the person understands. */
  informationDescription: z.string(),
  expiresOn: z.string().nullable(),
  expiryEvent: expiryEventSchema.nullable(),
  language: z.enum(['en', 'es']),
  signerName: z.string().nullable(),
  signerRelationship: z.enum(signerRelationships).nullable(),
  signatureMethod: z.enum(signatureMethods).nullable(),
  /** A PNG data URL when the signature was drawn. */
  signatureImage: z.string().nullable(),
  signedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationMethod: z.enum(revocationMethods).nullable(),
  expiredAt: z.string().nullable(),
  createdByOrganizationId: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Names of the organizations referred to above, for display. */
  organizationNames: z.record(z.string(), z.string()),
  history: z.array(
    z.object({
      at: z.string(),
      fromStatus: consentStatusSchema.nullable(),
      toStatus: consentStatusSchema,
      byName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type Consent = z.infer<typeof consentSchema>;
export const consentListSchema = z.object({ items: z.array(consentSchema) });

export const createConsentSchema = z
  .strictObject({
    type: consentTypeSchema,
    disclosers: disclosersSchema,
    recipients: recipientsSchema,
    purposes: z.array(purposeSchema).min(1).max(4),
    kinds: z.array(consentKindSchema).min(1).max(7),
    informationDescription: z.string().trim().min(10).max(2000),
    expiresOn: z.iso.date().nullable().optional(),
    expiryEvent: expiryEventSchema.nullable().optional(),
    language: z.enum(['en', 'es']).default('en'),
  })
  .superRefine((c, ctx) => {
    if (!c.expiresOn && !c.expiryEvent) {
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Give an expiry date or an expiry event' });
    }
    // 42 CFR 2.31(b): SUD counseling notes need a consent of their own, not combined with others.
    const hasNotes = c.kinds.includes('counseling_notes');
    if (c.type === 'counseling_notes' && (c.kinds.length !== 1 || !hasNotes)) {
      ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'A counseling-notes consent covers counseling notes only' });
    }
    if (c.type !== 'counseling_notes' && hasNotes) {
      ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'Counseling notes need a separate consent of type counseling_notes' });
    }
    if (c.type === 'tpo') {
      for (const p of ['treatment', 'payment', 'operations'] as const) {
        if (!c.purposes.includes(p))
          ctx.addIssue({ code: 'custom', path: ['purposes'], message: 'A TPO consent covers treatment, payment and operations' });
      }
    }
  });
export type CreateConsent = z.infer<typeof createConsentSchema>;

export const signConsentSchema = z.strictObject({
  signerName: z.string().trim().min(2).max(200),
  signerRelationship: z.enum(signerRelationships).default('self'),
  signatureMethod: z.enum(signatureMethods),
  /** Required when drawn: a PNG data URL of at most ~200 kB. */
  signatureImage: z
    .string()
    .max(280_000)
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'Expected a PNG data URL')
    .nullable()
    .optional(),
  /** The person confirmed they read the form (or had it read to them) and received a copy. */
  acknowledged: z.literal(true),
});
export type SignConsent = z.infer<typeof signConsentSchema>;

export const revokeConsentSchema = z.strictObject({
  method: z.enum(revocationMethods),
  note: z.string().trim().max(1000).nullable().optional(),
});
export const expiryEventOccurredSchema = z.strictObject({ occurredOn: z.iso.date() });

// ── Access decision ─────────────────────────────────────────────────────────
/**
 * `qsoa`: the caller's organization is a qualified service organization of the Part 2 program that
 * holds the record, under an agreement in force (42 CFR 2.11, 2.12(c)(4); the network module's register).
 */
export const accessBases = [
  'own_organization',
  'care_team',
  'consent',
  'treating_relationship',
  'qsoa',
  'break_glass',
  'system',
  'self',
] as const;
export type AccessBasis = (typeof accessBases)[number];

export const denyReasons = [
  'ROLE_NOT_PERMITTED',
  'ANALYST_AGGREGATES_ONLY',
  'NO_RELATIONSHIP',
  'NO_CONSENT',
  'CONSENT_NOT_SIGNED',
  'CONSENT_EXPIRED',
  'CONSENT_REVOKED',
  'WRONG_DISCLOSER',
  'WRONG_RECIPIENT',
  'NO_TREATING_RELATIONSHIP',
  'WRONG_PURPOSE',
  'KIND_NOT_COVERED',
  'COUNSELING_NOTES_NEED_OWN_CONSENT',
  /** The network requires current 42 CFR Part 2 privacy training to see Part 2 records (a setting). */
  'PART2_TRAINING_REQUIRED',
] as const;
export type DenyReason = (typeof denyReasons)[number];

// ── Timeline ────────────────────────────────────────────────────────────────
export const timelineEntrySchema = z.object({
  id: z.uuid(),
  kind: recordKindSchema,
  type: z.string(),
  sensitivity: sensitivitySchema,
  occurredAt: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  /** The care event's typed data (see careEventDataSchemas); `{}` for free entries. */
  data: z.record(z.string(), z.unknown()),
  sourceOrganizationId: z.uuid(),
  sourceOrganizationName: z.string(),
  basis: z.enum(accessBases),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** Shown in place of what the caller may not see: kind and count only — no dates, no source. */
export const restrictedMarkerSchema = z.object({
  kind: recordKindSchema,
  count: z.number().int(),
  reason: z.enum(denyReasons),
  message: z.string(),
});
export type RestrictedMarker = z.infer<typeof restrictedMarkerSchema>;

export const timelineQuerySchema = z.strictObject({
  purpose: purposeSchema.default('treatment'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const timelineSchema = z.object({
  personId: z.uuid(),
  purpose: purposeSchema,
  entries: z.array(timelineEntrySchema),
  restricted: z.array(restrictedMarkerSchema),
  /** Present when any entry is Part 2 data: the 42 CFR 2.32 notice that must accompany it. */
  redisclosureNotice: z.string().nullable(),
  /** Consents the disclosed Part 2 entries were shared under (2.32 requires their scope to travel with them). */
  consentScopes: z.array(z.object({ consentId: z.uuid(), summary: z.string() })),
});
export type Timeline = z.infer<typeof timelineSchema>;

export const timelineEventTypes = [
  'note',
  'screening',
  'diagnosis',
  'moud_start',
  'appointment',
  'counseling_note',
  'overdose',
  'medication',
] as const;
export const addTimelineEventSchema = z.strictObject({
  kind: consentKindSchema,
  type: z.enum(timelineEventTypes),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  title: z.string().trim().min(1).max(200),
  detail: z.string().trim().max(4000).nullable().optional(),
  /** Defaults to `part2` when the caller's organization is a Part 2 program. */
  sensitivity: sensitivitySchema.optional(),
});
export type AddTimelineEvent = z.infer<typeof addTimelineEventSchema>;

// ── Disclosures ─────────────────────────────────────────────────────────────
export const disclosureSchema = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  recipientOrganizationId: z.uuid().nullable(),
  recipientOrganizationName: z.string().nullable(),
  recipientUserName: z.string().nullable(),
  sourceOrganizationName: z.string().nullable(),
  kinds: z.array(recordKindSchema),
  recordCount: z.number().int(),
  purpose: purposeSchema,
  basis: z.enum(accessBases),
  consentId: z.uuid().nullable(),
  breakGlassId: z.uuid().nullable(),
  channel: z.enum(['web', 'api', 'fhir', 'export']),
});
export type Disclosure = z.infer<typeof disclosureSchema>;
export const disclosureQuerySchema = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const disclosureListSchema = z.object({
  personId: z.uuid(),
  personName: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(disclosureSchema),
});
export type DisclosureList = z.infer<typeof disclosureListSchema>;
export type DisclosureQuery = z.infer<typeof disclosureQuerySchema>;

// ── Break-glass (42 CFR 2.51) ───────────────────────────────────────────────
export const startBreakGlassSchema = z.strictObject({
  reason: z.string().trim().min(10).max(1000),
});
export const breakGlassSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string().nullable(),
  userId: z.uuid(),
  userName: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  reason: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
  reviewStatus: z.enum(['open', 'closed']),
  reviewOutcome: z.enum(['appropriate', 'inappropriate']).nullable(),
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  recordsViewed: z.number().int(),
});
export type BreakGlass = z.infer<typeof breakGlassSchema>;
export const breakGlassListQuerySchema = z.strictObject({ status: z.enum(['open', 'closed']).default('open') });
export const breakGlassListSchema = z.object({ items: z.array(breakGlassSchema) });
export const breakGlassStartedSchema = z.object({ id: z.uuid(), expiresAt: z.string() });
export type BreakGlassStarted = z.infer<typeof breakGlassStartedSchema>;
export const reviewBreakGlassSchema = z.strictObject({
  outcome: z.enum(['appropriate', 'inappropriate']),
  note: z.string().trim().min(3).max(2000),
});
export type ReviewBreakGlass = z.infer<typeof reviewBreakGlassSchema>;
export type RevokeConsent = z.infer<typeof revokeConsentSchema>;

export const registryErrorCodes = [
  'PERSON_NOT_FOUND',
  'POSSIBLE_DUPLICATE',
  'CONSENT_NOT_FOUND',
  'CONSENT_STATE_INVALID',
  'ACCESS_RESTRICTED',
  'BREAK_GLASS_NOT_FOUND',
  'MERGE_NOT_FOUND',
  'MERGE_INVALID',
  'IDENTIFIER_TAKEN',
] as const;
