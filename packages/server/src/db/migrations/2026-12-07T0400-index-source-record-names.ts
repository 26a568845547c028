import { sql, type Kysely } from 'kysely';

/**
 * The person index's term-frequency adjustment counts the source records holding one normalized given
 * or family name (docs/person-index.md, "Matching"); these partial indexes make that count an index
 * lookup rather than a scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index source_records_given_idx on source_records (given) where given <> '';
    create index source_records_family_idx on source_records (family) where family <> '';
  `.execute(db);
}
