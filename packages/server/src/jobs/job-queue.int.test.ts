import { sql } from 'kysely';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { backoffMs, defineJob, drainJobs, enqueueJob, runOneJob, STALE_RUNNING_MS, type JobDefinition } from './job-queue.ts';
import { enqueueScheduled, slotStart } from './schedule.ts';
import { purgeExpiredSessionsJob } from '../modules/identity/identity.jobs.ts';
import { createTestOrganization, createTestUser } from '../test-support/factories.ts';
import { HOUR_MS, DAY_MS } from '@continuum/contracts';

let opened: OpenedDatabase;
const clock = manualClock();
const seen: number[] = [];
let failuresLeft = 0;

const recordJob = defineJob({
  name: 'test.record-number',
  payload: z.object({ n: z.number() }),
  maxAttempts: 3,
  async handler(payload) {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('temporary failure');
    }
    seen.push(payload.n);
  },
});
const registry = new Map<string, JobDefinition>([[recordJob.name, recordJob as JobDefinition]]);

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(() => opened.close());
beforeEach(async () => {
  seen.length = 0;
  failuresLeft = 0;
  await sql`delete from jobs`.execute(opened.db);
});

describe('job queue', () => {
  it('enqueues in the transaction of its cause: a rollback leaves no job', async () => {
    await expect(
      opened.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, clock, recordJob, { n: 1 });
        throw new Error('the cause failed');
      }),
    ).rejects.toThrow();
    await opened.db.transaction().execute((trx) => enqueueJob(trx, clock, recordJob, { n: 2 }));
    await drainJobs(opened.db, clock, registry);
    expect(seen).toEqual([2]);
  });

  it('enqueues a job with the same dedupe key once', async () => {
    expect(await enqueueJob(opened.db, clock, recordJob, { n: 1 }, { dedupeKey: 'k' })).toBe(true);
    expect(await enqueueJob(opened.db, clock, recordJob, { n: 1 }, { dedupeKey: 'k' })).toBe(false);
    await drainJobs(opened.db, clock, registry);
    expect(seen).toEqual([1]);
  });

  it('refuses a payload that does not match the schema', async () => {
    await expect(enqueueJob(opened.db, clock, recordJob, { n: 'one' } as never)).rejects.toThrow();
  });

  it('does not run a job before its time', async () => {
    await enqueueJob(opened.db, clock, recordJob, { n: 5 }, { runAt: new Date(clock.now().getTime() + 60_000) });
    expect(await runOneJob(opened.db, clock, registry)).toBeUndefined();
    clock.advance(60_000);
    expect((await runOneJob(opened.db, clock, registry))?.status).toBe('done');
    expect(seen).toEqual([5]);
  });

  it('retries a failing job with backoff, then succeeds', async () => {
    failuresLeft = 1;
    await enqueueJob(opened.db, clock, recordJob, { n: 7 });
    expect((await runOneJob(opened.db, clock, registry))?.status).toBe('queued');
    const row = await opened.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('temporary failure');
    expect(row.run_at.getTime()).toBe(clock.now().getTime() + backoffMs(1));
    expect(await runOneJob(opened.db, clock, registry)).toBeUndefined();
    clock.advance(backoffMs(1));
    expect((await runOneJob(opened.db, clock, registry))?.status).toBe('done');
    expect(seen).toEqual([7]);
  });

  it('gives up after the maximum attempts', async () => {
    failuresLeft = 10;
    await enqueueJob(opened.db, clock, recordJob, { n: 8 });
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await runOneJob(opened.db, clock, registry))!.status);
      clock.advance(backoffMs(10));
    }
    expect(statuses).toEqual(['queued', 'queued', 'failed']);
    expect(await runOneJob(opened.db, clock, registry)).toBeUndefined();
  });

  it('takes back a job left running by a dead process', async () => {
    await enqueueJob(opened.db, clock, recordJob, { n: 9 });
    await opened.db.updateTable('jobs').set({ status: 'running', locked_at: clock.now() }).execute();
    expect(await runOneJob(opened.db, clock, registry)).toBeUndefined();
    clock.advance(STALE_RUNNING_MS + 1);
    expect((await runOneJob(opened.db, clock, registry))?.status).toBe('done');
  });

  it('enqueues a scheduled job once per slot', async () => {
    const schedules = [{ job: recordJob as JobDefinition, everyMs: HOUR_MS, payload: { n: 1 } }];
    expect(await enqueueScheduled(opened.db, clock, schedules)).toBe(1);
    expect(await enqueueScheduled(opened.db, clock, schedules)).toBe(0);
    clock.set(new Date(slotStart(clock.now(), HOUR_MS).getTime() + HOUR_MS));
    expect(await enqueueScheduled(opened.db, clock, schedules)).toBe(1);
  });
});

describe('identity.purge-expired-sessions', () => {
  it('deletes long-ended sessions, keeps live ones, and is idempotent', async () => {
    const org = await createTestOrganization(opened.db, clock);
    const user = await createTestUser(opened.db, clock, { organizationId: org.id, roles: ['analyst'] });
    const now = clock.now();
    const day = DAY_MS;
    const base = { user_id: user.id, active_organization_id: org.id, csrf_token: 'c', created_at: now, last_seen_at: now };
    await opened.db
      .insertInto('sessions')
      .values([
        {
          ...base,
          token_hash: 'old',
          expires_at: new Date(now.getTime() - 40 * day),
          absolute_expires_at: new Date(now.getTime() - 40 * day),
        },
        { ...base, token_hash: 'live', expires_at: new Date(now.getTime() + day), absolute_expires_at: new Date(now.getTime() + day) },
      ])
      .execute();
    const reg = new Map<string, JobDefinition>([[purgeExpiredSessionsJob.name, purgeExpiredSessionsJob as JobDefinition]]);
    await enqueueJob(opened.db, clock, purgeExpiredSessionsJob, { olderThanDays: 30 });
    await enqueueJob(opened.db, clock, purgeExpiredSessionsJob, { olderThanDays: 30 });
    expect((await drainJobs(opened.db, clock, reg)).map((o) => o.status)).toEqual(['done', 'done']);
    const left = await opened.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute();
    expect(left.map((r) => r.token_hash)).toEqual(['live']);
    const audits = await opened.db.selectFrom('audit_events').select('details').where('action', '=', 'session.purge').execute();
    expect(audits).toHaveLength(1);
  });
});
