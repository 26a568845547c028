import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

/**
 * Overdoses per calendar month (UTC), fatal and non-fatal, as true counts (no person, no place), and the
 * naloxone kits handed out in a window: for the scenario model's calibration, which suppresses small
 * counts itself before anything is shown (docs/scenarios.md).
 */
export async function overdoseCountsByMonth(
  db: DbOrTrx,
  from: Date,
  to: Date,
): Promise<{ month: string; fatal: number; nonFatal: number }[]> {
  const rows = await db
    .selectFrom('overdose_events')
    .select([
      sql<string>`to_char(occurred_at at time zone 'UTC', 'YYYY-MM')`.as('month'),
      sql<number>`count(*) filter (where fatal)::int`.as('fatal'),
      sql<number>`count(*) filter (where not fatal)::int`.as('non_fatal'),
    ])
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ month: r.month, fatal: Number(r.fatal), nonFatal: Number(r.non_fatal) }));
}

/**
 * Overdoses per day since 1970-01-01 (UTC), reporting organization and area, fatal or not, in
 * [from, to): counts, no person (learning's monthly counts `overdose_deaths` and `nonfatal_overdoses`;
 * the same events `overdoseCountsByMonth` counts, so the two agree month by month).
 */
export async function overdoseCountsByDay(
  db: DbOrTrx,
  from: Date,
  to: Date,
): Promise<{ day: number; organizationId: string; areaId: string; fatal: boolean; count: number }[]> {
  const rows = await db
    .selectFrom('overdose_events')
    .select([
      sql<number>`floor(extract(epoch from occurred_at) / 86400)::int`.as('day'),
      'reporting_organization_id',
      'area_id',
      'fatal',
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .groupBy([sql`1`, 'reporting_organization_id', 'area_id', 'fatal'])
    .execute();
  return rows.map((r) => ({
    day: Number(r.day),
    organizationId: r.reporting_organization_id,
    areaId: r.area_id,
    fatal: r.fatal,
    count: Number(r.n),
  }));
}

export async function naloxoneKitsBetween(db: DbOrTrx, from: Date, to: Date): Promise<number> {
  const row = await db
    .selectFrom('naloxone_distributions')
    .select(sql<number>`coalesce(sum(kits), 0)::int`.as('kits'))
    .where('distributed_at', '>=', from)
    .where('distributed_at', '<', to)
    .executeTakeFirst();
  return Number(row?.kits ?? 0);
}
