import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { enqueueJob, type JobDefinition } from './job-queue.ts';

/** A job run once per fixed slot (e.g. hourly). The slot start is the dedupe key, so a slot runs once. */
export interface ScheduledJob {
  job: JobDefinition;
  everyMs: number;
  payload: unknown;
}

export function slotStart(now: Date, everyMs: number): Date {
  return new Date(Math.floor(now.getTime() / everyMs) * everyMs);
}

export async function enqueueScheduled(db: Db, clock: Clock, schedules: readonly ScheduledJob[]): Promise<number> {
  let enqueued = 0;
  for (const s of schedules) {
    const slot = slotStart(clock.now(), s.everyMs);
    const added = await enqueueJob(db, clock, s.job, s.payload, {
      runAt: slot,
      dedupeKey: `${s.job.name}@${slot.toISOString()}`,
    });
    if (added) enqueued += 1;
  }
  return enqueued;
}
