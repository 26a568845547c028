// Longer than 300 lines: the model, candidate search, the link decision and identity joins run in one transaction per record and share its rows.
import { sql } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import {
  countPeopleForIndex,
  mergeLinkedPeople,
  phoneticKey,
  readPeopleForIndex,
  type ChangeCursor,
  type IndexPerson,
} from '../registry/index.ts';
import type { LinkRecord } from '../linkage/index.ts';
import { NameFrequencyReader } from './name-frequencies.ts';
import type { StoredModel } from './person-index.table.ts';
import {
  defaultModel,
  LOWER_THRESHOLD,
  MIN_PEOPLE_FOR_EM,
  modelVersion,
  normalizeFields,
  outcomeOf,
  registryModel,
  RULE_VERSION,
  scoreCandidates,
  type MatchFields,
  type PairScore,
} from './scoring.ts';

/** The registry's own records, as a source system. */
export const REGISTRY_SYSTEM = 'continuum-registry';
/** At most this many blocked candidates are scored for one record (the largest blocks are common names on one birth date). */
const MAX_CANDIDATES = 200;
/** Review items opened for one record at most (the best-scoring ones). */
const MAX_REVIEW_ITEMS = 5;

export interface ActiveModel {
  version: string;
  model: StoredModel;
}

/** The newest stored model, or none. */
export async function currentModel(db: DbOrTrx): Promise<ActiveModel | null> {
  const row = await db
    .selectFrom('person_index_models')
    .select(['version', 'model'])
    .orderBy('created_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { version: row.version, model: row.model } : null;
}

/**
 * Estimates a model and stores it: by EM from the registry's own people when there are at least
 * MIN_PEOPLE_FOR_EM of them, else the default model (scoring.ts). The same data give the same version.
 */
export async function trainAndStoreModel(db: Db, clock: Clock): Promise<ActiveModel & { method: 'em' | 'default'; trainedOn: number }> {
  const people = await countPeopleForIndex(db);
  let method: 'em' | 'default' = 'default';
  let model: StoredModel;
  let trainedOn = 0;
  if (people >= MIN_PEOPLE_FOR_EM) {
    const records: LinkRecord[] = [];
    let after: string | null = null;
    for (;;) {
      const chunk = await readPeopleForIndex(db, { after, limit: 5000 });
      if (chunk.length === 0) break;
      for (const p of chunk) records.push(normalizeFields(p.id, fieldsOfPerson(p)));
      after = chunk[chunk.length - 1]!.id;
    }
    model = await registryModel(records);
    method = 'em';
    trainedOn = records.length;
  } else {
    model = await defaultModel();
  }
  const version = modelVersion(method, model);
  await db
    .insertInto('person_index_models')
    .values({ version, method, trained_on: trainedOn, model: JSON.stringify(model), created_at: clock.now() })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  return { version, model, method, trainedOn };
}

/** The stored model, training the first one when there is none. */
export async function activeModel(db: Db, clock: Clock): Promise<ActiveModel> {
  return (await currentModel(db)) ?? trainAndStoreModel(db, clock);
}

export function fieldsOfPerson(p: IndexPerson): MatchFields {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: p.birthDate,
    sex: p.sex,
    phone: p.phone,
    ssn: '',
    address: p.address,
    city: p.city,
    zip: p.zip,
    email: p.email,
  };
}

interface SourceRow {
  id: string;
  identity_id: string;
  person_id: string | null;
  source_organization_id: string | null;
  given: string;
  family: string;
  birth_date: string;
  sex: string;
  ssn: string;
  phone: string;
  street_number: string;
  street: string;
  city: string;
  zip: string;
  email: string;
}

/** The normalized columns a source record keeps (what the engine scores), from match fields. */
function columnsOf(f: MatchFields) {
  const r = normalizeFields('', f);
  return {
    given: r.given,
    family: r.family,
    birth_date: r.birthDate,
    sex: r.sex,
    ssn: r.ssn,
    phone: r.phone,
    street_number: r.streetNumber,
    street: r.street,
    city: r.city,
    zip: r.zip,
    email: r.email,
    given_key: r.given ? phoneticKey(r.given) : '',
    family_key: r.family ? phoneticKey(r.family) : '',
  };
}

