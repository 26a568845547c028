import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { runOneJob, type JobDefinition } from './job-queue.ts';
import type { ScheduledJob } from './schedule.ts';
import { enqueueScheduled } from './schedule.ts';

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  registry: ReadonlyMap<string, JobDefinition>;
  schedules: readonly ScheduledJob[];
  pollMs?: number;
  config?: Config;
  log: { error(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/** The in-process runner: polls the jobs table, runs due jobs one at a time, and stops cleanly. */
export function startJobRunner(options: JobRunnerOptions) {
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      await enqueueScheduled(options.db, options.clock, options.schedules);
      for (let i = 0; i < 50 && !stopped; i++) {
        const outcome = await runOneJob(
          options.db,
          options.clock,
          options.registry,
          (name, error) =>
            options.log.error({ job: name, err: error instanceof Error ? { name: error.name, message: error.message } : {} }, 'job failed'),
          options.config,
        );
        if (!outcome) break;
      }
    } catch (error) {
      options.log.error({ err: error instanceof Error ? { name: error.name, message: error.message } : {} }, 'job runner tick failed');
    }
  };

  const loop = () => {
    if (stopped) return;
    current = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  timer = setTimeout(loop, 0);

  return {
    /** Waits for the job in hand to finish; no new job is claimed after this is called. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
