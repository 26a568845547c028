import { sql, type Kysely } from 'kysely';

/**
 * The person's portal (docs/portal.md): one account per person, invited by a staff member of an
 * organization that holds their record; one-time sign-in codes (hashed, short-lived, single-use);
 * the portal's own short sessions, apart from staff sessions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table portal_accounts (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null unique references people(id),
      -- Normalized: email lowercased; phone as digits with its country code.
      email text unique,
      phone text unique,
      language text not null default 'en' check (language in ('en', 'es')),
      status text not null default 'active' check (status in ('active', 'disabled')),
      invited_by_user_id uuid references users(id),
      invited_by_organization_id uuid not null references organizations(id),
      invited_at timestamptz not null,
      last_sign_in_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (email is not null or phone is not null)
    );

    create table portal_codes (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references portal_accounts(id) on delete cascade,
      -- HMAC of the address and the code under the server secret: never the code itself.
      code_hash text not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      attempts integer not null default 0,
      created_at timestamptz not null
    );
    create index portal_codes_account_idx on portal_codes (account_id, created_at desc);

    create table portal_sessions (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      account_id uuid not null references portal_accounts(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      absolute_expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create index portal_sessions_account_idx on portal_sessions (account_id) where revoked_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table portal_sessions;
    drop table portal_codes;
    drop table portal_accounts;
  `.execute(db);
}
