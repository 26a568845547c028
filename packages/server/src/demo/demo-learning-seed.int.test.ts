import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { systemAccess } from '../core/access-context.ts';
import { defaultPeriod, recomputeNow } from '../modules/learning/compute.ts';
import { readCascade, readChart } from '../modules/learning/read.ts';
import { seedDemoCommunity } from './demo-seed.ts';
import { BRIDGE_PROGRAM_DAYS_AGO } from './synthetic-care-events.ts';
import { DAY_MS, monthKey } from '@continuum/contracts';

const clock = manualClock(new Date('2026-11-23T12:00:00Z'));
let opened: OpenedDatabase;
let seconds = 0;

beforeAll(async () => {
  opened = await createTestDatabase();
  const started = Date.now();
  await seedDemoCommunity(opened.db, clock, { seed: 7, people: 5000 });
  seconds = (Date.now() - started) / 1000;
  // What the daily job does when the server starts.
  await recomputeNow(opened.db, clock, systemAccess('test'), defaultPeriod(clock));
}, 240_000);
afterAll(async () => opened?.close());

describe('the demo community in the learning system', () => {
  it('has OUD estimates per area, with about a quarter of the estimated people with OUD on MOUD', async () => {
    expect(seconds).toBeGreaterThan(0);
    const cascade = await readCascade(opened.db, { from: '2025-12', to: '2026-11' });
    expect(cascade.computedAt).not.toBeNull();
    const stage = (id: string) => cascade.stages.find((s) => s.id === id)!;
    const share = stage('moud_started').percentOfEstimated!;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.35);
    // Each stage smaller than the one before.
    const counts = cascade.stages.slice(1).map((s) => s.count!);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeLessThan(counts[i - 1]!);
  });

  it('shows the ED bridge program as a shift in ED-to-MOUD conversion, with the change annotated', async () => {
    const bridge = monthKey(Math.floor(clock.now().getTime() / DAY_MS) - BRIDGE_PROGRAM_DAYS_AGO);
    const before = (() => {
      const [y, m] = bridge.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
    })();
    const chart = await readChart(opened.db, 'ed_moud_conversion_7', {
      from: '2025-01',
      to: '2026-10',
      chart: 'run',
      baselineFrom: '2025-01',
      baselineTo: before,
    });
    const shift = chart.signals.find((s) => s.rule === 'shift');
    expect(shift).toBeDefined();
    const shown = chart.points.filter((p) => !p.suppressed && p.value !== null);
    // Every month shown after the change is part of the shift above the baseline median…
    expect(shown.filter((p) => p.month > bridge).every((p) => shift!.months.includes(p.month))).toBe(true);
    // …and the conversion rate after it is far above the rate before it.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const pre = mean(shown.filter((p) => p.month < bridge).map((p) => p.value!));
    const post = mean(shown.filter((p) => p.month > bridge).map((p) => p.value!));
    expect(post - pre).toBeGreaterThan(0.2);
    expect(chart.annotations.some((a) => a.kind === 'change')).toBe(true);
    expect(shown.length).toBeGreaterThan(12);
  });
});
