import { referralStates, type ReferralState } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { authorizeRecords, readContext } from '../registry/index.ts';
import type { toTask } from './referral-fhir.ts';
import { detailOf, listItemOf, loadVisibleReferral, namesFor, recordOf } from './referral-read.ts';
import { requireReferralRole } from './referrals.ts';
import type { ReferralRow } from './referrals.table.ts';

const bare = (v: string | undefined) => (v === undefined ? undefined : v.split('/').pop()!.toLowerCase());

export type FhirItem = Parameters<typeof toTask>[0];

/** One referral as FHIR reads it, if the caller may see it (loadVisibleReferral checks the role and the person). */
export async function readFhirReferral(db: Db, clock: Clock, access: AccessContext, id: string): Promise<FhirItem> {
  return db.transaction().execute(async (trx) => {
    const v = await loadVisibleReferral(trx, clock, access, id, 'fhir');
    return { ...(await detailOf(trx, clock, v)), sensitivity: v.row.sensitivity, externalId: v.row.external_id };
  });
}

/**
 * ServiceRequest/Task search: referrals the caller's organization sent or received, through the
 * chokepoint. Refuses a caller without a referral role or without an organization.
 */
export async function searchFhirReferrals(
  db: Db,
  clock: Clock,
  access: AccessContext,
  q: {
    patient?: string | undefined;
    status?: string | undefined;
    requester?: string | undefined;
    owner?: string | undefined;
    focus?: string | undefined;
    _count: number;
  },
  statusOf: (s: ReferralState) => string,
): Promise<FhirItem[]> {
  const org = requireReferralRole(access);
  const wanted = q.status ? new Set(q.status.split(',').map((s) => s.trim())) : null;
  const states = wanted ? referralStates.filter((s) => wanted.has(statusOf(s))) : null;
  if (states && states.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('referrals')
      .selectAll()
      .where((eb) => eb.or([eb('sender_organization_id', '=', org), eb('receiver_organization_id', '=', org)]));
    if (q.patient) query = query.where('person_id', '=', bare(q.patient)!);
    if (q.requester) query = query.where('sender_organization_id', '=', bare(q.requester)!);
    if (q.owner) query = query.where('receiver_organization_id', '=', bare(q.owner)!);
    if (q.focus) query = query.where('id', '=', bare(q.focus)!);
    if (states) query = query.where('status', 'in', states);
    const rows = await query.orderBy('updated_at', 'desc').orderBy('id').limit(q._count).execute();
    const names = await namesFor(trx, rows);
    const now = clock.now();
    const out = new Map<string, FhirItem>();
    for (const purpose of ['treatment', 'care_coordination'] as const) {
      const group = rows.filter((r) => r.purpose === purpose);
      if (group.length === 0) continue;
      const { permitted } = await authorizeRecords(
        trx,
        readContext(access, clock, purpose, 'fhir'),
        group.map((r) => ({ ...recordOf(r), row: r })),
      );
      for (const p of permitted) {
        const r: ReferralRow = p.row;
        out.set(r.id, {
          ...listItemOf(r, p.person, r.receiver_organization_id === org ? 'receiver' : 'sender', names, now),
          reason: r.reason,
          consentId: r.consent_id,
          statusReason: r.status_reason,
          outcome: r.outcome,
          sensitivity: r.sensitivity,
          externalId: r.external_id,
        });
      }
    }
    return rows.map((r) => out.get(r.id)).filter((x): x is FhirItem => x !== undefined);
  });
}
