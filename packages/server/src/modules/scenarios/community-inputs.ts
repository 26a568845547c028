/**
 * Gathers the community's aggregates for a run through the owners' front doors: the areas' population,
 * the learning module's OUD estimate, MOUD starts and retention, and the overdose module's monthly
 * overdoses and naloxone kits. Aggregates only; no person-level row is read.
 */
import { sql } from 'kysely';
import { addDays } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { modelAggregates } from '../learning/index.ts';
import { naloxoneKitsBetween, overdoseCountsByMonth } from '../overdose/index.ts';
import type { CommunityData } from './community.ts';
import type { Medication } from './model.ts';

/** The months the calibration fits: the last two complete years. */
export const OBSERVED_MONTHS = 24;

/** The `count` complete calendar months before `now`'s month (YYYY-MM), oldest first. */
export function completeMonthsBefore(now: Date, count: number): string[] {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - count + i, 1)).toISOString().slice(0, 7));
}

export async function gatherCommunity(
  db: DbOrTrx,
  clock: Clock,
  capacity: Readonly<Record<Medication, number | null>>,
): Promise<CommunityData> {
  const now = clock.now();
  const months = completeMonthsBefore(now, OBSERVED_MONTHS);
  const from = new Date(`${months[0]}-01T00:00:00Z`);
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const [population, aggregates, overdoses, kits] = await Promise.all([
    db
      .selectFrom('areas')
      .select(sql<number>`coalesce(sum(population), 0)::bigint`.as('n'))
      .executeTakeFirst(),
    modelAggregates(db),
    overdoseCountsByMonth(db, from, to),
    naloxoneKitsBetween(db, addDays(to, -365), to),
  ]);
  const starts = new Map(aggregates.moudStartsByMonth.map((m) => [m.month, m.starts]));
  return {
    population: Number(population?.n ?? 0),
    oudEstimate: aggregates.estimate?.total ?? null,
    months,
    overdoses: overdoses.length > 0 ? overdoses : null,
    moudStarts: months.filter((m) => starts.has(m)).map((month) => ({ month, starts: starts.get(month)! })),
    retention180: aggregates.retention180,
    naloxoneKitsLastYear: kits,
    capacity,
  };
}
