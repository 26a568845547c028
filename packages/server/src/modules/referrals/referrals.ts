import { sql } from 'kysely';
import {
  part2Notice,
  referralStateLabels,
  referralTerminalStates,
  type CareEventInput,
  type CreateReferral,
  type HandoffInput,
  type PersonSummary,
  type ReferralDetail,
  type ReferralListItem,
  type referralListQuerySchema,
  type ReferralPage,
  type ReferralState,
  type ReferralTransition,
  type Role,
  addDays,
  localDay,
} from '@continuum/contracts';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findServices, isOfferedAt, locationName } from '../directory/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import type { DisclosureChannel } from '../registry/index.ts';
import {
  writeCareEvents,
  authorizeRecords,
  consentScopeSummaries,
  openPerson,
  readContext,
  decideReferralConsent,
  recordSensitivity,
} from '../registry/index.ts';
import { createWorklistTask } from '../worklist/index.ts';
import { callerOrganization, loadPathwayVersion, termsOf } from './pathways.ts';
import {
  checkReferralContent,
  currentDeadline,
  missingDocuments,
  overdueKind,
  pathwayAvailability,
  referralDeadlines,
  serviceKindOf,
} from './referral-rules.ts';
import { allowedEvents, transition, type Side } from './referral-state.ts';
import type { ReferralRow } from './referrals.table.ts';

/*
 * The referral service: send (consent before send), read and list through the consent chokepoint,
 * transitions by the pure state machine, warm handoffs. Every change is audited, written to the
 * person's timeline as care events (source `referrals`) and notified to the other side without
 * personal data.
 */

/** Roles that send, receive and act on referrals. */
export const REFERRAL_ROLES: readonly Role[] = ['clinician', 'care_navigator', 'partner_staff'];
/** Who at the receiving organization hears about a new or overdue referral. */
const RECEIVER_STAFF: Role[] = ['clinician', 'care_navigator', 'partner_staff'];

export const referralNotFound = () => new AppError('REFERRAL_NOT_FOUND', { message: 'No such referral, or you may not see it.' });

export function requireReferralRole(access: AccessContext): string {
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  if (!access.roles.some((r) => REFERRAL_ROLES.includes(r)))
    throw new AppError('FORBIDDEN', { message: 'Your role does not include referrals.' });
  return access.organizationId;
}

export function sideOf(
  row: Pick<ReferralRow, 'sender_organization_id' | 'receiver_organization_id'>,
  organizationId: string | null,
): Side | null {
  if (organizationId === null) return null;
  if (row.receiver_organization_id === organizationId) return 'receiver';
  if (row.sender_organization_id === organizationId) return 'sender';
  return null;
}

export interface SendOptions {
  channel?: DisclosureChannel;
  /** The sending system's id (FHIR ServiceRequest.identifier). */
  externalId?: string | null;
}

