// Longer than 300 lines because it is one vocabulary: the HSDS-aligned directory and the public locator share
// every schema, code list and path here.
/**
 * The resource directory, live capacity and the public treatment locator.
 *
 * Endpoints (paths in `directoryPaths`; `:id` is a UUID):
 *
 * Public (no sign-in):
 *   GET  /api/public/locator/search        locatorSearchQuerySchema → locatorSearchResultSchema.
 *        Exactly one place: `zip`, `town`, or `lat`+`lon`. `radius` in miles (1–100, default 10).
 *        List filters are comma-separated codes (any-of within a filter, all-of across filters):
 *        medication, levelOfCare, harmReduction, support, payment, population, language.
 *        Flags: walkIn, telehealth, openNow, hasCapacity ("true"/"false"). Sorted by distance.
 *        An unknown ZIP or town → 400 PLACE_NOT_FOUND naming `querystring.zip` / `querystring.town`;
 *        a radius out of range → 400 VALIDATION_FAILED naming `querystring.radius`.
 *   GET  /api/public/locator/services/:id  → locatorServiceDetailsSchema (a details page)
 *   GET  /api/public/locator/towns         → locatorTownListSchema (for a town picker)
 *   GET  /hsds/services, /hsds/services/:id, /hsds/organizations, /hsds/organizations/:id,
 *        /hsds/service_at_locations (postcode; with proximity, metres from the postcode's centre),
 *        /hsds/taxonomies, /hsds/taxonomy_terms
 *        Open Referral HSDS 3.0 read API in the HSDS Page envelope (open data).
 *
 * Signed in (directory management; only the listing organization's staff or a network
 * administrator may change a listing; any signed-in user may read):
 *   GET   /api/directory/organizations              directoryOrganizationListQuerySchema → directoryOrganizationPageSchema
 *   POST  /api/directory/organizations              createDirectoryOrganizationSchema → directoryOrganizationSchema (201)
 *   GET   /api/directory/organizations/:id          → directoryOrganizationSchema
 *   PATCH /api/directory/organizations/:id          updateDirectoryOrganizationSchema → directoryOrganizationSchema
 *   POST  /api/directory/organizations/:id/verify   (no body) → directoryOrganizationSchema (listing verified now, by you)
 *   GET   /api/directory/organizations/:id/locations → directoryLocationListSchema (?limit&offset)
 *   POST  /api/directory/organizations/:id/locations createDirectoryLocationSchema → directoryLocationSchema (201)
 *   PATCH /api/directory/locations/:id              updateDirectoryLocationSchema → directoryLocationSchema
 *   GET   /api/directory/organizations/:id/services → directoryServiceListSchema
 *   POST  /api/directory/organizations/:id/services createDirectoryServiceSchema → directoryServiceSchema (201)
 *   GET   /api/directory/services/:id               → directoryServiceSchema
 *   PATCH /api/directory/services/:id               updateDirectoryServiceSchema → directoryServiceSchema
 *   PUT   /api/directory/services/:id/schedules     replaceSchedulesSchema → directoryServiceSchema (replaces the weekly hours)
 *   POST  /api/directory/services/:id/capacity      updateCapacitySchema → capacityStatusSchema (one action; history kept)
 *   GET   /api/directory/services/:id/capacity/history → capacityHistorySchema
 *   GET   /api/directory/verification-reminders     → verificationReminderListSchema (for the signed-in organization)
 */
import { z } from 'zod';
import { pageOf, pageQuerySchema, webAddressSchema } from './common.ts';

export const directoryPaths = {
  locatorSearch: '/api/public/locator/search',
  locatorService: '/api/public/locator/services/:id',
  locatorTowns: '/api/public/locator/towns',
  organizations: '/api/directory/organizations',
  organization: '/api/directory/organizations/:id',
  organizationVerify: '/api/directory/organizations/:id/verify',
  organizationLocations: '/api/directory/organizations/:id/locations',
  organizationServices: '/api/directory/organizations/:id/services',
  location: '/api/directory/locations/:id',
  service: '/api/directory/services/:id',
  serviceSchedules: '/api/directory/services/:id/schedules',
  serviceCapacity: '/api/directory/services/:id/capacity',
  serviceCapacityHistory: '/api/directory/services/:id/capacity/history',
  verificationReminders: '/api/directory/verification-reminders',
  hsdsServices: '/hsds/services',
  hsdsService: '/hsds/services/:id',
  hsdsOrganizations: '/hsds/organizations',
  hsdsOrganization: '/hsds/organizations/:id',
  hsdsServiceAtLocations: '/hsds/service_at_locations',
  hsdsTaxonomies: '/hsds/taxonomies',
  hsdsTaxonomyTerms: '/hsds/taxonomy_terms',
} as const;

