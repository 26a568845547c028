import { z } from 'zod';
import { defineJob } from '../../jobs/job-queue.ts';
import { recordAudit } from '../audit/audit.ts';
import { systemAccess } from '../identity/access-context.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';

/**
 * Writes one reminder per listing not verified for `days` days, for the owning organization's
 * notifications (non-member listings go to network administrators). Idempotent per day: the
 * reminder's slot is the run's date, and a listing with an open reminder gets no second one.
 */
export async function remindUnverifiedListings(db: Db, clock: Clock, days: number): Promise<number> {
  const now = clock.now();
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const slot = now.toISOString().slice(0, 10);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('directory_organizations as o')
      .select(['o.id', 'o.member_organization_id', 'o.verified_at'])
      .where((eb) => eb.or([eb('o.verified_at', 'is', null), eb('o.verified_at', '<', cutoff)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('directory_verification_reminders as r').select('r.id').whereRef('r.directory_organization_id', '=', 'o.id').where('r.acknowledged_at', 'is', null),
          ),
        ),
      )
      .execute();
    if (due.length === 0) return 0;
    await trx
      .insertInto('directory_verification_reminders')
      .values(due.map((o) => ({ directory_organization_id: o.id, member_organization_id: o.member_organization_id, last_verified_at: o.verified_at, slot, created_at: now })))
      .onConflict((oc) => oc.columns(['directory_organization_id', 'slot']).doNothing())
      .execute();
    await recordAudit(trx, systemAccess('listing verification reminder'), clock, {
      action: 'directory.verification.remind',
      entityType: 'directory_organization',
      details: { count: due.length, days },
    });
    return due.length;
  });
}

export const remindUnverifiedListingsJob = defineJob({
  name: 'directory.remind-unverified-listings',
  payload: z.object({ days: z.number().int().min(1) }),
  async handler(payload, { db, clock }) {
    await remindUnverifiedListings(db, clock, payload.days);
  },
});
