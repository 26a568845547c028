import { sql, type Kysely } from 'kysely';

/** A scenario run's projection pinned on a learning chart as the expected trajectory (docs/analytics.md). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table learning_expected_trajectories (
      id uuid primary key default gen_random_uuid(),
      measure_id text not null check (measure_id in ('overdose_deaths', 'nonfatal_overdoses', 'people_in_moud')),
      scenario_run_id uuid not null,
      run_name text not null,
      scenario text not null,
      start_month text not null check (start_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      scale double precision not null check (scale > 0),
      scale_note text not null,
      points jsonb not null,
      created_by_user_id uuid references users(id),
      created_at timestamptz not null
    );
    create index learning_expected_trajectories_measure_idx on learning_expected_trajectories (measure_id, created_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table learning_expected_trajectories;`.execute(db);
}
