import { sql, type Kysely } from 'kysely';

/**
 * The deadline that matters now, stored (kept by the referral service on every change), so the
 * receiver's inbox walks an index in deadline order instead of sorting all open referrals.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table referrals add column next_deadline_at timestamptz;
    update referrals set next_deadline_at = case
      when status = 'requested' then ack_due_at
      when status in ('received', 'accepted') then first_contact_due_at
      when status = 'scheduled' then coalesce(appointment_at + interval '24 hours', first_contact_due_at)
      else null end;
    create index referrals_inbox_deadline_idx on referrals (receiver_organization_id, next_deadline_at) where closed_at is null;
    create index referrals_sent_deadline_idx on referrals (sender_organization_id, next_deadline_at) where closed_at is null;
  `.execute(db);
}
