import { sql, type Kysely } from 'kysely';

/**
 * Analyst linkage jobs (docs/linkage.md, "Analyst jobs"): a job, its uploaded source files (stored
 * under the files directory with random names; only the names are here) and its de-identified
 * outputs. The per-job secret keys study ids and date shifts and never leaves the server. A job and
 * its files are deleted at `expires_at` (30 days) by `linkage.purge-expired-jobs`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table linkage_jobs (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      owner text not null,
      organization_id uuid references organizations(id),
      status text not null check (status in ('draft', 'queued', 'running', 'done', 'failed')),
      stage text,
      percent integer not null default 0,
      secret text not null,
      summary jsonb,
      report jsonb,
      analytic_storage_name text,
      error text,
      created_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz,
      expires_at timestamptz not null
    );
    create index linkage_jobs_owner_idx on linkage_jobs (owner, created_at desc);
    create index linkage_jobs_expires_idx on linkage_jobs (expires_at);

    create table linkage_job_files (
      id uuid primary key default gen_random_uuid(),
      job_id uuid not null references linkage_jobs(id) on delete cascade,
      position integer not null,
      source text not null,
      file_name text not null,
      format text not null check (format in ('csv', 'ndjson')),
      size integer not null,
      row_count integer not null,
      column_map jsonb not null,
      storage_name text not null,
      created_at timestamptz not null,
      unique (job_id, position)
    );
  `.execute(db);
}
