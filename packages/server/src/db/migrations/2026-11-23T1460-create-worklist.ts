import { sql, type Kysely } from 'kysely';

/** Navigator worklists: outreach tasks and every contact attempt made on them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table worklist_tasks (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      organization_id uuid not null references organizations(id),
      kind text not null,
      status text not null check (status in ('open', 'snoozed', 'done')),
      reason text not null,
      due_at timestamptz not null,
      assignee_user_id uuid references users(id),
      snoozed_until timestamptz,
      snooze_reason text,
      outcome text,
      outcome_note text,
      source_type text not null,
      source_id uuid,
      dedupe_key text unique,
      created_by_user_id uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      completed_at timestamptz,
      completed_by_user_id uuid references users(id)
    );
    create index worklist_tasks_open_idx on worklist_tasks (organization_id, due_at) where status <> 'done';
    create index worklist_tasks_assignee_idx on worklist_tasks (assignee_user_id, due_at) where status <> 'done';
    create index worklist_tasks_person_idx on worklist_tasks (person_id);

    create table worklist_contact_attempts (
      id uuid primary key default gen_random_uuid(),
      task_id uuid not null references worklist_tasks(id),
      method text not null,
      result text not null,
      note text,
      attempted_at timestamptz not null,
      user_id uuid references users(id),
      created_at timestamptz not null
    );
    create index worklist_contact_attempts_task_idx on worklist_contact_attempts (task_id, attempted_at);
  `.execute(db);
}
