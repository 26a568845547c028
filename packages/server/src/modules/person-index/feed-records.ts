import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { readPeopleForIndex } from '../registry/index.ts';
import {
  activeModel,
  indexPerson,
  scoreAndDecide,
  upsertSourceRecord,
  type ActiveModel,
  type IndexOutcome,
  type SourceRecordInput,
} from './person-index.ts';

/*
 * Records from live feeds (modules/feeds): stored and scored inside the feed's own transaction, so
 * a message that fails leaves no source record behind (all or nothing per message).
 */

/** The model feeds score with: read once per batch, before the batch's transactions. */
export function feedMatchModel(db: Db, clock: Clock): Promise<ActiveModel> {
  return activeModel(db, clock);
}

export interface FeedRecordMatch {
  recordId: string;
  outcome: IndexOutcome['outcome'];
  /** The registry person of the record's network identity after the decision (a confident link finds one), or null. */
  personId: string | null;
}

/**
 * Stores (or updates) a feed's record and, when it is new or changed, scores it against the whole
 * network: at or above the upper threshold it joins the candidate's identity, between the
 * thresholds a review item, below it keeps an identity of its own (docs/person-index.md).
 *
 * A feed's record never carries `person_id` itself: that column names the registry person a
 * *registry* record is (one per person, unique). When the feed already knows the person (an
 * identifier the sending organization holds), the record joins that person's identity instead.
 */
export async function matchFeedRecord(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  model: ActiveModel,
  input: SourceRecordInput,
): Promise<FeedRecordMatch> {
  const { id, changed } = await upsertSourceRecord(trx, clock, { ...input, personId: null });
  if (input.personId) {
    await attachPersonToRecord(trx, clock, access, model, id, input.personId);
    return { recordId: id, outcome: changed ? 'auto_link' : 'unchanged', personId: input.personId };
  }
  const outcome = changed ? (await scoreAndDecide(trx, clock, access, model, id)).outcome : 'unchanged';
  return { recordId: id, outcome, personId: await personOfRecordIdentity(trx, id) };
}

/** The registry person of a record's identity: the oldest registry record's in the identity, or null. */
async function personOfRecordIdentity(trx: DbOrTrx, recordId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('source_records as r')
    .innerJoin('source_records as o', 'o.identity_id', 'r.identity_id')
    .select('o.person_id')
    .where('r.id', '=', recordId)
    .where('o.person_id', 'is not', null)
    .orderBy('o.created_at')
    .orderBy('o.id')
    .limit(1)
    .executeTakeFirst();
  return row?.person_id ?? null;
}

/**
 * The feed's record is about this registry person (found by identifier, or just registered for the
 * record): the person's own registry record is indexed now if it is not yet, and the feed's record
 * joins its identity. A record whose identity already holds another registry person stays where it
 * is (two people: that is for review, never a silent merge).
 */
export async function attachPersonToRecord(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  model: ActiveModel,
  recordId: string,
  personId: string,
): Promise<void> {
  let own = await registryRecordOf(trx, personId);
  if (!own) {
    for (const p of await readPeopleForIndex(trx, { ids: [personId] })) await indexPerson(trx, clock, access, model, p);
    own = await registryRecordOf(trx, personId);
  }
  if (!own) return;
  const record = await trx.selectFrom('source_records').select('identity_id').where('id', '=', recordId).executeTakeFirstOrThrow();
  if (record.identity_id === own.identity_id) return;
  const other = await personOfRecordIdentity(trx, recordId);
  if (other !== null && other !== personId) return;
  const moved = await trx
    .updateTable('source_records')
    .set({ identity_id: own.identity_id, updated_at: clock.now() })
    .where('identity_id', '=', record.identity_id)
    .returning('id')
    .execute();
  await recordAudit(trx, clock, access, {
    action: 'person-index.attach',
    entityType: 'network_identity',
    entityId: own.identity_id,
    details: { records: moved.length, by: 'feed' },
  });
}

function registryRecordOf(trx: DbOrTrx, personId: string) {
  return trx.selectFrom('source_records').select(['id', 'identity_id']).where('person_id', '=', personId).executeTakeFirst();
}
