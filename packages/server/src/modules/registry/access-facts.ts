import { sql } from 'kysely';
import type { Purpose } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { dayOf, noCallerFacts, type ActorFacts, type CallerFacts, type ConsentFacts, type PersonFacts } from './access-decision.ts';
import { serviceAgreementsOf } from '../network/index.ts';
import type { PeopleTable } from './person.table.ts';
import type { Selectable } from 'kysely';

export type PersonRow = Selectable<PeopleTable>;

/** Where a read is going: the web app, an API client, the FHIR API or an export file. */
export type DisclosureChannel = 'web' | 'api' | 'fhir' | 'export';

/** Everything the chokepoint needs to know about a read besides what is read. */
export interface ReadContext {
  access: AccessContext;
  purpose: Purpose;
  channel: DisclosureChannel;
  now: Date;
}

export function actorFacts(access: AccessContext): ActorFacts {
  const a = access.actor;
  if (a.type === 'system') return { kind: 'system', userId: null, organizationId: null, roles: [] };
  if (a.type === 'person') return { kind: 'person', userId: null, personId: a.personId, organizationId: null, roles: [] };
  return {
    kind: a.type === 'token' || a.type === 'client' ? 'token' : 'user',
    userId: a.type === 'user' ? a.userId : null,
    organizationId: access.organizationId,
    roles: access.roles,
  };
}

/**
 * What the decision needs about the caller beyond roles, loaded once per read: the qualified service
 * organization agreements in which the caller's organization serves a Part 2 program (the network
 * module's register; the decision checks their dates against the day of the read).
 */
export async function loadCallerFacts(db: DbOrTrx, access: AccessContext): Promise<CallerFacts> {
  const actor = actorFacts(access);
  if (actor.kind === 'system' || actor.organizationId === null) return noCallerFacts;
  return { serviceAgreements: await serviceAgreementsOf(db, actor.organizationId), part2TrainingCurrent: null };
}

export const personNotFound = () => new AppError('PERSON_NOT_FOUND', { message: 'No such person, or you may not see them.' });

/**
 * A person record and the records merged into it. Reads of a merged record resolve to its
 * survivor; the survivor's reads include the merged records' data.
 */
export interface ResolvedPerson {
  row: PersonRow;
  /** The survivor's id first, then every record merged into it (transitively). */
  ids: string[];
}

