import type { ColumnType, Generated, Selectable } from 'kysely';
import type { PortalLanguage } from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface PortalAccountsTable {
  id: Generated<string>;
  person_id: string;
  email: string | null;
  phone: string | null;
  language: PortalLanguage;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined, 'active' | 'disabled'>;
  invited_by_user_id: string | null;
  invited_by_organization_id: string;
  invited_at: Timestamp;
  last_sign_in_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PortalCodesTable {
  id: Generated<string>;
  account_id: string;
  code_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  attempts: Generated<number>;
  created_at: Timestamp;
}

export interface PortalSessionsTable {
  id: Generated<string>;
  token_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface PortalTables {
  portal_accounts: PortalAccountsTable;
  portal_codes: PortalCodesTable;
  portal_sessions: PortalSessionsTable;
}

export type PortalAccountRow = Selectable<PortalAccountsTable>;
export type PortalSessionRow = Selectable<PortalSessionsTable>;
