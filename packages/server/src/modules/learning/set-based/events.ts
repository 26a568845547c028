import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import type { MeasureRelations } from '../../registry/index.ts';

/*
 * The set-based computation's first step: every care event in the read window classified once,
 * in the database, into a temporary table `lm_ev` (dropped at commit) with the flags the measures
 * and the cascade test — the same classification as person-measures.ts (isMoud, isTreatmentVisit,
 * isEdSudVisit, sudDiagnosis, isIdentifying, …) written as SQL over the event's typed data; and the
 * people with at least one event, with their stratum attributes, into `lm_p`.
 *
 * Codes: SUD is F10–F19 except F17, OUD is F11 (person-measures.ts, docs/measures.md).
 */

const isSud = (code: string) => `(${code} ~ '^F1[0-9]' and ${code} !~ '^F17')`;
const isOud = (code: string) => `(${code} ~ '^F11')`;
/** An encounter's codes (principal diagnosis, when not empty, then the other diagnoses) matching a test. */
const encounterHas = (test: (code: string) => string) =>
  `(type = 'encounter' and (${test(`coalesce(nullif(data->>'principalDiagnosis', ''), '')`)} or exists (
     select 1 from jsonb_array_elements_text(case when jsonb_typeof(data->'diagnoses') = 'array' then data->'diagnoses' else '[]'::jsonb end) c(code)
     where ${test('c.code')})))`;

export async function createEventTables(trx: DbOrTrx, relations: MeasureRelations, edOrHospital: readonly string[]) {
  const encSud = encounterHas(isSud);
  const encOud = encounterHas(isOud);
  const encNoCodes = `(type = 'encounter' and coalesce(data->>'principalDiagnosis', '') = ''
     and (jsonb_typeof(data->'diagnoses') is distinct from 'array' or jsonb_array_length(data->'diagnoses') = 0))`;
  const setting = `case when type = 'encounter' then data->>'setting' end`;
  const isMoud = `type in ('moud_dispense', 'moud_administration', 'moud_start', 'moud_dose_change')`;
  const notEd = `coalesce(${setting}, '') <> 'emergency_department'`;
  const tvisit = `(type in ('appointment_attended', 'counseling_note')
     or (type = 'recovery_milestone' and data->>'milestone' = 'peer_support')
     or (type = 'encounter' and ${notEd} and (${encNoCodes} or ${encSud})))`;
  const sudDx = `((type = 'diagnosis' and ${isSud(`coalesce(data->>'code', '')`)}) or ${encSud})`;
  const oudDx = `((type = 'diagnosis' and ${isOud(`coalesce(data->>'code', '')`)}) or ${encOud})`;
  const num = (field: string) => `case when jsonb_typeof(data->'${field}') = 'number' then (data->>'${field}')::numeric end`;
  await sql`
    create temp table lm_ev on commit drop as
    select pk, day, at, id, org, type,
      ${sql.raw(setting)} as setting,
      (${sql.raw(isMoud)}) as is_moud,
      ${sql.raw(tvisit)} as is_tvisit,
      coalesce(${sql.raw(setting)} = 'emergency_department' and ${sql.raw(encSud)}, false) as is_ed_sud,
      coalesce(${sql.raw(setting)} in ('inpatient', 'residential'), false) as is_adm,
      ${sql.raw(sudDx)} as sud_dx,
      ${sql.raw(oudDx)} as oud_dx,
      ((type = 'screening' and data->>'result' = 'positive') or ${sql.raw(oudDx)}) as identifying,
      ((type = 'recovery_milestone' and data->>'milestone' = 'remission_documented') or (type = 'diagnosis' and data ? 'remission')) as remission,
      (${sql.raw(isMoud)} and data->>'formulation' in ('extended_release_injection', 'implant')) as long_acting,
      case when ${sql.raw(isMoud)} then trim(coalesce(data->>'medication', 'moud') || ' ' || coalesce(data->>'formulation', '')) end as medkey,
      case when ${sql.raw(isMoud)} then (case when data ? 'daysSupply' then ${sql.raw(num('daysSupply'))} else 1 end) end as supply,
      case when type = 'moud_stop' then coalesce(data->>'medication', 'moud') end as stop_med,
      case when type = 'referral' and data->>'serviceKind' = 'moud' and org = any(${[...edOrHospital]}::uuid[]) then true else false end as moud_referral,
      data->>'referralId' as referral_id,
      data->>'serviceKind' as service_kind,
      case when type = 'naloxone' then data->>'mode' end as naloxone_mode,
      coalesce(${sql.raw(num('kits'))}, 1) as kits,
      (data->'fatal' = 'true'::jsonb) as fatal_true,
      (data->'fatal' = 'false'::jsonb) as fatal_false,
      data->>'overdoseEventId' as overdose_event_id,
      coalesce(${sql.raw(num('naloxoneDoses'))}, 0) > 0 as naloxone_doses
    from ${relations.events} ev
  `.execute(trx);
  await sql`create index on lm_ev (pk, day)`.execute(trx);
  await sql`analyze lm_ev`.execute(trx);
  await sql`
    create temp table lm_p on commit drop as
    select p.* from ${relations.people} p where exists (select 1 from lm_ev e where e.pk = p.pk)
  `.execute(trx);
  await sql`analyze lm_p`.execute(trx);
}

/** Age in whole years at `day` (an int column expression) for a birth date column: ageOn in person-measures.ts. */
export const ageAt = (birth: string, day: string) =>
  `(extract(year from (date '1970-01-01' + ${day}))::int - extract(year from ${birth})::int
    - case when (extract(month from (date '1970-01-01' + ${day})), extract(day from (date '1970-01-01' + ${day})))
              < (extract(month from ${birth}), extract(day from ${birth})) then 1 else 0 end)`;