/** A stored source record back as the engine's record (already normalized: the fields are taken as they are). */
function linkRecordOf(row: SourceRow): LinkRecord {
  return {
    id: row.id,
    source: '',
    row: 0,
    given: row.given,
    middle: '',
    family: row.family,
    familyParts: [],
    suffix: '',
    birthDate: row.birth_date,
    sex: row.sex === 'f' || row.sex === 'm' ? row.sex : '',
    ssn: row.ssn,
    phone: row.phone,
    streetNumber: row.street_number,
    street: row.street,
    city: row.city,
    zip: row.zip,
    state: '',
    email: row.email,
  };
}

const SOURCE_COLUMNS = [
  'id',
  'identity_id',
  'person_id',
  'source_organization_id',
  'given',
  'family',
  'birth_date',
  'sex',
  'ssn',
  'phone',
  'street_number',
  'street',
  'city',
  'zip',
  'email',
] as const;

/** YYYYMMDD with day and month swapped, when that is another date. */
function transposedDate(d: string): string | null {
  if (!/^\d{8}$/.test(d)) return null;
  const t = `${d.slice(0, 4)}${d.slice(6, 8)}${d.slice(4, 6)}`;
  return t === d ? null : t;
}

/**
 * Candidates for a record from other identities, blocked in SQL on the stored keys (unioned): the
 * same birth date or its day/month transposition, the same phonetic given and family name (or the
 * two swapped), the same phonetic family name and birth year, the same phone, the same national id. The engine then scores each candidate.
 */
async function blockedCandidates(
  trx: DbOrTrx,
  record: Omit<SourceRow, 'id'> & { id: string | null; given_key: string; family_key: string },
  excludeIdentity: string | null,
) {
  const dates = [record.birth_date, transposedDate(record.birth_date)].filter((d): d is string => d !== null && d !== '');
  return trx
    .selectFrom('source_records')
    .select(SOURCE_COLUMNS)
    .where((eb) => {
      const any = [];
      if (dates.length > 0) any.push(eb('birth_date', 'in', dates));
      if (record.family_key !== '' && record.given_key !== '') {
        any.push(eb.and([eb('family_key', '=', record.family_key), eb('given_key', '=', record.given_key)]));
        any.push(eb.and([eb('family_key', '=', record.given_key), eb('given_key', '=', record.family_key)]));
      }
      if (record.family_key !== '' && record.birth_date.length === 8)
        any.push(eb.and([eb('family_key', '=', record.family_key), eb('birth_date', 'like', `${record.birth_date.slice(0, 4)}%`)]));
      if (record.phone !== '') any.push(eb('phone', '=', record.phone));
      if (record.ssn !== '') any.push(eb('ssn', '=', record.ssn));
      return any.length === 0 ? eb.val(false) : eb.or(any);
    })
    .$if(record.id !== null, (q) => q.where('id', '<>', record.id!))
    .$if(excludeIdentity !== null, (q) => q.where('identity_id', '<>', excludeIdentity!))
    .orderBy('id')
    .limit(MAX_CANDIDATES)
    .execute();
}

export interface SourceRecordInput {
  sourceOrganizationId: string | null;
  sourceSystem: string;
  sourceRecordId: string;
  personId: string | null;
  part2: boolean;
  fields: MatchFields;
}

/**
 * Stores (or updates) a source record. A new record starts in an identity of its own. Returns whether
 * its matching fields changed (a record whose fields did not change needs no new scoring).
 */
export async function upsertSourceRecord(trx: DbOrTrx, clock: Clock, input: SourceRecordInput): Promise<{ id: string; changed: boolean }> {
  const columns = columnsOf(input.fields);
  const now = clock.now();
  const existing = await trx
    .selectFrom('source_records')
    .selectAll()
    .where(sql<string>`coalesce(source_organization_id::text, '')`, '=', input.sourceOrganizationId ?? '')
    .where('source_system', '=', input.sourceSystem)
    .where('source_record_id', '=', input.sourceRecordId)
    .executeTakeFirst();
  if (existing) {
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).some((k) => existing[k] !== columns[k]);
    if (changed)
      await trx
        .updateTable('source_records')
        .set({ ...columns, part2: input.part2, updated_at: now })
        .where('id', '=', existing.id)
        .execute();
    return { id: existing.id, changed };
  }
  const identity = await trx.insertInto('network_identities').values({ created_at: now }).returning('id').executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('source_records')
    .values({
      identity_id: identity.id,
      source_organization_id: input.sourceOrganizationId,
      source_system: input.sourceSystem,
      source_record_id: input.sourceRecordId,
      person_id: input.personId,
      part2: input.part2,
      ...columns,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, changed: true };
}