/** Fills the `:id` of a path from `directoryPaths`. */
export function directoryPath(path: string, id: string): string {
  return path.replace(':id', encodeURIComponent(id));
}

// ── Taxonomy ─────────────────────────────────────────────────────────────────
/**
 * The Continuum OUD-care taxonomy. Published in HSDS as a `taxonomy` whose `taxonomy_term.code`s
 * are these codes, attached to services as `attribute`s. Codes reuse SAMHSA FindTreatment.gov's
 * filter codes where one exists (METH, BU, NU, OP, RES, HI, MD, MC, PI, SS, NP, ITU, MI, VET, GL,
 * TELE) — `../shared/reference/referral-directory-consent.md` §4 "Filter codes exposed in the UI".
 */
export const taxonomyCategories = ['medication', 'level_of_care', 'harm_reduction', 'support', 'payment', 'population', 'access'] as const;
export const taxonomyCategorySchema = z.enum(taxonomyCategories);
export type TaxonomyCategory = z.infer<typeof taxonomyCategorySchema>;

interface TermDefinition {
  readonly category: TaxonomyCategory;
  readonly en: string;
  readonly es: string;
}

export const taxonomyTerms = {
  // Medications for OUD
  METH: { category: 'medication', en: 'Methadone', es: 'Metadona' },
  BU: { category: 'medication', en: 'Buprenorphine', es: 'Buprenorfina' },
  NU: { category: 'medication', en: 'Extended-release naltrexone', es: 'Naltrexona de liberación prolongada' },
  MOUD_SAME_DAY: { category: 'medication', en: 'Same-day medication start', es: 'Inicio de medicamento el mismo día' },
  MOUD_CONTINUE: { category: 'medication', en: 'Continues an existing prescription', es: 'Continúa una receta existente' },
  // Level of care
  OP: { category: 'level_of_care', en: 'Outpatient', es: 'Ambulatorio' },
  IOP: { category: 'level_of_care', en: 'Intensive outpatient', es: 'Ambulatorio intensivo' },
  RES: { category: 'level_of_care', en: 'Residential', es: 'Residencial' },
  WM_IP: { category: 'level_of_care', en: 'Withdrawal management (inpatient)', es: 'Manejo de abstinencia (hospitalizado)' },
  WM_OP: { category: 'level_of_care', en: 'Withdrawal management (outpatient)', es: 'Manejo de abstinencia (ambulatorio)' },
  OTP: { category: 'level_of_care', en: 'Opioid treatment program', es: 'Programa de tratamiento de opioides' },
  HI: { category: 'level_of_care', en: 'Hospital', es: 'Hospital' },
  // Harm reduction
  NALOXONE: { category: 'harm_reduction', en: 'Naloxone distribution', es: 'Distribución de naloxona' },
  SSP: { category: 'harm_reduction', en: 'Syringe services', es: 'Servicios de jeringas' },
  FTS: { category: 'harm_reduction', en: 'Fentanyl test strips', es: 'Tiras de prueba de fentanilo' },
  DRUG_CHECK: { category: 'harm_reduction', en: 'Drug checking', es: 'Análisis de sustancias' },
  // Support and other services
  SCREEN: { category: 'support', en: 'Screening and assessment', es: 'Evaluación y diagnóstico' },
  CBT: { category: 'support', en: 'Cognitive behavioral therapy', es: 'Terapia cognitivo-conductual' },
  DBT: { category: 'support', en: 'Dialectical behavior therapy', es: 'Terapia dialéctica conductual' },
  MOT_INT: { category: 'support', en: 'Motivational interviewing', es: 'Entrevista motivacional' },
  CM: { category: 'support', en: 'Contingency management', es: 'Manejo de contingencias' },
  FAM: { category: 'support', en: 'Family therapy', es: 'Terapia familiar' },
  PEER: { category: 'support', en: 'Peer recovery support', es: 'Apoyo de pares en recuperación' },
  MUTUAL_AID: { category: 'support', en: 'Mutual-aid meetings', es: 'Reuniones de ayuda mutua' },
  HOUSING: { category: 'support', en: 'Recovery housing', es: 'Vivienda de recuperación' },
  EMPLOY: { category: 'support', en: 'Employment', es: 'Empleo' },
  LEGAL: { category: 'support', en: 'Legal aid', es: 'Asistencia legal' },
  TRANSPORT: { category: 'support', en: 'Transportation', es: 'Transporte' },
  CHILDCARE: { category: 'support', en: 'Childcare', es: 'Cuidado infantil' },
  FOOD: { category: 'support', en: 'Food', es: 'Alimentos' },
  MH: { category: 'support', en: 'Mental health', es: 'Salud mental' },
  PRIMARY: { category: 'support', en: 'Primary care', es: 'Atención primaria' },
  // Payment
  MD: { category: 'payment', en: 'Medicaid', es: 'Medicaid' },
  MC: { category: 'payment', en: 'Medicare', es: 'Medicare' },
  PI: { category: 'payment', en: 'Private insurance', es: 'Seguro privado' },
  SS: { category: 'payment', en: 'Uninsured / sliding fee', es: 'Sin seguro / tarifa escalonada' },
  NP: { category: 'payment', en: 'Free', es: 'Gratis' },
  ITU: { category: 'payment', en: 'IHS / tribal', es: 'IHS / tribal' },
  MI: { category: 'payment', en: 'Military insurance', es: 'Seguro militar' },
  // Populations served
  ADOL: { category: 'population', en: 'Adolescents', es: 'Adolescentes' },
  YA: { category: 'population', en: 'Young adults', es: 'Adultos jóvenes' },
  PREG: { category: 'population', en: 'Pregnant and postpartum people', es: 'Personas embarazadas y en posparto' },
  REENTRY: { category: 'population', en: 'People leaving incarceration', es: 'Personas que salen de la cárcel' },
  VET: { category: 'population', en: 'Veterans', es: 'Veteranos' },
  GL: { category: 'population', en: 'LGBTQ+ people', es: 'Personas LGBTQ+' },
  OLDER: { category: 'population', en: 'Older adults', es: 'Adultos mayores' },
  // Access
  TELE: { category: 'access', en: 'Telehealth', es: 'Telesalud' },
  WALKIN: { category: 'access', en: 'Walk-in', es: 'Sin cita' },
} as const satisfies Record<string, TermDefinition>;

