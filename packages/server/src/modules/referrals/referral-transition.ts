import {
  addDays,
  referralStateLabels,
  referralTerminalStates,
  type CareEventInput,
  type HandoffInput,
  type ReferralDetail,
  type ReferralState,
  type ReferralTransition,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findServices } from '../directory/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import type { DisclosureChannel } from '../registry/index.ts';
import { confirmPendingCareTeam, writeCareEvents } from '../registry/index.ts';
import { createWorklistTask } from '../worklist/index.ts';
import { currentDeadline } from './referral-rules.ts';
import { transition } from './referral-state.ts';
import { RECEIVER_STAFF, referralCareEvent } from './referrals.ts';
import { type VisibleReferral, loadVisibleReferral, detailOf } from './referral-read.ts';

/* Moving a referral through its states, and recording the warm handoff. */

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

  // An accepted referral confirms the receiver's pending care-team link (docs/privacy.md, "Care-team links").
  if (input.event === 'accept') await confirmPendingCareTeam(trx, clock, access, row.person_id, [row.receiver_organization_id], 'referral');

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
