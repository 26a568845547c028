import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import type { CascadePeriod } from '../aggregate.ts';
import { continuousSql } from './coverage.ts';

/*
 * The cascade, set-based (cascadeMembership in person-measures.ts): per person and period, how
 * many stages were reached and whether the 6-month retention is not yet evaluable, into `lm_cas`;
 * the organizations with an event for the person in the period into `lm_pm` (by month: periods are
 * whole months).
 *   identified   — a positive screen or an OUD diagnosis in the period or the 365 days before it;
 *   engaged      — and an OUD treatment contact in the period;
 *   moud_started — and a MOUD event in the period;
 *   retained_6m  — the latest treatment start on or before the period end has 180 continuous days,
 *                  closed by the as-of day (else not yet evaluable);
 *   recovery     — and remission documented in the period or the 365 days before it.
 */

const monthStart = (day: string) => `(date_trunc('month', date '1970-01-01' + ${day})::date - date '1970-01-01')`;

export async function createCascade(trx: DbOrTrx, periods: readonly CascadePeriod[], asOf: number): Promise<void> {
  const per = sql`(select * from unnest(${periods.map((_, i) => i)}::int[], ${periods.map((p) => p.fromDay)}::int[], ${periods.map((p) => p.toDay)}::int[]) as t(p, f, t))`;
  await sql`
    create temp table lm_pm on commit drop as
    select pk, ${sql.raw(monthStart('day'))} as m, org, bool_or(is_moud or is_tvisit) as contact, bool_or(is_moud) as moud
    from lm_ev group by 1, 2, 3
  `.execute(trx);
  await sql`create index on lm_pm (pk, m)`.execute(trx);
  await sql`
    create temp table lm_cas on commit drop as
    with per as ${per},
    idn as (select distinct e.pk, per.p, per.f, per.t from lm_ev e join per on e.day between per.f - 365 and per.t where e.identifying),
    rem as (select distinct e.pk, per.p from lm_ev e join per on e.day between per.f - 365 and per.t where e.remission),
    base as (
      select i.pk, i.p, i.f, i.t,
        coalesce((select bool_or(pm.contact) from lm_pm pm where pm.pk = i.pk and pm.m between i.f and i.t), false) as contact,
        coalesce((select bool_or(pm.moud) from lm_pm pm where pm.pk = i.pk and pm.m between i.f and i.t), false) as moud,
        (select max(s.day) from lm_start s where s.pk = i.pk and s.day <= i.t) as start,
        exists (select 1 from rem r where r.pk = i.pk and r.p = i.p) as remission
      from idn i
    )
    select b.pk, b.p, b.f, b.t,
      case when not b.contact then 1 when not b.moud then 2 when b.start is null or b.start + 179 > ${asOf}::int then 3
           when not ${sql.raw(continuousSql('b.pk', 'b.start', 180))} then 3 when b.remission then 5 else 4 end as reached,
      (b.contact and b.moud and b.start is not null and b.start + 179 > ${asOf}::int) as nye
    from base b
  `.execute(trx);
}
