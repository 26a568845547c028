import type { OrganizationType, RecordKind, Role, Sensitivity } from '@continuum/contracts';

/** What a caller may do to person records (reads are decided per record by `decideAccess`). */
export const registryActions = [
  'person.register',
  'person.update',
  'person.identifier.add',
  'person.care-team.change',
  'person.event.add',
  'person.merge',
  'consent.write',
  'disclosures.read',
  'break-glass.start',
  'break-glass.review',
] as const;
export type RegistryAction = (typeof registryActions)[number];

const allowed: Record<RegistryAction, readonly Role[]> = {
  'person.register': ['clinician', 'care_navigator', 'partner_staff'],
  'person.update': ['clinician', 'care_navigator', 'partner_staff'],
  'person.identifier.add': ['clinician', 'care_navigator', 'partner_staff'],
  'person.care-team.change': ['clinician', 'care_navigator'],
  'person.event.add': ['clinician', 'care_navigator', 'partner_staff'],
  // Merging two people is a data-steward decision with consequences for who sees what.
  'person.merge': ['privacy_officer'],
  'consent.write': ['clinician', 'care_navigator', 'privacy_officer'],
  // 42 CFR 2.24/2.25: the accounting is produced by the program's privacy function.
  'disclosures.read': ['privacy_officer'],
  // 42 CFR 2.51: disclosure to medical personnel in a bona fide medical emergency.
  'break-glass.start': ['clinician'],
  'break-glass.review': ['privacy_officer'],
};

export function mayDo(roles: readonly Role[], action: RegistryAction): boolean {
  return roles.some((r) => allowed[action].includes(r));
}

/**
 * Organization types that are Part 2 programs (federally assisted programs that hold themselves
 * out as providing SUD diagnosis, treatment or referral: 42 CFR 2.11). Their records are labelled
 * `part2` whatever the caller asks.
 */
export const PART2_PROGRAM_TYPES: readonly OrganizationType[] = [
  'opioid_treatment_program',
  'office_based_moud',
  'behavioral_health',
  'peer_recovery',
];

/** The sensitivity a new record carries: Part 2 when its source is a Part 2 program or it is a counseling note; never lowered below that. */
export function recordSensitivity(orgType: OrganizationType, kind: RecordKind, requested: Sensitivity | undefined): Sensitivity {
  if (PART2_PROGRAM_TYPES.includes(orgType) || kind === 'counseling_notes' || kind === 'sud_treatment') return 'part2';
  return requested ?? 'normal';
}
