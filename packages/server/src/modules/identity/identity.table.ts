import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role } from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string;
  status: 'active' | 'disabled';
  failed_login_count: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  password_changed_at: Timestamp;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  id: Generated<string>;
  user_id: string;
  organization_id: string;
  roles: Role[];
  created_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  active_organization_id: string | null;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  roles: Role[];
  created_by_user_id: string | null;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** A token with a person-level role waits for a second administrator (access_grants); it does not authenticate until then. */
  awaiting_approval: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AccessGrantsTable {
  id: Generated<string>;
  kind: 'membership' | 'api_token';
  organization_id: string;
  user_id: string | null;
  membership_id: string | null;
  api_token_id: string | null;
  roles: Role[];
  status: ColumnType<'pending' | 'approved' | 'rejected', 'pending' | undefined, 'approved' | 'rejected'>;
  requested_by_user_id: string;
  requested_at: Timestamp;
  decided_by_user_id: string | null;
  decided_at: NullableTimestamp;
  announced_at: NullableTimestamp;
}

export type UserRow = Selectable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AccessGrantRow = Selectable<AccessGrantsTable>;
