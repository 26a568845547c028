import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareEventInput } from '@continuum/contracts';
import { drainJobs } from '../../jobs/job-queue.ts';
import { jobRegistry, jobSchedules } from '../../jobs/registry.ts';
import { enqueueScheduled } from '../../jobs/schedule.ts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { systemAccess } from '../../core/access-context.ts';
import { writeCareEvents } from '../registry/care-events.ts';
import { createWorklistTask } from './tasks.ts';

let t: TestApp;
let jail: { id: string };
let ems: { id: string };
let otp: { id: string };
let peer: { id: string };
let peerNavigator: string;
let jailNavigator: string;

async function write(organizationId: string, personId: string, events: CareEventInput[]) {
  const result = await t.db.transaction().execute((trx) =>
    writeCareEvents(
      trx,
      t.clock,
      systemAccess('test'),
      { organizationId, source: 'test' },
      events.map((event) => ({ personId, event })),
    ),
  );
  return result.ids as string[];
}

/** What the 15-minute schedule does: enqueue the slot's job and run it. */
async function runScheduledJob() {
  const schedule = jobSchedules.find((s) => s.job.name === 'worklist.evaluate-signals');
  expect(schedule?.everyMs).toBe(15 * 60 * 1000);
  await enqueueScheduled(t.db, t.clock, [schedule!]);
  const outcomes = await drainJobs(t.db, t.clock, jobRegistry);
  expect(outcomes.filter((o) => o.name === 'worklist.evaluate-signals').map((o) => o.status)).toEqual(expect.arrayContaining(['done']));
  expect(outcomes.filter((o) => o.name === 'worklist.evaluate-signals' && o.status !== 'done')).toEqual([]);
}

const tasksOf = (personId: string) =>
  t.db.selectFrom('worklist_tasks').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-10T00:00:00Z'));
  jail = await createTestOrganization(t.db, t.clock, { name: 'Harbor County Jail', type: 'corrections' });
  ems = await createTestOrganization(t.db, t.clock, { name: 'Harbor EMS', type: 'ems' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  peer = await createTestOrganization(t.db, t.clock, { name: 'Harbor Peer Recovery', type: 'peer_recovery' });
  peerNavigator = (await createTestUser(t.db, t.clock, { organizationId: peer.id, roles: ['care_navigator'] })).id;
  jailNavigator = (await createTestUser(t.db, t.clock, { organizationId: jail.id, roles: ['care_navigator'] })).id;
});
afterAll(async () => t?.close());

