import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type {
  CareTeamConfirmation,
  CareTeamRole,
  ConsentKind,
  ConsentStatus,
  ConsentType,
  Disclosers,
  ExpiryEvent,
  IdentifierKind,
  Purpose,
  Recipients,
  RecordKind,
  Sensitivity,
} from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string, never>;

/**
 * A person known to the network. Read only through the registry's access chokepoint
 * (`chokepoint.ts`); lint refuses selects from these tables elsewhere.
 */
export interface PeopleTable {
  id: Generated<string>;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: 'female' | 'male' | 'unknown';
  gender_identity: string | null;
  race: string | null;
  ethnicity: string | null;
  language: string | null;
  phone: string | null;
  email: Generated<string | null>;
  /** The current address (history in person_addresses). */
  address1: string | null;
  area_id: string | null;
  pregnant_or_postpartum: Generated<boolean>;
  veteran: Generated<boolean>;
  justice_involved: Generated<boolean>;
  unhoused: Generated<boolean>;
  registered_by_organization_id: Generated<string | null>;
  /** Set while this record is merged into another; reads of it resolve to the survivor. */
  merged_into_id: Generated<string | null>;
  given_phonetic: Generated<string | null>;
  family_phonetic: Generated<string | null>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PersonNamesTable {
  id: Generated<string>;
  person_id: string;
  given_name: string;
  family_name: string;
  use: 'previous' | 'alias';
  until: string | null;
  given_phonetic: string | null;
  family_phonetic: string | null;
  created_at: CreatedAt;
}

export interface PersonAddressesTable {
  id: Generated<string>;
  person_id: string;
  line1: string;
  line2: string | null;
  city: string | null;
  postal_code: string | null;
  area_id: string | null;
  valid_from: string | null;
  valid_until: string | null;
  created_at: CreatedAt;
}

export interface PersonIdentifiersTable {
  id: Generated<string>;
  person_id: string;
  organization_id: string;
  kind: IdentifierKind;
  value: string;
  created_at: CreatedAt;
}

export interface CareTeamMembersTable {
  id: Generated<string>;
  person_id: string;
  organization_id: string;
  user_id: string | null;
  role: CareTeamRole;
  since: string;
  until: string | null;
  created_at: CreatedAt;
  /** `pending`: another organization's link waiting for confirmation; it gives no access (docs/privacy.md). */
  status: ColumnType<'active' | 'pending', 'active' | 'pending' | undefined, 'active' | 'pending'>;
  added_by_organization_id: ColumnType<string | null, string | null | undefined, string | null>;
  added_by_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  confirmed_by: ColumnType<CareTeamConfirmation | null, CareTeamConfirmation | null | undefined, CareTeamConfirmation | null>;
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  confirmed_by_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PersonEventsTable {
  id: Generated<string>;
  person_id: string;
  organization_id: string;
  kind: RecordKind;
  type: string;
  sensitivity: Sensitivity;
  occurred_at: Timestamp;
  title: string;
  detail: string | null;
  /** The type's data (see careEventDataSchemas in the contracts). */
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** The module or import that wrote the event: `registry`, `import`, `referrals`, `overdose`… */
  source: ColumnType<string, string | undefined, string>;
  external_id: string | null;
  created_by_user_id: string | null;
  created_at: CreatedAt;
}

export interface PersonMergesTable {
  id: Generated<string>;
  survivor_id: string;
  merged_id: string;
  reason: string;
  merged_at: Timestamp;
  merged_by_user_id: string | null;
  unmerged_at: Timestamp | null;
  unmerged_by_user_id: string | null;
  unmerge_reason: string | null;
}

export interface ConsentsTable {
  id: Generated<string>;
  person_id: string;
  person_name: string;
  type: ConsentType;
  status: ConsentStatus;
  disclosers: JSONColumnType<Disclosers, string, string>;
  recipients: JSONColumnType<Recipients, string, string>;
  purposes: Purpose[];
  kinds: ConsentKind[];
  information_description: string;
  expires_on: string | null;
  expiry_event: ExpiryEvent | null;
  language: 'en' | 'es';
  signer_name: string | null;
  signer_relationship: 'self' | 'parent_or_guardian' | 'personal_representative' | null;
  signature_method: 'drawn' | 'attested' | null;
  signature_image: string | null;
  signed_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revocation_method: 'written' | 'electronic' | 'verbal_then_written' | null;
  revocation_note: string | null;
  expired_at: Timestamp | null;
  created_by_organization_id: string;
  created_by_user_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ConsentHistoryTable {
  id: Generated<string>;
  /** Insertion order: two transitions can share a timestamp. */
  seq: Generated<string>;
  consent_id: string;
  at: Timestamp;
  from_status: ConsentStatus | null;
  to_status: ConsentStatus;
  by_user_id: string | null;
  note: string | null;
}

export interface BreakGlassGrantsTable {
  id: Generated<string>;
  person_id: string;
  user_id: string;
  organization_id: string;
  reason: string;
  started_at: Timestamp;
  expires_at: Timestamp;
  review_status: 'open' | 'closed';
  review_outcome: 'appropriate' | 'inappropriate' | null;
  review_note: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by_user_id: string | null;
}

export interface DisclosuresTable {
  id: Generated<string>;
  occurred_at: Timestamp;
  person_id: string;
  source_organization_id: string | null;
  recipient_organization_id: string | null;
  recipient_user_id: string | null;
  recipient_token_id: string | null;
  kinds: RecordKind[];
  record_refs: JSONColumnType<{ type: string; id: string }[], string, string>;
  record_count: number;
  purpose: Purpose;
  basis: string;
  consent_id: string | null;
  break_glass_id: string | null;
  /** The qualified service organization agreement a disclosure was made under (basis `qsoa`). */
  agreement_id: ColumnType<string | null, string | null | undefined, string | null>;
  channel: 'web' | 'api' | 'fhir' | 'export';
  request_id: string | null;
}

export interface AreasTable {
  id: string;
  name: string;
  town: string;
  postal_code: string;
  latitude: number;
  longitude: number;
  population: number;
}
