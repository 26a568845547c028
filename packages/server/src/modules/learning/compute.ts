import { sql } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { enqueueJob, defineJob } from '../../jobs/job-queue.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, systemAccess, type AccessContext } from '../../core/access-context.ts';
import { anonymousNaloxoneByDay, overdoseCountsByDay } from '../overdose/index.ts';
import { forEachMeasureBatch } from '../registry/index.ts';
import { Aggregator, cascadePeriods, type CascadeRow, type ResultRow } from './aggregate.ts';
import { conversionDays } from './settings.ts';
import { moudMonths } from './monthly-counts.ts';
import { dayStart, addDays, epochDay, epochDayOf, firstDayOfMonth, lastDayOfMonth, monthKey, utcDay } from '@continuum/contracts';

/*
 * Computing the cascade and every measure for a period: one pass over every person's events
 * (through the registry's aggregate read path), adding up into cells, then one write of the cells.
 * Runs as a job (daily, and on demand for network administrators and analysts); the dashboard
 * reads only the stored cells. The previous runs' cells are dropped once a newer run is done
 * (the last 3 are kept).
 */

/** The look-back before the period: the cascade's 365 days, IET's 194, POD's 31, with room. */
export const LOOKBACK_DAYS = 400;
const KEEP_RUNS = 3;
const INSERT_CHUNK = 10_000;

export interface ComputeOptions {
  from: string;
  to: string;
  /** Data runs to this day (default: yesterday by the clock). */
  asOfDay?: number;
  batchSize?: number;
}

/** The default period: the 24 months up to the current month. */
export function defaultPeriod(clock: Clock): { from: string; to: string } {
  const to = monthKey(epochDay(clock.now()));
  const [y, m] = to.split('-').map(Number) as [number, number];
  const fromDate = new Date(Date.UTC(y, m - 1 - 23, 1));
  return { from: fromDate.toISOString().slice(0, 7), to };
}

/** Creates a run (status running), audited; the job fills it. */
export async function startRun(db: Db, clock: Clock, access: AccessContext, period: { from: string; to: string }): Promise<string> {
  if (period.from > period.to) throw new RangeError('from after to');
  return db.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('learning_runs')
      .values({
        period_from: period.from,
        period_to: period.to,
        as_of: utcDay(addDays(clock.now(), -1)),
        status: 'running',
        started_at: clock.now(),
        requested_by_user_id: actorUserId(access),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'learning.recompute',
      entityType: 'learning_run',
      entityId: run.id,
      details: { from: period.from, to: period.to },
    });
    await enqueueJob(trx, clock, computeMeasuresJob, { runId: run.id }, { dedupeKey: `learning.compute:${run.id}` });
    return run.id;
  });
}

/** Computes a run: reads every person's events once, adds up, stores the cells. */
export async function computeRun(
  db: Db,
  clock: Clock,
  runId: string,
  options: { batchSize?: number } = {},
): Promise<{ people: number; events: number; results: number; cascade: number }> {
  const run = await db.selectFrom('learning_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  const started = Date.now();
  try {
    const asOfDay = epochDayOf(String(run.as_of));
    const fromDay = firstDayOfMonth(run.period_from);
    const toDay = Math.min(lastDayOfMonth(run.period_to), asOfDay);
    const aggregator = new Aggregator({
      fromDay,
      toDay,
      asOf: asOfDay,
      periods: cascadePeriods(run.period_from, run.period_to),
      conversionDays: await conversionDays(db),
    });
    const access = systemAccess(`learning computation ${run.period_from}..${run.period_to}`);
    const read = await forEachMeasureBatch(
      db,
      clock,
      access,
      {
        fromDay: fromDay - LOOKBACK_DAYS,
        toDay: asOfDay,
        purpose: `learning.compute ${run.period_from}..${run.period_to}`,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      },
      (batch) => {
        aggregator.addBatch(batch);
        for (const { person, events } of batch) aggregator.addPersonMonths(person, 'people_in_moud', moudMonths(events, fromDay, toDay));
      },
    );
    await addAnonymousNaloxone(db, aggregator, fromDay, toDay);
    await addOverdoseCounts(db, aggregator, fromDay, toDay);
    const results = aggregator.resultRows();
    const cascade = aggregator.cascadeRows();
    await storeRows(db, runId, results, cascade);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('learning_runs')
        .set({ status: 'done', finished_at: clock.now(), duration_ms: Date.now() - started, people: read.people, events: read.events })
        .where('id', '=', runId)
        .execute();
      const old = await trx
        .selectFrom('learning_runs')
        .select('id')
        .where('status', '=', 'done')
        .orderBy('finished_at', 'desc')
        .offset(KEEP_RUNS)
        .limit(1000)
        .execute();
      if (old.length > 0)
        await trx
          .deleteFrom('learning_runs')
          .where(
            'id',
            'in',
            old.map((r) => r.id),
          )
          .execute();
      await recordAudit(trx, clock, access, {
        action: 'learning.computed',
        entityType: 'learning_run',
        entityId: runId,
        details: { people: read.people, events: read.events, cells: results.length + cascade.length },
      });
    });
    return { ...read, results: results.length, cascade: cascade.length };
  } catch (error) {
    await db
      .updateTable('learning_runs')
      .set({ status: 'failed', finished_at: clock.now(), duration_ms: Date.now() - started })
      .where('id', '=', runId)
      .execute();
    throw error;
  }
}

