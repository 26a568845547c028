import { sql, type Kysely } from 'kysely';

/**
 * A SMART launch whose patient the network does not know keeps the EHR's Patient details, sealed
 * (core/secret-box.ts), for the session it opened: the registration form starts from them and
 * nothing is registered until the user confirms. The session's end removes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table smart_launches add column session_id uuid references sessions(id) on delete cascade;
    alter table smart_launches add column patient_prefill text;
    create index smart_launches_session_idx on smart_launches (session_id) where session_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table smart_launches drop column patient_prefill;
    alter table smart_launches drop column session_id;
  `.execute(db);
}
