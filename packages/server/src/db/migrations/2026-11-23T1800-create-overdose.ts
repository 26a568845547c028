import { sql, type Kysely } from 'kysely';

/**
 * Overdose response: overdose events (precise place kept, shown by area), naloxone distribution,
 * the record of feedback notices to linked providers, per-area thresholds, spike alerts and their
 * subscribers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table overdose_events (
      id uuid primary key default gen_random_uuid(),
      occurred_at timestamptz not null,
      latitude double precision,
      longitude double precision,
      area_id text not null references areas(id),
      fatal boolean not null,
      naloxone_doses integer not null default 0,
      naloxone_by text[] not null default '{}',
      suspected_substances text[] not null default '{}',
      disposition text not null,
      reporting_organization_id uuid not null references organizations(id),
      source_type text not null check (source_type in ('ems', 'emergency_department', 'law_enforcement', 'medical_examiner', 'community')),
      person_id uuid references people(id),
      sensitivity text not null default 'normal',
      care_event_id uuid,
      examiner_note text,
      examiner_organization_id uuid references organizations(id),
      examiner_reported_at timestamptz,
      external_id text,
      created_by_user_id uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index overdose_events_time_idx on overdose_events (occurred_at);
    create index overdose_events_area_idx on overdose_events (area_id, occurred_at);
    create index overdose_events_person_idx on overdose_events (person_id) where person_id is not null;
    create unique index overdose_events_external_idx on overdose_events (reporting_organization_id, external_id) where external_id is not null;

    create table naloxone_distributions (
      id uuid primary key default gen_random_uuid(),
      distributed_at timestamptz not null,
      organization_id uuid not null references organizations(id),
      area_id text not null references areas(id),
      place text not null default '',
      recipient_category text not null check (recipient_category in ('person_at_risk', 'family_member', 'community_member')),
      kits integer not null check (kits > 0),
      leave_behind boolean not null default false,
      overdose_event_id uuid references overdose_events(id),
      person_id uuid references people(id),
      care_event_id uuid,
      created_by_user_id uuid references users(id),
      created_at timestamptz not null
    );
    create index naloxone_distributions_time_idx on naloxone_distributions (distributed_at);

    create table overdose_feedback_notices (
      id uuid primary key default gen_random_uuid(),
      overdose_event_id uuid not null references overdose_events(id),
      user_id uuid not null references users(id),
      organization_id uuid not null references organizations(id),
      reasons text[] not null,
      trigger text not null check (trigger in ('reported', 'fatal')),
      notified_at timestamptz not null,
      unique (overdose_event_id, user_id, trigger)
    );

    create table overdose_area_thresholds (
      area_id text primary key references areas(id),
      threshold integer not null check (threshold > 0),
      updated_by_user_id uuid references users(id),
      updated_at timestamptz not null
    );

    create table overdose_alerts (
      id uuid primary key default gen_random_uuid(),
      episode_key text not null unique,
      detector text not null check (detector in ('threshold', 'ears')),
      area_id text references areas(id),
      started_at timestamptz not null,
      last_day date not null,
      count integer not null,
      threshold double precision,
      statistics jsonb,
      acknowledged_at timestamptz,
      acknowledged_by_user_id uuid references users(id),
      annotation text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index overdose_alerts_area_idx on overdose_alerts (area_id, detector, last_day);

    create table overdose_alert_subscriptions (
      user_id uuid primary key references users(id),
      organization_id uuid references organizations(id),
      created_at timestamptz not null
    );
  `.execute(db);
}
