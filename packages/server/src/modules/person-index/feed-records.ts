import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import {
  activeModel,
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
 */
export async function matchFeedRecord(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  model: ActiveModel,
  input: SourceRecordInput,
): Promise<FeedRecordMatch> {
  const { id, changed } = await upsertSourceRecord(trx, clock, input);
  const outcome = changed ? (await scoreAndDecide(trx, clock, access, model, id)).outcome : 'unchanged';
  return { recordId: id, outcome, personId: input.personId ?? (await personOfRecordIdentity(trx, id)) };
}

/** The registry person of a record's identity: its own, else the oldest registry record's in the identity. */
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

/** A feed registered a person for its record: the record now names them (so a review accepted later merges that person). */
export async function attachPersonToRecord(trx: DbOrTrx, clock: Clock, recordId: string, personId: string): Promise<void> {
  await trx.updateTable('source_records').set({ person_id: personId, updated_at: clock.now() }).where('id', '=', recordId).execute();
}
