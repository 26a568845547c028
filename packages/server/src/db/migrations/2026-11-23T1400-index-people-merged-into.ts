import { sql, type Kysely } from 'kysely';

/**
 * Every read through the chokepoint asks which records are merged into a person; without an index
 * that was a sequential scan of `people` (measured in docs/performance.md, person-read).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index people_merged_into_idx on people (merged_into_id) where merged_into_id is not null`.execute(db);
}
