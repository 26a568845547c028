import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';

/*
 * MOUD coverage and treatment starts, set-based (the rules of core/coverage.ts and
 * person-measures.ts: moudCoverage, fastTreatmentStarts, continuous).
 *
 * Supply of one medication group stacks: a fill on day d with s days either extends the running
 * end E (d ≤ E + 1: E ← max(E, d − 1) + s) or starts anew (E ← d + s − 1), which is the same
 * formula, E_n = max(E_{n−1}, d_n − 1) + s_n. Unrolled with S_n the running sum of supply,
 * E_n = S_n + max_{k ≤ n}(d_k − 1 − S_{k−1}): two window functions, no loop.
 *
 *   lm_fill  — MOUD events with their medication group, supply, the running end over all the
 *              group's fills (for starts) and within the segment between `moud_stop`s of the same
 *              medication (for coverage), and the stop that clips the segment;
 *   lm_start — treatment starts: a MOUD day with no MOUD in the 31 days before and not covered by
 *              the supply dispensed before it (stops ignored, as fastTreatmentStarts does);
 *   lm_gap   — the uncovered stretches between the covered islands (stops applied), with the
 *              open stretch before the first and after the last; a person with MOUD events but
 *              no covered day has no row (never continuous).
 */

/** Whether `start` (an int expression) has `days` of MOUD with no gap over 7 days: continuous() with MAX_TOLERATED_GAP. */
export const continuousSql = (pk: string, start: string, days: number | string) =>
  `(exists (select 1 from lm_gap g where g.pk = ${pk})
    and not exists (select 1 from lm_gap g where g.pk = ${pk}
      and least(g.ge, ${start} + ${days} - 1) - greatest(g.gs, ${start}) + 1 > 7))`;

export async function createCoverageTables(trx: DbOrTrx): Promise<void> {
  await sql`
    create temp table lm_fill on commit drop as
    with stops as (
      select pk, stop_med, array_agg(day) as days from lm_ev where stop_med is not null group by pk, stop_med
    ),
    f as (
      select e.pk, e.day, e.at, e.id, e.medkey, e.supply,
        coalesce((select count(*) from unnest(s.days) d where d < e.day), 0) as seg,
        (select min(d) from unnest(s.days) d where d >= e.day) as clip
      from lm_ev e left join stops s on s.pk = e.pk and s.stop_med = split_part(e.medkey, ' ', 1)
      where e.is_moud
    ),
    sums as (
      select f.*,
        case when supply > 0 then sum(supply) filter (where supply > 0) over wa end as sa,
        case when supply > 0 then sum(supply) filter (where supply > 0) over ws end as ss
      from f
      window wa as (partition by pk, medkey order by day, at, id rows unbounded preceding),
             ws as (partition by pk, medkey, seg order by day, at, id rows unbounded preceding)
    )
    select pk, day, medkey, supply, seg, clip,
      sa + max(day - 1 - (sa - supply)) filter (where supply > 0) over wa as end_all,
      ss + max(day - 1 - (ss - supply)) filter (where supply > 0) over ws as end_seg,
      at, id
    from sums
    window wa as (partition by pk, medkey order by day, at, id rows unbounded preceding),
           ws as (partition by pk, medkey, seg order by day, at, id rows unbounded preceding)
  `.execute(trx);
  await sql`
    create temp table lm_start on commit drop as
    with days as (select pk, day, max(end_all) as day_end from lm_fill group by pk, day),
    w as (
      select pk, day, lag(day) over (partition by pk order by day) as prev_day,
        max(day_end) over (partition by pk order by day rows between unbounded preceding and 1 preceding) as prev_end
      from days
    )
    select pk, day from w
    where (prev_day is null or prev_day < day - 31) and (prev_end is null or prev_end < day)
  `.execute(trx);
  await sql`
    create temp table lm_gap on commit drop as
    with covered as (
      -- Each segment's stacked intervals: a new one where a fill starts after the running end + 1.
      select pk, medkey, seg, clip, day, at, id, end_seg,
        lag(end_seg) over (partition by pk, medkey, seg order by day, at, id) as prev_end
      from lm_fill where supply > 0
    ),
    numbered as (
      select *, count(*) filter (where prev_end is null or day > prev_end + 1)
        over (partition by pk, medkey, seg order by day, at, id rows unbounded preceding) as n
      from covered
    ),
    intervals as (
      select pk, min(day) as s, least(max(end_seg), min(clip)) as e from numbered group by pk, medkey, seg, n
    ),
    marked as (
      select pk, s, e, max(e) over (partition by pk order by s, e rows between unbounded preceding and 1 preceding) as prev_max
      from intervals
    ),
    islands as (
      select pk, min(s) as s, max(e) as e
      from (select pk, s, e, count(*) filter (where prev_max is null or s > prev_max + 1)
              over (partition by pk order by s, e rows unbounded preceding) as g from marked) x
      group by pk, g
    )
    select pk, coalesce(lag(e) over (partition by pk order by s) + 1, -1000000000) as gs, s - 1 as ge from islands
    union all
    select pk, max(e) + 1, 1000000000 from islands group by pk
  `.execute(trx);
  await sql`create index on lm_gap (pk)`.execute(trx);
  await sql`create index on lm_start (pk)`.execute(trx);
  await sql`analyze lm_gap`.execute(trx);
  await sql`analyze lm_start`.execute(trx);
}
