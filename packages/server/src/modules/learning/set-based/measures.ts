import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import { FUA_DEDUP_DAYS, FUA_EXCLUSION_DAYS } from '../follow-up.ts';
import { continuousSql } from './coverage.ts';
import { ageAt } from './events.ts';

/*
 * Every measure's contributions, set-based, into `lm_c` (person, measure, index day, organization,
 * numerator, denominator, days): the same episodes, windows and exclusions as personMeasures in
 * person-measures.ts (docs/measures.md). "The first event of a day" is the first by instant, then
 * id — the order the reference engine reads them in.
 */

export interface Window {
  fromDay: number;
  toDay: number;
  asOf: number;
  conversionDays: number;
}

export async function createContributions(trx: DbOrTrx, w: Window): Promise<void> {
  const F = sql`${w.fromDay}::int`;
  const T = sql`${w.toDay}::int`;
  const A = sql`${w.asOf}::int`;
  await sql`create temp table lm_c (pk uuid, measure text, day int, org uuid, num numeric, den int, days int) on commit drop`.execute(trx);

  // FUA 7 / 30: eligible ED visit days (13+, no admission on the day or the 30 after), then the first in any 31 days.
  await sql`
    create temp table lm_ed on commit drop as
    select distinct v.pk, v.day from lm_ev v join lm_p p on p.pk = v.pk
    where v.is_ed_sud and ${sql.raw(ageAt('p.birth_date', 'v.day'))} >= 13
      and not exists (select 1 from lm_ev a where a.pk = v.pk and a.is_adm and a.day between v.day and v.day + ${sql.raw(String(FUA_EXCLUSION_DAYS))})
  `.execute(trx);
  await sql`create index on lm_ed (pk, day)`.execute(trx);
  await sql`
    with recursive kept(pk, day) as (
      select pk, min(day) from lm_ed group by pk
      union all
      select k.pk, n.day from kept k
      cross join lateral (select e.day from lm_ed e where e.pk = k.pk and e.day >= k.day + ${sql.raw(String(FUA_DEDUP_DAYS))} order by e.day limit 1) n
    )
    insert into lm_c
    select k.pk, m.measure, k.day, o.org,
      case when exists (select 1 from lm_ev f where f.pk = k.pk and (f.is_moud or f.is_tvisit) and f.day between k.day and k.day + m.n) then 1 else 0 end,
      1, null::int
    from kept k
    cross join (values ('fua_7', 7), ('fua_30', 30)) m(measure, n)
    cross join lateral (select x.org from lm_ev x where x.pk = k.pk and x.day = k.day and x.is_ed_sud order by x.at, x.id limit 1) o
    where k.day between ${F} and ${T} and k.day + 30 <= ${A}
  `.execute(trx);

  // Retention at 30, 90 and 180 days and POD: each treatment start in the window.
  await sql`
    insert into lm_c
    select s.pk, m.measure, s.day, o.org,
      case when ${sql.raw(continuousSql('s.pk', 's.day', 'm.n'))} then 1 else 0 end, 1, null::int
    from lm_start s
    join lm_p p on p.pk = s.pk
    cross join lateral (select x.org from lm_ev x where x.pk = s.pk and x.day = s.day and x.is_moud order by x.at, x.id limit 1) o
    cross join (values ('retention_30', 30, false), ('retention_90', 90, false), ('retention_180', 180, false), ('pod_180', 180, true)) m(measure, n, pod)
    where s.day between ${F} and ${T} and s.day + m.n - 1 <= ${A}
      and (not m.pod or (${sql.raw(ageAt('p.birth_date', 's.day'))} >= 16
        and exists (select 1 from lm_ev d where d.pk = s.pk and d.oud_dx and d.day between s.day - 365 and s.day + 30)))
  `.execute(trx);

  // IET: new SUD episodes (first SUD diagnosis of a day, none in the 194 days before outside the ED, no MOUD then), initiation, engagement.
  await sql`
    create temp table lm_iet on commit drop as
    with cand as (
      select distinct on (v.pk, v.day) v.pk, v.day, v.id, v.org, v.setting
      from lm_ev v join lm_p p on p.pk = v.pk
      where v.sud_dx and v.day between ${F} and ${T} and ${sql.raw(ageAt('p.birth_date', 'v.day'))} >= 13
      order by v.pk, v.day, v.at, v.id
    )
    select c.pk, c.day, c.org,
      case when c.setting = 'inpatient' then c.day else (
        select min(x.day) from lm_ev x where x.pk = c.pk and x.day between c.day and c.day + 13 and x.id <> c.id
          and (x.is_moud or (x.is_tvisit and (x.day > c.day or x.org <> c.org)))
      ) end as init
    from cand c
    where not exists (
      select 1 from lm_ev x where x.pk = c.pk and x.day between c.day - 194 and c.day - 1
        and ((x.sud_dx and coalesce(x.setting, '') <> 'emergency_department') or x.is_moud)
    )
  `.execute(trx);
  await sql`
    insert into lm_c
    select pk, 'iet_initiation', day, org, case when init is not null then 1 else 0 end, 1, null::int from lm_iet where day + 13 <= ${A}
    union all
    select i.pk, 'iet_engagement', i.day, i.org,
      case when i.init is not null and (
        exists (select 1 from lm_ev x where x.pk = i.pk and x.day between i.init + 1 and i.init + 34 and x.long_acting)
        or (select count(distinct (x.day, x.org)) filter (where x.is_tvisit and not x.is_moud) + count(*) filter (where x.is_moud)
            from lm_ev x where x.pk = i.pk and x.day between i.init + 1 and i.init + 34) >= 2
      ) then 1 else 0 end, 1, null::int
    from lm_iet i where i.day + 47 <= ${A}
  `.execute(trx);

  // ED-to-MOUD referral conversion: the first event of each referral to a MOUD service by an ED or hospital.
  await sql`
    with r as (
      select distinct on (pk, coalesce(referral_id, 'day-' || day)) pk, day, org, referral_id
      from lm_ev where moud_referral
      order by pk, coalesce(referral_id, 'day-' || day), day, at, id
    )
    insert into lm_c
    select r.pk, 'ed_moud_conversion_7', r.day, r.org,
      case when exists (
        select 1 from lm_ev x where x.pk = r.pk and x.day between r.day and r.day + ${w.conversionDays}::int
          and (x.is_moud or (x.type = 'appointment_attended' and (x.referral_id is not distinct from r.referral_id or x.service_kind = 'moud')))
      ) then 1 else 0 end, 1, null::int
    from r where r.day between ${F} and ${T} and r.day + ${w.conversionDays}::int <= ${A}
  `.execute(trx);

  // Custody release to MOUD within 30 days, with the days to the first MOUD.
  await sql`
    insert into lm_c
    select e.pk, 'custody_release_moud_days', e.day, e.org, case when f.d is not null then 1 else 0 end, 1, f.d - e.day
    from lm_ev e
    cross join lateral (select min(x.day) as d from lm_ev x where x.pk = e.pk and x.is_moud and x.day between e.day and e.day + 30) f
    where e.type = 'custody_release' and e.day between ${F} and ${T} and e.day + 30 <= ${A}
  `.execute(trx);

  // Naloxone kits given.
  await sql`
    insert into lm_c
    select pk, 'naloxone_kits', day, org, kits, 0, null::int from lm_ev
    where type = 'naloxone' and naloxone_mode = 'kit_given' and day between ${F} and ${T}
  `.execute(trx);

  // Overdoses: reversals and repeats, per overdose day; a medical examiner's fatal report makes the event fatal.
  await sql`
    create temp table lm_nf on commit drop as
    select o.pk, o.day, o.at, o.id, o.org, o.naloxone_doses from lm_ev o
    where o.type = 'overdose' and o.fatal_false and o.day between ${F} and ${T}
      and not exists (select 1 from lm_ev f where f.pk = o.pk and f.type = 'overdose' and f.fatal_true
        and f.overdose_event_id is not null and f.overdose_event_id = o.overdose_event_id)
  `.execute(trx);
  await sql`
    insert into lm_c
    select pk, 'overdose_reversals', day, org, 1, 0, null::int from (
      select distinct on (n.pk, n.day) n.pk, n.day, n.org from lm_nf n
      where n.naloxone_doses or exists (select 1 from lm_ev a where a.pk = n.pk and a.day = n.day and a.type = 'naloxone' and a.naloxone_mode = 'administered')
      order by n.pk, n.day, n.at, n.id
    ) r
    union all
    select pk, 'repeat_overdose_30', day, org,
      case when exists (select 1 from lm_ev o where o.pk = r.pk and o.type = 'overdose' and o.day between r.day + 1 and r.day + 30) then 1 else 0 end, 1, null::int
    from (select distinct on (n.pk, n.day) n.pk, n.day, n.org from lm_nf n order by n.pk, n.day, n.at, n.id) r
    where r.day + 30 <= ${A}
  `.execute(trx);
}
