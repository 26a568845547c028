// Longer than 300 lines because it is one vocabulary: overdose events, naloxone, alerts, areas and the map are
// the overdose-response module's contract.
import { z } from 'zod';
import { personSummarySchema } from './registry.ts';

/*
 * Overdose response: overdose events (EMS, emergency departments, law enforcement, medical
 * examiners, community reports), naloxone distribution, feedback to the providers linked to a
 * person, post-overdose outreach and spike alerts.
 *
 *   POST /api/overdose/events                        recordOverdoseSchema → overdoseRecordedSchema (201)
 *   POST /api/overdose/events/import                 overdoseImportSchema → overdoseImportResultSchema (all or nothing)
 *   GET  /api/overdose/events?days=30                → overdoseEventListSchema (places coarsened to the area)
 *   GET  /api/overdose/events/:id                    → overdoseEventSchema (person, naloxone, ME note only as the chokepoint allows)
 *   POST /api/overdose/events/:id/examiner-report    examinerReportSchema → overdoseEventSchema (medical examiner organizations)
 *   POST /api/overdose/examiner-reports              examinerDeathSchema → overdoseRecordedSchema (a death not reported before)
 *   GET  /api/overdose/events/:id/nearby-services    → nearbyServicesSchema (open MOUD and harm-reduction services near the event's area)
 *   GET  /api/overdose/events/:id/feedback           → feedbackNoticeListSchema (who was told, when; privacy officers, network admins)
 *   POST /api/overdose/naloxone                      recordNaloxoneSchema → naloxoneDistributionSchema (201)
 *   GET  /api/overdose/naloxone?days=30              → naloxoneDistributionListSchema
 *   GET  /api/overdose/alerts                        → overdoseAlertListSchema
 *   POST /api/overdose/alerts/:id/acknowledge        acknowledgeAlertSchema → overdoseAlertSchema
 *   PUT  /api/overdose/alerts/subscription           alertSubscriptionSchema → alertSubscriptionSchema (the signed-in user)
 *   GET  /api/overdose/alerts/subscription           → alertSubscriptionSchema
 *   GET  /api/overdose/thresholds                    → areaThresholdListSchema
 *   PUT  /api/overdose/thresholds/:areaId            setAreaThresholdSchema → areaThresholdSchema (network administrators)
 *   GET  /api/overdose/settings                      → overdoseSettingsSchema
 *   PUT  /api/overdose/settings                      overdoseSettingsSchema → overdoseSettingsSchema (network administrators)
 *   GET  /api/overdose/map?days=7|30                 → overdoseMapSchema (areas only; small counts suppressed for analysts)
 *   GET  /api/overdose/areas/:areaId/series?days=90  → areaSeriesSchema (daily counts with alert markers)
 *   GET  /api/public/overdose/map?days=7|30          → overdoseMapSchema (public: areas with 11 or more only)
 */

export const overdosePaths = {
  events: '/api/overdose/events',
  importEvents: '/api/overdose/events/import',
  event: '/api/overdose/events/:id',
  examinerReport: '/api/overdose/events/:id/examiner-report',
  examinerDeath: '/api/overdose/examiner-reports',
  nearbyServices: '/api/overdose/events/:id/nearby-services',
  feedback: '/api/overdose/events/:id/feedback',
  naloxone: '/api/overdose/naloxone',
  alerts: '/api/overdose/alerts',
  acknowledgeAlert: '/api/overdose/alerts/:id/acknowledge',
  subscription: '/api/overdose/alerts/subscription',
  thresholds: '/api/overdose/thresholds',
  threshold: '/api/overdose/thresholds/:areaId',
  settings: '/api/overdose/settings',
  map: '/api/overdose/map',
  areaSeries: '/api/overdose/areas/:areaId/series',
  publicMap: '/api/public/overdose/map',
} as const;

/** Counts below this are never shown in public or analyst views (small-cell suppression). */
export const OVERDOSE_SMALL_CELL = 11;

export const overdoseSourceTypes = ['ems', 'emergency_department', 'law_enforcement', 'medical_examiner', 'community'] as const;
export const overdoseSourceTypeSchema = z.enum(overdoseSourceTypes);
export type OverdoseSourceType = z.infer<typeof overdoseSourceTypeSchema>;
export const overdoseSourceTypeLabels: Record<OverdoseSourceType, string> = {
  ems: 'Emergency medical services',
  emergency_department: 'Emergency department',
  law_enforcement: 'Law enforcement',
  medical_examiner: 'Medical examiner',
  community: 'Community report',
};