export type TaxonomyCode = keyof typeof taxonomyTerms;
export const taxonomyCodes = Object.keys(taxonomyTerms) as [TaxonomyCode, ...TaxonomyCode[]];
export const taxonomyCodeSchema = z.enum(taxonomyCodes);

/** Codes of one category, in declaration order. */
export function taxonomyCodesOf(category: TaxonomyCategory): TaxonomyCode[] {
  return taxonomyCodes.filter((c) => taxonomyTerms[c].category === category);
}

export const taxonomyCategoryLabels: Record<TaxonomyCategory, { en: string; es: string }> = {
  medication: { en: 'Medication', es: 'Medicamento' },
  level_of_care: { en: 'Level of care', es: 'Nivel de atención' },
  harm_reduction: { en: 'Harm reduction', es: 'Reducción de daños' },
  support: { en: 'Support and services', es: 'Apoyo y servicios' },
  payment: { en: 'Payment', es: 'Pago' },
  population: { en: 'Populations served', es: 'Poblaciones atendidas' },
  access: { en: 'Access', es: 'Acceso' },
};

/** Languages a listing can offer (ISO 639 codes, as in HSDS `language.code`). */
export const directoryLanguages = {
  en: { en: 'English', es: 'Inglés' },
  es: { en: 'Spanish', es: 'Español' },
  vi: { en: 'Vietnamese', es: 'Vietnamita' },
  zh: { en: 'Chinese', es: 'Chino' },
  ru: { en: 'Russian', es: 'Ruso' },
  uk: { en: 'Ukrainian', es: 'Ucraniano' },
  ar: { en: 'Arabic', es: 'Árabe' },
  ko: { en: 'Korean', es: 'Coreano' },
  tl: { en: 'Tagalog', es: 'Tagalo' },
  so: { en: 'Somali', es: 'Somalí' },
  ht: { en: 'Haitian Creole', es: 'Criollo haitiano' },
  fr: { en: 'French', es: 'Francés' },
  ase: { en: 'American Sign Language', es: 'Lengua de señas americana' },
} as const;
export type DirectoryLanguage = keyof typeof directoryLanguages;
export const directoryLanguageCodes = Object.keys(directoryLanguages) as [DirectoryLanguage, ...DirectoryLanguage[]];
export const directoryLanguageSchema = z.enum(directoryLanguageCodes);

