import type { DbOrTrx } from '../../db/database.ts';
import type { ScorecardReferralRow } from './scorecard-row.ts';

/*
 * The partner scorecards' bulk read of referrals (docs/network.md, "Partner scorecards";
 * docs/privacy.md). Basis: HIPAA health care operations (45 CFR 164.501, quality assessment and
 * improvement) and 42 CFR 2.53 (audit and evaluation) — the network reviewing how its referral
 * pathways perform. The rows leave this file without the person: no person id, name, reason,
 * answers or notes; only the two organizations, the pathway, the timestamps of the referral's steps
 * and how it closed. They feed only aggregates, which are suppressed on the way out (1–10 referrals
 * are never shown); the caller records one audit entry per scorecard computed.
 */

export async function scorecardReferralRows(
  db: DbOrTrx,
  organizationId: string,
  from: Date,
  to: Date,
  pathwayId: string | null,
): Promise<ScorecardReferralRow[]> {
  let q = db
    .selectFrom('referrals as r')
    .select((eb) => [
      'r.pathway_id',
      'r.sender_organization_id',
      'r.receiver_organization_id',
      'r.created_at',
      'r.ack_due_at',
      'r.acknowledged_at',
      'r.status',
      'r.status_reason',
      eb
        .selectFrom('referral_transitions as t')
        .select((t) => t.fn.min('t.at').as('at'))
        .whereRef('t.referral_id', '=', 'r.id')
        .where('t.event', '=', 'accept')
        .as('accepted_at'),
      eb
        .selectFrom('referral_transitions as t')
        .select((t) => t.fn.min('t.appointment_at').as('at'))
        .whereRef('t.referral_id', '=', 'r.id')
        .where('t.event', '=', 'schedule')
        .as('first_appointment_at'),
      eb
        .exists(
          eb.selectFrom('referral_transitions as t').select('t.id').whereRef('t.referral_id', '=', 'r.id').where('t.event', '=', 'attend'),
        )
        .as('attended'),
    ])
    .where((eb) => eb.or([eb('r.sender_organization_id', '=', organizationId), eb('r.receiver_organization_id', '=', organizationId)]))
    .where('r.created_at', '>=', from)
    .where('r.created_at', '<', to);
  if (pathwayId !== null) q = q.where('r.pathway_id', '=', pathwayId);
  const rows = await q.execute();
  const date = (v: Date | string | null | undefined) => (v === null || v === undefined ? null : new Date(v));
  return rows.map((r) => ({
    pathwayId: r.pathway_id,
    senderOrganizationId: r.sender_organization_id,
    receiverOrganizationId: r.receiver_organization_id,
    sentAt: r.created_at,
    ackDueAt: r.ack_due_at,
    acknowledgedAt: r.acknowledged_at,
    acceptedAt: date(r.accepted_at),
    firstAppointmentAt: date(r.first_appointment_at),
    attended: Boolean(r.attended),
    status: r.status,
    statusReason: r.status_reason,
  }));
}

/** The pathways a partner takes part in: those leading to it and those it has referred on, with their current names. */
export async function scorecardPathways(
  db: DbOrTrx,
  organizationIds: readonly string[] | null,
): Promise<{ id: string; name: string; organizationIds: string[] }[]> {
  const rows = await db
    .selectFrom('referral_pathways as p')
    .innerJoin('referral_pathway_versions as v', (j) => j.onRef('v.pathway_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'))
    .select((eb) => [
      'p.id',
      'v.name',
      'p.receiver_organization_id',
      eb
        .selectFrom('referrals as r')
        .select((r) =>
          r.fn
            .agg<string[]>('array_agg', [r.ref('r.sender_organization_id')])
            .distinct()
            .as('senders'),
        )
        .whereRef('r.pathway_id', '=', 'p.id')
        .as('senders'),
    ])
    .orderBy('v.name')
    .execute();
  return rows
    .map((r) => ({ id: r.id, name: r.name, organizationIds: [...new Set([r.receiver_organization_id, ...(r.senders ?? [])])] }))
    .filter((p) => organizationIds === null || p.organizationIds.some((id) => organizationIds.includes(id)));
}
