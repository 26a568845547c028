import { z } from 'zod';
import { systemAccess } from '../../core/access-context.ts';
import { defineJob } from '../../jobs/job-queue.ts';
import { indexChangedPeople } from './person-index.ts';

/** Indexes registry people added or changed since the last run (every 5 minutes; resumes from its stored place). */
export const indexPeopleJob = defineJob({
  name: 'person-index.index-people',
  payload: z.object({}),
  async handler(_payload, { db, clock }) {
    await indexChangedPeople(db, clock, systemAccess('person index: new and changed registry people'));
  },
});
