import { sql, type Kysely } from 'kysely';

/**
 * What a task reveals: the organization that recorded its signal, that record's sensitivity and
 * when it happened. The consent chokepoint checks these before anyone reads the task, so a task can
 * never disclose more than the signal it came from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table worklist_tasks add column signal_organization_id uuid references organizations(id);
    update worklist_tasks set signal_organization_id = organization_id;
    alter table worklist_tasks alter column signal_organization_id set not null;
    alter table worklist_tasks add column signal_sensitivity text not null default 'normal' check (signal_sensitivity in ('normal', 'part2'));
    alter table worklist_tasks add column signal_at timestamptz;
  `.execute(db);
}
