import type { ColumnType, Generated, Selectable } from 'kysely';
import type {
  OrganizationType,
  PathwayCriterion,
  PathwayDocument,
  PathwayField,
  ReferralServiceKind,
  ReferralState,
  ReferralUrgency,
  Sensitivity,
} from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb: read as the value, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

export interface ReferralPathwaysTable {
  id: Generated<string>;
  current_version: number;
  receiver_organization_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReferralPathwayVersionsTable {
  pathway_id: string;
  version: number;
  name: string;
  description: string | null;
  referrer_organization_types: OrganizationType[];
  referrer_organization_ids: string[];
  receiver_organization_id: string;
  service_ids: string[];
  inclusion_criteria: Json<PathwayCriterion[]>;
  exclusion_criteria: Json<PathwayCriterion[]>;
  required_fields: Json<PathwayField[]>;
  required_documents: Json<PathwayDocument[]>;
  ack_hours: number;
  first_contact_days: number;
  warm_handoff_expected: boolean;
  receiver_contact: Json<{ name: string; phone?: string | null; email?: string | null }>;
  /** YYYY-MM-DD. */
  active_from: string;
  active_until: string | null;
  created_at: Timestamp;
  created_by_user_id: string | null;
}
export type PathwayVersionRow = Selectable<ReferralPathwayVersionsTable>;

export interface ReferralsTable {
  id: Generated<string>;
  person_id: string;
  pathway_id: string;
  pathway_version: number;
  service_id: string;
  service_kind: ReferralServiceKind;
  location_id: string | null;
  sender_organization_id: string;
  sender_user_id: string | null;
  receiver_organization_id: string;
  reason: string;
  urgency: ReferralUrgency;
  purpose: 'treatment' | 'care_coordination';
  answers: Json<Record<string, string | boolean>>;
  criteria_confirmed: string[];
  consent_id: string | null;
  sensitivity: Sensitivity;
  status: ReferralState;
  status_before_hold: ReferralState | null;
  status_reason: string | null;
  outcome: string | null;
  appointment_at: Timestamp | null;
  ack_due_at: Timestamp;
  first_contact_due_at: Timestamp;
  acknowledged_at: Timestamp | null;
  first_contact_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** Set when the deadline job escalated the missed acknowledgment (once per referral). */
  ack_escalated_at: Timestamp | null;
  contact_escalated_at: Timestamp | null;
  /** currentDeadline(): kept on every change so lists walk an index in deadline order; null when closed or on hold. */
  next_deadline_at: Timestamp | null;
  /** The sending system's id (FHIR ServiceRequest.identifier), unique per sender. */
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type ReferralRow = Selectable<ReferralsTable>;

export interface ReferralTransitionsTable {
  id: Generated<string>;
  /** Insertion order (bigint as a string). */
  seq: Generated<string>;
  referral_id: string;
  event: string;
  from_state: ReferralState | null;
  to_state: ReferralState;
  at: Timestamp;
  by_user_id: string | null;
  by_organization_id: string | null;
  reason: string | null;
  outcome: string | null;
  appointment_at: Timestamp | null;
  note: string | null;
}

export interface ReferralHandoffsTable {
  referral_id: string;
  mode: 'in_person' | 'phone' | 'video' | 'escorted';
  at: Timestamp;
  sender_staff_name: string;
  receiver_staff_name: string;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by_user_id: string | null;
}

export interface ReferralAttachmentsTable {
  id: Generated<string>;
  referral_id: string;
  file_name: string;
  content_type: 'application/pdf' | 'image/png' | 'image/jpeg' | 'text/plain';
  size: number;
  sha256: string;
  /** Random file name under the data directory's `referral-attachments/`. */
  storage_name: string;
  document_key: string | null;
  uploaded_at: Timestamp;
  uploaded_by_user_id: string | null;
  uploaded_by_organization_id: string | null;
}

export interface ReferralTables {
  referral_pathways: ReferralPathwaysTable;
  referral_pathway_versions: ReferralPathwayVersionsTable;
  referrals: ReferralsTable;
  referral_transitions: ReferralTransitionsTable;
  referral_handoffs: ReferralHandoffsTable;
  referral_attachments: ReferralAttachmentsTable;
}
