// Longer than 300 lines: every person-level read function is deliberately in this one file, so the chokepoint is audited in one place.
import { sql } from 'kysely';
import {
  part2Notice,
  purposeLabels,
  recordKindLabels,
  type AccessBasis,
  type DenyReason,
  type PersonDetail,
  type PersonSummary,
  type RecordKind,
  type RestrictedMarker,
  type Timeline,
  type TimelineEntry,
} from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { prefixPattern } from '../../db/search.ts';
import {
  agreementInForce,
  dayOf,
  decideAccess,
  denyMessages,
  type AccessDecision,
  type CallerFacts,
  type PersonFacts,
  type RecordFacts,
} from './access-decision.ts';
import {
  actorFacts,
  loadCallerFacts,
  loadPersonFacts,
  personNotFound,
  relatedPersonIds,
  resolvePeople,
  resolvePerson,
  type PersonRow,
  type ReadContext,
  type ResolvedPerson,
} from './access-facts.ts';
import { phoneticKey } from './phonetic.ts';
import { organizationNameOf } from '../organizations/index.ts';
import { userDisplayNameOf } from '../identity/index.ts';

/*
 * The access chokepoint. Every read of person-level data — lists, search, the person record, the
 * timeline, consents, exports, FHIR — goes through a function in this file: it loads the facts,
 * asks the pure decision (`access-decision.ts`) about every record, replaces what is denied with a
 * restricted marker, and writes the disclosure log in the same transaction as the read. A person
 * the caller may not see is "not found", exactly like one who does not exist. Lint refuses
 * `selectFrom` on person tables outside this module.
 */

export interface Permitted {
  personId: string;
  record: RecordFacts;
  ref: { type: string; id: string };
  decision: Extract<AccessDecision, { permit: true }>;
}

/** Bases that are a disclosure from one organization to another (own records are a use, not a disclosure). */
const DISCLOSING_BASES: ReadonlySet<AccessBasis> = new Set(['care_team', 'consent', 'treating_relationship', 'qsoa', 'break_glass']);

/**
 * Writes one disclosure row per (person, source organization, basis, consent or break-glass) for
 * what was shown to the caller: 42 CFR 2.24/2.25 accounting. Call inside the read's transaction.
 */
export async function recordDisclosures(trx: DbOrTrx, ctx: ReadContext, permitted: readonly Permitted[]): Promise<void> {
  const groups = new Map<string, { first: Permitted; kinds: Set<RecordKind>; refs: { type: string; id: string }[] }>();
  for (const p of permitted) {
    if (!DISCLOSING_BASES.has(p.decision.basis)) continue;
    if (p.record.sourceOrganizationId !== null && p.record.sourceOrganizationId === ctx.access.organizationId) continue;
    const key = [
      p.personId,
      p.record.sourceOrganizationId,
      p.decision.basis,
      p.decision.consentId ?? '',
      p.decision.breakGlassId ?? '',
      p.decision.agreementId ?? '',
    ].join('|');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { first: p, kinds: new Set(), refs: [] }));
    g.kinds.add(p.record.kind);
    g.refs.push(p.ref);
  }
  if (groups.size === 0) return;
  const actor = ctx.access.actor;
  await trx
    .insertInto('disclosures')
    .values(
      [...groups.values()].map((g) => ({
        occurred_at: ctx.now,
        person_id: g.first.personId,
        source_organization_id: g.first.record.sourceOrganizationId,
        recipient_organization_id: ctx.access.organizationId,
        recipient_user_id: actor.type === 'user' ? actor.userId : null,
        recipient_token_id: actor.type === 'token' ? actor.tokenId : null,
        kinds: [...g.kinds],
        record_refs: JSON.stringify(g.refs),
        record_count: g.refs.length,
        purpose: ctx.purpose,
        basis: g.first.decision.basis,
        consent_id: g.first.decision.consentId ?? null,
        break_glass_id: g.first.decision.breakGlassId ?? null,
        agreement_id: g.first.decision.agreementId ?? null,
        channel: ctx.channel,
        request_id: ctx.access.requestId,
      })),
    )
    .execute();
}

function demographicsRecord(row: PersonRow): RecordFacts {
  return { kind: 'demographics', sensitivity: 'normal', sourceOrganizationId: row.registered_by_organization_id };
}

