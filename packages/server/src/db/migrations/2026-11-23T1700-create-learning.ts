import { sql, type Kysely } from 'kysely';

/**
 * The learning system's stored results: each computation (a run) writes the cascade and every
 * measure per month, scope (network or organization) and stratum, so the dashboard reads stored
 * aggregates and never person-level events. Also the OUD estimate per area (the cascade's first
 * stage), measure targets, and the annotations of changes tested drawn on the charts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table learning_runs (
      id uuid primary key default gen_random_uuid(),
      period_from text not null,
      period_to text not null,
      as_of date not null,
      status text not null check (status in ('running', 'done', 'failed')),
      started_at timestamptz not null,
      finished_at timestamptz,
      duration_ms integer,
      people integer,
      events integer,
      requested_by_user_id uuid references users(id)
    );
    create index learning_runs_done_idx on learning_runs (finished_at desc) where status = 'done';

    create table learning_results (
      run_id uuid not null references learning_runs(id) on delete cascade,
      scope text not null,
      measure_id text not null,
      month text not null,
      dimension text not null,
      stratum text not null,
      numerator integer not null,
      denominator integer not null,
      days_sum double precision not null default 0
    );
    create index learning_results_read_idx on learning_results (run_id, scope, dimension, measure_id, month);

    create table learning_cascade (
      run_id uuid not null references learning_runs(id) on delete cascade,
      scope text not null,
      period_from text not null,
      period_to text not null,
      dimension text not null,
      stratum text not null,
      stage text not null,
      count integer not null,
      not_yet_evaluable integer not null default 0
    );
    create index learning_cascade_read_idx on learning_cascade (run_id, scope, period_from, period_to, dimension);

    create table learning_oud_estimates (
      area_id text primary key,
      method text not null check (method in ('prevalence', 'count')),
      prevalence double precision,
      count integer,
      low integer,
      high integer,
      source text,
      updated_at timestamptz not null,
      updated_by_user_id uuid references users(id)
    );

    create table learning_measure_targets (
      measure_id text primary key,
      target double precision,
      updated_at timestamptz not null,
      updated_by_user_id uuid references users(id)
    );

    create table learning_annotations (
      id uuid primary key default gen_random_uuid(),
      measure_id text,
      organization_id uuid references organizations(id),
      date date not null,
      kind text not null check (kind in ('change', 'pdsa', 'note')),
      text text not null,
      created_by_user_id uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index learning_annotations_idx on learning_annotations (date);
  `.execute(db);
}
