import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonSafety, PrescriberReport } from '@continuum/contracts';
import { buildTestApp, signIn, type TestApp } from '../test-support/test-app.ts';
import { peopleRegisteredBy } from '../modules/registry/sources/safety-source.ts';
import { seedDemoCommunity } from './demo-seed.ts';
import { DEMO_PASSWORD, demoAccounts } from './synthetic-staff.ts';

/* The demo community's prescriptions, seen as the demo clinician and analyst would. */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoCommunity(t.db, t.clock, { seed: 7, people: 300 });
});
afterAll(() => t.close());

const account = (role: string) => demoAccounts.find((a) => a.role === role)!;

describe('demo prescriptions', () => {
  it('the demo clinician opens the first prescribed person and sees 90 MME/day with MME_AT_LEAST_90', async () => {
    const clinician = await signIn(t.app, account('clinician').email, DEMO_PASSWORD);
    const ed = await t.db
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', 'Harbor General Hospital Emergency Department')
      .executeTakeFirstOrThrow();
    const [first] = await peopleRegisteredBy(t.db, ed.id, 1);
    const res = await t.app.inject({ method: 'GET', url: `/api/people/${first}/safety`, headers: clinician.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json<PersonSafety>();
    expect(body.mmePerDay).toBe(90);
    expect(body.rules.map((r) => r.code)).toEqual(expect.arrayContaining(['MME_AT_LEAST_90', 'OFFER_NALOXONE']));
    expect(body.medications).toHaveLength(3);
  });

  it('the prescriber report has the demo clinician’s row with people above the suppression threshold', async () => {
    const analyst = await signIn(t.app, account('analyst').email, DEMO_PASSWORD);
    const report = (
      await t.app.inject({ method: 'GET', url: '/api/safety/prescriber-report', headers: analyst.headers })
    ).json<PrescriberReport>();
    const row = report.prescribers.find((p) => p.label === account('clinician').displayName)!;
    expect(row.people).toBeGreaterThanOrEqual(11);
    expect(report.network.peopleWithOpioids).toBeGreaterThanOrEqual(40);
  });
});
