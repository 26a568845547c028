import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERDOSE_SMALL_CELL, type OverdoseMap } from '@continuum/contracts';
import { PublishedSums } from '../../core/disclosure-audit.ts';
import { createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { dailyCounts } from './spike-service.ts';

/*
 * The public overdose map attacked through its own endpoints: every answer an outsider can collect
 * over a four-week period (each week's 7-day map as the weeks close, the 30-day map, the region
 * totals), solved as one linear system against the true counts; and a new or late event never
 * moves a published figure.
 */

let t: TestApp;
let analyst: SignedIn;
let ems: SignedIn;
let emsOrg: string;
const AREAS = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6'];
// Weekly counts per area for the reporting period 2026-11-02 .. 2026-11-29 (weeks 148–151): small and large areas.
const WEEKS = [
  [14, 3, 0, 25, 1, 9],
  [12, 0, 4, 30, 2, 8],
  [2, 5, 1, 22, 0, 13],
  [16, 1, 2, 27, 6, 4],
];
const MONDAYS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];

function row(areaId: string, at: Date) {
  return {
    occurred_at: at,
    area_id: areaId,
    fatal: false,
    disposition: 'unknown' as const,
    reporting_organization_id: emsOrg,
    source_type: 'ems' as const,
    sensitivity: 'normal' as const,
    latitude: null,
    longitude: null,
    naloxone_doses: 0,
    naloxone_by: [],
    suspected_substances: [],
    person_id: null,
    care_event_id: null,
    examiner_note: null,
    examiner_organization_id: null,
    examiner_reported_at: null,
    external_id: null,
    created_by_user_id: null,
    created_at: new Date(),
    updated_at: new Date(),
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-10-20T12:00:00Z'));
  await t.db
    .insertInto('areas')
    .values(
      AREAS.map((id, i) => ({
        id,
        name: `Area ${id}`,
        town: 'Harbor',
        postal_code: `9720${i}`,
        latitude: 45 + i / 100,
        longitude: -122,
        population: 5000,
      })),
    )
    .execute();
  emsOrg = (await createTestOrganization(t.db, t.clock, { name: 'County EMS', type: 'ems' })).id;
  const rows = [];
  for (const [k, week] of WEEKS.entries())
    for (const [i, n] of week.entries())
      for (let e = 0; e < n; e++)
        rows.push(row(AREAS[i]!, new Date(Date.parse(`${MONDAYS[k]}T10:00:00Z`) + (e % 7) * 86_400_000 + e * 60_000)));
  await t.db.insertInto('overdose_events').values(rows).execute();
});
afterAll(async () => t?.close());

async function at(iso: string) {
  t.clock.set(new Date(iso));
  analyst = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: emsOrg, roles: ['analyst'] })).email);
  ems = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: emsOrg, roles: ['clinician'] })).email);
}
const publicMap = async (days: 7 | 30) =>
  (await t.app.inject({ method: 'GET', url: `/api/public/overdose/map?days=${days}` })).json<OverdoseMap>();

describe('the public overdose map under every combination of its queries', () => {
  const weekly: OverdoseMap[] = [];
  let period: OverdoseMap;

  it('publishes each week as it closes and the four-week period after it, for fixed dates only', async () => {
    for (const [k, monday] of MONDAYS.entries()) {
      // Some hours into the next Monday, local time in any US zone.
      const next = new Date(Date.parse(`${monday}T18:00:00Z`) + 7 * 86_400_000 + 3_600_000 * k).toISOString();
      await at(next);
      const map = await publicMap(7);
      expect([map.from, map.days]).toEqual([monday, 7]);
      weekly.push(map);
      // An analyst sees the same published figures; a moment later the answer is the same.
      expect((await t.app.inject({ method: 'GET', url: '/api/overdose/map?days=7', headers: analyst.headers })).json()).toEqual(map);
    }
    await at('2026-11-30T20:00:00Z');
    period = await publicMap(30);
    expect([period.from, period.to, period.days]).toEqual(['2026-11-02', '2026-11-29', 28]);
    // The staff view still counts everything of the last 7 or 30 days.
    const staff = (await t.app.inject({ method: 'GET', url: '/api/overdose/map?days=30', headers: ems.headers })).json<OverdoseMap>();
    expect(staff.suppressed).toBe(false);
  });

  it('the stored counts are the true ones', async () => {
    for (const [k, monday] of MONDAYS.entries()) {
      const end = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      const { series } = await dailyCounts(t.db, monday, end);
      expect(AREAS.map((id) => (series.get(id) ?? []).reduce((a, b) => a + b, 0))).toEqual(WEEKS[k]);
    }
  });

  it('no area-week under 11 (nor any hidden figure under 11) can be derived from all the answers together', () => {
    const A = AREAS.length;
    const sums = new PublishedSums(WEEKS.length * A);
    const shown: [number[], number][] = [];
    weekly.forEach((m, k) => {
      for (const [i, id] of AREAS.entries()) {
        const c = m.areas.find((a) => a.id === id)!.count;
        if (c !== null) shown.push([[k * A + i], c]);
      }
      if (m.total !== null) shown.push([AREAS.map((_, i) => k * A + i), m.total]);
    });
    for (const [i, id] of AREAS.entries()) {
      const c = period.areas.find((a) => a.id === id)!.count;
      if (c !== null) shown.push([WEEKS.map((_, k) => k * A + i), c]);
    }
    if (period.total !== null) shown.push([WEEKS.flatMap((_, k) => AREAS.map((__, i) => k * A + i)), period.total]);
    // Every shown figure is true and at least 11.
    const truth = WEEKS.flat();
    for (const [cells, value] of shown) {
      expect(value).toBe(cells.reduce((a, c) => a + truth[c]!, 0));
      expect(value).toBeGreaterThanOrEqual(OVERDOSE_SMALL_CELL);
      sums.publish(cells);
    }
    expect(shown.length).toBeGreaterThan(8);
    const small = (n: number) => n >= 1 && n < OVERDOSE_SMALL_CELL;
    truth.forEach((n, c) => {
      if (small(n)) expect(sums.determines([c]), `area-week ${c} (${n})`).toBe(false);
    });
    // Hidden weekly totals, period areas and the period total (whatever they hold) stay unknown when small.
    AREAS.forEach((_, i) => {
      const n = WEEKS.reduce((a, w) => a + w[i]!, 0);
      if (small(n)) expect(sums.determines(WEEKS.map((__, k) => k * A + i))).toBe(false);
    });
  });

  it('a new event, or a late report of a published week, moves no published figure', async () => {
    const before7 = await publicMap(7);
    const before30 = await publicMap(30);
    await t.db
      .insertInto('overdose_events')
      .values([
        row('B1', new Date('2026-11-30T10:00:00Z')),
        row('B2', new Date('2026-11-25T10:00:00Z')),
        row('B4', new Date('2026-11-04T10:00:00Z')),
      ])
      .execute();
    expect(await publicMap(7)).toEqual(before7);
    expect(await publicMap(30)).toEqual(before30);
  });

  it("an analyst's area series is that area's published weeks", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/overdose/areas/B1/series?days=28', headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    const series = res.json<{ suppressed: boolean; points: { date: string; count: number | null }[]; alerts: unknown[] }>();
    expect(series.suppressed).toBe(true);
    expect(series.points.map((p) => p.date)).toEqual(MONDAYS);
    expect(series.points.map((p) => p.count)).toEqual(weekly.map((m) => m.areas.find((a) => a.id === 'B1')!.count));
    expect(series.alerts).toEqual([]);
  });
});
