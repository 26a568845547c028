import { z } from 'zod';

/** Roles a user holds inside one organization (a membership). */
export const roles = ['network_admin', 'org_admin', 'clinician', 'care_navigator', 'partner_staff', 'analyst', 'privacy_officer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  network_admin: 'Network administrator',
  org_admin: 'Organization administrator',
  clinician: 'Clinician',
  care_navigator: 'Care navigator / peer specialist',
  partner_staff: 'Partner staff',
  analyst: 'Analyst',
  privacy_officer: 'Privacy officer',
};

/** Organization types, a fixed vocabulary. */
export const organizationTypes = [
  'emergency_department',
  'hospital',
  'primary_care',
  'opioid_treatment_program',
  'office_based_moud',
  'behavioral_health',
  'pharmacy',
  'ems',
  'law_enforcement',
  'corrections',
  'court',
  'peer_recovery',
  'harm_reduction',
  'recovery_housing',
  'social_services',
  'public_health',
  'medical_examiner',
  'payer',
  'community_faith_based',
  'other',
] as const;
export const organizationTypeSchema = z.enum(organizationTypes);
export type OrganizationType = z.infer<typeof organizationTypeSchema>;

export const organizationTypeLabels: Record<OrganizationType, string> = {
  emergency_department: 'Emergency department',
  hospital: 'Hospital',
  primary_care: 'Primary care',
  opioid_treatment_program: 'Opioid treatment program',
  office_based_moud: 'Office-based MOUD practice',
  behavioral_health: 'Behavioral health',
  pharmacy: 'Pharmacy',
  ems: 'Emergency medical services',
  law_enforcement: 'Law enforcement',
  corrections: 'Jail / corrections',
  court: 'Court / drug court',
  peer_recovery: 'Peer recovery organization',
  harm_reduction: 'Harm reduction / syringe services',
  recovery_housing: 'Recovery housing',
  social_services: 'Social services',
  public_health: 'Public health department',
  medical_examiner: 'Medical examiner',
  payer: 'Payer',
  community_faith_based: 'Community / faith-based',
  other: 'Other',
};
