import { sql, type Kysely } from 'kysely';

/**
 * The published (public and analyst) overdose figures: each reporting week's counts per area as
 * they stood when the week was first published, so a figure never changes afterwards and late
 * reports cannot be found by comparing two versions (docs/privacy.md, "Suppression that survives
 * differencing"). Counts only, no person-level data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table overdose_public_weeks (
      week_start date primary key,
      published_at timestamptz not null
    );
    create table overdose_public_week_counts (
      week_start date not null references overdose_public_weeks (week_start) on delete cascade,
      area_id text not null,
      events integer not null check (events >= 0),
      primary key (week_start, area_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table overdose_public_week_counts; drop table overdose_public_weeks;`.execute(db);
}
