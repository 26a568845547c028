import { sql, type Kysely } from 'kysely';

/** Feeds of PDMP dispensing extracts (docs/integration.md, "A PDMP"). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table feed_sources drop constraint feed_sources_kind_check;
    alter table feed_sources add constraint feed_sources_kind_check check (kind in ('hl7v2', 'nemsis', 'roster', 'deaths', 'fhir', 'pdmp'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table feed_sources drop constraint feed_sources_kind_check;
    alter table feed_sources add constraint feed_sources_kind_check check (kind in ('hl7v2', 'nemsis', 'roster', 'deaths', 'fhir'));
  `.execute(db);
}
