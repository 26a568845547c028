import { sql } from 'kysely';
import {
  part2Notice,
  referralTerminalStates,
  type PersonSummary,
  type ReferralDetail,
  type ReferralListItem,
  type referralListQuerySchema,
  type ReferralPage,
} from '@continuum/contracts';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { findServices, locationName } from '../directory/index.ts';
import { type AccessContext } from '../../core/access-context.ts';
import type { DisclosureChannel } from '../registry/index.ts';
import { authorizeRecords, consentScopeSummaries, readContext } from '../registry/index.ts';
import { currentDeadline, missingDocuments, overdueKind } from './referral-rules.ts';
import { allowedEvents, type Side } from './referral-state.ts';
import type { ReferralRow } from './referrals.table.ts';
import { referralNotFound, requireReferralRole, sideOf } from './referrals.ts';
import { organizationNameOf, organizationNames } from '../organizations/index.ts';
import { userDisplayName, userDisplayNameOf } from '../identity/index.ts';

/* Reading referrals: one as the caller's side sees it (through the chokepoint), its detail, and the lists. */

// ── Read ────────────────────────────────────────────────────────────────────
export interface VisibleReferral {
  row: ReferralRow;
  side: Side;
  person: PersonSummary;
}

/**
 * A referral the caller may see: their organization is the sender or the receiver, their role
 * handles referrals, and the chokepoint permits the record (the consent it was sent under lets the
 * receiver see it). Anything else is "not found". `lock` takes the row for an update.
 */
export async function loadVisibleReferral(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  id: string,
  channel?: DisclosureChannel,
  lock = false,
): Promise<VisibleReferral> {
  requireReferralRole(access);
  let q = trx.selectFrom('referrals').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw referralNotFound();
  const side = sideOf(row, access.organizationId);
  if (side === null) throw referralNotFound();
  const ctx = readContext(access, clock, row.purpose, channel);
  const { permitted } = await authorizeRecords(trx, ctx, [recordOf(row)]);
  if (permitted.length === 0) throw referralNotFound();
  return { row, side, person: permitted[0]!.person };
}

export function recordOf(row: Pick<ReferralRow, 'id' | 'person_id' | 'sensitivity' | 'sender_organization_id'>) {
  return {
    personId: row.person_id,
    kind: 'referrals' as const,
    sensitivity: row.sensitivity,
    sourceOrganizationId: row.sender_organization_id,
    ref: { type: 'referral', id: row.id },
  };
}

export async function getReferral(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  channel?: DisclosureChannel,
): Promise<ReferralDetail> {
  return db.transaction().execute(async (trx) => detailOf(trx, clock, await loadVisibleReferral(trx, clock, access, id, channel)));
}

