import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '@continuum/contracts';
import { call, referralNetwork, type ReferralNetwork } from '../referrals/referral.fixtures.ts';
import { buildTestApp, signedInAs, type SignedIn, type TestApp } from '../../test-support/test-app.ts';

/*
 * Partner scorecards end to end (on PGlite, and on PostgreSQL with DATABASE_URL): who sees which
 * partner, small counts suppressed, targets set by network administrators and audited, bad input
 * named by field, and the CSV.
 */

let t: TestApp;
let n: ReferralNetwork;
let admin: SignedIn;

/** 14 referrals ED → OTP in 2026-Q2: 5, 5 and 4 a month; each acknowledged 2 hours after; 12 accepted, 2 declined. */
async function seedReferrals() {
  const months = ['2026-04', '2026-05', '2026-06'];
  for (let i = 0; i < 14; i++) {
    const sent = new Date(`${months[Math.min(2, Math.floor(i / 5))]}-0${1 + (i % 5)}T10:00:00Z`);
    const declined = i >= 12;
    const id = (
      await t.db
        .insertInto('referrals')
        .values({
          person_id: n.person.id,
          pathway_id: n.pathway.id,
          pathway_version: 1,
          service_id: n.bup.service.id,
          service_kind: 'moud',
          sender_organization_id: n.ed.id,
          receiver_organization_id: n.otp.id,
          reason: 'x',
          urgency: 'routine',
          purpose: 'treatment',
          answers: '{}',
          criteria_confirmed: [],
          sensitivity: 'normal',
          status: declined ? 'rejected' : 'accepted',
          status_reason: declined ? 'no_capacity' : null,
          ack_due_at: new Date(sent.getTime() + 24 * HOUR_MS),
          first_contact_due_at: new Date(sent.getTime() + 72 * HOUR_MS),
          acknowledged_at: new Date(sent.getTime() + 2 * HOUR_MS),
          created_at: sent,
          updated_at: sent,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await t.db
      .insertInto('referral_transitions')
      .values({
        referral_id: id,
        event: declined ? 'reject' : 'accept',
        from_state: 'received',
        to_state: declined ? 'rejected' : 'accepted',
        at: new Date(sent.getTime() + 3 * HOUR_MS),
      })
      .execute();
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-07-15T12:00:00Z'));
  n = await referralNetwork(t);
  admin = await signedInAs(t, ['network_admin']);
  await seedReferrals();
});
afterAll(async () => t?.close());

const url = (orgId: string, query = 'quarter=2026-Q2') => `/api/network/scorecards/${orgId}?${query}`;
type Measure = {
  measure: string;
  value: number | null;
  suppressed: boolean;
  target: number | null;
  meetsTarget: boolean | null;
  chart: { points: unknown[] };
};
const measureOf = (card: { measures: Measure[] }, id: string) => card.measures.find((m) => m.measure === id)!;

describe('partner scorecards', () => {
  it('network staff see every partner; a member sees their own organization only', async () => {
    const all = await call(t, admin, 'GET', '/api/network/scorecards/partners', undefined, 200);
    expect(all.items.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Harbor General ED', 'Tidewater Treatment', 'Faraway Clinic']),
    );
    expect(all.defaultQuarter).toBe('2026-Q2');
    const own = await call(t, n.otpClinician, 'GET', '/api/network/scorecards/partners', undefined, 200);
    expect(own.items).toEqual([
      { organizationId: n.otp.id, name: 'Tidewater Treatment', pathways: [{ id: n.pathway.id, name: 'ED to buprenorphine' }] },
    ]);

    await call(t, n.otpClinician, 'GET', url(n.otp.id), undefined, 200);
    await call(t, admin, 'GET', url(n.otp.id), undefined, 200);
    const refused = await t.app.inject({ method: 'GET', url: url(n.otp.id), headers: n.otherClinician.headers });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: url(n.otp.id) })).statusCode).toBe(401);
  });

  it('shows the quarter’s measures, suppressing what rests on 1–10 referrals', async () => {
    const card = await call(t, admin, 'GET', url(n.otp.id), undefined, 200);
    expect(card).toMatchObject({ organizationName: 'Tidewater Treatment', quarter: '2026-Q2', from: '2026-04-01', to: '2026-06-30' });
    expect(measureOf(card, 'referrals_received')).toMatchObject({ value: 14, suppressed: false });
    expect(measureOf(card, 'ack_hours')).toMatchObject({ value: 2, suppressed: false, target: 24, meetsTarget: true });
    expect(measureOf(card, 'ack_on_time')).toMatchObject({ value: 1, suppressed: false });
    // 12 accepted of 14 decided: the 2 declined are a small count, so the rate is not shown.
    expect(measureOf(card, 'acceptance')).toMatchObject({ value: null, suppressed: true, meetsTarget: null });
    // Each month's 4–5 referrals are suppressed on the run chart.
    const points = measureOf(card, 'referrals_received').chart.points as { month: string; suppressed: boolean }[];
    expect(points.filter((p) => p.month >= '2026-04').every((p) => p.suppressed)).toBe(true);
    expect(points).toHaveLength(12);
    // The sender's side.
    const ed = await call(t, admin, 'GET', url(n.ed.id), undefined, 200);
    expect(measureOf(ed, 'referrals_sent')).toMatchObject({ value: 14 });
    expect(measureOf(ed, 'referrals_received')).toMatchObject({ value: 0, suppressed: false });
  });

  it('per pathway, only the measures a pathway has', async () => {
    const card = await call(t, admin, 'GET', url(n.otp.id, `quarter=2026-Q2&pathwayId=${n.pathway.id}`), undefined, 200);
    expect(card.pathwayName).toBe('ED to buprenorphine');
    expect(card.measures.map((m: Measure) => m.measure)).not.toContain('capacity_on_time');
    expect(measureOf(card, 'referrals_received').value).toBe(14);
  });

  it.each([
    ['quarter=2026-Q9', 'querystring.quarter'],
    ['quarter=2019-Q1', 'querystring.quarter'],
    ['pathwayId=not-a-uuid', 'querystring.pathwayId'],
    ['pathwayId=00000000-0000-4000-8000-000000000000', 'querystring.pathwayId'],
    ['colour=red', 'querystring'],
  ])('refuses %s, naming the field', async (query, field) => {
    const res = await t.app.inject({ method: 'GET', url: url(n.otp.id, query), headers: admin.headers });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details.fields)).toContain(field);
  });

  it('targets: network administrators set them, audited; a rate’s target above 1 is refused', async () => {
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/network/scorecards/targets/acceptance',
      headers: n.otpAdmin.headers,
      payload: { target: 0.5 },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/network/scorecards/targets/acceptance',
      headers: admin.headers,
      payload: { target: 85 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('body.target');
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/network/scorecards/targets/happiness',
      headers: admin.headers,
      payload: { target: 1 },
    });
    expect(unknown.statusCode).toBe(400);

    const set = await call(t, admin, 'PUT', '/api/network/scorecards/targets/ack_hours', { target: 1 }, 200);
    expect(set).toMatchObject({ measure: 'ack_hours', target: 1, defaultTarget: 24 });
    const card = await call(t, n.otpClinician, 'GET', url(n.otp.id), undefined, 200);
    expect(measureOf(card, 'ack_hours')).toMatchObject({ target: 1, meetsTarget: false });
    const targets = await call(t, n.otpClinician, 'GET', '/api/network/scorecards/targets', undefined, 200);
    expect(targets.items.find((x: { measure: string }) => x.measure === 'ack_hours').target).toBe(1);
    const audit = await t.db.selectFrom('audit_events').select('action').where('action', 'like', 'network.scorecard.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['network.scorecard.target', 'network.scorecard.read']));
  });

  it('downloads the scorecard as CSV, suppressed cells empty', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/network/scorecards/${n.otp.id}/export.csv?quarter=2026-Q2`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'organization,pathway,measure,unit,period,value,numerator,denominator,suppressed,target,meets_target,median_center',
    );
    expect(lines).toContain('Tidewater Treatment,,referrals_received,referrals,2026-Q2,14,14,,no,,,');
    expect(lines.find((l) => l.includes(',acceptance,rate,2026-Q2,'))).toContain(',,,yes,');
  });
});
