import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { pathwayActiveOn } from './referral-rules.ts';

/*
 * How organizations are tied by referrals, for the needs-and-gaps hub-and-spoke view (docs/gaps.md):
 * the pathways in force today (their current version) and the number of referrals sent between each
 * pair of organizations in a window. Organization-level only: no person, no referral is returned, and
 * the counts are suppressed (1–10) by the caller before anyone sees them.
 */

export interface PathwayLinkRow {
  pathwayId: string;
  name: string;
  receiverOrganizationId: string;
  referrerOrganizationIds: string[];
  referrerOrganizationTypes: string[];
}

export async function pathwayLinksInForce(db: DbOrTrx, day: string): Promise<PathwayLinkRow[]> {
  const rows = await db
    .selectFrom('referral_pathway_versions as v')
    .innerJoin('referral_pathways as p', (j) => j.onRef('p.id', '=', 'v.pathway_id').onRef('p.current_version', '=', 'v.version'))
    .select([
      'v.pathway_id',
      'v.name',
      'v.receiver_organization_id',
      'v.referrer_organization_ids',
      'v.referrer_organization_types',
      'v.active_from',
      'v.active_until',
    ])
    .orderBy('v.pathway_id')
    .execute();
  return rows
    .filter((r) => pathwayActiveOn({ activeFrom: r.active_from, activeUntil: r.active_until }, day))
    .map((r) => ({
      pathwayId: r.pathway_id,
      name: r.name,
      receiverOrganizationId: r.receiver_organization_id,
      referrerOrganizationIds: r.referrer_organization_ids,
      referrerOrganizationTypes: r.referrer_organization_types,
    }));
}

/** Referrals sent from one organization to another, created in [from, to). */
export async function referralFlowsBetween(
  db: DbOrTrx,
  from: Date,
  to: Date,
): Promise<{ sender: string; receiver: string; referrals: number }[]> {
  const rows = await db
    .selectFrom('referrals')
    .select(['sender_organization_id', 'receiver_organization_id', sql<string>`count(*)`.as('n')])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy(['sender_organization_id', 'receiver_organization_id'])
    .execute();
  return rows.map((r) => ({ sender: r.sender_organization_id, receiver: r.receiver_organization_id, referrals: Number(r.n) }));
}