/**
 * Naloxone kits handed out without naming anyone (the overdose response module's distributions
 * with no person; those with a person are already care events): counted per month, organization
 * and area. Not person-level data.
 */
async function addAnonymousNaloxone(db: Db, aggregator: Aggregator, fromDay: number, toDay: number): Promise<void> {
  const rows = await anonymousNaloxoneByDay(db, dayStart(fromDay), dayStart(toDay + 1));
  for (const r of rows)
    aggregator.addCount(
      'naloxone_kits',
      Number(r.day),
      r.organization_id,
      [
        ['all', 'all'],
        ['area', r.area_id],
      ],
      Number(r.kits),
    );
}

/**
 * Overdose deaths and non-fatal overdoses per month, reporting organization and area, from the
 * overdose module's events (the series the scenario model calibrates to). Counts, not person-level.
 */
async function addOverdoseCounts(db: Db, aggregator: Aggregator, fromDay: number, toDay: number): Promise<void> {
  for (const r of await overdoseCountsByDay(db, dayStart(fromDay), dayStart(toDay + 1)))
    aggregator.addCount(
      r.fatal ? 'overdose_deaths' : 'nonfatal_overdoses',
      r.day,
      r.organizationId,
      [
        ['all', 'all'],
        ['area', r.areaId],
      ],
      r.count,
    );
}

async function storeRows(db: Db, runId: string, results: readonly ResultRow[], cascade: readonly CascadeRow[]): Promise<void> {
  // One INSERT … SELECT unnest(…) per chunk (an array parameter per column), each chunk its own
  // statement so other work interleaves on the embedded database.
  for (let i = 0; i < results.length; i += INSERT_CHUNK) {
    const c = results.slice(i, i + INSERT_CHUNK);
    const col = <K extends keyof ResultRow>(k: K) => c.map((r) => r[k]);
    await sql`
      insert into learning_results (run_id, scope, measure_id, month, dimension, stratum, numerator, denominator, days_sum)
      select ${runId}::uuid, * from unnest(
        ${col('scope')}::text[], ${col('measure_id')}::text[], ${col('month')}::text[], ${col('dimension')}::text[], ${col('stratum')}::text[],
        ${col('numerator')}::int[], ${col('denominator')}::int[], ${col('days_sum')}::float8[]
      )
    `.execute(db);
  }
  for (let i = 0; i < cascade.length; i += INSERT_CHUNK) {
    const c = cascade.slice(i, i + INSERT_CHUNK);
    const col = <K extends keyof CascadeRow>(k: K) => c.map((r) => r[k]);
    await sql`
      insert into learning_cascade (run_id, scope, period_from, period_to, dimension, stratum, stage, count, not_yet_evaluable)
      select ${runId}::uuid, * from unnest(
        ${col('scope')}::text[], ${col('period_from')}::text[], ${col('period_to')}::text[], ${col('dimension')}::text[], ${col('stratum')}::text[],
        ${col('stage')}::text[], ${col('count')}::int[], ${col('not_yet_evaluable')}::int[]
      )
    `.execute(db);
  }
}

/** One call for the CLI, seeds and benchmarks: start a run and compute it now. */
export async function recomputeNow(
  db: Db,
  clock: Clock,
  access: AccessContext,
  period: { from: string; to: string },
  options: { batchSize?: number } = {},
) {
  const runId = await startRun(db, clock, access, period);
  const result = await computeRun(db, clock, runId, options);
  // The job enqueued by startRun finds the run done and does nothing.
  return { runId, ...result };
}

export const computeMeasuresJob = defineJob({
  name: 'learning.compute-measures',
  payload: z.object({ runId: z.uuid().optional() }),
  maxAttempts: 2,
  async handler(payload, { db, clock }) {
    if (payload.runId) {
      const run = await db.selectFrom('learning_runs').select('status').where('id', '=', payload.runId).executeTakeFirst();
      if (!run || run.status !== 'running') return;
      await computeRun(db, clock, payload.runId);
      return;
    }
    // The daily schedule: the default period.
    const period = defaultPeriod(clock);
    const id = await db.transaction().execute(async (trx) => {
      const run = await trx
        .insertInto('learning_runs')
        .values({
          period_from: period.from,
          period_to: period.to,
          as_of: utcDay(addDays(clock.now(), -1)),
          status: 'running',
          started_at: clock.now(),
          requested_by_user_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, clock, systemAccess('daily learning computation'), {
        action: 'learning.recompute',
        entityType: 'learning_run',
        entityId: run.id,
        details: period,
      });
      return run.id;
    });
    await computeRun(db, clock, id);
  },
});