export interface IndexOutcome {
  recordId: string;
  outcome: 'auto_link' | 'review' | 'new_identity' | 'unchanged';
  linked: string | null;
  reviews: number;
}

/**
 * Scores a stored record against the whole network and acts on the best candidates: above the upper
 * threshold the record's identity joins the candidate's (and, when both are registry people, the
 * registry merges them); between the thresholds a review item; below, the record keeps its own
 * identity. A pair decided before (linked, rejected, in review) is not decided again. Deterministic:
 * candidates in id order, scores sorted by weight then id.
 */
export async function scoreAndDecide(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  model: ActiveModel,
  recordId: string,
  frequencies: NameFrequencyReader = new NameFrequencyReader(),
): Promise<IndexOutcome> {
  const record = await trx
    .selectFrom('source_records')
    .select([...SOURCE_COLUMNS, 'given_key', 'family_key'])
    .where('id', '=', recordId)
    .executeTakeFirstOrThrow();
  const candidates = await blockedCandidates(trx, record, record.identity_id);
  const decided = await trx
    .selectFrom('person_index_links')
    .select(['record_id', 'candidate_id'])
    .where((eb) => eb.or([eb('record_id', '=', recordId), eb('candidate_id', '=', recordId)]))
    .execute();
  const already = new Set(decided.map((d) => (d.record_id === recordId ? d.candidate_id : d.record_id)));
  const open = candidates.filter((c) => !already.has(c.id));
  const scores =
    open.length === 0
      ? []
      : scoreCandidates(
          model.model,
          linkRecordOf(record),
          open.map(linkRecordOf),
          await frequencies.read(trx, record.given, record.family),
        );
  const byId = new Map(open.map((c) => [c.id, c]));
  let linked: string | null = null;
  let reviews = 0;
  const seenIdentities = new Set<string>();
  for (const s of scores) {
    if (s.probability < LOWER_THRESHOLD) break;
    const candidate = byId.get(s.candidateId)!;
    // One decision per other identity: its best-scoring record speaks for it.
    if (seenIdentities.has(candidate.identity_id)) continue;
    seenIdentities.add(candidate.identity_id);
    const outcome = linked === null ? outcomeOf(s) : 'review';
    if (outcome === 'auto_link') {
      const link = await insertLink(trx, clock, model.version, recordId, s, 'linked', 'auto', null);
      await joinIdentities(trx, clock, access, link, candidate.identity_id, record.identity_id, 'auto');
      linked = candidate.id;
    } else if (reviews < MAX_REVIEW_ITEMS) {
      await insertLink(trx, clock, model.version, recordId, s, 'review', 'auto', null);
      reviews += 1;
    }
  }
  if (linked !== null || reviews > 0)
    await recordAudit(trx, clock, access, {
      action: 'person-index.score',
      entityType: 'source_record',
      entityId: recordId,
      details: { linked: linked !== null, reviews, model: model.version },
    });
  return { recordId, outcome: linked !== null ? 'auto_link' : reviews > 0 ? 'review' : 'new_identity', linked, reviews };
}

