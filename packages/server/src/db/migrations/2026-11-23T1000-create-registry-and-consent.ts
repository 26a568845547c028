import { sql, type Kysely } from 'kysely';
import { phoneticKey } from '../../modules/registry/phonetic.ts';

/**
 * The person registry (names, addresses, identifiers, flags, care team, timeline entries, merges),
 * consent under 42 CFR Part 2 with its history, the disclosure log and break-glass grants.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table people
      add column email text,
      add column pregnant_or_postpartum boolean not null default false,
      add column veteran boolean not null default false,
      add column justice_involved boolean not null default false,
      add column unhoused boolean not null default false,
      add column registered_by_organization_id uuid references organizations(id),
      add column merged_into_id uuid references people(id),
      add column given_phonetic text,
      add column family_phonetic text,
      add column updated_at timestamptz;
    update people set updated_at = created_at, unhoused = (address1 is null);
    alter table people alter column updated_at set not null;
    create index people_family_phonetic_idx on people (family_phonetic);
    create index people_birth_date_idx on people (birth_date);
    create index people_family_name_idx on people (lower(family_name));
    create index people_registered_by_idx on people (registered_by_organization_id);

    create table person_names (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      given_name text not null,
      family_name text not null,
      use text not null check (use in ('previous', 'alias')),
      until date,
      given_phonetic text,
      family_phonetic text,
      created_at timestamptz not null
    );
    create index person_names_person_idx on person_names (person_id);
    create index person_names_family_phonetic_idx on person_names (family_phonetic);

    create table person_addresses (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      line1 text not null,
      line2 text,
      city text,
      postal_code text,
      area_id text references areas(id),
      valid_from date,
      valid_until date,
      created_at timestamptz not null
    );
    create index person_addresses_person_idx on person_addresses (person_id);
    insert into person_addresses (person_id, line1, city, postal_code, area_id, valid_from, created_at)
      select p.id, p.address1, a.town, a.postal_code, p.area_id, p.created_at::date, p.created_at
      from people p left join areas a on a.id = p.area_id where p.address1 is not null;

    create table person_identifiers (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      organization_id uuid not null references organizations(id),
      kind text not null,
      value text not null,
      created_at timestamptz not null,
      unique (organization_id, kind, value)
    );
    create index person_identifiers_person_idx on person_identifiers (person_id);

    create table care_team_members (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      organization_id uuid not null references organizations(id),
      user_id uuid references users(id),
      role text not null,
      since date not null,
      until date,
      created_at timestamptz not null
    );
    create index care_team_members_person_idx on care_team_members (person_id);
    create index care_team_members_organization_idx on care_team_members (organization_id, person_id);

    create table person_events (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      organization_id uuid not null references organizations(id),
      kind text not null,
      type text not null,
      sensitivity text not null check (sensitivity in ('normal', 'part2')),
      occurred_at timestamptz not null,
      title text not null,
      detail text,
      created_by_user_id uuid references users(id),
      created_at timestamptz not null
    );
    create index person_events_person_idx on person_events (person_id, occurred_at desc);

    create table person_merges (
      id uuid primary key default gen_random_uuid(),
      survivor_id uuid not null references people(id),
      merged_id uuid not null references people(id),
      reason text not null,
      merged_at timestamptz not null,
      merged_by_user_id uuid references users(id),
      unmerged_at timestamptz,
      unmerged_by_user_id uuid references users(id),
      unmerge_reason text
    );
    create index person_merges_survivor_idx on person_merges (survivor_id);

    create table consents (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      person_name text not null,
      type text not null check (type in ('standard', 'tpo', 'counseling_notes')),
      status text not null check (status in ('draft', 'signed', 'revoked', 'expired')),
      disclosers jsonb not null,
      recipients jsonb not null,
      purposes text[] not null,
      kinds text[] not null,
      information_description text not null,
      expires_on date,
      expiry_event text,
      language text not null,
      signer_name text,
      signer_relationship text,
      signature_method text,
      signature_image text,
      signed_at timestamptz,
      revoked_at timestamptz,
      revocation_method text,
      revocation_note text,
      expired_at timestamptz,
      created_by_organization_id uuid not null references organizations(id),
      created_by_user_id uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index consents_person_idx on consents (person_id);
    create index consents_signed_expiry_idx on consents (expires_on) where status = 'signed';

    create table consent_history (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      consent_id uuid not null references consents(id),
      at timestamptz not null,
      from_status text,
      to_status text not null,
      by_user_id uuid references users(id),
      note text
    );
    create index consent_history_consent_idx on consent_history (consent_id);

    create table break_glass_grants (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      user_id uuid not null references users(id),
      organization_id uuid not null references organizations(id),
      reason text not null,
      started_at timestamptz not null,
      expires_at timestamptz not null,
      review_status text not null check (review_status in ('open', 'closed')),
      review_outcome text,
      review_note text,
      reviewed_at timestamptz,
      reviewed_by_user_id uuid references users(id)
    );
    create index break_glass_person_user_idx on break_glass_grants (person_id, user_id);
    create index break_glass_review_idx on break_glass_grants (organization_id, review_status);

    create table disclosures (
      id uuid primary key default gen_random_uuid(),
      occurred_at timestamptz not null,
      person_id uuid not null references people(id),
      source_organization_id uuid references organizations(id),
      recipient_organization_id uuid references organizations(id),
      recipient_user_id uuid references users(id),
      recipient_token_id uuid,
      kinds text[] not null,
      record_refs jsonb not null,
      record_count integer not null,
      purpose text not null,
      basis text not null,
      consent_id uuid references consents(id),
      break_glass_id uuid references break_glass_grants(id),
      channel text not null,
      request_id text
    );
    create index disclosures_person_idx on disclosures (person_id, occurred_at);
  `.execute(db);

  // Phonetic keys for people stored before this migration (the demo community of an existing
  // development database). Computed here, in batches, with the same function registration uses.
  for (;;) {
    const rows = await sql<{ id: string; given_name: string; family_name: string }>`
      select id, given_name, family_name from people where family_phonetic is null limit 1000
    `.execute(db);
    if (rows.rows.length === 0) break;
    await sql`
      update people p set given_phonetic = t.g, family_phonetic = t.f
      from unnest(${rows.rows.map((r) => r.id)}::uuid[], ${rows.rows.map((r) => phoneticKey(r.given_name))}::text[], ${rows.rows.map((r) => phoneticKey(r.family_name))}::text[]) as t(id, g, f)
      where p.id = t.id
    `.execute(db);
  }
}
