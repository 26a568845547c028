import { z } from 'zod';
import { agreementKindLabels } from '@continuum/contracts';
import { defineJob } from '../../jobs/job-queue.ts';
import { systemAccess } from '../../core/access-context.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { organizationsWithRole } from '../identity/index.ts';
import { reminderDue } from './agreement-rules.ts';

/**
 * Renewal reminders: 60, 30 and 7 days before an agreement in force ends, its parties'
 * organization administrators and the network administrators are told, through the notifications
 * module (inbox, email, webhooks). Idempotent: a reminder sent for an end date is stored and never
 * sent twice, and a new end date (a renewal) starts the count again.
 */
export async function remindEndingAgreements(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  return db.transaction().execute(async (trx) => {
    const candidates = await trx
      .selectFrom('network_agreements')
      .select(['id', 'kind', 'title', 'ends_on'])
      .where('status', '=', 'active')
      .where('ends_on', 'is not', null)
      .where('ends_on', '>', today)
      .where('effective_on', '<=', today)
      .execute();
    if (candidates.length === 0) return 0;
    const sent = await trx
      .selectFrom('network_agreement_reminders')
      .select(['agreement_id', 'ends_on', 'days_before'])
      .where(
        'agreement_id',
        'in',
        candidates.map((c) => c.id),
      )
      .execute();
    const parties = await trx
      .selectFrom('network_agreement_parties')
      .select(['agreement_id', 'organization_id'])
      .where(
        'agreement_id',
        'in',
        candidates.map((c) => c.id),
      )
      .execute();
    const network = await organizationsWithRole(trx, 'network_admin');
    let reminded = 0;
    for (const a of candidates) {
      const endsOn = a.ends_on!;
      const due = reminderDue(
        endsOn,
        today,
        sent.filter((s) => s.agreement_id === a.id && s.ends_on === endsOn).map((s) => s.days_before),
      );
      if (!due) continue;
      await trx
        .insertInto('network_agreement_reminders')
        .values(due.mark.map((days) => ({ agreement_id: a.id, ends_on: endsOn, days_before: days, sent_at: now })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await notify(trx, clock, {
        kind: 'agreement.ending',
        title: `Agreement ends in ${due.send} days or fewer`,
        body: `${agreementKindLabels[a.kind]} “${a.title}” ends on ${endsOn}. Renew it, or plan for what stops on that day.`,
        link: `/network/agreements/${a.id}`,
        organizations: [
          ...parties
            .filter((p) => p.agreement_id === a.id)
            .map((p) => ({ organizationId: p.organization_id, roles: ['org_admin' as const] })),
          ...network.map((organizationId) => ({ organizationId, roles: ['network_admin' as const] })),
        ],
        dedupeKey: `agreement-ending:${a.id}:${endsOn}:${due.send}`,
      });
      reminded++;
    }
    if (reminded > 0) {
      await recordAudit(trx, clock, systemAccess('agreement renewal reminder'), {
        action: 'network.agreement.remind',
        entityType: 'network_agreement',
        details: { count: reminded },
      });
    }
    return reminded;
  });
}

export const remindEndingAgreementsJob = defineJob({
  name: 'network.remind-ending-agreements',
  payload: z.object({}),
  async handler(_payload, { db, clock }) {
    await remindEndingAgreements(db, clock);
  },
});