async function insertLink(
  trx: DbOrTrx,
  clock: Clock,
  version: string,
  recordId: string,
  s: PairScore,
  status: 'linked' | 'review',
  decidedBy: 'auto' | 'reviewer',
  userId: string | null,
): Promise<string> {
  const now = clock.now();
  const link = await trx
    .insertInto('person_index_links')
    .values({
      record_id: recordId,
      candidate_id: s.candidateId,
      probability: s.probability,
      weight: s.weight,
      contributions: JSON.stringify({ prior: s.prior, fields: s.contributions, guarded: s.guarded, rules: RULE_VERSION }),
      model_version: version,
      status,
      decided_by: decidedBy,
      decided_by_user_id: userId,
      decided_at: now,
      absorbed_identity_id: null,
      merge_id: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('person_index_decisions')
    .values({
      link_id: link.id,
      decision: status === 'linked' ? 'auto_link' : 'review',
      decided_by: decidedBy,
      decided_by_user_id: userId,
      reason: null,
      decided_at: now,
    })
    .execute();
  return link.id;
}

/**
 * Moves every record of `absorbedIdentity` into `survivorIdentity`, remembering which moved (so an
 * unlink restores exactly), and merges the registry people of the two identities (the survivor
 * identity's person survives).
 */
export async function joinIdentities(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  linkId: string,
  survivorIdentity: string,
  absorbedIdentity: string,
  by: 'auto' | 'reviewer',
): Promise<void> {
  if (survivorIdentity === absorbedIdentity) return;
  const moved = await trx
    .updateTable('source_records')
    .set({ identity_id: survivorIdentity, updated_at: clock.now() })
    .where('identity_id', '=', absorbedIdentity)
    .returning(['id', 'person_id'])
    .execute();
  const survivorPeople = await trx
    .selectFrom('source_records')
    .select('person_id')
    .where('identity_id', '=', survivorIdentity)
    .where('person_id', 'is not', null)
    .where(
      'id',
      'not in',
      moved.map((m) => m.id),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const absorbedPerson = moved.find((m) => m.person_id !== null)?.person_id ?? null;
  let mergeId: string | null = null;
  if (survivorPeople?.person_id && absorbedPerson) {
    const merge = await mergeLinkedPeople(trx, clock, access, {
      survivorId: survivorPeople.person_id,
      mergedId: absorbedPerson,
      reason: by === 'auto' ? 'Network person index: automatic link' : 'Network person index: accepted in review',
    });
    mergeId = merge?.mergeId ?? null;
  }
  await trx
    .updateTable('person_index_links')
    .set({ absorbed_identity_id: absorbedIdentity, moved_record_ids: moved.map((m) => m.id), merge_id: mergeId })
    .where('id', '=', linkId)
    .execute();
  await recordAudit(trx, clock, access, {
    action: 'person-index.link',
    entityType: 'network_identity',
    entityId: survivorIdentity,
    details: { link: linkId, absorbed: absorbedIdentity, records: moved.length, registryMerge: mergeId !== null, by },
  });
}

/** Adds or updates a registry person's source record and scores it when its fields changed. */
export async function indexPerson(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  model: ActiveModel,
  p: IndexPerson,
  frequencies: NameFrequencyReader = new NameFrequencyReader(),
): Promise<IndexOutcome> {
  const { id, changed } = await upsertSourceRecord(trx, clock, {
    sourceOrganizationId: p.registeredByOrganizationId,
    sourceSystem: REGISTRY_SYSTEM,
    sourceRecordId: p.id,
    personId: p.id,
    part2: p.part2,
    fields: fieldsOfPerson(p),
  });
  if (!changed) return { recordId: id, outcome: 'unchanged', linked: null, reviews: 0 };
  return scoreAndDecide(trx, clock, access, model, id, frequencies);
}

/** Adds or updates a record from a source system (an import or a feed) and scores it. */
export async function indexSourceRecord(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: Omit<SourceRecordInput, 'personId'>,
): Promise<IndexOutcome> {
  const model = await activeModel(db, clock);
  return db.transaction().execute(async (trx) => {
    const { id, changed } = await upsertSourceRecord(trx, clock, { ...input, personId: null });
    if (!changed) return { recordId: id, outcome: 'unchanged' as const, linked: null, reviews: 0 };
    return scoreAndDecide(trx, clock, access, model, id);
  });
}

const CURSOR_KEY = 'person-index';
/**
 * Each run looks back this far before the newest change it saw: a registration committed late with an
 * earlier updated_at (or in the same millisecond) is still found; people already indexed are "unchanged".
 */
const LOOKBACK_MS = 10 * 60 * 1000;

async function readCursor(db: DbOrTrx): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', CURSOR_KEY).executeTakeFirst();
  const value = row?.value as { seenUntil?: string } | undefined;
  return value?.seenUntil ?? null;
}

/**
 * Indexes registry people added or changed since the last run (in (updated_at, id) order, committing
 * per chunk so requests interleave), keeping the newest change seen in `settings`. Returns counts.
 */
export async function indexChangedPeople(
  db: Db,
  clock: Clock,
  access: AccessContext,
  options: { chunk?: number; all?: boolean; onProgress?: (done: number) => void } = {},
): Promise<{ indexed: number; linked: number; reviews: number }> {
  const model = await activeModel(db, clock);
  const chunk = options.chunk ?? 200;
  const seenUntil = options.all ? null : await readCursor(db);
  let position: ChangeCursor | null =
    seenUntil === null
      ? null
      : { at: new Date(new Date(seenUntil).getTime() - LOOKBACK_MS).toISOString(), id: '00000000-0000-0000-0000-000000000000' };
  let newest = seenUntil;
  let indexed = 0;
  let linked = 0;
  let reviews = 0;
  let seen = 0;
  const frequencies = new NameFrequencyReader();
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const people = await readPeopleForIndex(trx, { changedAfter: position, limit: chunk });
      for (const p of people) {
        const out = await indexPerson(trx, clock, access, model, p, frequencies);
        if (out.outcome !== 'unchanged') indexed += 1;
        if (out.linked) linked += 1;
        reviews += out.reviews;
      }
      seen += people.length;
      if (people.length > 0) {
        position = people[people.length - 1]!.cursor;
        if (newest === null || position.at > newest) newest = position.at;
        const value = JSON.stringify({ seenUntil: newest });
        await trx
          .insertInto('settings')
          .values({ key: CURSOR_KEY, value })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
          .execute();
      }
      return people.length < chunk;
    });
    options.onProgress?.(seen);
    if (done) break;
  }
  return { indexed, linked, reviews };
}

