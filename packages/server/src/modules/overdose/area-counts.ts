import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

/**
 * Overdoses per area in a window, as true counts (no person, no time, no place finer than the area),
 * and when the latest one occurred: for the needs-and-gaps analysis, which suppresses small counts
 * itself before anything is shown (docs/gaps.md).
 */
export async function overdoseCountsByArea(
  db: DbOrTrx,
  from: Date,
  to: Date,
): Promise<{ counts: Map<string, number>; latest: Date | null }> {
  const rows = await db
    .selectFrom('overdose_events')
    .select(['area_id', sql<number>`count(*)::int`.as('n'), sql<Date | null>`max(occurred_at)`.as('latest')])
    .where('occurred_at', '>', from)
    .where('occurred_at', '<=', to)
    .groupBy('area_id')
    .execute();
  let latest: Date | null = null;
  const counts = new Map<string, number>();
  for (const r of rows) {
    counts.set(r.area_id, Number(r.n));
    const at = r.latest ? new Date(r.latest) : null;
    if (at && (!latest || at > latest)) latest = at;
  }
  return { counts, latest };
}
