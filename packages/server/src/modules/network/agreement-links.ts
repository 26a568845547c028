import type { AgreementKind } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { agreementState } from './agreement-rules.ts';

/**
 * The agreements that tie organizations to work together, in force on `day` (ending soon counts), each
 * as its parties: memoranda of understanding, referral and data-sharing agreements. For the needs-and-
 * gaps hub-and-spoke view (docs/gaps.md); BAAs and QSOAs are about a service to one party, not a tie.
 */
export const LINKING_AGREEMENT_KINDS: readonly AgreementKind[] = ['mou', 'referral', 'data_sharing'];

export async function agreementPartiesInForce(db: DbOrTrx, day: string): Promise<{ agreementId: string; organizationIds: string[] }[]> {
  const rows = await db
    .selectFrom('network_agreements as a')
    .innerJoin('network_agreement_parties as p', 'p.agreement_id', 'a.id')
    .select(['a.id', 'a.status', 'a.effective_on', 'a.ends_on', 'a.terminated_on', 'p.organization_id'])
    .where('a.kind', 'in', [...LINKING_AGREEMENT_KINDS])
    .orderBy('a.id')
    .execute();
  const byId = new Map<string, string[]>();
  for (const r of rows) {
    const state = agreementState({ status: r.status, effectiveOn: r.effective_on, endsOn: r.ends_on, terminatedOn: r.terminated_on }, day);
    if (state !== 'in_force' && state !== 'ending_soon') continue;
    byId.set(r.id, [...(byId.get(r.id) ?? []), r.organization_id]);
  }
  return [...byId].map(([agreementId, organizationIds]) => ({ agreementId, organizationIds }));
}