/** What a network match says about agreement, in the duplicate check's words. */
export type NetworkMatchReason =
  'same_birth_date' | 'birth_date_transposed' | 'name_sounds_alike' | 'similar_name' | 'same_phone' | 'names_swapped';

export interface NetworkMatch {
  /** The registry person the matching record belongs to; null for a record only a source system holds. */
  personId: string | null;
  probability: number;
  reasons: NetworkMatchReason[];
}

function reasonsOf(s: PairScore): NetworkMatchReason[] {
  const out = new Set<NetworkMatchReason>();
  for (const c of s.contributions) {
    const name = c.comparison === 'given' || c.comparison === 'family';
    if (c.comparison === 'birthDate' && c.level === 'exact') out.add('same_birth_date');
    if (c.comparison === 'birthDate' && c.level === 'transposed') out.add('birth_date_transposed');
    if (c.comparison === 'phone' && c.level === 'exact') out.add('same_phone');
    if (name && c.level === 'swapped') out.add('names_swapped');
    if (name && c.level === 'phonetic') out.add('name_sounds_alike');
    if (name && /^(dl1|jw\d+|nickname|part)$/.test(c.level)) out.add('similar_name');
  }
  return [...out];
}

/**
 * Registration's duplicate check against the whole network: the details being registered, scored
 * (not stored) against every source record the blocking keys find. Every record at or above the
 * lower threshold is returned, best first; the caller (the registry) shows only those the person
 * registering may see, and for the rest says only that a possible match exists.
 */
export async function networkMatches(trx: DbOrTrx, fields: MatchFields): Promise<NetworkMatch[]> {
  // No model yet means nothing has been indexed yet, so there is nothing to match.
  const model = await currentModel(trx);
  if (!model) return [];
  const columns = columnsOf(fields);
  const probe = { id: null, identity_id: '', person_id: null, source_organization_id: null, ...columns };
  const candidates = await blockedCandidates(trx, probe, null);
  const probeRecord = normalizeFields('probe', fields);
  const frequencies =
    candidates.length === 0 ? undefined : await new NameFrequencyReader().read(trx, probeRecord.given, probeRecord.family);
  const scores = scoreCandidates(model.model, probeRecord, candidates.map(linkRecordOf), frequencies);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return scores
    .filter((s) => s.probability >= LOWER_THRESHOLD)
    .map((s) => ({ personId: byId.get(s.candidateId)!.person_id, probability: s.probability, reasons: reasonsOf(s) }));
}

/** Indexes the given registry people now (one transaction): the demo seed and tests use it; the job indexes everyone else. */
export async function indexPeople(db: Db, clock: Clock, access: AccessContext, ids: readonly string[]): Promise<IndexOutcome[]> {
  const model = await activeModel(db, clock);
  return db.transaction().execute(async (trx) => {
    const out: IndexOutcome[] = [];
    const frequencies = new NameFrequencyReader();
    for (const p of await readPeopleForIndex(trx, { ids })) out.push(await indexPerson(trx, clock, access, model, p, frequencies));
    return out;
  });
}
