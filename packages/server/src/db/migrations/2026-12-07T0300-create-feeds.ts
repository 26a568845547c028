import { sql, type Kysely } from 'kysely';

/**
 * Live feeds (docs/integration.md): per-organization sources, the staging table of every message
 * received (person-level: it holds the message as sent; the hash makes a resent message a
 * duplicate), and per-day counts for the feeds page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table feed_sources (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations(id),
      kind text not null check (kind in ('hl7v2', 'nemsis', 'roster', 'deaths', 'fhir')),
      name text not null,
      quiet_after_minutes integer not null default 240,
      last_message_at timestamptz,
      quiet_alerted_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (organization_id, kind, name)
    );

    create table feed_messages (
      id uuid primary key default gen_random_uuid(),
      source_id uuid not null references feed_sources(id),
      hash text not null,
      status text not null check (status in ('applied', 'ignored', 'error', 'dismissed')),
      message_type text,
      external_id text,
      payload text,
      error_code text check (error_code in ('malformed', 'unsupported', 'unmatchable', 'invalid_event', 'failed')),
      error_reason text,
      outcome jsonb,
      attempts integer not null default 1,
      received_at timestamptz not null,
      applied_at timestamptz,
      resolved_at timestamptz,
      resolved_by_user_id uuid references users(id),
      unique (source_id, hash)
    );
    create index feed_messages_errors_idx on feed_messages (source_id, received_at desc) where status = 'error';

    create table feed_daily_counts (
      source_id uuid not null references feed_sources(id),
      day date not null,
      received integer not null default 0,
      accepted integer not null default 0,
      rejected integer not null default 0,
      duplicates integer not null default 0,
      primary key (source_id, day)
    );
  `.execute(db);
}
