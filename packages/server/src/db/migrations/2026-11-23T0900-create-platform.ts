import { sql, type Kysely } from 'kysely';

/** Organizations, locations, users, memberships, sessions, API tokens, the audit chain, jobs, settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organizations (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      type text not null,
      description text,
      website text,
      phone text,
      email text,
      active boolean not null default true,
      is_demo boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index organizations_name_idx on organizations (lower(name));

    create table locations (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id),
      name text not null,
      address1 text not null,
      address2 text,
      city text not null,
      region text not null,
      postal_code text not null,
      latitude double precision,
      longitude double precision,
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index locations_organization_idx on locations (organization_id);

    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      display_name text not null,
      password_hash text not null,
      status text not null check (status in ('active', 'disabled')),
      failed_login_count integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz not null,
      is_demo boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index users_email_key on users (lower(email));

    create table memberships (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      organization_id uuid not null references organizations(id),
      roles text[] not null check (cardinality(roles) > 0),
      created_at timestamptz not null,
      unique (user_id, organization_id)
    );
    create index memberships_organization_idx on memberships (organization_id);

    create table sessions (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users(id),
      active_organization_id uuid references organizations(id),
      csrf_token text not null,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      absolute_expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create index sessions_user_idx on sessions (user_id);

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id),
      name text not null,
      prefix text not null,
      secret_hash text not null unique,
      roles text[] not null check (cardinality(roles) > 0),
      created_by_user_id uuid references users(id),
      created_at timestamptz not null,
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_organization_idx on api_tokens (organization_id);

    create table audit_events (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null,
      actor_type text not null,
      actor_user_id uuid,
      actor_token_id uuid,
      actor_label text not null,
      organization_id uuid,
      action text not null,
      entity_type text not null,
      entity_id text,
      request_id text,
      details jsonb not null default '{}'::jsonb,
      prev_hash text not null,
      hash text not null
    );
    create index audit_events_organization_idx on audit_events (organization_id, id);
    create index audit_events_entity_idx on audit_events (entity_type, entity_id);

    create table audit_head (
      id integer primary key check (id = 1),
      last_id bigint,
      last_hash text not null,
      count bigint not null
    );
    insert into audit_head (id, last_id, last_hash, count)
      values (1, null, '0000000000000000000000000000000000000000000000000000000000000000', 0);

    create table jobs (
      id bigint generated always as identity primary key,
      name text not null,
      payload jsonb not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      dedupe_key text unique,
      run_at timestamptz not null,
      attempts integer not null default 0,
      max_attempts integer not null,
      last_error text,
      locked_at timestamptz,
      created_at timestamptz not null,
      finished_at timestamptz
    );
    create index jobs_due_idx on jobs (run_at) where status = 'queued';

    create table settings (
      key text primary key,
      value jsonb not null
    );
  `.execute(db);
}