function decide(ctx: ReadContext, caller: CallerFacts, facts: PersonFacts, record: RecordFacts): AccessDecision {
  return decideAccess({ actor: actorFacts(ctx.access), caller, purpose: ctx.purpose, record, person: facts, now: ctx.now });
}

/** A person the caller may see, with the basis; otherwise "not found" (never "forbidden": that would reveal the person exists). */
export async function openPerson(
  trx: DbOrTrx,
  ctx: ReadContext,
  personId: string,
): Promise<{ person: ResolvedPerson; facts: PersonFacts; caller: CallerFacts; decision: Extract<AccessDecision, { permit: true }> }> {
  const person = await resolvePerson(trx, personId);
  if (!person) throw personNotFound();
  const [facts, caller] = await Promise.all([loadPersonFacts(trx, [person]), loadCallerFacts(trx, ctx.access)]);
  const decision = decide(ctx, caller, facts.get(person.row.id)!, demographicsRecord(person.row));
  if (!decision.permit) throw personNotFound();
  return { person, facts: facts.get(person.row.id)!, caller, decision };
}

function summaryOf(row: PersonRow, area: { town: string; postal_code: string } | undefined): PersonSummary {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    sex: row.sex,
    town: area?.town ?? null,
    postalCode: area?.postal_code ?? null,
  };
}

