import type { DbOrTrx } from '../../db/database.ts';

/*
 * What the partner scorecards read from the directory (docs/network.md, "Partner scorecards"): when
 * each of a member organization's services confirmed its capacity, and when its listings and
 * services were created and last verified. No people; the listing's member organization only.
 */

/** Every capacity confirmation of the member's services up to `to`, grouped by service. */
export async function capacityConfirmations(db: DbOrTrx, memberOrganizationId: string, to: Date): Promise<{ confirmations: Date[] }[]> {
  const rows = await db
    .selectFrom('directory_capacity_history as h')
    .innerJoin('directory_services as s', 's.id', 'h.service_id')
    .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
    .select(['h.service_id', 'h.recorded_at'])
    .where('o.member_organization_id', '=', memberOrganizationId)
    .where('h.recorded_at', '<', to)
    .orderBy('h.recorded_at')
    .execute();
  const byService = new Map<string, Date[]>();
  for (const r of rows) {
    const list = byService.get(r.service_id) ?? [];
    list.push(r.recorded_at);
    byService.set(r.service_id, list);
  }
  return [...byService.values()].map((confirmations) => ({ confirmations }));
}

/** The member's directory listings and their services: when each was created and last verified. */
export async function listingVerifications(
  db: DbOrTrx,
  memberOrganizationId: string,
): Promise<{ createdAt: Date; verifiedAt: Date | null }[]> {
  const listings = await db
    .selectFrom('directory_organizations')
    .select(['id', 'created_at', 'verified_at'])
    .where('member_organization_id', '=', memberOrganizationId)
    .execute();
  if (listings.length === 0) return [];
  const services = await db
    .selectFrom('directory_services')
    .select(['created_at', 'verified_at'])
    .where(
      'organization_id',
      'in',
      listings.map((l) => l.id),
    )
    .where('status', '!=', 'defunct')
    .execute();
  return [...listings, ...services].map((r) => ({ createdAt: r.created_at, verifiedAt: r.verified_at }));
}

/** A listing needs re-verification after this many days (the daily reminder job's interval, jobs/registry.ts). */
export const LISTING_VERIFICATION_DAYS = 90;