export async function resolvePeople(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, ResolvedPerson>> {
  const out = new Map<string, ResolvedPerson>();
  if (ids.length === 0) return out;
  // Follow merged_into to the survivor (merges are rarely chained; bounded to stay safe).
  const rootOf = new Map<string, string>();
  let frontier = [...new Set(ids)];
  for (const id of frontier) rootOf.set(id, id);
  const rows = new Map<string, PersonRow>();
  for (let depth = 0; depth < 8 && frontier.length > 0; depth++) {
    const found = await db.selectFrom('people').selectAll().where('id', 'in', frontier).execute();
    const next: string[] = [];
    for (const r of found) {
      rows.set(r.id, r);
      if (r.merged_into_id !== null) next.push(r.merged_into_id);
    }
    for (const [asked, current] of rootOf) {
      const row = rows.get(current);
      if (row?.merged_into_id) rootOf.set(asked, row.merged_into_id);
    }
    frontier = next.filter((id) => !rows.has(id));
  }
  const roots = [...new Set([...rootOf.values()])].filter((id) => rows.get(id) && rows.get(id)!.merged_into_id === null);
  if (roots.length === 0) return out;
  const members = new Map<string, string[]>(roots.map((r) => [r, [r]]));
  let parents = roots.map((r) => ({ id: r, root: r }));
  for (let depth = 0; depth < 8 && parents.length > 0; depth++) {
    const children = await db
      .selectFrom('people')
      .select(['id', 'merged_into_id'])
      .where(
        'merged_into_id',
        'in',
        parents.map((p) => p.id),
      )
      .execute();
    const rootByParent = new Map(parents.map((p) => [p.id, p.root]));
    parents = children.map((c) => ({ id: c.id, root: rootByParent.get(c.merged_into_id!)! }));
    for (const c of parents) members.get(c.root)!.push(c.id);
  }
  for (const [asked, root] of rootOf) {
    const row = rows.get(root);
    if (row && row.merged_into_id === null) out.set(asked, { row, ids: members.get(root)! });
  }
  return out;
}

export async function resolvePerson(db: DbOrTrx, id: string): Promise<ResolvedPerson | null> {
  return (await resolvePeople(db, [id])).get(id) ?? null;
}

/** The access facts of many people at once (five queries, whatever their number). */
export async function loadPersonFacts(db: DbOrTrx, people: readonly ResolvedPerson[]): Promise<Map<string, PersonFacts>> {
  const facts = new Map<string, PersonFacts>();
  if (people.length === 0) return facts;
  const rootOf = new Map<string, string>();
  for (const p of people) {
    for (const id of p.ids) rootOf.set(id, p.row.id);
    facts.set(p.row.id, {
      ids: p.ids,
      registeredByOrganizationId: p.row.registered_by_organization_id,
      identifierOrganizationIds: [],
      careTeam: [],
      consents: [],
      breakGlass: [],
    });
  }
  const allIds = [...rootOf.keys()];
  const [identifiers, careTeam, consents, glass, mergedRegistrars] = await Promise.all([
    db.selectFrom('person_identifiers').select(['person_id', 'organization_id']).where('person_id', 'in', allIds).execute(),
    db
      .selectFrom('care_team_members')
      .select(['person_id', 'organization_id', 'user_id', 'since', 'until', 'status'])
      .where('person_id', 'in', allIds)
      .execute(),
    db
      .selectFrom('consents')
      .select(['id', 'person_id', 'type', 'status', 'disclosers', 'recipients', 'purposes', 'kinds', 'expires_on'])
      .where('person_id', 'in', allIds)
      .where('status', '!=', 'draft')
      .execute(),
    db
      .selectFrom('break_glass_grants')
      .select(['id', 'person_id', 'user_id', 'started_at', 'expires_at'])
      .where('person_id', 'in', allIds)
      .execute(),
    db
      .selectFrom('people')
      .select(['id', 'registered_by_organization_id'])
      .where('id', 'in', allIds)
      .where('merged_into_id', 'is not', null)
      .execute(),
  ]);
  const of = (personId: string) => facts.get(rootOf.get(personId)!)!;
  for (const i of identifiers) (of(i.person_id).identifierOrganizationIds as string[]).push(i.organization_id);
  // A merged record's registering organization keeps its relationship with the person.
  for (const m of mergedRegistrars)
    if (m.registered_by_organization_id) (of(m.id).identifierOrganizationIds as string[]).push(m.registered_by_organization_id);
  for (const c of careTeam)
    (of(c.person_id).careTeam as PersonFacts['careTeam'][number][]).push({
      organizationId: c.organization_id,
      userId: c.user_id,
      since: c.since,
      until: c.until,
      pending: c.status === 'pending',
    });
  for (const c of consents) {
    const consent: ConsentFacts = {
      id: c.id,
      type: c.type,
      status: c.status,
      disclosers: c.disclosers,
      recipients: c.recipients,
      purposes: c.purposes,
      kinds: c.kinds,
      expiresOn: c.expires_on,
    };
    (of(c.person_id).consents as ConsentFacts[]).push(consent);
  }
  for (const g of glass)
    (of(g.person_id).breakGlass as PersonFacts['breakGlass'][number][]).push({
      id: g.id,
      userId: g.user_id,
      startedAt: g.started_at,
      expiresAt: g.expires_at,
    });
  return facts;
}

/**
 * People the organization (or the user, through break-glass) has any relationship with: the SQL
 * prefilter for search. The pure decision still has the last word on every row it returns.
 */
export function relatedPersonIds(organizationId: string, userId: string | null, now: Date, programIds: readonly string[] = []) {
  const today = dayOf(now);
  // A qualified service organization finds the people of the programs it serves (the decision checks the agreement).
  const programs =
    programIds.length === 0
      ? sql``
      : sql`
    union select id from people where registered_by_organization_id = any(${[...programIds]}::uuid[])
    union select person_id from person_identifiers where organization_id = any(${[...programIds]}::uuid[])
    union select person_id from care_team_members where organization_id = any(${[...programIds]}::uuid[]) and status = 'active' and since <= ${today}::date and (until is null or until >= ${today}::date)`;
  return sql<string>`(
    select id from people where registered_by_organization_id = ${organizationId}
    union select person_id from person_identifiers where organization_id = ${organizationId}
    union select person_id from care_team_members where organization_id = ${organizationId} and status = 'active' and since <= ${today}::date and (until is null or until >= ${today}::date)
    union select person_id from consents where status = 'signed' and (expires_on is null or expires_on >= ${today}::date)
      and (recipients->'organizationIds') @> ${JSON.stringify([organizationId])}::jsonb
    union select person_id from break_glass_grants where user_id = ${userId}::uuid and expires_at > ${now}${programs}
  )`;
}
