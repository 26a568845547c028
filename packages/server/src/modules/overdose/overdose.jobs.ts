import { z } from 'zod';
import { defineJob } from '../../jobs/job-queue.ts';
import { evaluateEars } from './spike-service.ts';

/**
 * EARS C1/C2/C3 on the daily overdose counts of every area and the whole region, for yesterday and
 * today so far. Idempotent: an alarm continuing an alerted episode updates it, never a second alert.
 */
export const overdoseEarsJob = defineJob({
  name: 'overdose.evaluate-ears',
  payload: z.object({ evaluateDays: z.number().int().min(1).max(30).default(2) }),
  async handler(payload, { db, clock, config }) {
    await evaluateEars(db, clock, { evaluateDays: payload.evaluateDays, ...(config ? { timeZone: config.timeZone } : {}) });
  },
});
