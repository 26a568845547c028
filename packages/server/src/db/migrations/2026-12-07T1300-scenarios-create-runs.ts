import { sql, type Kysely } from 'kysely';

/** Stored what-if scenario runs (docs/scenarios.md): input, progress and results, owned by the scenarios module. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table scenario_runs (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      progress_done integer not null default 0,
      progress_total integer not null default 0,
      input jsonb not null,
      community jsonb,
      calibration jsonb,
      result jsonb,
      tornado jsonb,
      summary jsonb,
      error text,
      created_at timestamptz not null,
      created_by_user_id uuid references users(id),
      started_at timestamptz,
      finished_at timestamptz
    );
    create index scenario_runs_created_idx on scenario_runs (created_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table scenario_runs;`.execute(db);
}
