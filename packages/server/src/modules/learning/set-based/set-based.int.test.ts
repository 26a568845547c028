import { afterAll, describe, expect, it } from 'vitest';
import { manualClock, type Clock } from '../../../clock.ts';
import type { Db, OpenedDatabase } from '../../../db/database.ts';
import { systemAccess } from '../../../core/access-context.ts';
import { seedDemoCommunity } from '../../../demo/demo-seed.ts';
import { createTestDatabase } from '../../../test-support/test-database.ts';
import { forEachMeasureBatch } from '../../registry/index.ts';
import { Aggregator, cascadePeriods, type CascadeRow, type ResultRow } from '../aggregate.ts';
import { defaultPeriod, LOOKBACK_DAYS } from '../compute.ts';
import { computeCellsInDatabase } from './compute-cells.ts';
import { seedEdgeCommunity } from '../../../test-support/edge-care-community.ts';
import { epochDay, firstDayOfMonth, lastDayOfMonth } from '@continuum/contracts';

/*
 * The set-based computation against the per-person engine (the reference): the same cells, every
 * one, on the demo community and on generated communities of other seeds and sizes.
 */

const opened: OpenedDatabase[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

const resultKey = (r: ResultRow) => [r.scope, r.measure_id, r.month, r.dimension, r.stratum].join('|');
const cascadeKey = (r: CascadeRow) => [r.scope, r.period_from, r.period_to, r.dimension, r.stratum, r.stage].join('|');

/** Cells only in one engine, or with different values (empty when the engines agree). */
function differences<T>(reference: readonly T[], candidate: readonly T[], key: (r: T) => string): string[] {
  const a = new Map(reference.map((r) => [key(r), JSON.stringify(r)]));
  const b = new Map(candidate.map((r) => [key(r), JSON.stringify(r)]));
  const out: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(`reference ${v} / set-based ${b.get(k) ?? 'missing'}`);
  for (const [k, v] of b) if (!a.has(k)) out.push(`set-based only ${v}`);
  return out;
}

async function bothEngines(db: Db, clock: Clock, period: { from: string; to: string }, conversionDays = 7) {
  const asOf = epochDay(clock.now()) - 1;
  const fromDay = firstDayOfMonth(period.from);
  const toDay = Math.min(lastDayOfMonth(period.to), asOf);
  const periods = cascadePeriods(period.from, period.to);
  const access = systemAccess('engine comparison');
  const aggregator = new Aggregator({ fromDay, toDay, asOf, periods, conversionDays });
  const read = await forEachMeasureBatch(
    db,
    clock,
    access,
    { fromDay: fromDay - LOOKBACK_DAYS, toDay: asOf, purpose: 'reference', batchSize: 150 },
    (batch) => aggregator.addBatch(batch),
  );
  const set = await computeCellsInDatabase(db, clock, access, {
    fromDay,
    toDay,
    asOf,
    readFromDay: fromDay - LOOKBACK_DAYS,
    periods,
    conversionDays,
    purpose: 'set-based',
  });
  return { read, set, reference: { results: aggregator.resultRows(), cascade: aggregator.cascadeRows() } };
}

function expectSameCells(reference: { results: ResultRow[]; cascade: CascadeRow[] }, set: { results: ResultRow[]; cascade: CascadeRow[] }) {
  expect(differences(reference.results, set.results, resultKey).slice(0, 20)).toEqual([]);
  expect(differences(reference.cascade, set.cascade, cascadeKey).slice(0, 20)).toEqual([]);
}

describe('the set-based computation', () => {
  it('gives every cell the per-person engine gives on a community of edge cases (stops, merges, ties, no data, fatal reports)', async () => {
    const o = await createTestDatabase();
    opened.push(o);
    const clock = manualClock(new Date('2026-11-23T12:00:00Z'));
    await seedEdgeCommunity(o.db, clock, 5, 400);
    const wide = await bothEngines(o.db, clock, defaultPeriod(clock));
    expect(wide.set.events).toBe(wide.read.events);
    expect(wide.set.people).toBe(wide.read.people);
    expect(wide.reference.results.length).toBeGreaterThan(1000);
    expect(new Set(wide.reference.results.map((r) => r.measure_id)).size).toBe(13);
    expectSameCells(wide.reference, wide.set);
    // Another period and conversion window.
    const year = await bothEngines(o.db, clock, { from: '2025-07', to: '2026-06' }, 10);
    expectSameCells(year.reference, year.set);
  }, 600_000);

  for (const [seed, people] of [
    [42, 5000],
    [11, 1200],
  ] as const) {
    it(`gives every cell the per-person engine gives (${seed === 42 ? 'the demo community' : 'a generated community'}, seed ${seed}, ${people} people)`, async () => {
      const o = await createTestDatabase();
      opened.push(o);
      const clock = manualClock(new Date('2026-11-23T12:00:00Z'));
      await seedDemoCommunity(o.db, clock, { seed, people });
      const { read, set, reference } = await bothEngines(o.db, clock, defaultPeriod(clock));
      expect(set.events).toBe(read.events);
      expect(set.people).toBe(read.people);
      expect(reference.results.length).toBeGreaterThan(1000);
      expectSameCells(reference, set);
    }, 600_000);
  }
});
