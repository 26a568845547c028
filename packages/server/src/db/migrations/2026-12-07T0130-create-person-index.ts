import { sql, type Kysely } from 'kysely';

/**
 * The network person index (docs/person-index.md, decision 0016): network identities, the records
 * that belong to them (every registry person and every record that arrives from a source system,
 * keyed by source organization + source system + source record id, with the normalized fields the
 * linkage engine scores), the stored linkage models, and link decisions with their scores.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table network_identities (
      id uuid primary key default gen_random_uuid(),
      created_at timestamptz not null
    );

    create table source_records (
      id uuid primary key default gen_random_uuid(),
      identity_id uuid not null references network_identities(id),
      source_organization_id uuid references organizations(id),
      source_system text not null,
      source_record_id text not null,
      person_id uuid references people(id),
      given text not null default '',
      family text not null default '',
      birth_date text not null default '',
      sex text not null default '',
      ssn text not null default '',
      phone text not null default '',
      street_number text not null default '',
      street text not null default '',
      city text not null default '',
      zip text not null default '',
      email text not null default '',
      given_key text not null default '',
      family_key text not null default '',
      part2 boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index source_records_key_idx on source_records (coalesce(source_organization_id::text, ''), source_system, source_record_id);
    create unique index source_records_person_idx on source_records (person_id) where person_id is not null;
    create index source_records_identity_idx on source_records (identity_id);
    create index source_records_birth_idx on source_records (birth_date) where birth_date <> '';
    create index source_records_names_idx on source_records (family_key, given_key) where family_key <> '';
    create index source_records_phone_idx on source_records (phone) where phone <> '';
    create index source_records_ssn_idx on source_records (ssn) where ssn <> '';

    create table person_index_models (
      version text primary key,
      method text not null check (method in ('em', 'default')),
      trained_on integer not null,
      model jsonb not null,
      created_at timestamptz not null
    );

    create table person_index_links (
      id uuid primary key default gen_random_uuid(),
      record_id uuid not null references source_records(id),
      candidate_id uuid not null references source_records(id),
      probability double precision not null,
      weight double precision not null,
      contributions jsonb not null,
      model_version text not null references person_index_models(version),
      status text not null check (status in ('linked', 'review', 'rejected', 'not_sure', 'unlinked')),
      decided_by text not null check (decided_by in ('auto', 'reviewer')),
      decided_by_user_id uuid references users(id),
      decided_at timestamptz not null,
      absorbed_identity_id uuid references network_identities(id),
      moved_record_ids uuid[] not null default '{}',
      merge_id uuid references person_merges(id),
      created_at timestamptz not null
    );
    create unique index person_index_links_pair_idx on person_index_links (least(record_id, candidate_id), greatest(record_id, candidate_id));
    create index person_index_links_status_idx on person_index_links (status, probability desc);

    create table person_index_decisions (
      id uuid primary key default gen_random_uuid(),
      link_id uuid not null references person_index_links(id),
      decision text not null check (decision in ('auto_link', 'review', 'accept', 'reject', 'not_sure', 'unlink')),
      decided_by text not null check (decided_by in ('auto', 'reviewer')),
      decided_by_user_id uuid references users(id),
      reason text,
      decided_at timestamptz not null
    );
    create index person_index_decisions_link_idx on person_index_decisions (link_id, decided_at);
  `.execute(db);
}
