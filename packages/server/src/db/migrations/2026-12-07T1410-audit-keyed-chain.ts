import { sql, type Kysely } from 'kysely';

/**
 * The audit chain is keyed (decision 0020): each entry records which key sealed it. 0 is the unkeyed
 * SHA-256 of entries written before this migration, which keep verifying as they were; entries from
 * now on are HMAC-SHA-256 under the audit key kept outside the database (version 1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events add column key_version smallint not null default 0`.execute(db);
}
