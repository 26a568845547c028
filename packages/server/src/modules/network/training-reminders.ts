import { z } from 'zod';
import { defineJob } from '../../jobs/job-queue.ts';
import { systemAccess } from '../../core/access-context.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { expiringCompletions } from './training.ts';

/** Tells each staff member, once, that a course completion expires within 30 days (and not renewed yet). */
export async function remindExpiringTraining(db: Db, clock: Clock): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await expiringCompletions(trx, clock.now());
    for (const c of due) {
      await notify(trx, clock, {
        kind: 'training.expiring',
        title: 'Training expires soon',
        body: `Your completion of “${c.title}” is current through ${c.expires_on}. Renew it before then.`,
        link: '/network/training',
        userIds: [c.user_id],
        dedupeKey: `training-expiring:${c.id}`,
      });
    }
    if (due.length > 0) {
      await trx
        .updateTable('network_training_completions')
        .set({ reminded_at: clock.now() })
        .where(
          'id',
          'in',
          due.map((c) => c.id),
        )
        .execute();
      await recordAudit(trx, clock, systemAccess('training expiry reminder'), {
        action: 'network.training.remind',
        entityType: 'network_training_completion',
        details: { count: due.length },
      });
    }
    return due.length;
  });
}

export const remindExpiringTrainingJob = defineJob({
  name: 'network.remind-expiring-training',
  payload: z.object({}),
  async handler(_payload, { db, clock }) {
    await remindExpiringTraining(db, clock);
  },
});
