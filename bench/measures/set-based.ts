import type { Clock } from '../../packages/server/src/clock.ts';
import type { Db } from '../../packages/server/src/db/database.ts';
import { systemAccess } from '../../packages/server/src/core/access-context.ts';
import { cascadePeriods } from '../../packages/server/src/modules/learning/aggregate.ts';
import { LOOKBACK_DAYS } from '../../packages/server/src/modules/learning/compute.ts';
import { computeCellsInDatabase } from '../../packages/server/src/modules/learning/set-based/compute-cells.ts';
import { conversionDays } from '../../packages/server/src/modules/learning/settings.ts';
import { epochDay, firstDayOfMonth, lastDayOfMonth } from '@continuum/contracts';

/*
 * The set-based computation (modules/learning/set-based/: the cells computed in the database,
 * only the cells crossing the driver) timed over the same events as the product's computation, in
 * the same run. It stores nothing; its cells are the per-person engine's (set-based.int.test.ts).
 */
export async function timeSetBased(
  db: Db,
  clock: Clock,
  period: { from: string; to: string },
): Promise<{ seconds: number; events: number; cells: number }> {
  const started = Date.now();
  const asOf = epochDay(clock.now()) - 1;
  const fromDay = firstDayOfMonth(period.from);
  const out = await computeCellsInDatabase(db, clock, systemAccess('measures benchmark, set-based'), {
    fromDay,
    toDay: Math.min(lastDayOfMonth(period.to), asOf),
    asOf,
    readFromDay: fromDay - LOOKBACK_DAYS,
    periods: cascadePeriods(period.from, period.to),
    conversionDays: await conversionDays(db),
    purpose: 'measures benchmark (set-based)',
  });
  return { seconds: (Date.now() - started) / 1000, events: out.events, cells: out.results.length + out.cascade.length };
}
