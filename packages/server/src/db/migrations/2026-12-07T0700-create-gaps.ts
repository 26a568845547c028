import { sql, type Kysely } from 'kysely';

/** Needs-and-gaps runs and their per-area, per-category results (docs/gaps.md). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table gaps_runs (
      id uuid primary key default gen_random_uuid(),
      created_at timestamptz not null,
      created_by_user_id uuid references users(id),
      parameters jsonb not null,
      inputs jsonb not null,
      summary jsonb not null,
      snapshot jsonb not null
    );
    create index gaps_runs_created_idx on gaps_runs (created_at desc);

    create table gaps_results (
      run_id uuid not null references gaps_runs(id) on delete cascade,
      category text not null,
      area_id text not null,
      population integer not null,
      oud_estimate double precision,
      demand double precision not null,
      demand_basis text not null check (demand_basis in ('oud_estimate', 'imputed_prevalence', 'population')),
      overdoses integer,
      overdoses_suppressed boolean not null,
      overdose_rate double precision,
      accessibility double precision not null,
      relative_access double precision,
      shortfall double precision not null,
      unmet_need double precision,
      services_in_reach integer not null,
      nearest double precision,
      distance_desert boolean not null,
      capacity_desert boolean not null,
      reasons text[] not null,
      primary key (run_id, category, area_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table gaps_results; drop table gaps_runs;`.execute(db);
}