export async function namesFor(trx: DbOrTrx, rows: readonly ReferralRow[]) {
  const orgIds = [...new Set(rows.flatMap((r) => [r.sender_organization_id, r.receiver_organization_id]))];
  const serviceIds = [...new Set(rows.map((r) => r.service_id))];
  const pathwayKeys = [...new Set(rows.map((r) => `${r.pathway_id}|${r.pathway_version}`))];
  const [org, services, pathways] = await Promise.all([
    organizationNames(trx, orgIds),
    findServices(trx, serviceIds),
    pathwayKeys.length
      ? trx
          .selectFrom('referral_pathway_versions')
          .select(['pathway_id', 'version', 'name', 'warm_handoff_expected', 'required_documents'])
          .where((eb) =>
            eb.or(pathwayKeys.map((k) => eb.and([eb('pathway_id', '=', k.split('|')[0]!), eb('version', '=', Number(k.split('|')[1]))]))),
          )
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    org,
    service: new Map(services.map((s) => [s.id, s.name])),
    pathway: new Map(pathways.map((p) => [`${p.pathway_id}|${p.version}`, p])),
  };
}

type Names = Awaited<ReturnType<typeof namesFor>>;

function deadlineFacts(row: ReferralRow) {
  return { status: row.status, ackDueAt: row.ack_due_at, firstContactDueAt: row.first_contact_due_at, appointmentAt: row.appointment_at };
}

export function listItemOf(row: ReferralRow, person: PersonSummary, side: Side, names: Names, now: Date): ReferralListItem {
  const deadline = currentDeadline(deadlineFacts(row));
  return {
    id: row.id,
    person,
    pathwayId: row.pathway_id,
    pathwayVersion: row.pathway_version,
    pathwayName: names.pathway.get(`${row.pathway_id}|${row.pathway_version}`)?.name ?? '',
    serviceId: row.service_id,
    serviceName: names.service.get(row.service_id) ?? '',
    serviceKind: row.service_kind,
    senderOrganizationId: row.sender_organization_id,
    senderOrganizationName: names.org.get(row.sender_organization_id) ?? '',
    receiverOrganizationId: row.receiver_organization_id,
    receiverOrganizationName: names.org.get(row.receiver_organization_id) ?? '',
    status: row.status,
    urgency: row.urgency,
    appointmentAt: row.appointment_at?.toISOString() ?? null,
    ackDueAt: row.ack_due_at.toISOString(),
    firstContactDueAt: row.first_contact_due_at.toISOString(),
    nextDeadlineAt: deadline?.at.toISOString() ?? null,
    overdue: overdueKind(deadlineFacts(row), now),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    side,
  };
}

export async function detailOf(trx: DbOrTrx, clock: Clock, v: VisibleReferral): Promise<ReferralDetail> {
  const { row } = v;
  const names = await namesFor(trx, [row]);
  const [history, handoff, attachments, location, senderUser] = await Promise.all([
    trx
      .selectFrom('referral_transitions as t')
      .select([
        't.id',
        't.event',
        't.from_state',
        't.to_state',
        't.at',
        userDisplayNameOf('t.by_user_id').as('display_name'),
        organizationNameOf('t.by_organization_id').as('org_name'),
        't.reason',
        't.outcome',
        't.appointment_at',
        't.note',
      ])
      .where('t.referral_id', '=', row.id)
      .orderBy('t.seq')
      .execute(),
    trx
      .selectFrom('referral_handoffs as h')
      .selectAll('h')
      .select(userDisplayNameOf('h.recorded_by_user_id').as('display_name'))
      .where('h.referral_id', '=', row.id)
      .executeTakeFirst(),
    trx
      .selectFrom('referral_attachments as a')
      .select(['a.id', 'a.file_name', 'a.content_type', 'a.size', 'a.document_key', 'a.uploaded_at'])
      .select(userDisplayNameOf('a.uploaded_by_user_id').as('display_name'))
      .where('a.referral_id', '=', row.id)
      .orderBy('a.uploaded_at')
      .execute(),
    row.location_id ? locationName(trx, row.location_id) : Promise.resolve(undefined),
    row.sender_user_id ? userDisplayName(trx, row.sender_user_id) : Promise.resolve(undefined),
  ]);
  const pathway = names.pathway.get(`${row.pathway_id}|${row.pathway_version}`);
  const now = clock.now();
  const part2ToReceiver = row.sensitivity === 'part2' && v.side === 'receiver';
  return {
    ...listItemOf(row, v.person, v.side, names, now),
    locationId: row.location_id,
    locationName: location ?? null,
    senderName: senderUser ?? null,
    reason: row.reason,
    purpose: row.purpose,
    answers: row.answers,
    criteriaConfirmed: row.criteria_confirmed,
    statusReason: row.status_reason,
    outcome: row.outcome,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    consentId: row.consent_id,
    warmHandoffExpected: pathway?.warm_handoff_expected ?? false,
    history: history.map((h) => ({
      id: h.id,
      event: h.event as ReferralDetail['history'][number]['event'],
      fromState: h.from_state,
      toState: h.to_state,
      at: h.at.toISOString(),
      byName: h.display_name,
      byOrganizationName: h.org_name,
      reason: h.reason,
      outcome: h.outcome,
      appointmentAt: h.appointment_at?.toISOString() ?? null,
      note: h.note,
    })),
    handoff: handoff
      ? {
          mode: handoff.mode,
          at: handoff.at.toISOString(),
          senderStaffName: handoff.sender_staff_name,
          receiverStaffName: handoff.receiver_staff_name,
          note: handoff.note,
          recordedAt: handoff.recorded_at.toISOString(),
          recordedByName: handoff.display_name,
        }
      : null,
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      size: a.size,
      documentKey: a.document_key,
      uploadedAt: a.uploaded_at.toISOString(),
      uploadedByName: a.display_name,
    })),
    missingDocuments: missingDocuments(
      pathway?.required_documents ?? [],
      attachments.map((a) => a.document_key),
    ),
    allowedEvents: allowedEvents(row.status, v.side, row.status_before_hold),
    redisclosureNotice: part2ToReceiver ? part2Notice.en.full : null,
    consentScopes: part2ToReceiver && row.consent_id ? await consentScopeSummaries(trx, [row.consent_id]) : [],
  };
}