export const naloxoneGivers = ['ems', 'police', 'bystander', 'other'] as const;
export const naloxoneGiverSchema = z.enum(naloxoneGivers);
export type NaloxoneGiver = z.infer<typeof naloxoneGiverSchema>;
export const naloxoneGiverLabels: Record<NaloxoneGiver, string> = { ems: 'EMS', police: 'Police', bystander: 'Bystander', other: 'Other' };

export const suspectedSubstances = [
  'fentanyl',
  'heroin',
  'prescription_opioid',
  'methadone',
  'stimulant',
  'xylazine',
  'benzodiazepine',
  'alcohol',
  'unknown',
  'other',
] as const;
export const suspectedSubstanceSchema = z.enum(suspectedSubstances);
export type SuspectedSubstance = z.infer<typeof suspectedSubstanceSchema>;
export const suspectedSubstanceLabels: Record<SuspectedSubstance, string> = {
  fentanyl: 'Fentanyl',
  heroin: 'Heroin',
  prescription_opioid: 'Prescription opioid',
  methadone: 'Methadone',
  stimulant: 'Stimulant',
  xylazine: 'Xylazine',
  benzodiazepine: 'Benzodiazepine',
  alcohol: 'Alcohol',
  unknown: 'Unknown',
  other: 'Other',
};

export const overdoseDispositions = ['transported', 'refused', 'released', 'deceased', 'unknown'] as const;
export const overdoseDispositionSchema = z.enum(overdoseDispositions);
export type OverdoseDisposition = z.infer<typeof overdoseDispositionSchema>;
export const overdoseDispositionLabels: Record<OverdoseDisposition, string> = {
  transported: 'Transported',
  refused: 'Refused transport',
  released: 'Released at scene',
  deceased: 'Deceased',
  unknown: 'Unknown',
};

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

/** An overdose as a reporter enters it. Only the time and a place (area or coordinates) are required. */
export const recordOverdoseSchema = z
  .strictObject({
    occurredAt: z.iso.datetime({ offset: true }),
    /** Precise place; kept, but shown coarsened to the area. */
    latitude: latitude.optional(),
    longitude: longitude.optional(),
    /** The area (ZIP-like id); derived from the coordinates (nearest area centre) when not given. */
    areaId: z.string().trim().min(1).max(40).optional(),
    fatal: z.boolean().default(false),
    naloxoneDoses: z.number().int().min(0).max(20).default(0),
    naloxoneBy: z.array(naloxoneGiverSchema).max(4).default([]),
    suspectedSubstances: z.array(suspectedSubstanceSchema).max(10).default([]),
    disposition: overdoseDispositionSchema.default('unknown'),
    /** The person, when known (from the person search). */
    personId: z.uuid().nullable().optional(),
    /** The sender's own id: the same id from the same organization is not recorded twice. */
    externalId: z.string().trim().min(1).max(100).optional(),
    /** Naloxone kits EMS left at the scene (recorded as a leave-behind distribution with the event). */
    leaveBehindKits: z.number().int().min(0).max(20).default(0),
  })
  .refine((v) => v.areaId !== undefined || (v.latitude !== undefined && v.longitude !== undefined), {
    message: 'Give the area or both latitude and longitude',
    path: ['areaId'],
  })
  .refine((v) => (v.latitude === undefined) === (v.longitude === undefined), {
    message: 'Give both latitude and longitude',
    path: ['longitude'],
  });
export type RecordOverdose = z.input<typeof recordOverdoseSchema>;
export type RecordOverdoseParsed = z.output<typeof recordOverdoseSchema>;

export const overdoseRecordedSchema = z.object({
  id: z.uuid(),
  areaId: z.string(),
  /** The person's timeline entry, when a person was given. */
  careEventId: z.uuid().nullable(),
  /** The post-overdose outreach task, when one was made (known person, not fatal, an outreach team found). */
  outreachTaskId: z.uuid().nullable(),
  /** How many linked providers were notified. */
  notified: z.number().int(),
  /** Spike alerts this event raised (the threshold rule runs on every event). */
  alertIds: z.array(z.uuid()),
});
export type OverdoseRecorded = z.infer<typeof overdoseRecordedSchema>;

export const overdoseImportSchema = z.strictObject({
  /** CSV with a header row: occurred_at, area, latitude, longitude, fatal, naloxone_doses, naloxone_by, substances, disposition, person_id, external_id, leave_behind_kits. */
  csv: z.string().min(1).max(5_000_000),
  dryRun: z.boolean().default(false),
});
export const overdoseImportResultSchema = z.object({
  imported: z.number().int(),
  alreadyPresent: z.number().int(),
  dryRun: z.boolean(),
});
export type OverdoseImportResult = z.infer<typeof overdoseImportResultSchema>;

