import { sql, type Kysely } from 'kysely';

/**
 * A feed's time zone (an IANA name): the sender's local zone, in which an HL7 v2 time without an
 * offset is read (HL7 v2.5.1 chapter 2A.3.80: a TS without an offset is the sender's local time).
 * Feeds set up before this keep reading such times as UTC, as they did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table feed_sources add column time_zone text not null default 'UTC'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table feed_sources drop column time_zone`.execute(db);
}
