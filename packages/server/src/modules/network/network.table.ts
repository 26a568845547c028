import type { ColumnType, Generated } from 'kysely';
import type { AgreementKind, AgreementStatus, PartyRole, Purpose, RecordKind } from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

export interface AgreementPersonRow {
  name: string;
  title: string | null;
  organizationId: string | null;
  email: string | null;
  signedOn: string | null;
}

export interface NetworkAgreementsTable {
  id: Generated<string>;
  kind: AgreementKind;
  title: string;
  status: AgreementStatus;
  signatories: Json<AgreementPersonRow[]>;
  champions: Json<AgreementPersonRow[]>;
  data_kinds: RecordKind[];
  purposes: Purpose[];
  scope_note: string | null;
  /** YYYY-MM-DD. */
  effective_on: string;
  /** YYYY-MM-DD: the day it ends (in force up to the day before); null while open-ended. */
  ends_on: string | null;
  document_ref: string | null;
  notes: string | null;
  /** YYYY-MM-DD: the day an early termination takes effect (no access from that day). */
  terminated_on: string | null;
  termination_reason: string | null;
  created_at: Timestamp;
  created_by_user_id: string | null;
  updated_at: Timestamp;
}

export interface NetworkAgreementPartiesTable {
  agreement_id: string;
  organization_id: string;
  role: PartyRole;
}

export interface NetworkAgreementPathwaysTable {
  agreement_id: string;
  pathway_id: string;
}

export interface NetworkAgreementRemindersTable {
  agreement_id: string;
  ends_on: string;
  days_before: number;
  sent_at: Timestamp;
}

export interface NetworkTables {
  network_agreements: NetworkAgreementsTable;
  network_agreement_parties: NetworkAgreementPartiesTable;
  network_agreement_pathways: NetworkAgreementPathwaysTable;
  network_agreement_reminders: NetworkAgreementRemindersTable;
}