describe('worklist.evaluate-signals job', () => {
  it('makes a task 72 hours after a release with no MOUD contact, once, and tells the team without naming the person', async () => {
    t.clock.set(new Date('2026-11-10T12:00:00Z'));
    const personId = (await createTestPerson(t.db, t.clock, jail.id, { givenName: 'Rowan' })).id;
    const [releaseId] = await write(jail.id, personId, [{ type: 'custody_release', occurredAt: '2026-11-10T12:00:00Z', data: {} }]);

    t.clock.set(new Date('2026-11-13T11:50:00Z'));
    await runScheduledJob();
    expect(await tasksOf(personId)).toEqual([]);

    t.clock.set(new Date('2026-11-13T12:05:00Z'));
    await runScheduledJob();
    const [task] = await tasksOf(personId);
    expect(task).toMatchObject({
      kind: 'custody_release_no_moud',
      status: 'open',
      organization_id: jail.id,
      assignee_user_id: null,
      dedupe_key: `custody_release_no_moud:${releaseId}`,
      signal_organization_id: jail.id,
      signal_sensitivity: 'normal',
      source_type: 'care_event',
      source_id: releaseId,
    });
    expect(task!.due_at.toISOString()).toBe('2026-11-14T12:00:00.000Z');
    const inbox = await t.db
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('user_id', '=', jailNavigator)
      .where('link', '=', `/worklist/${task!.id}`)
      .execute();
    expect(inbox).toHaveLength(1);
    expect(JSON.stringify(inbox)).not.toMatch(/Rowan|Testperson/);

    // The next slots see the same release again: still one task.
    t.clock.advance(15 * 60 * 1000);
    await runScheduledJob();
    t.clock.advance(15 * 60 * 1000);
    await runScheduledJob();
    expect(await tasksOf(personId)).toHaveLength(1);
  });

  it('makes no task when MOUD was dispensed within 72 hours of release', async () => {
    t.clock.set(new Date('2026-11-10T12:00:00Z'));
    const personId = (await createTestPerson(t.db, t.clock, jail.id)).id;
    await write(jail.id, personId, [{ type: 'custody_release', occurredAt: '2026-11-10T12:00:00Z', data: {} }]);
    await write(otp.id, personId, [
      { type: 'moud_dispense', occurredAt: '2026-11-12T09:00:00Z', data: { medication: 'buprenorphine', daysSupply: 14 } },
    ]);
    t.clock.set(new Date('2026-11-14T00:00:00Z'));
    await runScheduledJob();
    expect(await tasksOf(personId)).toEqual([]);
  });

  it('makes no task for a person whose death the medical examiner recorded, even one from months before', async () => {
    t.clock.set(new Date('2026-11-10T12:00:00Z'));
    const personId = (await createTestPerson(t.db, t.clock, jail.id)).id;
    await write(jail.id, personId, [
      { type: 'death', occurredAt: '2026-05-01T12:00:00Z', data: { manner: 'natural', opioidOverdose: false } },
      { type: 'custody_release', occurredAt: '2026-11-10T12:00:00Z', data: {} },
    ]);
    t.clock.set(new Date('2026-11-14T00:20:00Z'));
    await runScheduledJob();
    expect(await tasksOf(personId)).toEqual([]);
  });

  it('makes no supply-gap task after a completed taper recorded by the program', async () => {
    t.clock.set(new Date('2026-11-01T15:00:00Z'));
    const personId = (await createTestPerson(t.db, t.clock, otp.id)).id;
    await write(otp.id, personId, [
      { type: 'moud_dispense', occurredAt: '2026-11-01T15:00:00Z', data: { medication: 'buprenorphine', daysSupply: 10 } },
      { type: 'moud_stop', occurredAt: '2026-11-11T10:00:00Z', data: { medication: 'buprenorphine', reason: 'taper_completed' } },
    ]);
    t.clock.set(new Date('2026-11-20T00:05:00Z'));
    await runScheduledJob();
    expect(await tasksOf(personId)).toEqual([]);
  });

  it("gives a post-overdose task to the person's peer navigator, and never a second one beside the overdose module's", async () => {
    t.clock.set(new Date('2026-11-15T10:00:00Z'));
    const personId = (await createTestPerson(t.db, t.clock, ems.id)).id;
    await t.db
      .insertInto('care_team_members')
      .values({
        person_id: personId,
        organization_id: peer.id,
        user_id: peerNavigator,
        role: 'peer_support',
        since: '2026-11-01',
        until: null,
        created_at: t.clock.now(),
      })
      .execute();
    const [first, second] = await write(ems.id, personId, [
      { type: 'overdose', occurredAt: '2026-11-15T08:00:00Z', data: { fatal: false, naloxoneDoses: 2 } },
      { type: 'overdose', occurredAt: '2026-11-15T09:00:00Z', data: { fatal: false } },
    ]);
    // The overdose module already made the task for the second overdose, with the shared key.
    await t.db.transaction().execute((trx) =>
      createWorklistTask(trx, t.clock, systemAccess('overdose response'), {
        kind: 'post_overdose',
        personId,
        organizationId: ems.id,
        dueAt: new Date('2026-11-16T09:00:00Z'),
        reason: 'Overdose reported',
        dedupeKey: `post_overdose:${second}`,
      }),
    );
    await runScheduledJob();
    const tasks = await tasksOf(personId);
    expect(tasks.map((x) => [x.dedupe_key, x.organization_id, x.assignee_user_id])).toEqual([
      [`post_overdose:${second}`, ems.id, null],
      [`post_overdose:${first}`, peer.id, peerNavigator],
    ]);
    expect(tasks[1]!.due_at.toISOString()).toBe('2026-11-16T08:00:00.000Z');
    expect(tasks[1]!.signal_organization_id).toBe(ems.id);
    const inbox = await t.db
      .selectFrom('notifications')
      .select('title')
      .where('user_id', '=', peerNavigator)
      .where('link', '=', `/worklist/${tasks[1]!.id}`)
      .execute();
    expect(inbox).toEqual([{ title: 'New outreach task: Post-overdose outreach' }]);
  });

  it('makes a MOUD-gap task on the 8th day without supply (7 is tolerated), owned by the OTP when the navigator has no consent', async () => {
    t.clock.set(new Date('2026-11-01T15:00:00Z'));
    const personId = (await createTestPerson(t.db, t.clock, otp.id)).id;
    await t.db
      .insertInto('care_team_members')
      .values({
        person_id: personId,
        organization_id: peer.id,
        user_id: peerNavigator,
        role: 'peer_support',
        since: '2026-10-01',
        until: null,
        created_at: t.clock.now(),
      })
      .execute();
    await write(otp.id, personId, [
      { type: 'moud_dispense', occurredAt: '2026-11-01T15:00:00Z', data: { medication: 'buprenorphine', daysSupply: 10 } },
    ]);
    t.clock.set(new Date('2026-11-17T23:50:00Z'));
    await runScheduledJob();
    expect(await tasksOf(personId)).toEqual([]);
    t.clock.set(new Date('2026-11-18T00:05:00Z'));
    await runScheduledJob();
    const tasks = await tasksOf(personId);
    expect(tasks.map((x) => [x.kind, x.dedupe_key, x.organization_id, x.signal_sensitivity])).toEqual([
      ['moud_gap', `moud_gap:${personId}:2026-11-11`, otp.id, 'part2'],
    ]);
  });

  it('puts a task whose snooze has ended back on the worklist, audited', async () => {
    t.clock.set(new Date('2026-11-20T10:00:00Z'));
    const personId = (await createTestPerson(t.db, t.clock, jail.id)).id;
    const { id } = await t.db.transaction().execute((trx) =>
      createWorklistTask(trx, t.clock, systemAccess('test'), {
        kind: 'manual',
        personId,
        organizationId: jail.id,
        dueAt: new Date('2026-11-20T12:00:00Z'),
        reason: 'Check in',
        dedupeKey: null,
      }),
    );
    await t.db
      .updateTable('worklist_tasks')
      .set({ status: 'snoozed', snoozed_until: new Date('2026-11-20T11:00:00Z'), snooze_reason: 'Waiting for a call back' })
      .where('id', '=', id)
      .execute();
    await runScheduledJob();
    expect((await tasksOf(personId))[0]!.status).toBe('snoozed');
    t.clock.set(new Date('2026-11-20T11:05:00Z'));
    await runScheduledJob();
    expect((await tasksOf(personId))[0]!.status).toBe('open');
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('worklist.task.snooze-ended');
  });
});
