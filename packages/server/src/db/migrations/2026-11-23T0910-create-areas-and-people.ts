import { sql, type Kysely } from 'kysely';

/** The region's areas (ZIP-like) and the people known to the network (demographics only for now). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table areas (
      id text primary key,
      name text not null,
      town text not null,
      postal_code text not null,
      latitude double precision not null,
      longitude double precision not null,
      population integer not null
    );

    create table people (
      id uuid primary key default gen_random_uuid(),
      given_name text not null,
      family_name text not null,
      birth_date date not null,
      sex text not null check (sex in ('female', 'male', 'unknown')),
      gender_identity text,
      race text,
      ethnicity text,
      language text,
      phone text,
      address1 text,
      area_id text references areas(id),
      is_demo boolean not null default false,
      created_at timestamptz not null
    );
    create index people_area_idx on people (area_id);
  `.execute(db);
}
