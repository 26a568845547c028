import { z } from 'zod';
import { defineJob } from '../../jobs/job-queue.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { systemAccess } from '../../core/access-context.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { addDays } from '@continuum/contracts';
import { organizationsWithRole } from '../identity/index.ts';

/**
 * Writes one reminder per listing not verified for `days` days, for the owning organization's
 * notifications (non-member listings go to network administrators). Idempotent per day: the
 * reminder's slot is the run's date, and a listing with an open reminder gets no second one.
 */
export async function remindUnverifiedListings(db: Db, clock: Clock, days: number): Promise<number> {
  const now = clock.now();
  const cutoff = addDays(now, -days);
  const slot = now.toISOString().slice(0, 10);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('directory_organizations as o')
      .select(['o.id', 'o.member_organization_id', 'o.verified_at'])
      .where((eb) => eb.or([eb('o.verified_at', 'is', null), eb('o.verified_at', '<', cutoff)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('directory_verification_reminders as r')
              .select('r.id')
              .whereRef('r.directory_organization_id', '=', 'o.id')
              .where('r.acknowledged_at', 'is', null),
          ),
        ),
      )
      .execute();
    if (due.length === 0) return 0;
    await trx
      .insertInto('directory_verification_reminders')
      .values(
        due.map((o) => ({
          directory_organization_id: o.id,
          member_organization_id: o.member_organization_id,
          last_verified_at: o.verified_at,
          slot,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['directory_organization_id', 'slot']).doNothing())
      .execute();
    // One inbox notification per organization per day: its administrators for member listings,
    // the network administrators for listings of organizations outside the network.
    const byOrganization = new Map<string | null, number>();
    for (const o of due) byOrganization.set(o.member_organization_id, (byOrganization.get(o.member_organization_id) ?? 0) + 1);
    for (const [memberId, count] of byOrganization) {
      const targets =
        memberId !== null
          ? [{ organizationId: memberId, roles: ['org_admin' as const] }]
          : (await organizationsWithRole(trx, 'network_admin')).map((organizationId) => ({
              organizationId,
              roles: ['network_admin' as const],
            }));
      await notify(trx, clock, {
        kind: 'directory.verification-due',
        title: 'Listings to verify',
        body: `${count} ${memberId !== null ? "of your organization's listings" : 'listings of organizations outside the network'} ${count === 1 ? 'has' : 'have'} not been verified for ${days} days.`,
        link: '/directory',
        organizations: targets,
        dedupeKey: `directory-verification:${slot}:${memberId ?? 'network'}`,
      });
    }
    await recordAudit(trx, clock, systemAccess('listing verification reminder'), {
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
