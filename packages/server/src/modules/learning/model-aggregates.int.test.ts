import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.ts';
import type { OpenedDatabase } from '../../db/database.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { fixtureAccess } from '../directory/directory.fixtures.ts';
import { setAreaEstimate } from './estimates.ts';
import { modelAggregates } from './model-aggregates.ts';

let opened: OpenedDatabase;
const clock = manualClock(new Date('2026-03-10T12:00:00Z'));

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(() => opened?.close());

describe('the aggregates the scenario model is calibrated to', () => {
  it('are empty before any estimate or run', async () => {
    const a = await modelAggregates(opened.db);
    expect(a.run).toBeNull();
    expect(a.moudStartsByMonth).toEqual([]);
    expect(a.retention180).toBeNull();
  });

  it('sum the area estimates and read MOUD starts and 180-day retention of the latest run, network-wide only', async () => {
    const db = opened.db;
    await db
      .insertInto('areas')
      .values([
        { id: 'MA1', name: 'A', town: 'T', postal_code: '0', latitude: 40, longitude: -75, population: 10_000 },
        { id: 'MA2', name: 'B', town: 'T', postal_code: '0', latitude: 40, longitude: -75, population: 20_000 },
      ])
      .execute();
    await setAreaEstimate(db, clock, fixtureAccess, 'MA1', { method: 'count', count: 300, low: 200, high: 400, source: 't' });
    await setAreaEstimate(db, clock, fixtureAccess, 'MA2', { method: 'prevalence', prevalence: 0.02, source: 't' });
    const run = await db
      .insertInto('learning_runs')
      .values({
        period_from: '2025-11',
        period_to: '2026-01',
        as_of: '2026-02-01',
        status: 'done',
        started_at: clock.now(),
        finished_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cell = (measure_id: string, month: string, numerator: number, denominator: number, scope = 'network', dimension = 'all') => ({
      run_id: run.id,
      scope,
      measure_id,
      month,
      dimension,
      stratum: dimension === 'all' ? 'all' : 'x',
      numerator,
      denominator,
    });
    await db
      .insertInto('learning_results')
      .values([
        cell('retention_30', '2025-11', 20, 30),
        cell('retention_30', '2026-01', 25, 40),
        cell('retention_30', '2026-01', 5, 9, 'network', 'sex'),
        cell('retention_30', '2026-01', 5, 7, '00000000-0000-4000-8000-000000000001'),
        cell('retention_180', '2025-11', 12, 30),
        cell('retention_180', '2025-12', 8, 20),
      ])
      .execute();
    const a = await modelAggregates(db);
    expect(a.estimate).toEqual({ total: 700, low: null, high: null, areas: 2 });
    expect(a.run).toEqual({ from: '2025-11', to: '2026-01' });
    expect(a.moudStartsByMonth).toEqual([
      { month: '2025-11', starts: 30 },
      { month: '2025-12', starts: 0 },
      { month: '2026-01', starts: 40 },
    ]);
    expect(a.retention180).toEqual({ numerator: 20, denominator: 50 });
  });
});