// ── Capacity ─────────────────────────────────────────────────────────────────
/**
 * Capacity status, after the Gravity SDOHCC capacity-status codes (`capacity`, `no-capacity`,
 * `waitlist`, `additional-assessment-required`) — reference §2.7. Counts follow HSDS 3.1
 * `service_capacity` (available, maximum, unit, updated).
 */
export const capacityStatuses = ['accepting', 'waitlist', 'not_accepting', 'assessment_required'] as const;
export const capacityStatusCodeSchema = z.enum(capacityStatuses);
export type CapacityStatusCode = z.infer<typeof capacityStatusCodeSchema>;
export const capacityStatusLabels: Record<CapacityStatusCode, { en: string; es: string }> = {
  accepting: { en: 'Accepting new people', es: 'Acepta personas nuevas' },
  waitlist: { en: 'Waitlist', es: 'Lista de espera' },
  not_accepting: { en: 'Not accepting now', es: 'No acepta por ahora' },
  assessment_required: { en: 'Assessment required first', es: 'Requiere evaluación previa' },
};

export const capacityUnits = ['bed', 'slot', 'appointment'] as const;
export const capacityUnitSchema = z.enum(capacityUnits);
export type CapacityUnit = z.infer<typeof capacityUnitSchema>;
export const capacityUnitLabels: Record<CapacityUnit, { en: string; es: string }> = {
  bed: { en: 'beds', es: 'camas' },
  slot: { en: 'slots', es: 'cupos' },
  appointment: { en: 'appointments', es: 'citas' },
};

/** "Not confirmed recently": the label shown when a capacity badge is stale. */
export const staleCapacityLabel = { en: 'Not confirmed recently', es: 'No confirmado recientemente' } as const;

export const updateCapacitySchema = z
  .strictObject({
    unit: capacityUnitSchema,
    status: capacityStatusCodeSchema,
    available: z.number().int().min(0).max(100_000),
    maximum: z.number().int().min(0).max(100_000).nullable().optional(),
    waitlistDays: z.number().int().min(0).max(365).nullable().optional().describe('Expected wait, with status "waitlist"'),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.maximum != null && v.available > v.maximum) {
      ctx.addIssue({ code: 'custom', path: ['available'], message: 'Must not exceed maximum' });
    }
    if (v.waitlistDays != null && v.status !== 'waitlist') {
      ctx.addIssue({ code: 'custom', path: ['waitlistDays'], message: 'Only with status "waitlist"' });
    }
  });
export type UpdateCapacity = z.infer<typeof updateCapacitySchema>;

/** The current capacity of one service for one unit. `stale` is true once older than the configured hours (24 by default). */
export const capacityStatusSchema = z.object({
  serviceId: z.uuid(),
  unit: capacityUnitSchema,
  status: capacityStatusCodeSchema,
  available: z.number().int(),
  maximum: z.number().int().nullable(),
  waitlistDays: z.number().int().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedByLabel: z.string().nullable().describe('Display name of who confirmed it, or "import"'),
  ageMinutes: z.number().int().describe('Minutes since updatedAt, at the time of the response'),
  stale: z.boolean().describe('Show "not confirmed recently", never as current'),
});
export type CapacityStatus = z.infer<typeof capacityStatusSchema>;

export const capacityHistoryEntrySchema = z.object({
  unit: capacityUnitSchema,
  status: capacityStatusCodeSchema,
  available: z.number().int(),
  maximum: z.number().int().nullable(),
  waitlistDays: z.number().int().nullable(),
  recordedAt: z.string(),
  recordedByLabel: z.string().nullable(),
});
export const capacityHistorySchema = z.object({ items: z.array(capacityHistoryEntrySchema) });
export type CapacityHistoryEntry = z.infer<typeof capacityHistoryEntrySchema>;

