import { sql, type Kysely } from 'kysely';

/** Referral history in the order it happened, even for transitions within the same millisecond. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table referral_transitions add column seq bigserial;
    create index referral_transitions_order_idx on referral_transitions (referral_id, seq);
  `.execute(db);
}
