import { sql, type Kysely } from 'kysely';

/**
 * The resource directory, aligned with Open Referral HSDS 3.0 (see
 * docs/decisions/0004-directory-model.md): listing organizations (optionally a network member),
 * locations, services, where services are offered, weekly hours, taxonomies, live capacity (HSDS 3.1
 * `service_capacity` shape) with its history, and listing-verification reminders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table directory_organizations (
      id uuid primary key default gen_random_uuid(),
      member_organization_id uuid references organizations(id),
      name text not null,
      description text,
      website text,
      email text,
      phone text,
      extra jsonb not null default '{}',
      verified_at timestamptz,
      verified_by_user_id uuid references users(id),
      verified_by_label text,
      is_demo boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index directory_organizations_member_idx on directory_organizations (member_organization_id);

    create table directory_locations (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references directory_organizations(id),
      name text not null,
      address1 text not null,
      address2 text,
      city text not null,
      region text not null,
      postal_code text not null,
      country text not null default 'US',
      latitude double precision not null,
      longitude double precision not null,
      phone text,
      time_zone text,
      extra jsonb not null default '{}',
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index directory_locations_organization_idx on directory_locations (organization_id);
    create index directory_locations_position_idx on directory_locations (latitude, longitude);
    create index directory_locations_postal_code_idx on directory_locations (postal_code);

    create table directory_services (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references directory_organizations(id),
      name text not null,
      description text,
      status text not null check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
      url text,
      email text,
      phone text,
      eligibility_description text,
      minimum_age integer,
      maximum_age integer,
      fees_description text,
      codes text[] not null default '{}',
      languages text[] not null default '{}',
      schedule_note text,
      extra jsonb not null default '{}',
      verified_at timestamptz,
      verified_by_user_id uuid references users(id),
      verified_by_label text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index directory_services_organization_idx on directory_services (organization_id);

    create table directory_service_at_locations (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references directory_services(id),
      location_id uuid not null references directory_locations(id),
      extra jsonb not null default '{}',
      unique (service_id, location_id)
    );
    create index directory_service_at_locations_location_idx on directory_service_at_locations (location_id);

    create table directory_schedules (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references directory_services(id),
      location_id uuid references directory_locations(id),
      day_of_week smallint not null check (day_of_week between 1 and 7),
      opens_at text not null,
      closes_at text not null
    );
    create index directory_schedules_service_idx on directory_schedules (service_id);

    create table directory_capacities (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references directory_services(id),
      unit text not null check (unit in ('bed', 'slot', 'appointment')),
      status text not null check (status in ('accepting', 'waitlist', 'not_accepting', 'assessment_required')),
      available integer not null check (available >= 0),
      maximum integer check (maximum >= 0),
      waitlist_days integer,
      note text,
      updated_at timestamptz not null,
      updated_by_user_id uuid references users(id),
      updated_by_label text,
      unique (service_id, unit)
    );

    create table directory_capacity_history (
      id bigint generated always as identity primary key,
      service_id uuid not null references directory_services(id),
      unit text not null,
      status text not null,
      available integer not null,
      maximum integer,
      waitlist_days integer,
      recorded_at timestamptz not null,
      recorded_by_user_id uuid references users(id),
      recorded_by_label text
    );
    create index directory_capacity_history_service_idx on directory_capacity_history (service_id, recorded_at);

    create table directory_taxonomies (
      id uuid primary key,
      name text not null,
      description text not null,
      uri text,
      version text,
      extra jsonb not null default '{}'
    );

    create table directory_taxonomy_terms (
      id uuid primary key,
      taxonomy_id uuid references directory_taxonomies(id),
      code text,
      name text not null,
      description text not null,
      parent_id uuid,
      extra jsonb not null default '{}'
    );
    create index directory_taxonomy_terms_taxonomy_idx on directory_taxonomy_terms (taxonomy_id);

    create table directory_verification_reminders (
      id uuid primary key default gen_random_uuid(),
      directory_organization_id uuid not null references directory_organizations(id),
      member_organization_id uuid references organizations(id),
      last_verified_at timestamptz,
      slot text not null,
      created_at timestamptz not null,
      acknowledged_at timestamptz,
      unique (directory_organization_id, slot)
    );
    create index directory_verification_reminders_member_idx on directory_verification_reminders (member_organization_id);
  `.execute(db);
}