// ── List ────────────────────────────────────────────────────────────────────

export async function listReferrals(
  db: Db,
  clock: Clock,
  access: AccessContext,
  query: z.output<typeof referralListQuerySchema>,
): Promise<ReferralPage> {
  const orgId = requireReferralRole(access);
  const now = clock.now();
  const box = query.box;
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('referrals as r').where(box === 'inbox' ? 'r.receiver_organization_id' : 'r.sender_organization_id', '=', orgId);
    // Closed exactly when terminal; `closed_at is null` matches the partial deadline indexes.
    if (query.status === 'open') q = q.where('r.closed_at', 'is', null);
    else if (query.status === 'closed') q = q.where('r.status', 'in', [...referralTerminalStates]);
    else if (query.status) q = q.where('r.status', '=', query.status);
    if (query.urgency) q = q.where('r.urgency', '=', query.urgency);
    if (query.pathwayId) q = q.where('r.pathway_id', '=', query.pathwayId);
    if (query.personId) q = q.where('r.person_id', '=', query.personId);
    if (query.overdue) {
      q =
        query.overdue === 'true'
          ? q.where('r.next_deadline_at', '<', now)
          : q.where((eb) => eb.or([eb('r.next_deadline_at', 'is', null), eb('r.next_deadline_at', '>=', now)]));
    }
    const { total } = await q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
    const sort = query.sort;
    let page = q.selectAll('r');
    if (sort === 'deadline') page = page.orderBy(sql`r.next_deadline_at asc nulls last`);
    else if (sort === 'created') page = page.orderBy('r.created_at', 'desc');
    else page = page.orderBy('r.updated_at', 'desc');
    const rows = await page.orderBy('r.id').limit(query.limit).offset(query.offset).execute();
    const names = await namesFor(trx, rows);
    // One chokepoint call per purpose the referrals were sent for.
    const items = new Map<string, ReferralListItem>();
    const restricted = new Map<string, number>();
    for (const purpose of ['treatment', 'care_coordination'] as const) {
      const group = rows.filter((r) => r.purpose === purpose);
      if (group.length === 0) continue;
      const result = await authorizeRecords(
        trx,
        readContext(access, clock, purpose),
        group.map((r) => ({ ...recordOf(r), row: r })),
      );
      for (const p of result.permitted)
        items.set(p.row.id, listItemOf(p.row, p.person, box === 'inbox' ? 'receiver' : 'sender', names, now));
      for (const x of result.restricted) restricted.set(x.kind, (restricted.get(x.kind) ?? 0) + x.count);
    }
    return {
      items: rows.map((r) => items.get(r.id)).filter((x): x is ReferralListItem => x !== undefined),
      total: Number(total),
      restricted: [...restricted].map(([kind, count]) => ({ kind: kind as 'referrals', count })),
    };
  });
}
