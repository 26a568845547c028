import { drainJobs } from '../jobs/job-queue.ts';
import { startJobRunner } from '../jobs/job-runner.ts';
import { jobRegistry, jobSchedules } from '../jobs/registry.ts';
import { enqueueScheduled } from '../jobs/schedule.ts';
import type { CliContext } from './dispatch.ts';

/** Runs jobs outside the server: `--once` drains what is due and exits; otherwise runs until SIGTERM. */
export async function jobsRun(argv: string[], ctx: CliContext): Promise<number> {
  const once = argv.includes('--once');
  if (argv.some((a) => a !== '--once')) {
    ctx.stderr('Usage: continuum jobs run [--once]\n');
    return 2;
  }
  const { db, close } = await ctx.openDb();
  try {
    if (once) {
      await enqueueScheduled(db, ctx.clock, jobSchedules);
      const outcomes = await drainJobs(db, ctx.clock, jobRegistry, ctx.config);
      const failed = outcomes.filter((o) => o.status !== 'done').length;
      ctx.stdout(`Ran ${outcomes.length} job(s); ${failed} did not succeed.\n`);
      return failed > 0 ? 1 : 0;
    }
    const log = {
      info: (obj: object, msg: string) => ctx.stderr(`${msg} ${JSON.stringify(obj)}\n`),
      error: (obj: object, msg: string) => ctx.stderr(`${msg} ${JSON.stringify(obj)}\n`),
    };
    const runner = startJobRunner({ db, clock: ctx.clock, registry: jobRegistry, schedules: jobSchedules, log, config: ctx.config });
    ctx.stderr('Job runner started; stop with Ctrl-C or SIGTERM.\n');
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await runner.stop();
    return 0;
  } finally {
    await close();
  }
}
