import { part2ProgramTypes, type OrganizationType, type RecordKind, type Sensitivity } from '@continuum/contracts';

/*
 * Who may take each registry action (`registryActionRoles`, `mayTakeRegistryAction`) and which organization
 * types are Part 2 programs (`part2ProgramTypes`) live in `@continuum/contracts` (role-rules.ts), so the
 * server, the web app and its fakes decide with one table (docs/decisions/0017-web-feature-front-doors.md).
 */

/** The sensitivity a new record carries: Part 2 when its source is a Part 2 program or it is a counseling note; never lowered below that. */
export function recordSensitivity(orgType: OrganizationType, kind: RecordKind, requested: Sensitivity | undefined): Sensitivity {
  if (part2ProgramTypes.includes(orgType) || kind === 'counseling_notes' || kind === 'sud_treatment') return 'part2';
  return requested ?? 'normal';
}