// ── Send ────────────────────────────────────────────────────────────────────
/** Sends a referral and returns its id. Nothing is written unless every check passes. */
export async function sendReferral(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  input: ReturnType<typeof normalizeCreate>,
  timeZone: string,
  options: SendOptions = {},
): Promise<string> {
  const senderId = requireReferralRole(access);
  const now = clock.now();
  const ctx = readContext(access, clock, input.purpose, options.channel);
  const { person, facts } = await openPerson(trx, ctx, input.personId);
  const pathway = await loadPathwayVersion(trx, input.pathwayId).catch(() => {
    throw new AppError('PATHWAY_NOT_FOUND', {
      message: 'No such pathway.',
      fields: [{ path: 'body.pathwayId', message: 'No such pathway' }],
    });
  });
  const sender = (await callerOrganization(trx, access))!;
  const availability = pathwayAvailability(termsOf(pathway), sender, input.serviceId, localDay(now, timeZone));
  if (!availability.ok) {
    const message = {
      inactive: 'The pathway is not active today.',
      not_a_referrer: 'Your organization may not refer on this pathway.',
      service_not_on_pathway: 'The pathway does not lead to this service.',
    }[availability.why];
    throw new AppError('PATHWAY_NOT_AVAILABLE', {
      message,
      fields: [{ path: availability.why === 'service_not_on_pathway' ? 'body.serviceId' : 'body.pathwayId', message }],
    });
  }
  const problems = checkReferralContent(
    {
      requiredFields: pathway.required_fields,
      inclusionCriteria: pathway.inclusion_criteria,
      exclusionCriteria: pathway.exclusion_criteria,
    },
    { answers: input.answers, criteriaConfirmed: input.criteriaConfirmed },
  );
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', { message: 'The referral is missing what the pathway requires.', fields: problems });
  const [service] = await findServices(trx, [input.serviceId]);
  if (!service)
    throw new AppError('VALIDATION_FAILED', {
      message: 'No such service.',
      fields: [{ path: 'body.serviceId', message: 'No such service' }],
    });
  if (input.locationId) {
    if (!(await isOfferedAt(trx, input.serviceId, input.locationId)))
      throw new AppError('VALIDATION_FAILED', {
        message: 'The service is not offered at this location.',
        fields: [{ path: 'body.locationId', message: 'The service is not offered at this location' }],
      });
  }
  const sensitivity = recordSensitivity(sender.type, 'referrals', undefined);
  // The facts the chokepoint just loaded to open the person hold the person's consents.
  const consent = decideReferralConsent(facts, {
    senderOrganizationId: senderId,
    receiverOrganizationId: pathway.receiver_organization_id,
    purpose: input.purpose,
    sensitivity,
    consentId: input.consentId,
    now,
  });
  if (!consent.covered) {
    throw new AppError('CONSENT_REQUIRED', {
      message:
        'A signed, current consent naming the receiving organization for this purpose and covering referrals is needed before sending.',
      fields: [{ path: 'body.consentId', message: consent.reason }],
    });
  }
  const { ackDueAt, firstContactDueAt } = referralDeadlines(now, pathway.ack_hours, pathway.first_contact_days);
  const serviceKind = serviceKindOf(service.codes);
  const row = await trx
    .insertInto('referrals')
    .values({
      person_id: person.row.id,
      pathway_id: pathway.pathway_id,
      pathway_version: pathway.version,
      service_id: service.id,
      service_kind: serviceKind,
      location_id: input.locationId ?? null,
      sender_organization_id: senderId,
      sender_user_id: actorUserId(access),
      receiver_organization_id: pathway.receiver_organization_id,
      reason: input.reason,
      urgency: input.urgency,
      purpose: input.purpose,
      answers: JSON.stringify(input.answers),
      criteria_confirmed: input.criteriaConfirmed,
      consent_id: consent.consentId,
      sensitivity,
      status: 'requested',
      status_before_hold: null,
      status_reason: null,
      outcome: null,
      appointment_at: null,
      ack_due_at: ackDueAt,
      first_contact_due_at: firstContactDueAt,
      acknowledged_at: null,
      first_contact_at: null,
      closed_at: null,
      ack_escalated_at: null,
      contact_escalated_at: null,
      next_deadline_at: ackDueAt,
      external_id: options.externalId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('referral_transitions')
    .values({
      referral_id: row.id,
      event: 'create',
      from_state: null,
      to_state: 'requested',
      at: now,
      by_user_id: actorUserId(access),
      by_organization_id: senderId,
      reason: null,
      outcome: null,
      appointment_at: null,
      note: input.note ?? null,
    })
    .execute();
  // Work that does not touch the audit chain first (see the audit below).
  await notify(trx, clock, {
    kind: 'referral.received',
    title: 'A new referral has arrived',
    body: 'A referral for a person needs attention. Open it to acknowledge it.',
    link: `/referrals/${row.id}`,
    organizations: [{ organizationId: pathway.receiver_organization_id, roles: RECEIVER_STAFF }],
    dedupeKey: `referral:${row.id}:received`,
    webhook: {
      organizationIds: [pathway.receiver_organization_id],
      payload: { referralId: row.id, event: 'created', status: 'requested' },
    },
  });
  await writeCareEvents(trx, clock, access, { organizationId: senderId, source: 'referrals' }, [
    { personId: person.row.id, event: referralCareEvent(row.id, 'requested', service.name, serviceKind, now, 'create') },
  ]);
  // Audited last: the audit chain's lock is then held only until the commit.
  await recordAudit(trx, clock, access, {
    action: 'referral.create',
    entityType: 'referral',
    entityId: row.id,
    details: {
      person: person.row.id,
      pathway: pathway.pathway_id,
      version: pathway.version,
      receiver: pathway.receiver_organization_id,
      consent: consent.consentId,
      urgency: input.urgency,
      fields: Object.keys(input.answers),
    },
  });
  return row.id;
}

export function normalizeCreate(input: CreateReferral) {
  return {
    personId: input.personId,
    pathwayId: input.pathwayId,
    serviceId: input.serviceId,
    locationId: input.locationId ?? null,
    reason: input.reason,
    urgency: input.urgency ?? 'routine',
    purpose: input.purpose ?? 'treatment',
    answers: input.answers ?? {},
    criteriaConfirmed: input.criteriaConfirmed ?? [],
    consentId: input.consentId,
    note: input.note ?? null,
  };
}

export async function createReferral(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: CreateReferral,
  timeZone: string,
  options: SendOptions = {},
): Promise<ReferralDetail> {
  const id = await db.transaction().execute((trx) => sendReferral(trx, clock, access, normalizeCreate(input), timeZone, options));
  return getReferral(db, clock, access, id, options.channel);
}

function referralCareEvent(
  referralId: string,
  status: ReferralState,
  serviceName: string,
  serviceKind: string,
  at: Date,
  step: string,
): CareEventInput {
  return {
    type: 'referral',
    occurredAt: at.toISOString(),
    title: `Referral ${referralStateLabels[status].toLowerCase()}: ${serviceName}`.slice(0, 200),
    data: { referralId, status, service: serviceName.slice(0, 200), serviceKind },
    externalId: `referral:${referralId}:${step}`,
  };
}

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
  const [orgs, services, pathways] = await Promise.all([
    orgIds.length ? trx.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute() : Promise.resolve([]),
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
    org: new Map(orgs.map((o) => [o.id, o.name])),
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
      .leftJoin('users as u', 'u.id', 't.by_user_id')
      .leftJoin('organizations as o', 'o.id', 't.by_organization_id')
      .select([
        't.id',
        't.event',
        't.from_state',
        't.to_state',
        't.at',
        'u.display_name',
        'o.name as org_name',
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
      .leftJoin('users as u', 'u.id', 'h.recorded_by_user_id')
      .selectAll('h')
      .select('u.display_name')
      .where('h.referral_id', '=', row.id)
      .executeTakeFirst(),
    trx
      .selectFrom('referral_attachments as a')
      .leftJoin('users as u', 'u.id', 'a.uploaded_by_user_id')
      .select(['a.id', 'a.file_name', 'a.content_type', 'a.size', 'a.document_key', 'a.uploaded_at', 'u.display_name'])
      .where('a.referral_id', '=', row.id)
      .orderBy('a.uploaded_at')
      .execute(),
    row.location_id ? locationName(trx, row.location_id) : Promise.resolve(undefined),
    row.sender_user_id
      ? trx.selectFrom('users').select('display_name').where('id', '=', row.sender_user_id).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const pathway = names.pathway.get(`${row.pathway_id}|${row.pathway_version}`);
  const now = clock.now();
  const part2ToReceiver = row.sensitivity === 'part2' && v.side === 'receiver';
  return {
    ...listItemOf(row, v.person, v.side, names, now),
    locationId: row.location_id,
    locationName: location ?? null,
    senderName: senderUser?.display_name ?? null,
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

// ── Transitions ─────────────────────────────────────────────────────────────
const RECEIVER_DONE: readonly string[] = ['receive', 'accept', 'reject'];

/** Applies one event; the referral row is locked for the transaction. Returns the new state. */
export async function applyTransition(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  v: VisibleReferral,
  input: ReferralTransition,
): Promise<ReferralState> {
  const { row, side } = v;
  const result = transition({
    state: row.status,
    event: input.event,
    side,
    stateBeforeHold: row.status_before_hold,
    reason: input.reason ?? null,
    appointmentAt: input.appointmentAt ?? null,
    outcome: input.outcome ?? null,
  });
  if (!result.ok) {
    if (result.error === 'NOT_ALLOWED' || result.error === 'WRONG_SIDE')
      throw new AppError('REFERRAL_TRANSITION_INVALID', { message: result.message });
    throw new AppError('VALIDATION_FAILED', {
      message: result.message,
      fields: [{ path: `body.${result.field ?? 'event'}`, message: result.message }],
    });
  }
  const next = result.next;
  const now = clock.now();
  const appointmentAt = input.event === 'schedule' ? new Date(input.appointmentAt!) : row.appointment_at;
  await trx
    .updateTable('referrals')
    .set({
      status: next,
      status_before_hold: input.event === 'hold' ? row.status : input.event === 'resume' ? null : row.status_before_hold,
      status_reason: ['reject', 'fail', 'cancel', 'hold'].includes(input.event) ? (input.reason ?? null) : row.status_reason,
      outcome: input.event === 'complete' ? (input.outcome ?? null) : row.outcome,
      appointment_at: appointmentAt,
      acknowledged_at: row.acknowledged_at ?? (row.status === 'requested' && RECEIVER_DONE.includes(input.event) ? now : null),
      first_contact_at: row.first_contact_at ?? (input.event === 'schedule' || input.event === 'attend' ? now : null),
      // A (re)scheduled appointment is a new deadline: escalate again if it passes.
      contact_escalated_at: input.event === 'schedule' ? null : row.contact_escalated_at,
      closed_at: referralTerminalStates.includes(next) ? now : null,
      next_deadline_at:
        currentDeadline({ status: next, ackDueAt: row.ack_due_at, firstContactDueAt: row.first_contact_due_at, appointmentAt })?.at ?? null,
      updated_at: now,
    })
    .where('id', '=', row.id)
    .execute();
  const t = await trx
    .insertInto('referral_transitions')
    .values({
      referral_id: row.id,
      event: input.event,
      from_state: row.status,
      to_state: next,
      at: now,
      by_user_id: actorUserId(access),
      by_organization_id: access.organizationId,
      reason: input.reason ?? null,
      outcome: input.outcome ?? null,
      appointment_at: input.event === 'schedule' ? appointmentAt : null,
      note: input.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Work that does not touch the audit chain first (see the audit below).
  const other = side === 'receiver' ? row.sender_organization_id : row.receiver_organization_id;
  const toSender = side === 'receiver';
  await notify(trx, clock, {
    kind: 'referral.updated',
    title: `A referral was updated: ${referralStateLabels[next]}`,
    body: 'A referral for a person has a new status. Open it to see the details.',
    link: `/referrals/${row.id}`,
    ...(toSender && row.sender_user_id ? { userIds: [row.sender_user_id] } : {}),
    organizations: [{ organizationId: other, roles: toSender ? ['care_navigator'] : RECEIVER_STAFF }],
    dedupeKey: `referral:${row.id}:${t.id}`,
    webhook: { organizationIds: [other], payload: { referralId: row.id, event: input.event, status: next } },
  });
  const [service] = await findServices(trx, [row.service_id]);
  const serviceName = service?.name ?? 'service';
  const events: CareEventInput[] = [referralCareEvent(row.id, next, serviceName, row.service_kind, now, t.id)];
  if (input.event === 'attend') {
    events.push({
      type: 'appointment_attended',
      occurredAt: now.toISOString(),
      data: { referralId: row.id, serviceKind: row.service_kind },
      externalId: `referral:${row.id}:attended`,
    });
  }
  if (input.event === 'fail' && input.reason === 'no_show') {
    const at = appointmentAt && appointmentAt <= now ? appointmentAt : now;
    events.push({
      type: 'appointment_missed',
      occurredAt: at.toISOString(),
      data: { referralId: row.id, serviceKind: row.service_kind },
      externalId: `referral:${row.id}:missed`,
    });
  }
  await writeCareEvents(
    trx,
    clock,
    access,
    { organizationId: access.organizationId!, source: 'referrals' },
    events.map((event) => ({ personId: row.person_id, event })),
  );

  if (input.event === 'fail' && input.reason === 'no_show') {
    await createWorklistTask(trx, clock, access, {
      kind: 'no_show',
      personId: row.person_id,
      organizationId: row.sender_organization_id,
      dueAt: addDays(now, 1),
      reason: 'The person did not attend the appointment a referral led to. Reach out and offer another.',
      source: { type: 'referral', id: row.id },
      dedupeKey: `no_show:${row.id}`,
    });
  }

  // Audited last: the audit chain's lock is then held only until the commit.
  await recordAudit(trx, clock, access, {
    action: `referral.${input.event}`,
    entityType: 'referral',
    entityId: row.id,
    details: { from: row.status, to: next, ...(input.event === 'reject' || input.event === 'fail' ? { reason: input.reason } : {}), side },
  });
  return next;
}

export async function transitionReferral(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  input: ReferralTransition,
  channel?: DisclosureChannel,
): Promise<ReferralDetail> {
  return db.transaction().execute(async (trx) => {
    const v = await loadVisibleReferral(trx, clock, access, id, channel, true);
    await applyTransition(trx, clock, access, v, input);
    const row = await trx.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return detailOf(trx, clock, { ...v, row });
  });
}

// ── Warm handoff ────────────────────────────────────────────────────────────
export async function recordHandoff(db: Db, clock: Clock, access: AccessContext, id: string, input: HandoffInput): Promise<ReferralDetail> {
  return db.transaction().execute(async (trx) => {
    const v = await loadVisibleReferral(trx, clock, access, id, undefined, true);
    if (v.row.status === 'cancelled' || v.row.status === 'rejected')
      throw new AppError('REFERRAL_TRANSITION_INVALID', { message: 'A cancelled or declined referral has no handoff.' });
    const now = clock.now();
    const values = {
      mode: input.mode,
      at: new Date(input.at),
      sender_staff_name: input.senderStaffName,
      receiver_staff_name: input.receiverStaffName,
      note: input.note ?? null,
      recorded_at: now,
      recorded_by_user_id: actorUserId(access),
    };
    await trx
      .insertInto('referral_handoffs')
      .values({ referral_id: id, ...values })
      .onConflict((oc) => oc.column('referral_id').doUpdateSet(values))
      .execute();
    await trx.updateTable('referrals').set({ updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, clock, access, {
      action: 'referral.handoff',
      entityType: 'referral',
      entityId: id,
      details: { mode: input.mode, side: v.side },
    });
    const row = await trx.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return detailOf(trx, clock, { ...v, row });
  });
}
