import { randomUUID } from 'node:crypto';
import type { Compilable } from 'kysely';
import type { Db } from '../../packages/server/src/db/database.ts';
import { decideAccess, noCallerFacts } from '../../packages/server/src/modules/registry/access-decision.ts';
import { actorFacts, loadPersonFacts, resolvePerson, type ReadContext } from '../../packages/server/src/modules/registry/access-facts.ts';
import { recordDisclosures, type Permitted } from '../../packages/server/src/modules/registry/chokepoint.ts';
import { BenchFailure } from '../lib/engines.ts';
import { closedLoop, fixed } from '../lib/stats.ts';
import { ENTRIES, RolledBack, type StatementCost } from './model.ts';
import { rawRows, scanNodes } from './queries.ts';
import type { Scenario } from './scenario.ts';

/*
 * What each statement of a timeline read costs on its own, one at a time: the queries openPerson
 * and readTimeline make, the decision alone (no database), and the disclosure insert with and
 * without its commit. Measured with the breakdown only; the decision's check runs always.
 */

export async function measureStatements(
  db: Db,
  scenario: Scenario,
  readerContext: () => ReadContext,
  options: { seconds: number; breakdown: boolean },
  sourcesInTimeline: number,
  log: (line: string) => void,
): Promise<StatementCost[]> {
  const statementSeconds = Math.min(options.seconds, 3);
  const statements: StatementCost[] = [];
  const id = scenario.personId;
  const ids = [id];
  const resolved = (await resolvePerson(db, id))!;
  const personFacts = (await loadPersonFacts(db, [resolved])).get(resolved.row.id)!;
  const timelineRows = await rawRows(db, id);
  const decideAll = (ctx: ReadContext): Permitted[] => {
    const actor = actorFacts(ctx.access);
    const permitted: Permitted[] = [];
    for (const r of timelineRows) {
      const record = { kind: r.kind, sensitivity: r.sensitivity, sourceOrganizationId: r.organization_id };
      const decision = decideAccess({ actor, caller: noCallerFacts, purpose: ctx.purpose, record, person: personFacts, now: ctx.now });
      if (decision.permit) permitted.push({ personId: id, record, ref: { type: 'person_event', id: r.id }, decision });
    }
    return permitted;
  };
  if (decideAll(readerContext()).length !== ENTRIES) throw new BenchFailure('the decision permits fewer than all entries');
  const queries: { statement: string; query: Compilable & { execute(): Promise<unknown> } }[] = [
    { statement: 'the person by id (resolvePeople)', query: db.selectFrom('people').selectAll().where('id', 'in', ids) },
    {
      statement: 'records merged into the person (resolvePeople)',
      query: db.selectFrom('people').select(['id', 'merged_into_id']).where('merged_into_id', 'in', ids),
    },
    {
      statement: 'identifiers (loadPersonFacts)',
      query: db.selectFrom('person_identifiers').select(['person_id', 'organization_id']).where('person_id', 'in', ids),
    },
    {
      statement: 'care team (loadPersonFacts)',
      query: db
        .selectFrom('care_team_members')
        .select(['person_id', 'organization_id', 'user_id', 'since', 'until'])
        .where('person_id', 'in', ids),
    },
    {
      statement: 'consents (loadPersonFacts)',
      query: db
        .selectFrom('consents')
        .select(['id', 'person_id', 'type', 'status', 'disclosers', 'recipients', 'purposes', 'kinds', 'expires_on'])
        .where('person_id', 'in', ids)
        .where('status', '!=', 'draft'),
    },
    {
      statement: 'break-glass grants (loadPersonFacts)',
      query: db
        .selectFrom('break_glass_grants')
        .select(['id', 'person_id', 'user_id', 'started_at', 'expires_at'])
        .where('person_id', 'in', ids),
    },
    {
      statement: "merged records' registrars (loadPersonFacts)",
      query: db
        .selectFrom('people')
        .select(['id', 'registered_by_organization_id'])
        .where('id', 'in', ids)
        .where('merged_into_id', 'is not', null),
    },
    {
      statement: `the ${ENTRIES} timeline rows`,
      query: db
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
        .where('e.person_id', 'in', ids)
        .orderBy('e.occurred_at', 'desc')
        .orderBy('e.id')
        .limit(ENTRIES),
    },
    {
      statement: 'the consent scopes (consentScopeSummaries)',
      query: db
        .selectFrom('consents')
        .select(['id', 'type', 'purposes', 'kinds', 'expires_on', 'expiry_event', 'signed_at'])
        .where('id', 'in', [scenario.signedConsentId]),
    },
  ];
  const timeStatement = async (statement: string, op: () => Promise<unknown>, plan: string | null) => {
    await closedLoop(1, Math.min(0.5, statementSeconds), op);
    const cost: StatementCost = { statement, plan, ...(await closedLoop(1, statementSeconds, op)) };
    statements.push(cost);
    log(`  ${statement.padEnd(58)} p50 ${fixed(cost.p50Ms, 3)} ms  p99 ${fixed(cost.p99Ms, 3)} ms${plan ? `  [${plan}]` : ''}`);
    return cost;
  };
  if (options.breakdown) {
    log(`statements of a timeline read, each on its own, one at a time (${statementSeconds} s each):`);
    await timeStatement('begin + commit, nothing in between', () => db.transaction().execute(async () => {}), null);
    for (const q of queries) await timeStatement(q.statement, () => q.query.execute(), await scanNodes(db, q.query));
    await timeStatement(`the decision for ${ENTRIES} entries (decideAccess, no database)`, async () => decideAll(readerContext()), null);
    // The rows readTimeline inserts for one read (decided once: the decision is timed above).
    const decided = decideAll(readerContext());
    // The same insert readTimeline makes, in a transaction of its own; tagged so the checks below tell these rows from reads.
    const statementContext = (): ReadContext => {
      const ctx = readerContext();
      return { ...ctx, access: { ...ctx.access, requestId: `statement-${randomUUID()}` } };
    };
    await timeStatement(
      `the disclosure insert (${sourcesInTimeline} rows, ${ENTRIES} record refs) + commit`,
      () => db.transaction().execute((trx) => recordDisclosures(trx, statementContext(), decided)),
      null,
    );
    // The same insert rolled back: what the insert costs without its durable commit.
    await timeStatement(
      'the same insert, rolled back (no commit, nothing written)',
      () =>
        db
          .transaction()
          .execute(async (trx) => {
            await recordDisclosures(trx, statementContext(), decided);
            throw new RolledBack();
          })
          .catch((error: unknown) => {
            if (!(error instanceof RolledBack)) throw error;
          }),
      null,
    );
  }
  return statements;
}
