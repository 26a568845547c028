import { sql } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db, DbOrTrx } from '../db/database.ts';
import type { JobRow } from './job.table.ts';

/** Everything a handler may use; it receives the database, never ambient state. */
export interface JobContext {
  db: Db;
  clock: Clock;
  job: { id: string; attempt: number };
  /** The process configuration, for jobs that reach outside (email, webhooks); absent in some tests. */
  config?: Config;
}

/**
 * A job: a stable `module.verb-noun` name, a Zod payload schema and an idempotent handler (it may
 * run more than once if a process dies mid-run).
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  maxAttempts?: number;
  handler(payload: z.infer<S>, ctx: JobContext): Promise<void>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** A job with the same key is enqueued once; derive it from the cause (or the schedule slot). */
  dedupeKey?: string;
}

/**
 * Enqueues a job. Pass the transaction of the change that causes it, so the job exists exactly
 * when the change commits. Returns false when a job with the same dedupe key already exists.
 */
export async function enqueueJob<S extends z.ZodType>(
  trx: DbOrTrx,
  clock: Clock,
  def: JobDefinition<S>,
  payload: z.infer<S>,
  options: EnqueueOptions = {},
): Promise<boolean> {
  const parsed = def.payload.parse(payload);
  const now = clock.now();
  const result = await trx
    .insertInto('jobs')
    .values({
      name: def.name,
      payload: JSON.stringify(parsed),
      status: 'queued',
      dedupe_key: options.dedupeKey ?? null,
      run_at: options.runAt ?? now,
      max_attempts: def.maxAttempts ?? 5,
      created_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Exponential backoff with a cap: 2s, 4s, 8s … up to 10 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 10 * 60 * 1000);
}

/** A running job older than this is taken to belong to a dead process and is queued again. */
export const STALE_RUNNING_MS = 5 * 60 * 1000;

/** Claims the next due job, or nothing. SKIP LOCKED lets several runners share the table on a server. */
export async function claimNextJob(db: Db, clock: Clock, names: readonly string[]): Promise<JobRow | undefined> {
  if (names.length === 0) return undefined;
  const now = clock.now();
  await db
    .updateTable('jobs')
    .set({ status: 'queued', locked_at: null })
    .where('status', '=', 'running')
    .where('locked_at', '<', new Date(now.getTime() - STALE_RUNNING_MS))
    .execute();
  return db
    .updateTable('jobs')
    .set({ status: 'running', locked_at: now, attempts: sql`attempts + 1` })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_at', '<=', now)
        .where('name', 'in', names)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
}

export interface RunOutcome {
  id: string;
  name: string;
  status: 'done' | 'queued' | 'failed';
}

/** Claims and runs one due job; undefined when none is due. Failures are retried with backoff. */
export async function runOneJob(
  db: Db,
  clock: Clock,
  registry: ReadonlyMap<string, JobDefinition>,
  onError?: (name: string, error: unknown) => void,
  config?: Config,
): Promise<RunOutcome | undefined> {
  const job = await claimNextJob(db, clock, [...registry.keys()]);
  if (!job) return undefined;
  const def = registry.get(job.name);
  try {
    if (!def) throw new Error(`no handler for job ${job.name}`);
    const payload = def.payload.parse(job.payload);
    await def.handler(payload, { db, clock, job: { id: job.id, attempt: job.attempts }, ...(config ? { config } : {}) });
    await db.updateTable('jobs').set({ status: 'done', finished_at: clock.now(), locked_at: null }).where('id', '=', job.id).execute();
    return { id: job.id, name: job.name, status: 'done' };
  } catch (error) {
    onError?.(job.name, error);
    const exhausted = job.attempts >= job.max_attempts;
    // The error text is kept for operators; handlers must not put identifiers in their messages.
    const message = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 1000) : 'unknown error';
    await db
      .updateTable('jobs')
      .set({
        status: exhausted ? 'failed' : 'queued',
        last_error: message,
        locked_at: null,
        run_at: exhausted ? job.run_at : new Date(clock.now().getTime() + backoffMs(job.attempts)),
        finished_at: exhausted ? clock.now() : null,
      })
      .where('id', '=', job.id)
      .execute();
    return { id: job.id, name: job.name, status: exhausted ? 'failed' : 'queued' };
  }
}

/** Runs due jobs until none is left (tests and `continuum jobs run --once`). */
export async function drainJobs(
  db: Db,
  clock: Clock,
  registry: ReadonlyMap<string, JobDefinition>,
  config?: Config,
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (let i = 0; i < 10_000; i++) {
    const outcome = await runOneJob(db, clock, registry, undefined, config);
    if (!outcome) break;
    outcomes.push(outcome);
  }
  return outcomes;
}
