import { CompiledQuery, type Compilable } from 'kysely';
import type { Db, DbOrTrx } from '../../packages/server/src/db/database.ts';
import { decideAccess } from '../../packages/server/src/modules/registry/access-decision.ts';
import { actorFacts, type ReadContext } from '../../packages/server/src/modules/registry/access-facts.ts';
import { consentScopeSummaries, openPerson } from '../../packages/server/src/modules/registry/chokepoint.ts';
import { ENTRIES, type DataFacts } from './model.ts';
import type { Scenario } from './scenario.ts';

/*
 * The reads the chokepoint is put against (the raw rows, the decision without the disclosure),
 * the facts about the seeded data, and a query's plan.
 */

/** The raw query: the rows readTimeline selects, with nothing decided and nothing written. */
export function rawRows(db: DbOrTrx, personId: string) {
  return db
    .selectFrom('person_events as e')
    .innerJoin('organizations as o', 'o.id', 'e.organization_id')
    .select([
      'e.id',
      'e.kind',
      'e.type',
      'e.sensitivity',
      'e.occurred_at',
      'e.title',
      'e.detail',
      'e.organization_id',
      'o.name as organization_name',
    ])
    .where('e.person_id', 'in', [personId])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id')
    .limit(ENTRIES)
    .execute();
}

/** readTimeline's work without its disclosure insert: open the person, select the rows, decide on each, summarize the consents. */
export async function timelineWithoutDisclosure(trx: DbOrTrx, ctx: ReadContext, personId: string): Promise<number> {
  const { facts, caller } = await openPerson(trx, ctx, personId);
  const rows = await rawRows(trx, personId);
  const actor = actorFacts(ctx.access);
  const consentIds = new Set<string>();
  let permitted = 0;
  for (const r of rows) {
    const decision = decideAccess({
      actor,
      caller,
      purpose: ctx.purpose,
      record: { kind: r.kind, sensitivity: r.sensitivity, sourceOrganizationId: r.organization_id },
      person: facts,
      now: ctx.now,
    });
    if (!decision.permit) continue;
    permitted++;
    if (r.sensitivity === 'part2' && decision.consentId) consentIds.add(decision.consentId);
  }
  if (consentIds.size > 0) await consentScopeSummaries(trx, [...consentIds]);
  return permitted;
}

export async function describeData(db: Db, scenario: Scenario, seedSeconds: number, setupSeconds: number): Promise<DataFacts> {
  const count = async (table: 'people' | 'person_events' | 'consents' | 'care_team_members' | 'organizations') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const bySource = await db
    .selectFrom('person_events as e')
    .innerJoin('organizations as o', 'o.id', 'e.organization_id')
    .select((eb) => [
      'o.name',
      'o.type',
      eb.fn.countAll<string>().as('n'),
      eb.fn.count<string>(eb.case().when('e.sensitivity', '=', 'part2').then(1).end()).as('part2'),
    ])
    .where('e.person_id', '=', scenario.personId)
    .groupBy(['o.name', 'o.type'])
    .orderBy('o.name')
    .execute();
  const byKind = await db
    .selectFrom('person_events')
    .select((eb) => ['kind', eb.fn.countAll<string>().as('n')])
    .where('person_id', '=', scenario.personId)
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  const consents = await db
    .selectFrom('consents')
    .select(['id', 'type', 'status'])
    .where('person_id', '=', scenario.personId)
    .orderBy('created_at')
    .execute();
  const careTeam = await db
    .selectFrom('care_team_members as c')
    .innerJoin('organizations as o', 'o.id', 'c.organization_id')
    .select(['o.name', 'c.role'])
    .where('c.person_id', '=', scenario.personId)
    .orderBy('o.name')
    .execute();
  return {
    seedSeconds,
    setupSeconds,
    people: await count('people'),
    personEvents: await count('person_events'),
    consents: await count('consents'),
    careTeamMembers: await count('care_team_members'),
    organizations: await count('organizations'),
    personEventsBySource: bySource.map((r) => ({ organization: r.name, type: r.type, events: Number(r.n), part2: Number(r.part2) })),
    personEventsByKind: Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)])),
    personConsents: consents.map((c) => ({ type: c.type, status: c.status, coversReader: c.id === scenario.signedConsentId })),
    careTeam: careTeam.map((c) => `${c.name} (${c.role})`),
  };
}

/** The scan nodes of a query's plan, costs left out: which index (or none) answers it. */
export async function scanNodes(db: Db, query: Compilable): Promise<string> {
  const compiled = query.compile();
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
  return result.rows
    .map((r) =>
      r['QUERY PLAN']
        .replace(/\(cost=[^)]*\)/, '')
        .replace(/^[\s>-]+/, '')
        .trim(),
    )
    .filter((line) => /Scan/.test(line))
    .join('; ');
}