async function areasById(trx: DbOrTrx, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, { town: string; postal_code: string }>();
  const rows = await trx.selectFrom('areas').select(['id', 'town', 'postal_code']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The person record: demographics, names, addresses, identifiers, care team, merges. */
export async function readPersonDetail(trx: DbOrTrx, ctx: ReadContext, personId: string): Promise<PersonDetail> {
  const { person, decision } = await openPerson(trx, ctx, personId);
  const ids = person.ids;
  const row = person.row;
  const [names, addresses, identifiers, careTeam, merges, areas] = await Promise.all([
    trx.selectFrom('person_names').selectAll().where('person_id', 'in', ids).orderBy('created_at').execute(),
    trx
      .selectFrom('person_addresses')
      .selectAll()
      .where('person_id', 'in', ids)
      .orderBy('valid_from', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
    trx
      .selectFrom('person_identifiers as i')
      .select([
        'i.id',
        'i.organization_id',
        organizationNameOf('i.organization_id').$notNull().as('organization_name'),
        'i.kind',
        'i.value',
      ])
      .where('i.person_id', 'in', ids)
      .orderBy('organization_name')
      .execute(),
    trx
      .selectFrom('care_team_members as c')
      .select([
        'c.id',
        'c.organization_id',
        organizationNameOf('c.organization_id').$notNull().as('organization_name'),
        'c.user_id',
        userDisplayNameOf('c.user_id').as('user_name'),
        'c.role',
        'c.since',
        'c.until',
        'c.status',
        'c.added_by_organization_id',
        'c.confirmed_by',
      ])
      .where('c.person_id', 'in', ids)
      .orderBy('c.since', 'desc')
      .execute(),
    trx
      .selectFrom('person_merges')
      .select(['id', 'merged_id', 'merged_at'])
      .where('survivor_id', 'in', ids)
      .where('unmerged_at', 'is', null)
      .execute(),
    areasById(trx, [row.area_id]),
  ]);
  const today = dayOf(ctx.now);
  await recordDisclosures(trx, ctx, [
    { personId: row.id, record: demographicsRecord(row), ref: { type: 'Patient', id: row.id }, decision },
  ]);
  const glass =
    decision.basis === 'break_glass'
      ? await trx.selectFrom('break_glass_grants').select('expires_at').where('id', '=', decision.breakGlassId!).executeTakeFirst()
      : undefined;
  const current = addresses.find((a) => a.valid_until === null);
  return {
    ...summaryOf(row, row.area_id ? areas.get(row.area_id) : undefined),
    genderIdentity: row.gender_identity,
    race: row.race,
    ethnicity: row.ethnicity,
    language: row.language,
    phone: row.phone,
    email: row.email,
    flags: {
      pregnantOrPostpartum: row.pregnant_or_postpartum,
      veteran: row.veteran,
      justiceInvolved: row.justice_involved,
      unhoused: row.unhoused,
    },
    names: [
      { given: row.given_name, family: row.family_name, use: 'official' as const, until: null },
      ...names.map((n) => ({ given: n.given_name, family: n.family_name, use: n.use, until: n.until })),
    ],
    addresses: addresses.map((a) => ({
      id: a.id,
      line1: a.line1,
      line2: a.line2,
      city: a.city,
      postalCode: a.postal_code,
      areaId: a.area_id,
      from: a.valid_from,
      until: a.valid_until,
      current: a === current,
    })),
    identifiers: identifiers.map((i) => ({
      id: i.id,
      organizationId: i.organization_id,
      organizationName: i.organization_name,
      kind: i.kind,
      value: i.value,
    })),
    careTeam: careTeam.map((c) => ({
      id: c.id,
      organizationId: c.organization_id,
      organizationName: c.organization_name,
      userId: c.user_id,
      userName: c.user_name,
      role: c.role,
      since: c.since,
      until: c.until,
      active: c.since <= today && (c.until === null || c.until >= today),
      pending: c.status === 'pending',
      addedByOrganizationId: c.added_by_organization_id,
      confirmedBy: c.confirmed_by,
    })),
    mergedFrom: merges.map((m) => ({ mergeId: m.id, personId: m.merged_id, mergedAt: m.merged_at.toISOString() })),
    registeredByOrganizationId: row.registered_by_organization_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    access: { basis: decision.basis, breakGlassUntil: glass ? glass.expires_at.toISOString() : null },
  };
}

/**
 * The timeline: every entry the caller may see, and one restricted marker per kind of record they
 * may not (kind and count only: no dates and no source, which would themselves disclose).
 */
export async function readTimeline(trx: DbOrTrx, ctx: ReadContext, personId: string, limit: number): Promise<Timeline> {
  const { person, facts, caller } = await openPerson(trx, ctx, personId);
  const rows = await trx
    .selectFrom('person_events as e')
    .select([
      'e.id',
      'e.kind',
      'e.type',
      'e.sensitivity',
      'e.occurred_at',
      'e.title',
      'e.detail',
      'e.data',
      'e.organization_id',
      organizationNameOf('e.organization_id').$notNull().as('organization_name'),
    ])
    .where('e.person_id', 'in', person.ids)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  const entries: TimelineEntry[] = [];
  const permitted: Permitted[] = [];
  const denied = new Map<RecordKind, { count: number; reason: DenyReason }>();
  for (const r of rows) {
    const record: RecordFacts = { kind: r.kind, sensitivity: r.sensitivity, sourceOrganizationId: r.organization_id };
    const decision = decide(ctx, caller, facts, record);
    if (decision.permit) {
      permitted.push({ personId: person.row.id, record, ref: { type: 'person_event', id: r.id }, decision });
      entries.push({
        id: r.id,
        kind: r.kind,
        type: r.type,
        sensitivity: r.sensitivity,
        occurredAt: r.occurred_at.toISOString(),
        title: r.title,
        detail: r.detail,
        data: r.data,
        sourceOrganizationId: r.organization_id,
        sourceOrganizationName: r.organization_name,
        basis: decision.basis,
      });
    } else {
      const d = denied.get(r.kind);
      if (d) d.count++;
      else denied.set(r.kind, { count: 1, reason: decision.reason });
    }
  }
  await recordDisclosures(trx, ctx, permitted);
  const restricted: RestrictedMarker[] = [...denied].map(([kind, d]) => ({
    kind,
    count: d.count,
    reason: d.reason,
    message: denyMessages[d.reason],
  }));
  const part2Disclosed = permitted.filter((p) => p.record.sensitivity === 'part2' && p.decision.basis !== 'own_organization');
  const consentIds = [...new Set(part2Disclosed.map((p) => p.decision.consentId).filter((x): x is string => x !== undefined))];
  const consentScopes = consentIds.length === 0 ? [] : await consentScopeSummaries(trx, consentIds);
  return {
    personId: person.row.id,
    purpose: ctx.purpose,
    entries,
    restricted,
    // 42 CFR 2.32: every disclosure of Part 2 records carries the notice and the consent's scope.
    redisclosureNotice: part2Disclosed.length > 0 ? part2Notice.en.full : null,
    consentScopes,
  };
}

/** 2.32 (2024): a clear explanation of the consent's scope travels with what it disclosed. */
export async function consentScopeSummaries(
  trx: DbOrTrx,
  consentIds: readonly string[],
): Promise<{ consentId: string; summary: string }[]> {
  const rows = await trx
    .selectFrom('consents')
    .select(['id', 'type', 'purposes', 'kinds', 'expires_on', 'expiry_event', 'signed_at'])
    .where('id', 'in', consentIds)
    .execute();
  return rows.map((c) => ({
    consentId: c.id,
    summary:
      `${c.type === 'tpo' ? 'Consent for treatment, payment and health care operations' : 'Consent'} signed ${c.signed_at?.toISOString().slice(0, 10) ?? '—'}: ` +
      `${c.kinds.map((k) => recordKindLabels[k].en.toLowerCase()).join(', ')}; for ${c.purposes.map((p) => purposeLabels[p].en.toLowerCase()).join(', ')}; ` +
      `until ${c.expires_on ?? (c.expiry_event ? c.expiry_event.replaceAll('_', ' ') : 'revoked')}.`,
  }));
}

export interface SearchInput {
  q?: string | undefined;
  birthDate?: string | undefined;
  limit: number;
  offset?: number | undefined;
}

/**
 * Search among the people the caller may see. The SQL restricts to people the caller's
 * organization has a relationship with; the decision then filters every row, so a search can never
 * reveal that someone else exists.
 */
export async function searchPeople(
  trx: DbOrTrx,
  ctx: ReadContext,
  input: SearchInput,
): Promise<{ items: PersonSummary[]; hasMore: boolean }> {
  const actor = actorFacts(ctx.access);
  const caller = await loadCallerFacts(trx, ctx.access);
  const programs = caller.serviceAgreements
    .filter((a) => agreementInForce(a, ctx.now) && a.kinds.includes('demographics'))
    .map((a) => a.programOrganizationId);
  const related = relatedToCaller(ctx, programs);
  if (related === 'none') return { items: [], hasMore: false };
  let query = trx.selectFrom('people as p').select('p.id').where('p.merged_into_id', 'is', null);
  if (related !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('p.id', 'in', related),
        eb.exists(eb.selectFrom('people as c').select('c.id').whereRef('c.merged_into_id', '=', 'p.id').where('c.id', 'in', related)),
      ]),
    );
  }
  if (input.birthDate) query = query.where('p.birth_date', '=', input.birthDate);
  const tokens = (input.q ?? '')
    .split(/[\s,]+/)
    .filter((t) => t.length > 0)
    .slice(0, 4);
  for (const token of tokens) {
    const pattern = prefixPattern(token.toLowerCase());
    const key = phoneticKey(token);
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(p.given_name)`, 'like', pattern),
        eb(sql`lower(p.family_name)`, 'like', pattern),
        ...(key.length >= 2 ? [eb('p.family_phonetic', '=', key), eb('p.given_phonetic', '=', key)] : []),
        eb.exists(
          eb
            .selectFrom('person_identifiers as i')
            .select('i.id')
            .whereRef('i.person_id', '=', 'p.id')
            .where('i.value', '=', token)
            .$if(actor.kind !== 'system', (q) => q.where('i.organization_id', '=', actor.organizationId!)),
        ),
      ]),
    );
  }
  const ids = (
    await query
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .orderBy('p.id')
      .offset(input.offset ?? 0)
      .limit(input.limit + 1)
      .execute()
  ).map((r) => r.id);
  const page = await visiblePeople(trx, ctx, ids.slice(0, input.limit));
  return { items: page, hasMore: ids.length > input.limit };
}

export interface VisiblePerson {
  person: ResolvedPerson;
  decision: Extract<AccessDecision, { permit: true }>;
  summary: PersonSummary;
  /** The access facts the decision used (so callers deciding on the person's records need not load them again). */
  facts: PersonFacts;
  /** The caller's facts (service agreements, training), the same for every person of one read. */
  caller: CallerFacts;
}

/** Those people among `ids` the caller may see, in the order given (merged records resolve to their survivor). */
export async function filterVisible(trx: DbOrTrx, ctx: ReadContext, ids: readonly string[]): Promise<VisiblePerson[]> {
  const resolved = await resolvePeople(trx, ids);
  const people = [...new Map([...resolved.values()].map((p) => [p.row.id, p])).values()];
  const [facts, caller] = await Promise.all([loadPersonFacts(trx, people), loadCallerFacts(trx, ctx.access)]);
  const areas = await areasById(
    trx,
    people.map((p) => p.row.area_id),
  );
  const out: VisiblePerson[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const p = resolved.get(id);
    if (!p || seen.has(p.row.id)) continue;
    seen.add(p.row.id);
    const decision = decide(ctx, caller, facts.get(p.row.id)!, demographicsRecord(p.row));
    if (!decision.permit) continue;
    out.push({
      person: p,
      decision,
      summary: summaryOf(p.row, p.row.area_id ? areas.get(p.row.area_id) : undefined),
      facts: facts.get(p.row.id)!,
      caller,
    });
  }
  return out;
}

/** Records the disclosure of these people's identity (demographics) to the caller. */
export async function discloseDemographics(trx: DbOrTrx, ctx: ReadContext, people: readonly VisiblePerson[]): Promise<void> {
  await recordDisclosures(
    trx,
    ctx,
    people.map((v) => ({
      personId: v.person.row.id,
      record: demographicsRecord(v.person.row),
      ref: { type: 'Patient', id: v.person.row.id },
      decision: v.decision,
    })),
  );
}

/**
 * The summaries of those people among `ids` the caller may see, in the order given, with the
 * disclosure recorded. The one way lists of people leave the registry.
 */
export async function visiblePeople(trx: DbOrTrx, ctx: ReadContext, ids: readonly string[]): Promise<PersonSummary[]> {
  const visible = await filterVisible(trx, ctx, ids);
  await discloseDemographics(trx, ctx, visible);
  return visible.map((v) => v.summary);
}

/** The SQL condition "the caller's organization has a relationship with this person (or a record merged into it)". */
export function relatedToCaller(ctx: ReadContext, programIds: readonly string[] = []) {
  const actor = actorFacts(ctx.access);
  if (actor.kind === 'system') return null;
  if (actor.organizationId === null) return 'none' as const;
  return relatedPersonIds(actor.organizationId, actor.userId, ctx.now, programIds);
}

/** A person-level record kept by another module (a referral, an outreach task, an overdose event…). */
export interface RecordToRead {
  personId: string;
  kind: RecordKind;
  sensitivity: RecordFacts['sensitivity'];
  /** The organization that holds the record (the discloser). */
  sourceOrganizationId: string | null;
  ref: { type: string; id: string };
}

/**
 * The chokepoint for modules that keep person-level records of their own: of `records`, those the
 * caller may see — the person visible to them and the record itself permitted (role, organization,
 * consent, Part 2) — in the order given, each with the basis and the person's summary. The
 * disclosure of each permitted record (and of the person's identity) is recorded in the same
 * transaction. Everything else is left out, and counted per kind so a list can show a restricted marker.
 */
export async function authorizeRecords<T extends RecordToRead>(
  trx: DbOrTrx,
  ctx: ReadContext,
  records: readonly T[],
): Promise<{ permitted: (T & { basis: AccessBasis; person: PersonSummary })[]; restricted: { kind: RecordKind; count: number }[] }> {
  if (records.length === 0) return { permitted: [], restricted: [] };
  // Each visible person under every id it answers to (its own and the records merged into it).
  const visible = new Map<string, VisiblePerson>();
  for (const v of await filterVisible(trx, ctx, [...new Set(records.map((r) => r.personId))]))
    for (const id of v.person.ids) visible.set(id, v);
  const permitted: (T & { basis: AccessBasis; person: PersonSummary })[] = [];
  const toRecord: Permitted[] = [];
  const shown = new Map<string, VisiblePerson>();
  const restricted = new Map<RecordKind, number>();
  for (const r of records) {
    const v = visible.get(r.personId);
    if (!v) continue;
    const record: RecordFacts = { kind: r.kind, sensitivity: r.sensitivity, sourceOrganizationId: r.sourceOrganizationId };
    const decision = decide(ctx, v.caller, v.facts, record);
    if (!decision.permit) {
      restricted.set(r.kind, (restricted.get(r.kind) ?? 0) + 1);
      continue;
    }
    permitted.push({ ...r, basis: decision.basis, person: v.summary });
    toRecord.push({ personId: v.person.row.id, record, ref: r.ref, decision });
    shown.set(v.person.row.id, v);
  }
  await discloseDemographics(trx, ctx, [...shown.values()]);
  await recordDisclosures(trx, ctx, toRecord);
  return { permitted, restricted: [...restricted].map(([kind, count]) => ({ kind, count })) };
}
