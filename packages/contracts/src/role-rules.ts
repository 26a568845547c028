import type { Role } from './roles.ts';

/*
 * Role tables that both sides read: the server decides with them (its policies and domain functions),
 * the web app hides controls that would be refused and its component-test fakes refuse like the server.
 * Written once here so the three cannot drift (docs/decisions/0015-one-web-api-layer.md).
 */

/** Staff of a member organization who may edit its directory listings and capacity (network administrators always may). */
export const listingEditorRoles: readonly Role[] = ['org_admin', 'clinician', 'care_navigator', 'partner_staff'];

/** Who works a worklist: the owning organization's care navigators, clinicians and administrators. */
export const worklistRoles: readonly Role[] = ['care_navigator', 'clinician', 'org_admin'];

/** Who sees a person's prescribing-safety panel and records naloxone: clinicians (prescribers) and care navigators (docs/safety.md). */
export const personSafetyRoles: readonly Role[] = ['clinician', 'care_navigator'];

/** Who may run a prescribing-safety check or plan a taper (decision support and population review). */
export const safetyCheckRoles: readonly Role[] = ['clinician', 'care_navigator', 'analyst', 'network_admin'];

/** Who sees the prescriber feedback report: network-wide (network admin, analyst), their organization's (org admin), their own (clinician). */
export const prescriberReportRoles: readonly Role[] = ['network_admin', 'analyst', 'org_admin', 'clinician'];