// ── Schedules ────────────────────────────────────────────────────────────────
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (24-hour)');

/** Weekly opening hours. dayOfWeek: 1 = Monday … 7 = Sunday (ISO). closesAt before opensAt crosses midnight. */
export const scheduleEntrySchema = z
  .strictObject({
    locationId: z.uuid().nullable().optional().describe('Hours at one location only; absent = every location of the service'),
    dayOfWeek: z.number().int().min(1).max(7),
    opensAt: clockTime,
    closesAt: clockTime,
  })
  .refine((v) => v.opensAt !== v.closesAt, { path: ['closesAt'], message: 'Must differ from opensAt' });
export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;

export const replaceSchedulesSchema = z.strictObject({
  items: z.array(scheduleEntrySchema).max(100),
  note: z.string().trim().max(500).nullable().optional().describe('e.g. "Closed on public holidays"'),
});
export type ReplaceSchedules = z.infer<typeof replaceSchedulesSchema>;

// ── Management: organizations, locations, services ───────────────────────────
const name = z.string().trim().min(1).max(200);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const phone = z
  .string()
  .trim()
  .regex(/^[0-9()+\-. ]{7,30}$/, 'Expected a phone number')
  .nullable()
  .optional();

export const directoryOrganizationSchema = z.object({
  id: z.uuid(),
  memberOrganizationId: z
    .uuid()
    .nullable()
    .describe('The network member organization whose staff edit this listing; null for a non-member'),
  name: z.string(),
  description: z.string().nullable(),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedByLabel: z.string().nullable(),
  serviceCount: z.number().int(),
  locationCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DirectoryOrganization = z.infer<typeof directoryOrganizationSchema>;

export const createDirectoryOrganizationSchema = z.strictObject({
  name,
  memberOrganizationId: z.uuid().nullable().optional(),
  description: optionalText(4000),
  website: webAddressSchema.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  phone,
});
export type CreateDirectoryOrganization = z.infer<typeof createDirectoryOrganizationSchema>;
export const updateDirectoryOrganizationSchema = createDirectoryOrganizationSchema.partial().strict();
export type UpdateDirectoryOrganization = z.infer<typeof updateDirectoryOrganizationSchema>;

export const directoryOrganizationListQuerySchema = pageQuerySchema.extend({
  memberOrganizationId: z.uuid().optional(),
  unverifiedForDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export const directoryOrganizationPageSchema = pageOf(directoryOrganizationSchema);

export const directoryLocationSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  name: z.string(),
  address1: z.string(),
  address2: z.string().nullable(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  phone: z.string().nullable(),
  timeZone: z.string().nullable().describe("IANA zone; null = the server's configured zone"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DirectoryLocation = z.infer<typeof directoryLocationSchema>;

export const createDirectoryLocationSchema = z.strictObject({
  name,
  address1: z.string().trim().min(1).max(200),
  address2: optionalText(200),
  city: z.string().trim().min(1).max(100),
  region: z.string().trim().min(2).max(50),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'Expected a 5-digit postal code'),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  phone,
  timeZone: z.string().trim().min(1).max(64).nullable().optional(),
});
export type CreateDirectoryLocation = z.infer<typeof createDirectoryLocationSchema>;
export const updateDirectoryLocationSchema = createDirectoryLocationSchema.partial().strict();
export type UpdateDirectoryLocation = z.infer<typeof updateDirectoryLocationSchema>;
/** A listing's locations, a page at a time (`listPageQuerySchema`). */
export const directoryLocationListSchema = pageOf(directoryLocationSchema);

export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export const serviceStatusSchema = z.enum(serviceStatuses);

export const directoryServiceSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: serviceStatusSchema,
  url: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  eligibilityDescription: z.string().nullable(),
  minimumAge: z.number().int().nullable(),
  maximumAge: z.number().int().nullable(),
  feesDescription: z.string().nullable(),
  codes: z.array(taxonomyCodeSchema),
  languages: z.array(z.string()),
  locationIds: z.array(z.uuid()),
  schedules: z.array(z.object({ locationId: z.uuid().nullable(), dayOfWeek: z.number().int(), opensAt: z.string(), closesAt: z.string() })),
  scheduleNote: z.string().nullable(),
  capacities: z.array(capacityStatusSchema),
  verifiedAt: z.string().nullable(),
  verifiedByLabel: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DirectoryService = z.infer<typeof directoryServiceSchema>;

export const createDirectoryServiceSchema = z.strictObject({
  name,
  description: optionalText(4000),
  status: serviceStatusSchema.default('active'),
  url: webAddressSchema.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  phone,
  eligibilityDescription: optionalText(2000),
  minimumAge: z.number().int().min(0).max(120).nullable().optional(),
  maximumAge: z.number().int().min(0).max(120).nullable().optional(),
  feesDescription: optionalText(2000),
  codes: z.array(taxonomyCodeSchema).max(60).default([]),
  languages: z.array(directoryLanguageSchema).max(20).default([]),
  locationIds: z.array(z.uuid()).max(200).default([]).describe('Locations of the same organization where it is offered'),
});
export type CreateDirectoryService = z.input<typeof createDirectoryServiceSchema>;
export const updateDirectoryServiceSchema = z.strictObject({
  name: name.optional(),
  description: optionalText(4000),
  status: serviceStatusSchema.optional(),
  url: webAddressSchema.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  phone,
  eligibilityDescription: optionalText(2000),
  minimumAge: z.number().int().min(0).max(120).nullable().optional(),
  maximumAge: z.number().int().min(0).max(120).nullable().optional(),
  feesDescription: optionalText(2000),
  codes: z.array(taxonomyCodeSchema).max(60).optional(),
  languages: z.array(directoryLanguageSchema).max(20).optional(),
  locationIds: z.array(z.uuid()).max(200).optional(),
});
export type UpdateDirectoryService = z.infer<typeof updateDirectoryServiceSchema>;
export const directoryServiceListSchema = z.object({ items: z.array(directoryServiceSchema) });

export const verificationReminderSchema = z.object({
  id: z.uuid(),
  directoryOrganizationId: z.uuid(),
  directoryOrganizationName: z.string(),
  lastVerifiedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type VerificationReminder = z.infer<typeof verificationReminderSchema>;
export const verificationReminderListSchema = z.object({ items: z.array(verificationReminderSchema) });

// ── Public locator ───────────────────────────────────────────────────────────
export const locatorRadiusMiles = { min: 1, max: 100, default: 10 } as const;

function codeList<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    .pipe(z.array(z.enum(values)).max(values.length));
}
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const locatorSearchQuerySchema = z.strictObject({
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'Expected a 5-digit ZIP code')
    .optional(),
  town: z.string().trim().min(2).max(100).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  radius: z.coerce.number().min(locatorRadiusMiles.min).max(locatorRadiusMiles.max).default(locatorRadiusMiles.default),
  medication: codeList(taxonomyCodesOf('medication') as [string, ...string[]]).optional(),
  levelOfCare: codeList(taxonomyCodesOf('level_of_care') as [string, ...string[]]).optional(),
  harmReduction: codeList(taxonomyCodesOf('harm_reduction') as [string, ...string[]]).optional(),
  support: codeList(taxonomyCodesOf('support') as [string, ...string[]]).optional(),
  payment: codeList(taxonomyCodesOf('payment') as [string, ...string[]]).optional(),
  population: codeList(taxonomyCodesOf('population') as [string, ...string[]]).optional(),
  language: codeList(directoryLanguageCodes).optional(),
  walkIn: flag.optional(),
  telehealth: flag.optional(),
  openNow: flag.optional(),
  hasCapacity: flag.optional().describe('Only services whose fresh capacity says accepting with something available'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type LocatorSearchQuery = z.infer<typeof locatorSearchQuerySchema>;
/** The query as the web app writes it (before coercion): every value a string. */
export type LocatorSearchParams = Partial<Record<keyof LocatorSearchQuery, string>>;

export const capacityBadgeSchema = z.object({
  unit: capacityUnitSchema,
  status: capacityStatusCodeSchema,
  available: z.number().int(),
  maximum: z.number().int().nullable(),
  waitlistDays: z.number().int().nullable(),
  updatedAt: z.string(),
  ageMinutes: z.number().int(),
  stale: z.boolean().describe('True → show "not confirmed recently", never as current'),
});
export type CapacityBadge = z.infer<typeof capacityBadgeSchema>;

export const hoursSchema = z.object({ dayOfWeek: z.number().int(), opensAt: z.string(), closesAt: z.string() });

export const locatorPlaceSchema = z.object({
  label: z.string().describe('e.g. "97104 · Alder Falls" or "Your location"'),
  latitude: z.number(),
  longitude: z.number(),
  source: z.enum(['network', 'us_zip', 'coordinates']),
});

export const directionsSchema = z.object({
  url: z.string().describe('Opens a map with directions to the location'),
  latitude: z.number(),
  longitude: z.number(),
  address: z.string(),
});

export const locatorResultSchema = z.object({
  serviceId: z.uuid(),
  locationId: z.uuid(),
  organizationId: z.uuid(),
  serviceName: z.string(),
  organizationName: z.string(),
  locationName: z.string(),
  description: z.string().nullable(),
  distanceMiles: z.number().describe('Great-circle distance, rounded to 0.1 mile'),
  address: z.object({
    address1: z.string(),
    address2: z.string().nullable(),
    city: z.string(),
    region: z.string(),
    postalCode: z.string(),
  }),
  phone: z.string().nullable(),
  directions: directionsSchema,
  codes: z.array(taxonomyCodeSchema),
  languages: z.array(z.string()),
  walkIn: z.boolean(),
  telehealth: z.boolean(),
  hours: z.array(hoursSchema),
  hoursNote: z.string().nullable(),
  timeZone: z.string(),
  openNow: z.boolean().nullable().describe('null when no hours are listed'),
  capacity: capacityBadgeSchema.nullable(),
  verifiedAt: z.string().nullable(),
});
export type LocatorResult = z.infer<typeof locatorResultSchema>;

export const locatorSearchResultSchema = z.object({
  place: locatorPlaceSchema,
  radiusMiles: z.number(),
  total: z.number().int(),
  items: z.array(locatorResultSchema),
});
export type LocatorSearchResult = z.infer<typeof locatorSearchResultSchema>;

export const locatorServiceDetailsSchema = z.object({
  serviceId: z.uuid(),
  organizationId: z.uuid(),
  serviceName: z.string(),
  organizationName: z.string(),
  description: z.string().nullable(),
  organizationDescription: z.string().nullable(),
  url: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  eligibilityDescription: z.string().nullable(),
  minimumAge: z.number().int().nullable(),
  maximumAge: z.number().int().nullable(),
  feesDescription: z.string().nullable(),
  codes: z.array(taxonomyCodeSchema),
  languages: z.array(z.string()),
  walkIn: z.boolean(),
  telehealth: z.boolean(),
  capacities: z.array(capacityBadgeSchema),
  verifiedAt: z.string().nullable(),
  locations: z.array(
    z.object({
      locationId: z.uuid(),
      name: z.string(),
      address: z.object({
        address1: z.string(),
        address2: z.string().nullable(),
        city: z.string(),
        region: z.string(),
        postalCode: z.string(),
      }),
      phone: z.string().nullable(),
      directions: directionsSchema,
      hours: z.array(hoursSchema),
      timeZone: z.string(),
      openNow: z.boolean().nullable(),
    }),
  ),
  hoursNote: z.string().nullable(),
});
export type LocatorServiceDetails = z.infer<typeof locatorServiceDetailsSchema>;

export const locatorTownListSchema = z.object({
  items: z.array(z.object({ town: z.string(), postalCode: z.string(), latitude: z.number(), longitude: z.number() })),
});

// ── HSDS API ─────────────────────────────────────────────────────────────────
/** The HSDS 3.0 API Page envelope. `contents` items are HSDS objects (validated against the official schemas). */
export function hsdsPageOf<T extends z.ZodType>(item: T) {
  return z.object({
    total_items: z.number().int(),
    total_pages: z.number().int(),
    page_number: z.number().int(),
    size: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });
}
export const hsdsObjectSchema = z.looseObject({ id: z.string() });
export const hsdsPageSchema = hsdsPageOf(hsdsObjectSchema);
export const hsdsPageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
  search: z.string().trim().max(200).optional(),
  taxonomy_term_id: z.string().max(100).optional(),
  organization_id: z.string().max(100).optional(),
  postcode: z.string().trim().max(20).optional(),
  proximity: z.coerce.number().positive().max(500_000).optional().describe('Metres from the centroid of `postcode` (HSDS 3.0 API)'),
  full: z.enum(['true', 'false']).optional(),
});
export type HsdsPageQuery = z.infer<typeof hsdsPageQuerySchema>;
