import { z } from 'zod';
import { defineJob } from '../../jobs/job-queue.ts';
import { runWorklistRules } from './evaluate.ts';

/** Turns recent drop-out signals into outreach tasks (every 15 minutes; idempotent through the tasks' dedupe keys). */
export const evaluateWorklistRulesJob = defineJob({
  name: 'worklist.evaluate-signals',
  payload: z.object({}),
  async handler(_payload, { db, clock }) {
    await runWorklistRules(db, clock);
  },
});
