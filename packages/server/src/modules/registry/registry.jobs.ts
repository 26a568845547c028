import { z } from 'zod';
import { defineJob } from '../../jobs/job-queue.ts';
import { expireDueConsents } from './consents.ts';

/**
 * Marks signed consents past their expiry date as expired, with history. The access decision
 * already treats them as expired at every read; this keeps the stored state and the person's
 * consent list truthful. Idempotent.
 */
export const expireConsentsJob = defineJob({
  name: 'registry.expire-consents',
  payload: z.object({}),
  async handler(_payload, { db, clock }) {
    await expireDueConsents(db, clock);
  },
});
