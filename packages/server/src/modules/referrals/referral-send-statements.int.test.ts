import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementCounter } from '../../test-support/statement-counter.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { call, goodReferral, referralNetwork, signedConsent, type ReferralNetwork } from './referral.fixtures.ts';

/*
 * The statements one referral send costs over HTTP (session, chokepoint, checks, writes, audit,
 * notification, the answer): each is a round trip to the database, so at 32 concurrent senders
 * their count is the send's throughput. The bound fails when a change adds round trips.
 */

const counter = new StatementCounter();
let t: TestApp;
let n: ReferralNetwork;

beforeAll(async () => {
  t = await buildTestApp({}, { wrapDb: (db) => counter.wrap(db) });
  n = await referralNetwork(t);
  await signedConsent(t, n, [n.otp.id]);
});
afterAll(async () => t?.close());

describe('a referral send', () => {
  it('costs a bounded number of statements', async () => {
    await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n), 201);
    counter.reset();
    await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n), 201);
    const statements = counter.statements;
    // eslint-disable-next-line no-console -- SHOW_STATEMENTS=1 lists them when the bound fails
    if (process.env.SHOW_STATEMENTS) console.log(statements.map((s, i) => `${i + 1}. ${s.slice(0, 220)}`).join('\n'));
    // 49 at the time of writing (docs/performance.md, referrals): 3 for the session, 9 for the
    // chokepoint's facts, 4 for the checks, 11 for the writes and the notification, 4 for the two
    // audit entries, and 18 to read the referral back for the answer (the chokepoint again).
    expect(statements.length).toBeLessThanOrEqual(49);
  });
});
