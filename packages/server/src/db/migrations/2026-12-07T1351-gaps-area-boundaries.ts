import { sql, type Kysely } from 'kysely';

/**
 * Area boundaries beside the shared `areas` (docs/geography.md): one shape per area, simplified for
 * display, with the kind of geography it is, where it came from and further attributes (e.g. a social
 * vulnerability index). Forward-only: `areas` itself is unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table area_boundaries (
      area_id text primary key references areas(id),
      kind text not null check (kind in ('county', 'tract', 'zcta', 'service_area', 'demo')),
      source_id text not null,
      geometry jsonb not null,
      vertices integer not null,
      source_vertices integer not null,
      attributes jsonb not null default '{}',
      source text not null,
      imported_at timestamptz not null
    );
    create index area_boundaries_kind_idx on area_boundaries (kind);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table area_boundaries;`.execute(db);
}
