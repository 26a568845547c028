import { z } from 'zod';
import { accessBases } from './consent.ts';
import { careTeamMemberSchema } from './care-team.ts';

/*
 * Person registry: people, their names, addresses, identifiers, flags and care team, and the
 * duplicate check run before registering. Every read of these goes through the server's access
 * chokepoint (see consent.ts for the vocabulary of purposes, record kinds and decisions).
 *
 * Endpoints (all authenticated; `purpose` query parameter defaults to `treatment`):
 *   GET    /api/people?q=&birthDate=&limit=          search (only people the caller may see)
 *   POST   /api/people/duplicate-check               candidates for a registration (visible only)
 *   POST   /api/people                               register ({ ...person, confirmNoDuplicate })
 *   GET    /api/people/:id                           the person record (PersonDetail)
 *   PATCH  /api/people/:id                           update demographics / flags / contact
 *   POST   /api/people/:id/identifiers               add an identifier for the caller's organization
 *   POST   /api/people/:id/care-team                 link an organization / staff member
 *   POST   /api/people/:id/care-team/:memberId/end   end a link
 *   GET    /api/people/:id/timeline                  timeline entries and restricted markers
 *   POST   /api/people/:id/events                    add a timeline entry (note, screening…)
 *   POST   /api/people/merge                         merge two records (privacy officer)
 *   POST   /api/people/merges/:id/unmerge            undo a merge (privacy officer)
 */

export const personSexes = ['female', 'male', 'unknown'] as const;
export const personSexSchema = z.enum(personSexes);

export const personFlags = ['pregnantOrPostpartum', 'veteran', 'justiceInvolved', 'unhoused'] as const;
export type PersonFlag = (typeof personFlags)[number];
export const personFlagLabels: Record<PersonFlag, string> = {
  pregnantOrPostpartum: 'Pregnant or postpartum',
  veteran: 'Veteran',
  justiceInvolved: 'Justice-involved',
  unhoused: 'Unhoused',
};

export const identifierKinds = ['mrn', 'booking_number', 'medicaid_id', 'ems_patient_id', 'pdmp_id', 'other'] as const;
export const identifierKindSchema = z.enum(identifierKinds);
export type IdentifierKind = z.infer<typeof identifierKindSchema>;
export const identifierKindLabels: Record<IdentifierKind, string> = {
  mrn: 'Medical record number',
  booking_number: 'Booking number',
  medicaid_id: 'Medicaid ID',
  ems_patient_id: 'EMS patient ID',
  pdmp_id: 'PDMP ID',
  other: 'Other identifier',
};

const nameText = z.string().trim().min(1).max(100);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const isoDate = z.iso.date();

export const personNameSchema = z.object({
  given: z.string(),
  family: z.string(),
  use: z.enum(['official', 'previous', 'alias']),
  until: z.string().nullable(),
});

export const addressSchema = z.object({
  id: z.uuid(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  areaId: z.string().nullable(),
  from: z.string().nullable(),
  until: z.string().nullable(),
  current: z.boolean(),
});

export const identifierSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  kind: identifierKindSchema,
  value: z.string(),
});

export const flagsSchema = z.object({
  pregnantOrPostpartum: z.boolean(),
  veteran: z.boolean(),
  justiceInvolved: z.boolean(),
  unhoused: z.boolean(),
});

