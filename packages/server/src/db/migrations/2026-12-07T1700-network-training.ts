import { sql, type Kysely } from 'kysely';

/** Training and workforce (docs/network.md): courses and completions per staff member. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table network_courses (
      id uuid primary key default gen_random_uuid(),
      topic text not null check (topic in ('moud_prescribing', 'naloxone', 'trauma_informed_care', 'person_first_language', 'peer_recovery_certification', 'part2_privacy', 'other')),
      title text not null,
      valid_months integer check (valid_months is null or valid_months > 0),
      created_at timestamptz not null
    );
    create table network_training_completions (
      id uuid primary key default gen_random_uuid(),
      course_id uuid not null references network_courses(id),
      user_id uuid not null references users(id),
      completed_on date not null,
      expires_on date,
      source text not null check (source in ('entered', 'imported')),
      recorded_at timestamptz not null,
      recorded_by_user_id uuid references users(id),
      reminded_at timestamptz,
      unique (course_id, user_id, completed_on)
    );
    create index network_training_completions_user_idx on network_training_completions (user_id, course_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table network_training_completions; drop table network_courses;`.execute(db);
}
