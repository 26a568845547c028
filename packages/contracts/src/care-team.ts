import { z } from 'zod';

const isoDate = z.iso.date();

/*
 * A person's care team: who is linked to their care (an organization, optionally a staff member),
 * in what role, since when. Another organization's link waits for confirmation before it gives
 * access (docs/privacy.md, "Care-team links").
 *
 * Endpoints:
 *   POST   /api/people/:id/care-team                     link an organization or staff member
 *   POST   /api/people/:id/care-team/:memberId/end       end a link
 *   POST   /api/people/:id/care-team/:memberId/approve   approve a pending link (privacy officer)
 */

export const careTeamRoles = [
  'primary_care',
  'moud_prescriber',
  'opioid_treatment_program',
  'behavioral_health',
  'care_navigator',
  'peer_support',
  'case_manager',
  'emergency_department',
  'pharmacy',
  'recovery_housing',
  'probation_or_court',
  'other',
] as const;
export const careTeamRoleSchema = z.enum(careTeamRoles);
export type CareTeamRole = z.infer<typeof careTeamRoleSchema>;
export const careTeamRoleLabels: Record<CareTeamRole, string> = {
  primary_care: 'Primary care',
  moud_prescriber: 'MOUD prescriber',
  opioid_treatment_program: 'Opioid treatment program',
  behavioral_health: 'Behavioral health',
  care_navigator: 'Care navigator',
  peer_support: 'Peer recovery support',
  case_manager: 'Case manager',
  emergency_department: 'Emergency department',
  pharmacy: 'Pharmacy',
  recovery_housing: 'Recovery housing',
  probation_or_court: 'Probation or court',
  other: 'Other',
};

/** What confirms another organization's care-team link (docs/privacy.md, "Care-team links"). */
export const careTeamConfirmations = ['consent', 'referral', 'privacy_officer'] as const;
export type CareTeamConfirmation = (typeof careTeamConfirmations)[number];

export const careTeamMemberSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  role: careTeamRoleSchema,
  since: z.string(),
  until: z.string().nullable(),
  active: z.boolean(),
  /**
   * Another organization's link that waits for the person's consent naming the organization, an
   * accepted referral to it or a privacy officer's approval; until then it gives no access
   * (docs/privacy.md, "Care-team links").
   */
  pending: z.boolean(),
  /** The organization whose staff added the link (null for links made by the system or before this was recorded). */
  addedByOrganizationId: z.uuid().nullable(),
  /** How a pending link was confirmed. */
  confirmedBy: z.enum(careTeamConfirmations).nullable(),
});
export type CareTeamMember = z.infer<typeof careTeamMemberSchema>;

/** The answer to adding a care-team link: pending when it waits for consent, a referral or approval. */
export const careTeamAddedSchema = z.object({ id: z.uuid(), pending: z.boolean() });
export type CareTeamAdded = z.infer<typeof careTeamAddedSchema>;

export const addCareTeamMemberSchema = z.strictObject({
  /** Defaults to the caller's organization. */
  organizationId: z.uuid().optional(),
  userId: z.uuid().nullable().optional(),
  role: careTeamRoleSchema,
  since: isoDate.optional(),
});
export type AddCareTeamMember = z.infer<typeof addCareTeamMemberSchema>;
export const careTeamMemberParamsSchema = z.strictObject({ id: z.uuid(), memberId: z.uuid() });