export const examinerReportSchema = z.strictObject({
  fatal: z.literal(true).default(true),
  /** The medical examiner's note (cause, manner, substances found); shown to linked providers the chokepoint allows. */
  note: z.string().trim().min(1).max(4000),
  suspectedSubstances: z.array(suspectedSubstanceSchema).max(10).optional(),
});
export type ExaminerReport = z.input<typeof examinerReportSchema>;

/** A death the medical examiner reports that no one reported before. */
export const examinerDeathSchema = z.strictObject({
  occurredAt: z.iso.datetime({ offset: true }),
  latitude: latitude.optional(),
  longitude: longitude.optional(),
  areaId: z.string().trim().min(1).max(40).optional(),
  suspectedSubstances: z.array(suspectedSubstanceSchema).max(10).default([]),
  personId: z.uuid().nullable().optional(),
  note: z.string().trim().min(1).max(4000),
});
export type ExaminerDeath = z.input<typeof examinerDeathSchema>;

export const overdoseEventSchema = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  /** Only for the reporting organization's own events; everyone else sees the area. */
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  fatal: z.boolean(),
  naloxoneDoses: z.number().int(),
  naloxoneBy: z.array(naloxoneGiverSchema),
  suspectedSubstances: z.array(suspectedSubstanceSchema),
  disposition: overdoseDispositionSchema,
  sourceType: overdoseSourceTypeSchema,
  reportingOrganizationId: z.uuid(),
  reportingOrganizationName: z.string(),
  /** The person, when one is linked and the chokepoint lets the reader see this record. */
  person: personSummarySchema.nullable(),
  /** A person is linked but the reader may not see who (consent needed). */
  personRestricted: z.boolean(),
  examinerNote: z.string().nullable(),
  examinerReportedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OverdoseEvent = z.infer<typeof overdoseEventSchema>;
export const overdoseEventListQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const overdoseEventListSchema = z.object({ items: z.array(overdoseEventSchema) });

export const nearbyServicesSchema = z.object({
  areaId: z.string(),
  areaName: z.string(),
  items: z.array(
    z.object({
      serviceId: z.uuid(),
      serviceName: z.string(),
      organizationName: z.string(),
      category: z.enum(['moud', 'harm_reduction']),
      distanceMiles: z.number(),
      phone: z.string().nullable(),
      address: z.string(),
      openNow: z.boolean().nullable(),
    }),
  ),
});
export type NearbyServices = z.infer<typeof nearbyServicesSchema>;

export const feedbackReasons = ['care_team', 'opioid_prescriber', 'moud_program', 'navigator'] as const;
export const feedbackReasonSchema = z.enum(feedbackReasons);
export type FeedbackReason = z.infer<typeof feedbackReasonSchema>;
export const feedbackNoticeSchema = z.object({
  userId: z.uuid(),
  userName: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  reasons: z.array(feedbackReasonSchema),
  trigger: z.enum(['reported', 'fatal']),
  notifiedAt: z.string(),
});
export const feedbackNoticeListSchema = z.object({ items: z.array(feedbackNoticeSchema) });

export const naloxoneRecipientCategories = ['person_at_risk', 'family_member', 'community_member'] as const;
export const naloxoneRecipientCategorySchema = z.enum(naloxoneRecipientCategories);
export type NaloxoneRecipientCategory = z.infer<typeof naloxoneRecipientCategorySchema>;
export const naloxoneRecipientLabels: Record<NaloxoneRecipientCategory, string> = {
  person_at_risk: 'Person at risk of overdose',
  family_member: 'Family member or friend',
  community_member: 'Community member',
};

