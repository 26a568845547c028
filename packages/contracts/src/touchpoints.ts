import type { CareEventType } from './care-events.ts';
import type { Role } from './roles.ts';

/*
 * Touchpoints recorded at the point of care: the care events a user records on the person page
 * (`POST /api/people/:id/care-events`, validated with `careEventInputSchema` like every import), and
 * who may record each. Clinical facts (a diagnosis, medication for OUD, a urine drug test) are
 * recorded by clinicians; screening also by care navigators (the instruments are validated for
 * administration by trained non-clinicians — NIDA TAPS Tool); releases, milestones and
 * appointments by the navigators and partner staff (re-entry, housing) who see them happen.
 */
export const pointOfCareRoles = {
  screening: ['clinician', 'care_navigator'],
  diagnosis: ['clinician'],
  moud_start: ['clinician'],
  moud_dose_change: ['clinician'],
  moud_stop: ['clinician'],
  urine_drug_test: ['clinician'],
  custody_release: ['clinician', 'care_navigator', 'partner_staff'],
  recovery_milestone: ['clinician', 'care_navigator', 'partner_staff'],
  appointment_attended: ['clinician', 'care_navigator', 'partner_staff'],
  appointment_missed: ['clinician', 'care_navigator', 'partner_staff'],
} as const satisfies Partial<Record<CareEventType, readonly Role[]>>;

export type PointOfCareType = keyof typeof pointOfCareRoles;
export const pointOfCareTypes = Object.keys(pointOfCareRoles) as PointOfCareType[];

/** Whether someone with these roles (in their current organization) may record this type on the person page. */
export function mayRecordCareEvent(roles: readonly Role[], type: CareEventType): boolean {
  const allowed: readonly Role[] | undefined = (pointOfCareRoles as Partial<Record<CareEventType, readonly Role[]>>)[type];
  return allowed !== undefined && roles.some((r) => allowed.includes(r));
}

/** The types these roles may record (the forms the person page offers). */
export function recordableCareEventTypes(roles: readonly Role[]): PointOfCareType[] {
  return pointOfCareTypes.filter((type) => mayRecordCareEvent(roles, type));
}

/**
 * Who imports their own organization's care-event records (CSV, JSON, FHIR), after a preview with
 * row-level errors: clinicians, care navigators, partner staff (re-entry, housing) and administrators.
 * Always as their current organization (docs/touchpoints.md).
 */
export const careEventImportRoles = [
  'clinician',
  'care_navigator',
  'partner_staff',
  'org_admin',
  'network_admin',
] as const satisfies readonly Role[];
