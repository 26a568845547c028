import { z } from 'zod';
import { defineJob } from '../../jobs/job-queue.ts';
import { recordAudit } from '../audit/index.ts';
import { systemAccess } from '../../core/access-context.ts';
import { addDays } from '@continuum/contracts';

/**
 * Deletes sessions that ended (expired or revoked) more than N days ago. Idempotent: a second run
 * finds nothing to delete.
 */
export const purgeExpiredSessionsJob = defineJob({
  name: 'identity.purge-expired-sessions',
  payload: z.object({ olderThanDays: z.number().int().min(1) }),
  async handler(payload, { db, clock }) {
    const cutoff = addDays(clock.now(), -payload.olderThanDays);
    await db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('absolute_expires_at', '<', cutoff), eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)]))
        .executeTakeFirst();
      const count = Number(deleted.numDeletedRows);
      if (count > 0) {
        await recordAudit(trx, clock, systemAccess('session purge'), {
          action: 'session.purge',
          entityType: 'session',
          details: { count },
        });
      }
    });
  },
});
