import { z } from 'zod';
import { scenarioRunInputSchema, type ScenarioRun, type ScenarioRunInput } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import { actorUserId, systemAccess, type AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { defineJob, enqueueJob } from '../../jobs/job-queue.ts';
import { recordAudit } from '../audit/index.ts';
import { gatherCommunity } from './community-inputs.ts';
import { defaultEnsembleThreads } from './ensemble-threads.ts';
import { computeScenarioRunOnThreads, type ComputedRun } from './run-compute.ts';
import { readScenarioRun } from './run-read.ts';
import { computeOnThread } from './run-thread.ts';
import { requireScenarioRole } from './scenarios-policy.ts';

/*
 * Scenario runs: stored with their input, computed by a job on a worker thread (run-thread.ts) with the
 * progress written as it goes, and the results stored with the community's inputs and calibration;
 * creating and finishing a run are audited (counts and names of levers, never data).
 */

export const runScenarioPayload = z.strictObject({ runId: z.uuid() });

/** Stores a queued run and enqueues its job in the same transaction. */
export async function createScenarioRun(db: Db, clock: Clock, access: AccessContext, body: ScenarioRunInput): Promise<ScenarioRun> {
  requireScenarioRole(access);
  const input = scenarioRunInputSchema.parse(body);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('scenario_runs')
      .values({
        name: input.name,
        status: 'queued',
        progress_done: 0,
        progress_total: input.draws + input.scenarios.length,
        input: JSON.stringify(input),
        created_at: clock.now(),
        created_by_user_id: actorUserId(access),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueJob(trx, clock, runScenarioJob, { runId: row.id }, { dedupeKey: `scenarios.run:${row.id}` });
    await recordAudit(trx, clock, access, {
      action: 'scenarios.run.create',
      entityType: 'scenario_run',
      entityId: row.id,
      details: { scenarios: input.scenarios.length, years: input.years, draws: input.draws, seed: input.seed },
    });
    return row.id;
  });
  const { community: _c, calibration: _k, result: _r, tornado: _t, summary: _s, ...run } = await readScenarioRun(db, access, id);
  return run;
}

/** Stores a finished (or failed) run and audits it. */
async function finish(db: Db, clock: Clock, runId: string, outcome: { run: ComputedRun } | { error: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const done = 'run' in outcome;
    await trx
      .updateTable('scenario_runs')
      .set(
        done
          ? {
              status: 'done',
              community: JSON.stringify(outcome.run.community),
              calibration: JSON.stringify(outcome.run.calibration),
              result: JSON.stringify(outcome.run.result),
              tornado: JSON.stringify(outcome.run.tornado),
              summary: JSON.stringify(outcome.run.summary),
              finished_at: clock.now(),
            }
          : { status: 'failed', error: outcome.error, finished_at: clock.now() },
      )
      .where('id', '=', runId)
      .execute();
    await recordAudit(trx, clock, systemAccess('scenario run'), {
      action: done ? 'scenarios.run.complete' : 'scenarios.run.fail',
      entityType: 'scenario_run',
      entityId: runId,
      details: done ? { fitted: Object.keys(outcome.run.calibration.fitted).length } : {},
    });
  });
}

/**
 * Computes a stored run: gathers the community's aggregates, computes on a worker thread (or on this
 * thread with `thread: false`, for the CLI) with the ensemble's draws split over `threads` threads
 * (default: the machine's cores, at most four), writes progress at most twice a second and stores the result.
 */
export async function computeStoredRun(
  db: Db,
  clock: Clock,
  runId: string,
  options: { thread?: boolean; threads?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const row = await db.selectFrom('scenario_runs').select(['status', 'input']).where('id', '=', runId).executeTakeFirst();
  if (!row || row.status === 'done' || row.status === 'failed') return;
  const input = scenarioRunInputSchema.parse(row.input);
  await db.updateTable('scenario_runs').set({ status: 'running', started_at: clock.now() }).where('id', '=', runId).execute();
  let writing: Promise<unknown> = Promise.resolve();
  let last = 0;
  const onProgress = (done: number, total: number) => {
    options.onProgress?.(done, total);
    const now = Date.now();
    if (done < total && now - last < 500) return;
    last = now;
    writing = writing.then(() =>
      db.updateTable('scenario_runs').set({ progress_done: done, progress_total: total }).where('id', '=', runId).execute(),
    );
  };
  let outcome: { run: ComputedRun } | { error: string };
  try {
    const data = await gatherCommunity(db, clock, input.capacity);
    const threads = options.threads ?? defaultEnsembleThreads();
    outcome = {
      run:
        options.thread === false
          ? await computeScenarioRunOnThreads(input, data, threads, onProgress)
          : await computeOnThread({ input, data, threads }, onProgress),
    };
  } catch (error) {
    // The message is the model's (ranges, calibration), never data.
    outcome = { error: error instanceof RangeError ? error.message : 'The run could not be computed.' };
  }
  await writing;
  await finish(db, clock, runId, outcome);
}

export const runScenarioJob = defineJob({
  name: 'scenarios.run',
  payload: runScenarioPayload,
  maxAttempts: 2,
  async handler(payload, ctx) {
    await computeStoredRun(ctx.db, ctx.clock, payload.runId);
  },
});
