import { sql, type Kysely } from 'kysely';

/**
 * `person_events` becomes the one store of typed care events: each event carries its type's data,
 * where it came from, and the sender's own id (so a repeated import is not applied twice). The
 * measures read events by type and time across the network.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table person_events
      add column data jsonb not null default '{}'::jsonb,
      add column source text not null default 'registry',
      add column external_id text
  `.execute(db);
  await sql`create unique index person_events_external_idx on person_events (organization_id, external_id) where external_id is not null`.execute(
    db,
  );
  await sql`create index person_events_type_idx on person_events (type, occurred_at)`.execute(db);
}
