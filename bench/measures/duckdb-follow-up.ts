import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'kysely';
import type { Clock } from '../../packages/server/src/clock.ts';
import type { Db } from '../../packages/server/src/db/database.ts';
import { LOOKBACK_DAYS } from '../../packages/server/src/modules/learning/compute.ts';
import { dayStart, epochDay, firstDayOfMonth, lastDayOfMonth } from '@continuum/contracts';
import { fixed } from '../lib/stats.ts';

/*
 * A reference point for the set-based computation: one measure — follow-up within 7 days of an ED
 * visit for substance use (FUA-7: ED visits with a SUD diagnosis by people 13 or older, visits
 * followed by an admission within 30 days excluded, then the first visit in any 31 days; met when
 * an OUD treatment contact falls on the visit day through day + 7) — computed by DuckDB, an
 * embedded analytical engine, over the same events. The events (type, day, setting, diagnosis
 * codes, milestone) are copied into DuckDB first (not timed as the query); the query classifies
 * them and computes the measure. Its count of visits and of visits met is checked against the
 * network total the product stored.
 */

export interface DuckFollowUp {
  events: number;
  threads: number;
  loadSeconds: number;
  querySeconds: number;
  duck: { visits: number; met: number };
  stored: { visits: number; met: number };
}

export function describeDuck(d: DuckFollowUp): string {
  const same = d.duck.visits === d.stored.visits && d.duck.met === d.stored.met;
  return `FUA-7 over ${d.events.toLocaleString('en-US')} events in ${fixed(d.querySeconds, 2)} s (${d.threads} threads; copying the events in took ${fixed(d.loadSeconds, 1)} s): ${d.duck.met}/${d.duck.visits} visits, stored ${d.stored.met}/${d.stored.visits} (${same ? 'same' : 'DIFFERENT'})`;
}

export async function duckdbFollowUp(
  db: Db,
  clock: Clock,
  period: { from: string; to: string },
  log: (l: string) => void,
): Promise<DuckFollowUp> {
  const asOf = epochDay(clock.now()) - 1;
  const fromDay = firstDayOfMonth(period.from);
  const toDay = Math.min(lastDayOfMonth(period.to), asOf);
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  await duck.run('create table p (pk varchar, birth date)');
  await duck.run('create table ev (pk varchar, day integer, type varchar, setting varchar, codes varchar, milestone varchar)');
  let t = performance.now();
  const people = (
    await sql<{
      id: string;
      birth: string;
    }>`select id::text, birth_date::text as birth from people where merged_into_id is null order by id`.execute(db)
  ).rows;
  const pa = await duck.createAppender('p');
  for (const p of people) {
    pa.appendVarchar(p.id);
    pa.appendVarchar(p.birth);
    pa.endRow();
  }
  pa.closeSync();
  const ea = await duck.createAppender('ev');
  let events = 0;
  const CHUNK = 5000;
  for (let i = 0; i < people.length; i += CHUNK) {
    const first = people[i]!.id;
    const last = people[Math.min(i + CHUNK, people.length) - 1]!.id;
    const rows = (
      await sql<{ pk: string; day: number; type: string; setting: string; codes: string; milestone: string }>`
        select person_id::text as pk, floor(extract(epoch from occurred_at) / 86400)::int as day, type,
          coalesce(data->>'setting', '') as setting,
          concat_ws(' ', nullif(data->>'principalDiagnosis', ''), (select string_agg(c, ' ') from jsonb_array_elements_text(
            case when jsonb_typeof(data->'diagnoses') = 'array' then data->'diagnoses' else '[]'::jsonb end) c)) as codes,
          coalesce(data->>'milestone', '') as milestone
        from person_events
        where person_id between ${first}::uuid and ${last}::uuid
          and occurred_at >= ${dayStart(fromDay - LOOKBACK_DAYS)} and occurred_at < ${dayStart(asOf + 1)}
      `.execute(db)
    ).rows;
    for (const r of rows) {
      ea.appendVarchar(r.pk);
      ea.appendInteger(Number(r.day));
      ea.appendVarchar(r.type);
      ea.appendVarchar(r.setting);
      ea.appendVarchar(r.codes);
      ea.appendVarchar(r.milestone);
      ea.endRow();
    }
    events += rows.length;
  }
  ea.closeSync();
  const loadSeconds = (performance.now() - t) / 1000;
  log(`DuckDB: ${events.toLocaleString('en-US')} events copied in ${fixed(loadSeconds, 1)} s`);
  const age = `(year(date '1970-01-01' + e.day) - year(p.birth)
    - case when month(date '1970-01-01' + e.day) * 100 + day(date '1970-01-01' + e.day) < month(p.birth) * 100 + day(p.birth) then 1 else 0 end)`;
  t = performance.now();
  const result = await duck.runAndReadAll(`
    with recursive cls as (
      select pk, day,
        type = 'encounter' and setting = 'emergency_department' and sud as ed_sud,
        type in ('moud_dispense', 'moud_administration', 'moud_start', 'moud_dose_change', 'appointment_attended', 'counseling_note')
          or (type = 'recovery_milestone' and milestone = 'peer_support')
          or (type = 'encounter' and setting <> 'emergency_department' and (codes = '' or sud)) as contact,
        type = 'encounter' and setting in ('inpatient', 'residential') as adm
      from (select *, len(list_filter(string_split(codes, ' '), x -> regexp_matches(x, '^F1[0-9]') and not starts_with(x, 'F17'))) > 0 as sud from ev)
    ),
    ed as (
      select distinct e.pk, e.day from cls e join p on p.pk = e.pk
      where e.ed_sud and ${age} >= 13
        and not exists (select 1 from cls a where a.pk = e.pk and a.adm and a.day between e.day and e.day + 30)
    ),
    kept(pk, day) as (
      select pk, min(day) from ed group by pk
      union all
      select k.pk, (select min(e.day) from ed e where e.pk = k.pk and e.day >= k.day + 31) from kept k where k.day is not null
    )
    select count(*) as visits, coalesce(sum(case when exists (
      select 1 from cls f where f.pk = k.pk and f.contact and f.day between k.day and k.day + 7) then 1 else 0 end), 0) as met
    from kept k where k.day between ${fromDay} and ${toDay} and k.day + 30 <= ${asOf}
  `);
  const querySeconds = (performance.now() - t) / 1000;
  const row = result.getRowObjects()[0]!;
  const threads = Number((await duck.runAndReadAll("select current_setting('threads') as t")).getRowObjects()[0]!.t);
  duck.closeSync();
  instance.closeSync();
  const stored = (
    await sql<{ visits: string | null; met: string | null }>`
      select sum(denominator) as visits, sum(numerator) as met from learning_results
      where run_id = (select id from learning_runs where status = 'done' order by finished_at desc limit 1)
        and scope = 'network' and measure_id = 'fua_7' and dimension = 'all'
    `.execute(db)
  ).rows[0]!;
  return {
    events,
    threads,
    loadSeconds,
    querySeconds,
    duck: { visits: Number(row.visits), met: Number(row.met) },
    stored: { visits: Number(stored.visits ?? 0), met: Number(stored.met ?? 0) },
  };
}
