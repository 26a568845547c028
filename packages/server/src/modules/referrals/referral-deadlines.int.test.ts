import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs, enqueueJob } from '../../jobs/job-queue.ts';
import { jobRegistry } from '../../jobs/registry.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { createTestUser } from '../../test-support/factories.ts';
import { call, goodReferral, referralNetwork, signedConsent, signInAgain, type ReferralNetwork } from './referral.fixtures.ts';
import { escalateOverdueReferrals, referralDeadlinesJob } from './referral-deadlines.ts';
import { HOUR_MS, addHours } from '@continuum/contracts';

let t: TestApp;
let n: ReferralNetwork;
let edNavigatorId: string;

beforeAll(async () => {
  t = await buildTestApp({ CONTINUUM_SESSION_IDLE_MINUTES: '1440', CONTINUUM_SESSION_MAX_HOURS: '168' });
  n = await referralNetwork(t);
  await signedConsent(t, n, [n.otp.id]);
  edNavigatorId = n.edNavigator.userId;
  // A second administrator at the receiver, to see that every administrator hears of it.
  await createTestUser(t.db, t.clock, { organizationId: n.otp.id, roles: ['org_admin'] });
});
afterAll(async () => t?.close());

const inbox = (userId: string, referralId: string) =>
  t.db
    .selectFrom('notifications')
    .select(['kind', 'title', 'body', 'link'])
    .where('user_id', '=', userId)
    .where('link', '=', `/referrals/${referralId}`)
    .where('kind', '=', 'referral.overdue')
    .execute();
const send = async () => (await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n), 201)).id as string;
const act = (id: string, body: Record<string, unknown>) => call(t, n.otpClinician, 'POST', `/api/referrals/${id}/transitions`, body, 200);

describe('referral deadlines', () => {
  it('a referral not acknowledged in time: reminder to the receiver, notice to its administrators, an outreach task for the sender — once', async () => {
    const id = await send();
    const acked = await send();
    await act(acked, { event: 'receive' });

    t.clock.advance(24 * HOUR_MS); // exactly at the deadline: not yet late
    expect(await escalateOverdueReferrals(t.db, t.clock)).toBe(0);
    t.clock.advance(60_000);
    expect(await escalateOverdueReferrals(t.db, t.clock)).toBe(1);

    expect(await inbox(n.otpClinician.userId, id)).toEqual([
      {
        kind: 'referral.overdue',
        title: 'A referral is overdue',
        body: 'A referral for a person is waiting to be acknowledged. Open it to act.',
        link: `/referrals/${id}`,
      },
    ]);
    // Every administrator of the receiver hears of it (without a link: they do not read person-level records).
    const admins = await t.db
      .selectFrom('notifications as x')
      .innerJoin('memberships as m', 'm.user_id', 'x.user_id')
      .select(['x.user_id', 'x.link'])
      .where('x.dedupe_key', '=', `referral:${id}:overdue:acknowledgment:admin`)
      .where('m.organization_id', '=', n.otp.id)
      .where(({ eb, val }) => eb(val('org_admin'), '=', eb.fn.any('m.roles')))
      .execute();
    expect(admins).toHaveLength(2);
    expect(admins.every((a) => a.link === null)).toBe(true);
    const task = await t.db
      .selectFrom('worklist_tasks')
      .selectAll()
      .where('dedupe_key', '=', `referral_ack:${id}`)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      kind: 'referral_not_acknowledged',
      organization_id: n.ed.id,
      person_id: n.person.id,
      source_type: 'referral',
      source_id: id,
      status: 'open',
    });
    // The sender's navigators hear of the task.
    expect(
      (
        await t.db
          .selectFrom('notifications')
          .select('kind')
          .where('user_id', '=', edNavigatorId)
          .where('link', '=', `/worklist/${task.id}`)
          .execute()
      ).length,
    ).toBe(1);
    // Nothing about the acknowledged one.
    expect(await inbox(n.otpClinician.userId, acked)).toEqual([]);

    // Again: nothing new.
    expect(await escalateOverdueReferrals(t.db, t.clock)).toBe(0);
    expect(await inbox(n.otpClinician.userId, id)).toHaveLength(1);
    expect(await t.db.selectFrom('worklist_tasks').select('id').where('dedupe_key', '=', `referral_ack:${id}`).execute()).toHaveLength(1);
    // Acknowledging late closes nothing already raised, but no further acknowledgment escalation follows.
    await signInAgain(t, n);
    await act(id, { event: 'receive' });
    expect(await escalateOverdueReferrals(t.db, t.clock)).toBe(0);
  });

  it('no first contact in time, and an appointment with nothing recorded, escalate to the sender’s navigator and the sender', async () => {
    await signInAgain(t, n);
    const id = await send();
    await act(id, { event: 'accept' });
    t.clock.advance(3 * 24 * HOUR_MS + 60_000);
    await signInAgain(t, n);
    await escalateOverdueReferrals(t.db, t.clock);
    expect(await inbox(n.otpClinician.userId, id)).toEqual([
      expect.objectContaining({ body: 'A referral for a person has had no first contact or appointment in time. Open it to act.' }),
    ]);
    expect(await inbox(edNavigatorId, id)).toEqual([expect.objectContaining({ title: 'A referral you sent is overdue' })]);
    expect(await inbox(n.edClinician.userId, id)).toHaveLength(1);
    expect(await t.db.selectFrom('worklist_tasks').select('id').where('source_id', '=', id).execute()).toEqual([]);

    // Scheduled: the appointment is the deadline; a day after it with nothing recorded escalates again.
    const appointment = addHours(t.clock.now(), 2);
    await act(id, { event: 'schedule', appointmentAt: appointment.toISOString() });
    t.clock.advance(2 * HOUR_MS + 23 * HOUR_MS);
    expect(await escalateOverdueReferrals(t.db, t.clock)).toBe(0);
    t.clock.advance(2 * HOUR_MS);
    expect(await escalateOverdueReferrals(t.db, t.clock)).toBe(1);
    await signInAgain(t, n);
    const all = await inbox(n.otpClinician.userId, id);
    expect(all.map((x) => x.body)).toContain('A referral for a person has an appointment with no attendance recorded. Open it to act.');
    // Recording the no-show ends it: nothing more is escalated.
    await act(id, { event: 'fail', reason: 'no_show' });
    expect(await escalateOverdueReferrals(t.db, t.clock)).toBe(0);
  });

  it('runs as the scheduled job', async () => {
    await signInAgain(t, n);
    const id = await send();
    t.clock.advance(25 * HOUR_MS);
    expect(jobRegistry.get('referrals.deadlines')).toBe(referralDeadlinesJob);
    await enqueueJob(t.db, t.clock, referralDeadlinesJob, {});
    const outcomes = await drainJobs(t.db, t.clock, new Map([[referralDeadlinesJob.name, jobRegistry.get('referrals.deadlines')!]]));
    expect(outcomes.map((o) => o.status)).toEqual(['done']);
    const row = await t.db.selectFrom('referrals').select('ack_escalated_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.ack_escalated_at).not.toBeNull();
  });
});
