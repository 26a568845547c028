import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb, written as a JSON string; optional on insert (defaults to {}). */
type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

/** A listing organization; `member_organization_id` links it to the network member whose staff edit it. */
export interface DirectoryOrganizationsTable {
  id: Generated<string>;
  member_organization_id: string | null;
  name: string;
  description: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  /** HSDS fields and nested records Continuum does not model, kept so import → export loses nothing. */
  extra: Json;
  verified_at: Timestamp | null;
  verified_by_user_id: string | null;
  verified_by_label: string | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DirectoryLocationsTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  address1: string;
  address2: string | null;
  city: string;
  region: string;
  postal_code: string;
  country: Generated<string>;
  latitude: number;
  longitude: number;
  phone: string | null;
  time_zone: string | null;
  extra: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DirectoryServicesTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  description: string | null;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  url: string | null;
  email: string | null;
  phone: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  fees_description: string | null;
  /** Continuum taxonomy codes (published as HSDS attributes). */
  codes: Generated<string[]>;
  /** ISO 639 language codes. */
  languages: Generated<string[]>;
  schedule_note: string | null;
  extra: Json;
  verified_at: Timestamp | null;
  verified_by_user_id: string | null;
  verified_by_label: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DirectoryServiceAtLocationsTable {
  id: Generated<string>;
  service_id: string;
  location_id: string;
  extra: Json;
}

export interface DirectorySchedulesTable {
  id: Generated<string>;
  service_id: string;
  location_id: string | null;
  day_of_week: number;
  opens_at: string;
  closes_at: string;
}

export interface DirectoryCapacitiesTable {
  id: Generated<string>;
  service_id: string;
  unit: 'bed' | 'slot' | 'appointment';
  status: 'accepting' | 'waitlist' | 'not_accepting' | 'assessment_required';
  available: number;
  maximum: number | null;
  waitlist_days: number | null;
  note: string | null;
  updated_at: Timestamp;
  updated_by_user_id: string | null;
  updated_by_label: string | null;
}

export interface DirectoryCapacityHistoryTable {
  id: Generated<string>;
  service_id: string;
  unit: DirectoryCapacitiesTable['unit'];
  status: DirectoryCapacitiesTable['status'];
  available: number;
  maximum: number | null;
  waitlist_days: number | null;
  recorded_at: Timestamp;
  recorded_by_user_id: string | null;
  recorded_by_label: string | null;
}

export interface DirectoryTaxonomiesTable {
  id: string;
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
  extra: Json;
}

export interface DirectoryTaxonomyTermsTable {
  id: string;
  taxonomy_id: string | null;
  code: string | null;
  name: string;
  description: string;
  parent_id: string | null;
  extra: Json;
}

export interface DirectoryVerificationRemindersTable {
  id: Generated<string>;
  directory_organization_id: string;
  member_organization_id: string | null;
  last_verified_at: Timestamp | null;
  slot: string;
  created_at: Timestamp;
  acknowledged_at: Timestamp | null;
}

export interface DirectoryTables {
  directory_revisions: { part: 'listings' | 'capacity'; revision: ColumnType<string, string, string> };
  directory_organizations: DirectoryOrganizationsTable;
  directory_locations: DirectoryLocationsTable;
  directory_services: DirectoryServicesTable;
  directory_service_at_locations: DirectoryServiceAtLocationsTable;
  directory_schedules: DirectorySchedulesTable;
  directory_capacities: DirectoryCapacitiesTable;
  directory_capacity_history: DirectoryCapacityHistoryTable;
  directory_taxonomies: DirectoryTaxonomiesTable;
  directory_taxonomy_terms: DirectoryTaxonomyTermsTable;
  directory_verification_reminders: DirectoryVerificationRemindersTable;
}

export type DirectoryOrganizationRow = Selectable<DirectoryOrganizationsTable>;
export type DirectoryLocationRow = Selectable<DirectoryLocationsTable>;
export type DirectoryServiceRow = Selectable<DirectoryServicesTable>;
export type DirectoryCapacityRow = Selectable<DirectoryCapacitiesTable>;
