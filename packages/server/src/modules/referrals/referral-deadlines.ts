import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { defineJob } from '../../jobs/job-queue.ts';
import { recordAudit } from '../audit/index.ts';
import { systemAccess } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import { createWorklistTask } from '../worklist/index.ts';
import { APPOINTMENT_GRACE_HOURS, escalationDue } from './referral-rules.ts';
import { addDays, addHours } from '@continuum/contracts';

const CHUNK = 200;
const RECEIVER_STAFF = ['clinician', 'care_navigator', 'partner_staff'] as const;

/**
 * Finds referrals past their acknowledgment, first-contact or appointment deadline and escalates
 * each once: the receiving staff get a reminder and the receiver's organization administrators a
 * notice; a missed acknowledgment becomes an outreach task (`referral_not_acknowledged`) for the
 * sender's navigators, a missed first contact or appointment a notice to them. Idempotent: the
 * referral remembers it was escalated (and the task and notifications have dedupe keys). Works in
 * chunks so requests interleave on the embedded database. Returns how many were escalated.
 */
export async function escalateOverdueReferrals(db: Db, clock: Clock): Promise<number> {
  const access = systemAccess('referral deadlines');
  let escalated = 0;
  for (;;) {
    const now = clock.now();
    const appointmentCutoff = addHours(now, -APPOINTMENT_GRACE_HOURS);
    const done = await db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('referrals')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'requested'), eb('ack_escalated_at', 'is', null), eb('ack_due_at', '<', now)]),
            eb.and([
              eb('status', 'in', ['received', 'accepted']),
              eb('contact_escalated_at', 'is', null),
              eb('first_contact_due_at', '<', now),
            ]),
            eb.and([eb('status', '=', 'scheduled'), eb('contact_escalated_at', 'is', null), eb('appointment_at', '<', appointmentCutoff)]),
          ]),
        )
        .orderBy('created_at')
        .limit(CHUNK)
        .forUpdate()
        .skipLocked()
        .execute();
      let count = 0;
      for (const r of due) {
        const kind = escalationDue(
          {
            status: r.status,
            ackDueAt: r.ack_due_at,
            firstContactDueAt: r.first_contact_due_at,
            appointmentAt: r.appointment_at,
            ackEscalated: r.ack_escalated_at !== null,
            contactEscalated: r.contact_escalated_at !== null,
          },
          now,
        );
        if (kind === null) continue;
        const link = `/referrals/${r.id}`;
        // A rescheduled appointment that passes again is a new escalation.
        const slot = kind === 'appointment' ? `${kind}:${r.appointment_at?.toISOString() ?? ''}` : kind;
        const what =
          kind === 'acknowledgment'
            ? 'is waiting to be acknowledged'
            : kind === 'first_contact'
              ? 'has had no first contact or appointment in time'
              : 'has an appointment with no attendance recorded';
        await notify(trx, clock, {
          kind: 'referral.overdue',
          title: 'A referral is overdue',
          body: `A referral for a person ${what}. Open it to act.`,
          link,
          organizations: [{ organizationId: r.receiver_organization_id, roles: [...RECEIVER_STAFF] }],
          dedupeKey: `referral:${r.id}:overdue:${slot}`,
          webhook: { organizationIds: [r.receiver_organization_id], payload: { referralId: r.id, event: 'overdue', deadline: kind } },
        });
        await notify(trx, clock, {
          kind: 'referral.overdue',
          title: 'A referral to your organization is overdue',
          // Administrators do not read person-level records: no link, a prompt to check staffing.
          body: `A referral for a person ${what}. Check that someone in your organization is handling incoming referrals.`,
          link: null,
          organizations: [{ organizationId: r.receiver_organization_id, roles: ['org_admin'] }],
          dedupeKey: `referral:${r.id}:overdue:${slot}:admin`,
        });
        if (kind === 'acknowledgment') {
          await createWorklistTask(trx, clock, access, {
            kind: 'referral_not_acknowledged',
            personId: r.person_id,
            organizationId: r.sender_organization_id,
            dueAt: addDays(now, 1),
            reason: 'A referral was not acknowledged in time by the receiving organization. Check in with the person and the receiver.',
            source: { type: 'referral', id: r.id },
            dedupeKey: `referral_ack:${r.id}`,
          });
        } else {
          await notify(trx, clock, {
            kind: 'referral.overdue',
            title: 'A referral you sent is overdue',
            body: `A referral for a person ${what}. Open it to follow up.`,
            link,
            ...(r.sender_user_id ? { userIds: [r.sender_user_id] } : {}),
            organizations: [{ organizationId: r.sender_organization_id, roles: ['care_navigator'] }],
            dedupeKey: `referral:${r.id}:overdue:${slot}:sender`,
          });
        }
        await trx
          .updateTable('referrals')
          .set(kind === 'acknowledgment' ? { ack_escalated_at: now } : { contact_escalated_at: now })
          .where('id', '=', r.id)
          .execute();
        count++;
      }
      if (count > 0)
        await recordAudit(trx, clock, access, { action: 'referral.deadlines.escalate', entityType: 'referral', details: { count } });
      return { count, more: due.length === CHUNK && count > 0 };
    });
    escalated += done.count;
    if (!done.more) return escalated;
  }
}

/** Every 15 minutes (jobs/registry.ts). */
export const referralDeadlinesJob = defineJob({
  name: 'referrals.deadlines',
  payload: z.object({}),
  async handler(_payload, { db, clock }) {
    await escalateOverdueReferrals(db, clock);
  },
});
