import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { careEventKind, type OrganizationType } from '@continuum/contracts';
import type { Db } from '../../packages/server/src/db/database.ts';
import { demoOrganizations } from '../../packages/server/src/demo/demo-care-seed.ts';
import { generateCare } from '../../packages/server/src/demo/synthetic-care.ts';
import { createPersonGenerator, generateRegion } from '../../packages/server/src/demo/synthetic-community.ts';
import { recordSensitivity } from '../../packages/server/src/modules/registry/registry-policy.ts';
import { fixed } from '../lib/stats.ts';

/*
 * The measures benchmark's community: generated people with their typed care events (weekly
 * dispensing), written in bulk, and copied in the database for sizes the generator is too slow for.
 */

/** The day the community is generated up to. */
export const TODAY = new Date('2026-11-23T12:00:00Z');
/** People per insert statement. */
const INSERT_PEOPLE = 5000;

/** Writes `count` people and their typed care events (weekly dispensing), in bulk: one unnest insert per chunk. */
export async function generateCommunity(db: Db, seed: number, count: number, log: (l: string) => void): Promise<number> {
  const region = generateRegion(seed);
  const orgs = await demoOrganizations(db, seed, region);
  const personAt = createPersonGenerator(seed, region);
  const now = TODAY.toISOString();
  let events = 0;
  const started = Date.now();
  for (let from = 0; from < count; from += INSERT_PEOPLE) {
    const n = Math.min(INSERT_PEOPLE, count - from);
    const p = {
      id: [] as string[],
      given: [] as string[],
      family: [] as string[],
      birth: [] as string[],
      sex: [] as string[],
      race: [] as (string | null)[],
      eth: [] as (string | null)[],
      area: [] as (string | null)[],
      reg: [] as string[],
      pp: [] as boolean[],
      vet: [] as boolean[],
      ji: [] as boolean[],
      unh: [] as boolean[],
    };
    const e = {
      person: [] as string[],
      org: [] as string[],
      kind: [] as string[],
      type: [] as string[],
      sens: [] as string[],
      at: [] as string[],
      title: [] as string[],
      data: [] as string[],
    };
    for (let i = from; i < from + n; i++) {
      const person = personAt(i);
      const care = generateCare(seed, i, TODAY, { weeklyDispensing: true });
      const id = randomUUID();
      p.id.push(id);
      p.given.push(person.givenName);
      p.family.push(person.familyName);
      p.birth.push(person.birthDate);
      p.sex.push(person.sex);
      p.race.push(person.race);
      p.eth.push(person.ethnicity);
      p.area.push(person.areaId);
      p.reg.push(orgs.get(care.registeredByKey)!.id);
      p.pp.push(care.flags.pregnantOrPostpartum && person.sex === 'female');
      p.vet.push(care.flags.veteran);
      p.ji.push(care.flags.justiceInvolved);
      p.unh.push(person.address1 === null);
      for (const ev of care.events) {
        const org = orgs.get(ev.organizationKey)!;
        const kind = careEventKind(ev.type);
        e.person.push(id);
        e.org.push(org.id);
        e.kind.push(kind);
        e.type.push(ev.type);
        e.sens.push(recordSensitivity(org.type as OrganizationType, kind, undefined));
        e.at.push(ev.occurredAt);
        e.title.push(ev.title);
        e.data.push(JSON.stringify(ev.data));
      }
    }
    await sql`
      insert into people (id, given_name, family_name, birth_date, sex, race, ethnicity, area_id, registered_by_organization_id, pregnant_or_postpartum, veteran, justice_involved, unhoused, is_demo, created_at, updated_at)
      select id, given, family, birth, sex, race, eth, area, reg, pp, vet, ji, unh, true, ${now}::timestamptz, ${now}::timestamptz from unnest(
        ${p.id}::uuid[], ${p.given}::text[], ${p.family}::text[], ${p.birth}::date[], ${p.sex}::text[], ${p.race}::text[], ${p.eth}::text[], ${p.area}::text[], ${p.reg}::uuid[],
        ${p.pp}::boolean[], ${p.vet}::boolean[], ${p.ji}::boolean[], ${p.unh}::boolean[]
      ) as t(id, given, family, birth, sex, race, eth, area, reg, pp, vet, ji, unh)
    `.execute(db);
    const CH = 20_000;
    for (let k = 0; k < e.person.length; k += CH) {
      const s = <T>(a: T[]) => a.slice(k, k + CH);
      await sql`
        insert into person_events (person_id, organization_id, kind, type, sensitivity, occurred_at, title, data, source, created_at)
        select person_id, organization_id, kind, type, sensitivity, occurred_at, title, data::jsonb, 'bench', ${now}::timestamptz from unnest(
          ${s(e.person)}::uuid[], ${s(e.org)}::uuid[], ${s(e.kind)}::text[], ${s(e.type)}::text[], ${s(e.sens)}::text[], ${s(e.at)}::timestamptz[], ${s(e.title)}::text[], ${s(e.data)}::text[]
        ) as t(person_id, organization_id, kind, type, sensitivity, occurred_at, title, data)
      `.execute(db);
    }
    events += e.person.length;
    if ((from / INSERT_PEOPLE) % 20 === 19 || from + n >= count)
      log(
        `  generated ${(from + n).toLocaleString('en-US')} people, ${events.toLocaleString('en-US')} events (${fixed((Date.now() - started) / 1000, 0)} s)`,
      );
  }
  return events;
}

/** Copies the generated people and their events `times` times under new ids, in the database. */
export async function cloneCommunity(db: Db, times: number, log: (l: string) => void): Promise<void> {
  const started = Date.now();
  for (let r = 1; r <= times; r++) {
    await db.transaction().execute(async (trx) => {
      await sql`create temp table clone_map on commit drop as select person_id as old_id, gen_random_uuid() as new_id from (select distinct person_id from person_events where source = 'bench') b`.execute(
        trx,
      );
      await sql`
        insert into people (id, given_name, family_name, birth_date, sex, race, ethnicity, area_id, registered_by_organization_id, pregnant_or_postpartum, veteran, justice_involved, unhoused, is_demo, created_at, updated_at)
        select m.new_id, p.given_name, p.family_name, p.birth_date, p.sex, p.race, p.ethnicity, p.area_id, p.registered_by_organization_id, p.pregnant_or_postpartum, p.veteran, p.justice_involved, p.unhoused, true, p.created_at, p.updated_at
        from people p join clone_map m on m.old_id = p.id
      `.execute(trx);
      await sql`
        insert into person_events (person_id, organization_id, kind, type, sensitivity, occurred_at, title, data, source, created_at)
        select m.new_id, e.organization_id, e.kind, e.type, e.sensitivity, e.occurred_at, e.title, e.data, 'bench-copy', e.created_at
        from person_events e join clone_map m on m.old_id = e.person_id where e.source = 'bench'
      `.execute(trx);
    });
    log(`  copied the community: ${r + 1}× (${fixed((Date.now() - started) / 1000, 0)} s)`);
  }
}
