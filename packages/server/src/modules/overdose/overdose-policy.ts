import type { OrganizationType, OverdoseSourceType, Role } from '@continuum/contracts';

/*
 * Who may do what in overdose response. Pure rules; the routes ask them before calling a domain
 * function.
 */

/** Staff who report overdoses and naloxone: the roles that work with people. */
export const REPORTER_ROLES: readonly Role[] = ['clinician', 'care_navigator', 'partner_staff'];

export function canRecordOverdose(roles: readonly Role[]): boolean {
  return roles.some((r) => REPORTER_ROLES.includes(r));
}

/** The source type of a report follows from the reporting organization's type. */
export function sourceTypeFor(orgType: OrganizationType): OverdoseSourceType {
  switch (orgType) {
    case 'ems':
      return 'ems';
    case 'emergency_department':
    case 'hospital':
      return 'emergency_department';
    case 'law_enforcement':
    case 'corrections':
      return 'law_enforcement';
    case 'medical_examiner':
      return 'medical_examiner';
    default:
      return 'community';
  }
}

/** Only a medical examiner's office turns an event fatal or reports a death. */
export function canReportAsExaminer(orgType: OrganizationType, roles: readonly Role[]): boolean {
  return orgType === 'medical_examiner' && canRecordOverdose(roles);
}

/**
 * What the event list and the map show. Staff who work with people see area counts in full and
 * the event list (places coarsened to the area); analysts, like the public, see only areas with
 * 11 or more (never points); anyone else sees nothing.
 */
export type OverdoseView = 'full' | 'aggregate' | 'none';
export function overdoseView(roles: readonly Role[]): OverdoseView {
  if (roles.some((r) => REPORTER_ROLES.includes(r) || r === 'privacy_officer' || r === 'network_admin')) return 'full';
  if (roles.includes('analyst')) return 'aggregate';
  return 'none';
}

/** Thresholds, settings: network administrators. */
export function canManageOverdose(roles: readonly Role[]): boolean {
  return roles.includes('network_admin');
}

/** Acknowledge and annotate alerts: staff with the full view. */
export function canAcknowledgeAlerts(roles: readonly Role[]): boolean {
  return overdoseView(roles) === 'full';
}

/** Suppress a count below the small-cell limit (public and analyst views). */
export function suppressCount(count: number, suppressed: boolean, limit: number): number | null {
  return suppressed && count < limit ? null : count;
}
