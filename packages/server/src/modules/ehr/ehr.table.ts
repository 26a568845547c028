import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { Role } from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface EhrConnectionsTable {
  id: Generated<string>;
  name: string;
  organization_id: string;
  roles: Role[];
  cds_issuer: string | null;
  cds_jwks_url: string | null;
  cds_public_keys: JSONColumnType<Record<string, unknown>[] | null, string | null, string | null>;
  cds_tenants: string[] | null;
  smart_fhir_base_url: string | null;
  smart_client_id: string | null;
  /** A confidential client's secret, sealed (core/secret-box.ts); sent only to the EHR's token endpoint; never returned by the API. */
  smart_client_secret: string | null;
  smart_scopes: string | null;
  identifier_system: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EhrUserLinksTable {
  id: Generated<string>;
  connection_id: string;
  fhir_user: string;
  user_id: string;
  created_at: Timestamp;
}

export interface CdsJwtIdsTable {
  issuer: string;
  jti: string;
  expires_at: Timestamp;
}

export interface CdsFeedbackTable {
  id: Generated<string>;
  organization_id: string;
  connection_id: string | null;
  service_id: string;
  card_uuid: string;
  outcome: 'accepted' | 'overridden';
  accepted_suggestions: string[];
  override_reason_code: string | null;
  override_reason_system: string | null;
  override_comment: string | null;
  outcome_at: Timestamp;
  received_at: Timestamp;
}

export interface SmartLaunchesTable {
  id: Generated<string>;
  state_hash: string;
  connection_id: string;
  /** The PKCE verifier, sealed (core/secret-box.ts). */
  code_verifier: string;
  nonce: string;
  target: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  /** The session the launch opened. */
  session_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The EHR Patient's details for the registration form, sealed, when the network did not know the patient. */
  patient_prefill: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EhrTables {
  ehr_connections: EhrConnectionsTable;
  ehr_user_links: EhrUserLinksTable;
  cds_jwt_ids: CdsJwtIdsTable;
  cds_feedback: CdsFeedbackTable;
  smart_launches: SmartLaunchesTable;
}

export type EhrConnectionRow = Selectable<EhrConnectionsTable>;