/** A row in search results: just enough to recognise the person. */
export const personSummarySchema = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  sex: personSexSchema,
  town: z.string().nullable(),
  postalCode: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const personDetailSchema = personSummarySchema.extend({
  genderIdentity: z.string().nullable(),
  race: z.string().nullable(),
  ethnicity: z.string().nullable(),
  language: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  flags: flagsSchema,
  names: z.array(personNameSchema),
  addresses: z.array(addressSchema),
  identifiers: z.array(identifierSchema),
  careTeam: z.array(careTeamMemberSchema),
  /** Record ids merged into this one (their data shows on this record). */
  mergedFrom: z.array(z.object({ mergeId: z.uuid(), personId: z.uuid(), mergedAt: z.string() })),
  registeredByOrganizationId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** How the caller may see this person: own organization's record, care team, consent, break-glass. */
  access: z.object({ basis: z.enum(accessBases), breakGlassUntil: z.string().nullable() }),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const personSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(2).max(200).optional(),
  birthDate: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type PersonSearchQuery = z.infer<typeof personSearchQuerySchema>;
export const personSearchResultSchema = z.object({ items: z.array(personSummarySchema), hasMore: z.boolean() });
export type PersonSearchResult = z.infer<typeof personSearchResultSchema>;

const addressInput = z.strictObject({
  line1: z.string().trim().min(1).max(200),
  line2: optionalText(200),
  city: optionalText(100),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'Use a 5-digit ZIP code')
    .nullable()
    .optional(),
});

export const registerPersonSchema = z.strictObject({
  givenName: nameText,
  familyName: nameText,
  previousNames: z
    .array(z.strictObject({ given: nameText, family: nameText }))
    .max(10)
    .optional(),
  birthDate: isoDate,
  sex: personSexSchema,
  genderIdentity: optionalText(100),
  race: optionalText(100),
  ethnicity: optionalText(100),
  language: optionalText(50),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ().-]{7,25}$/, 'Use digits, spaces and + ( ) . - only')
    .nullable()
    .optional(),
  email: z.email().max(254).nullable().optional(),
  address: addressInput.nullable().optional(),
  flags: flagsSchema.partial().optional(),
  identifier: z
    .strictObject({ kind: identifierKindSchema, value: z.string().trim().min(1).max(64) })
    .nullable()
    .optional(),
  /** Set after the caller reviewed the duplicate candidates and decided this is a new person. */
  confirmNoDuplicate: z.boolean().default(false),
});
export type RegisterPerson = z.infer<typeof registerPersonSchema>;

export const updatePersonSchema = z.strictObject({
  givenName: nameText.optional(),
  familyName: nameText.optional(),
  birthDate: isoDate.optional(),
  sex: personSexSchema.optional(),
  genderIdentity: optionalText(100),
  race: optionalText(100),
  ethnicity: optionalText(100),
  language: optionalText(50),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ().-]{7,25}$/, 'Use digits, spaces and + ( ) . - only')
    .nullable()
    .optional(),
  email: z.email().max(254).nullable().optional(),
  /** A new current address; the previous one is kept in the history. */
  address: addressInput.optional(),
  flags: flagsSchema.partial().optional(),
});
export type UpdatePerson = z.infer<typeof updatePersonSchema>;

export const duplicateCheckSchema = z.strictObject({
  givenName: nameText,
  familyName: nameText,
  birthDate: isoDate,
  sex: personSexSchema.optional(),
  phone: z.string().trim().max(25).nullable().optional(),
});
export type DuplicateCheck = z.infer<typeof duplicateCheckSchema>;

export const matchReasons = [
  'same_birth_date',
  'birth_date_transposed',
  'name_sounds_alike',
  'similar_name',
  'same_phone',
  'previous_name',
  'names_swapped',
] as const;
export const duplicateCandidateSchema = z.object({
  person: personSummarySchema,
  score: z.number().min(0).max(1),
  reasons: z.array(z.enum(matchReasons)),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;
export const duplicateCheckResultSchema = z.object({
  candidates: z.array(duplicateCandidateSchema),
  /**
   * The network person index found a likely match the caller may not see. Who it is is never said:
   * the registration should ask the person, or a privacy officer (docs/person-index.md).
   */
  possibleMatchElsewhere: z.boolean().optional(),
});

export const addIdentifierSchema = z.strictObject({ kind: identifierKindSchema, value: z.string().trim().min(1).max(64) });
export type AddIdentifier = z.infer<typeof addIdentifierSchema>;

export const mergePeopleSchema = z.strictObject({
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});
export const unmergeSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export const mergeResultSchema = z.object({ mergeId: z.uuid(), survivorId: z.uuid(), mergedId: z.uuid() });
export type MergeResult = z.infer<typeof mergeResultSchema>;
