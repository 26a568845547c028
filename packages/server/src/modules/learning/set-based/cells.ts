import { sql } from 'kysely';
import type { MeasureId } from '@continuum/contracts';
import type { DbOrTrx } from '../../../db/database.ts';
import type { CascadePeriod, CascadeRow, ResultRow } from '../aggregate.ts';
import { COUNTED_STAGES } from '../person-measures.ts';
import { ageAt } from './events.ts';

/*
 * The cells, added up in the database: every contribution (and every person-period of the cascade)
 * in each of its scopes (the network and the attributed organization; for the cascade each
 * organization with an event in the period) and strata (strataOf in aggregate.ts: all, age band at
 * the index day, sex, race, ethnicity, payer, area, each special population or none). Only the
 * cells cross the driver.
 */

const ageBand = (age: string) => `case when ${age} < 18 then '0-17' when ${age} < 25 then '18-24' when ${age} < 35 then '25-34'
  when ${age} < 45 then '35-44' when ${age} < 55 then '45-54' when ${age} < 65 then '55-64' else '65+' end`;

/** A lateral list of (dimension, stratum) for person row `pp` at day expression `day`. */
const strata = (day: string) => `lateral (
  select * from (values ('all', 'all'), ('age_band', ${ageBand(ageAt('pp.birth_date', day))}), ('sex', pp.sex),
    ('race', coalesce(pp.race, 'unknown')), ('ethnicity', coalesce(pp.ethnicity, 'unknown')),
    ('payer', case when pp.has_medicaid then 'medicaid' else 'unknown' end), ('area', coalesce(pp.area_id, 'unknown'))) v
  union all
  select 'special_population', sp from unnest(case
    when not (pp.pregnant_or_postpartum or pp.veteran or pp.justice_involved or pp.unhoused) then array['none']
    else array_remove(array[case when pp.pregnant_or_postpartum then 'pregnant_or_postpartum' end, case when pp.veteran then 'veteran' end,
      case when pp.justice_involved then 'justice_involved' end, case when pp.unhoused then 'unhoused' end], null) end) sp
) st(dimension, stratum)`;

export async function resultCells(trx: DbOrTrx): Promise<ResultRow[]> {
  const { rows } = await sql<{
    scope: string;
    measure_id: MeasureId;
    month: string;
    dimension: string;
    stratum: string;
    numerator: string | number;
    denominator: string | number;
    days_sum: string | number;
  }>`
    select sc.scope, c.measure as measure_id, to_char(date '1970-01-01' + c.day, 'YYYY-MM') as month, st.dimension, st.stratum,
      sum(c.num) as numerator, sum(c.den) as denominator, coalesce(sum(c.days), 0) as days_sum
    from lm_c c join lm_p pp on pp.pk = c.pk
    cross join lateral (values ('network'), (c.org::text)) sc(scope)
    cross join ${sql.raw(strata('c.day'))}
    group by 1, 2, 3, 4, 5
  `.execute(trx);
  return rows.map((r) => ({
    ...r,
    numerator: Number(r.numerator),
    denominator: Number(r.denominator),
    days_sum: Number(r.days_sum),
  }));
}

export async function cascadeCells(trx: DbOrTrx, periods: readonly CascadePeriod[]): Promise<CascadeRow[]> {
  const { rows } = await sql<{
    scope: string;
    p: number;
    dimension: string;
    stratum: string;
    counts: (string | number)[];
    nye: string | number;
  }>`
    select sc.scope, c.p, st.dimension, st.stratum,
      array[sum((c.reached >= 1)::int), sum((c.reached >= 2)::int), sum((c.reached >= 3)::int), sum((c.reached >= 4)::int), sum((c.reached >= 5)::int)] as counts,
      sum(c.nye::int) as nye
    from lm_cas c join lm_p pp on pp.pk = c.pk
    cross join lateral (
      select 'network' as scope
      union
      select pm.org::text from lm_pm pm where pm.pk = c.pk and pm.m between c.f and c.t
    ) sc
    cross join ${sql.raw(strata('c.t'))}
    group by 1, 2, 3, 4
  `.execute(trx);
  const out: CascadeRow[] = [];
  for (const r of rows) {
    const period = periods[r.p]!;
    COUNTED_STAGES.forEach((stage, s) => {
      out.push({
        scope: r.scope,
        period_from: period.from,
        period_to: period.to,
        dimension: r.dimension,
        stratum: r.stratum,
        stage,
        count: Number(r.counts[s]),
        not_yet_evaluable: stage === 'retained_6m' ? Number(r.nye) : 0,
      });
    });
  }
  return out;
}
