import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubsReport } from '@continuum/contracts';
import { createTestUser } from '../test-support/factories.ts';
import { buildTestApp, signIn, signedInAs, type TestApp } from '../test-support/test-app.ts';
import { escalateOverdueReferrals } from '../modules/referrals/referral-deadlines.ts';
import { DEMO_REFERRALS, demoPathwayPlans, demoReferralSteps } from './demo-referrals-seed.ts';
import { seedDemoCommunity } from './demo-seed.ts';
import { Random } from './random.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoCommunity(t.db, t.clock, { seed: 7, people: 150 });
});
afterAll(async () => t?.close());

describe('demo referrals', () => {
  it('ties each hub (the three OTPs) to spokes by pathways, leaving two prescribers no hub supports', async () => {
    const s = await signedInAs(t, ['analyst']);
    const res = await t.app.inject({ method: 'GET', url: '/api/gaps/hubs', headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<HubsReport>();
    expect(report.areaKind).toBe('demo');
    expect(report.hubs).toHaveLength(3);
    expect(report.hubs.map((h) => h.spokes.length)).toEqual([1, 2, 2]);
    expect(report.hubs.flatMap((h) => h.spokes.flatMap((sp) => sp.bases))).toEqual(Array(5).fill('pathway'));
    expect(report.unsupportedSpokes.map((u) => u.name)).toEqual(['Harbor County Behavioral Health', 'Kestrel Point Family Health']);
    expect(report.totals.prescribers).toBeGreaterThanOrEqual(6);
    expect(report.areas.some((a) => a.shortfall !== null && a.shortfall > 0)).toBe(true);
  });

  it('pathways between the demo organizations and a year of referrals through the loop', async () => {
    const pathways = await t.db.selectFrom('referral_pathway_versions').select(['name']).execute();
    expect(pathways.map((p) => p.name).sort()).toEqual(demoPathwayPlans.map((p) => p.name).sort());
    const byStatus = await t.db
      .selectFrom('referrals')
      .select(['status'])
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .groupBy('status')
      .execute();
    const n = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    const total = Object.values(n).reduce((a, b) => a + b, 0);
    expect(total).toBe(DEMO_REFERRALS);
    // The funnel: most completed, some no-shows / lost contact, some never acknowledged.
    expect(n.completed! / total).toBeGreaterThan(0.45);
    expect(n.failed).toBeGreaterThan(10);
    expect(n.requested).toBeGreaterThan(10);
    expect(n.rejected! + n.cancelled!).toBeGreaterThan(10);
    const kinds = await t.db.selectFrom('referrals').select('service_kind').distinct().execute();
    expect(kinds.map((k) => k.service_kind)).toContain('moud');
  });

  it('every referral has its history, and the receiver opens it through the chokepoint', async () => {
    const r = await t.db
      .selectFrom('referrals')
      .selectAll()
      .where('status', '=', 'completed')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirstOrThrow();
    const steps = await t.db
      .selectFrom('referral_transitions')
      .select(['event', 'to_state'])
      .where('referral_id', '=', r.id)
      .orderBy('seq')
      .execute();
    expect(steps.map((s) => s.event)).toEqual(['create', 'receive', 'accept', 'schedule', 'attend', 'complete']);
    const user = await createTestUser(t.db, t.clock, { organizationId: r.receiver_organization_id, roles: ['clinician'] });
    const s = await signIn(t.app, user.email);
    const res = await t.app.inject({ method: 'GET', url: `/api/referrals/${r.id}`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', side: 'receiver', history: expect.any(Array) });
    expect(res.json().history).toHaveLength(6);
  });

  it('old missed acknowledgments were already escalated; only recent ones are left for the deadline job', async () => {
    const escalated = await escalateOverdueReferrals(t.db, t.clock);
    expect(escalated).toBeLessThan(DEMO_REFERRALS / 10);
  });

  it('gives the busiest partner a scorecard with counts past suppression and acknowledgments that improve over the year', async () => {
    const { readScorecard } = await import('../modules/scorecards/index.ts');
    const { systemAccess } = await import('../core/access-context.ts');
    const busiest = await t.db
      .selectFrom('referrals')
      .select(['receiver_organization_id'])
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .groupBy('receiver_organization_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const card = await readScorecard(t.db, t.clock, systemAccess('test'), busiest.receiver_organization_id, {}, { capacityStaleHours: 24 });
    const m = (id: string) => card.measures.find((x) => x.measure === id)!;
    expect(m('referrals_received')).toMatchObject({ suppressed: false });
    expect(m('ack_hours').value).not.toBeNull();
    const months = m('referrals_received').chart.points.filter((p) => !p.suppressed && p.value !== null);
    expect(months.length).toBeGreaterThan(6);
    // The first half of the year acknowledged later than the second (the demo's improvement).
    const ack = m('ack_hours')
      .chart.points.filter((p) => p.value !== null)
      .map((p) => p.value!);
    const half = Math.floor(ack.length / 2);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(ack.slice(half))).toBeLessThan(mean(ack.slice(0, half)));
  });

  it('is deterministic from the seed', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const a = demoReferralSteps(Random.forIndex(7, 'referrals', 3), new Date('2026-03-01T00:00:00Z'), now, 24);
    const b = demoReferralSteps(Random.forIndex(7, 'referrals', 3), new Date('2026-03-01T00:00:00Z'), now, 24);
    expect(a).toEqual(b);
    expect(a[0]!.event).toBe('create');
  });
});
