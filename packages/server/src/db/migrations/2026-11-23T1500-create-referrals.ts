import { sql, type Kysely } from 'kysely';

/**
 * Closed-loop referrals: pathways (versioned agreements between partners), referrals with their
 * transitions (who, when, why), warm handoffs and attachments (files live in the data directory).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table referral_pathways (
      id uuid primary key default gen_random_uuid(),
      current_version integer not null,
      receiver_organization_id uuid not null references organizations(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );

    create table referral_pathway_versions (
      pathway_id uuid not null references referral_pathways(id),
      version integer not null,
      name text not null,
      description text,
      referrer_organization_types text[] not null default '{}',
      referrer_organization_ids uuid[] not null default '{}',
      receiver_organization_id uuid not null references organizations(id),
      service_ids uuid[] not null,
      inclusion_criteria jsonb not null default '[]',
      exclusion_criteria jsonb not null default '[]',
      required_fields jsonb not null default '[]',
      required_documents jsonb not null default '[]',
      ack_hours integer not null check (ack_hours > 0),
      first_contact_days integer not null check (first_contact_days >= 0),
      warm_handoff_expected boolean not null,
      receiver_contact jsonb not null,
      active_from date not null,
      active_until date,
      created_at timestamptz not null,
      created_by_user_id uuid references users(id),
      primary key (pathway_id, version)
    );

    create table referrals (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      pathway_id uuid not null references referral_pathways(id),
      pathway_version integer not null,
      service_id uuid not null references directory_services(id),
      service_kind text not null,
      location_id uuid references directory_locations(id),
      sender_organization_id uuid not null references organizations(id),
      sender_user_id uuid references users(id),
      receiver_organization_id uuid not null references organizations(id),
      reason text not null,
      urgency text not null check (urgency in ('routine', 'urgent', 'same_day')),
      purpose text not null,
      answers jsonb not null default '{}',
      criteria_confirmed text[] not null default '{}',
      consent_id uuid,
      sensitivity text not null check (sensitivity in ('normal', 'part2')),
      status text not null,
      status_before_hold text,
      status_reason text,
      outcome text,
      appointment_at timestamptz,
      ack_due_at timestamptz not null,
      first_contact_due_at timestamptz not null,
      acknowledged_at timestamptz,
      first_contact_at timestamptz,
      closed_at timestamptz,
      ack_escalated_at timestamptz,
      contact_escalated_at timestamptz,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (sender_organization_id, external_id)
    );
    create index referrals_receiver_idx on referrals (receiver_organization_id, status, ack_due_at);
    create index referrals_sender_idx on referrals (sender_organization_id, status, created_at);
    create index referrals_person_idx on referrals (person_id);
    create index referrals_ack_due_idx on referrals (ack_due_at) where status = 'requested' and ack_escalated_at is null;
    create index referrals_contact_due_idx on referrals (first_contact_due_at)
      where status in ('received', 'accepted', 'scheduled') and contact_escalated_at is null;

    create table referral_transitions (
      id uuid primary key default gen_random_uuid(),
      referral_id uuid not null references referrals(id),
      event text not null,
      from_state text,
      to_state text not null,
      at timestamptz not null,
      by_user_id uuid references users(id),
      by_organization_id uuid references organizations(id),
      reason text,
      outcome text,
      appointment_at timestamptz,
      note text
    );
    create index referral_transitions_referral_idx on referral_transitions (referral_id, at);

    create table referral_handoffs (
      referral_id uuid primary key references referrals(id),
      mode text not null,
      at timestamptz not null,
      sender_staff_name text not null,
      receiver_staff_name text not null,
      note text,
      recorded_at timestamptz not null,
      recorded_by_user_id uuid references users(id)
    );

    create table referral_attachments (
      id uuid primary key default gen_random_uuid(),
      referral_id uuid not null references referrals(id),
      file_name text not null,
      content_type text not null,
      size integer not null,
      sha256 text not null,
      storage_name text not null unique,
      document_key text,
      uploaded_at timestamptz not null,
      uploaded_by_user_id uuid references users(id),
      uploaded_by_organization_id uuid references organizations(id)
    );
    create index referral_attachments_referral_idx on referral_attachments (referral_id);
  `.execute(db);
}