export const recordNaloxoneSchema = z.strictObject({
  distributedAt: z.iso.datetime({ offset: true }),
  areaId: z.string().trim().min(1).max(40),
  /** Where, in words (a site or an event; not a home address). */
  place: z.string().trim().max(200).default(''),
  recipientCategory: naloxoneRecipientCategorySchema,
  kits: z.number().int().min(1).max(1000).default(1),
  /** A kit EMS left at the scene of an overdose. */
  leaveBehind: z.boolean().default(false),
  overdoseEventId: z.uuid().nullable().optional(),
  personId: z.uuid().nullable().optional(),
});
export type RecordNaloxone = z.input<typeof recordNaloxoneSchema>;
export const naloxoneDistributionSchema = z.object({
  id: z.uuid(),
  distributedAt: z.string(),
  areaId: z.string(),
  place: z.string(),
  organizationId: z.uuid(),
  recipientCategory: naloxoneRecipientCategorySchema,
  kits: z.number().int(),
  leaveBehind: z.boolean(),
  careEventId: z.uuid().nullable(),
});
export type NaloxoneDistribution = z.infer<typeof naloxoneDistributionSchema>;
export const naloxoneDistributionListSchema = z.object({
  items: z.array(naloxoneDistributionSchema),
  totalKits: z.number().int(),
});

export const alertDetectors = ['threshold', 'ears'] as const;
export const overdoseAlertSchema = z.object({
  id: z.uuid(),
  detector: z.enum(alertDetectors),
  /** null: the whole region. */
  areaId: z.string().nullable(),
  areaName: z.string(),
  startedAt: z.string(),
  /** The last day (YYYY-MM-DD) the spike was still on. */
  lastDay: z.string(),
  /** The most events in 24 hours (threshold) or the day's count (EARS); null when under 11 in an analyst's view. */
  count: z.number().int().nullable(),
  threshold: z.number().nullable(),
  /** EARS statistics of the first day (empty where not computable). */
  statistics: z.object({ c1: z.number().nullable(), c2: z.number().nullable(), c3: z.number().nullable() }).nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  annotation: z.string().nullable(),
  createdAt: z.string(),
});
export type OverdoseAlert = z.infer<typeof overdoseAlertSchema>;
export const overdoseAlertListQuerySchema = z.strictObject({
  status: z.enum(['open', 'acknowledged', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const overdoseAlertListSchema = z.object({ items: z.array(overdoseAlertSchema) });
export const acknowledgeAlertSchema = z.strictObject({ annotation: z.string().trim().max(2000).optional() });
export const alertSubscriptionSchema = z.strictObject({ subscribed: z.boolean() });

export const areaThresholdSchema = z.object({ areaId: z.string(), areaName: z.string(), threshold: z.number().int() });
export const areaThresholdListSchema = z.object({ items: z.array(areaThresholdSchema), defaultThreshold: z.number().int().nullable() });
export const setAreaThresholdSchema = z.strictObject({ threshold: z.number().int().min(1).max(1000) });
export const areaParamsSchema = z.strictObject({ areaId: z.string().trim().min(1).max(40) });

export const overdoseSettingsSchema = z.strictObject({
  /** The network's designated outreach organization, for people without a navigator on their care team. */
  outreachOrganizationId: z.uuid().nullable(),
  /** Hours until a post-overdose outreach task is due. */
  outreachDueHours: z.number().int().min(1).max(720),
  /** N for areas without a threshold of their own (null: only areas with their own are watched). */
  defaultThreshold: z.number().int().min(1).max(1000).nullable(),
  /** Floor for the EARS standard deviation (sparse areas). */
  minSigma: z.number().min(0).max(10),
});
export type OverdoseSettings = z.infer<typeof overdoseSettingsSchema>;

export const overdoseMapQuerySchema = z.strictObject({ days: z.enum(['7', '30']).default('7') });
export const overdoseMapSchema = z.object({
  days: z.number().int(),
  from: z.string(),
  to: z.string(),
  /** True when small counts are hidden (public and analyst views). */
  suppressed: z.boolean(),
  bounds: z.object({ minLatitude: z.number(), maxLatitude: z.number(), minLongitude: z.number(), maxLongitude: z.number() }),
  areas: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      latitude: z.number(),
      longitude: z.number(),
      /** null when suppressed (fewer than 11). */
      count: z.number().int().nullable(),
      openAlerts: z.number().int(),
    }),
  ),
  /** The region's total (suppressed below 11 as well). */
  total: z.number().int().nullable(),
});
export type OverdoseMap = z.infer<typeof overdoseMapSchema>;
export const areaSeriesQuerySchema = z.strictObject({ days: z.coerce.number().int().min(7).max(366).default(90) });
export const areaSeriesSchema = z.object({
  areaId: z.string(),
  areaName: z.string(),
  suppressed: z.boolean(),
  points: z.array(z.object({ date: z.string(), count: z.number().int().nullable() })),
  alerts: z.array(z.object({ id: z.uuid(), date: z.string(), detector: z.enum(alertDetectors) })),
});
export type AreaSeries = z.infer<typeof areaSeriesSchema>;
