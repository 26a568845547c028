import type { OrganizationType, Role } from './roles.ts';

/*
 * Role tables that both sides read: the server decides with them (its policies and domain functions),
 * the web app hides controls that would be refused and its component-test fakes refuse like the server.
 * Written once here so the three cannot drift (docs/decisions/0015-one-web-api-layer.md).
 */

/** Staff of a member organization who may edit its directory listings and capacity (network administrators always may). */
export const listingEditorRoles: readonly Role[] = ['org_admin', 'clinician', 'care_navigator', 'partner_staff'];

/**
 * Roles that read person-level records (the registry's access decision). An administrator granting one of them
 * to themselves — on their own membership or in an API token they mint — needs a second administrator.
 */
export const personLevelRoles: readonly Role[] = ['clinician', 'care_navigator', 'partner_staff', 'privacy_officer'];

/** Who works a worklist: the owning organization's care navigators, clinicians and administrators. */
export const worklistRoles: readonly Role[] = ['care_navigator', 'clinician', 'org_admin'];

/** Who sees a person's prescribing-safety panel and records naloxone: clinicians (prescribers) and care navigators (docs/safety.md). */
export const personSafetyRoles: readonly Role[] = ['clinician', 'care_navigator'];

/** Who may run a prescribing-safety check or plan a taper (decision support and population review). */
export const safetyCheckRoles: readonly Role[] = ['clinician', 'care_navigator', 'analyst', 'network_admin'];

/** Who sees the prescriber feedback report: network-wide (network admin, analyst), their organization's (org admin), their own (clinician). */
export const prescriberReportRoles: readonly Role[] = ['network_admin', 'analyst', 'org_admin', 'clinician'];

/** What a caller may do to person records in the registry (reads are decided per record by the access decision, not by role). */
export const registryActions = [
  'person.register',
  'person.update',
  'person.identifier.add',
  'person.care-team.change',
  'person.care-team.approve',
  'person.event.add',
  'person.merge',
  'consent.write',
  'disclosures.read',
  'break-glass.start',
  'break-glass.review',
  'person.portal.invite',
] as const;
export type RegistryAction = (typeof registryActions)[number];

/** Who may take each registry action (the registry's policy). */
export const registryActionRoles: Readonly<Record<RegistryAction, readonly Role[]>> = {
  'person.register': ['clinician', 'care_navigator', 'partner_staff'],
  'person.update': ['clinician', 'care_navigator', 'partner_staff'],
  'person.identifier.add': ['clinician', 'care_navigator', 'partner_staff'],
  'person.care-team.change': ['clinician', 'care_navigator'],
  // Another organization's care-team link gives access only once confirmed (docs/privacy.md, "Care-team links").
  'person.care-team.approve': ['privacy_officer'],
  'person.event.add': ['clinician', 'care_navigator', 'partner_staff'],
  // Merging two people is a data-steward decision with consequences for who sees what.
  'person.merge': ['privacy_officer'],
  'consent.write': ['clinician', 'care_navigator', 'privacy_officer'],
  // 42 CFR 2.24/2.25: the accounting is produced by the program's privacy function.
  'disclosures.read': ['privacy_officer'],
  // 42 CFR 2.51: disclosure to medical personnel in a bona fide medical emergency.
  'break-glass.start': ['clinician'],
  'break-glass.review': ['privacy_officer'],
  // Staff who already talk with the person about their care and consent invite them to their portal (docs/portal.md).
  'person.portal.invite': ['clinician', 'care_navigator', 'privacy_officer'],
};

/** Whether any of `roles` may take the registry action. */
export function mayTakeRegistryAction(roles: readonly Role[], action: RegistryAction): boolean {
  return roles.some((role) => registryActionRoles[action].includes(role));
}

/**
 * Organization types that are Part 2 programs (federally assisted programs that hold themselves out as providing
 * SUD diagnosis, treatment or referral: 42 CFR 2.11). Their records are labelled `part2` whatever the caller asks.
 */
export const part2ProgramTypes: readonly OrganizationType[] = [
  'opioid_treatment_program',
  'office_based_moud',
  'behavioral_health',
  'peer_recovery',
];
