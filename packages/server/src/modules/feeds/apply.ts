import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { epochDay, isoDayOf, type FeedApplySummary, type FeedErrorCode } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { feedMatchModel, type ActiveModel } from '../person-index/index.ts';
import type { FeedAdapter, FeedPlan } from './adapter.ts';
import { applyPlan, describeFailure, feedAccess } from './apply-plan.ts';
import { adapterFor } from './feed-adapters.ts';
import type { FeedMessageOutcome } from './feeds.table.ts';
import type { SourceRow } from './sources.ts';

/*
 * The feed core: every message of every kind is applied here, the same way (docs/integration.md).
 * - Idempotent: a message whose hash (of its source and content) was received before changes
 *   nothing and counts as a duplicate.
 * - All or nothing: a message's person matching, registrations, care events and overdose events
 *   commit in one transaction, with its staging row; if anything fails the transaction rolls back
 *   and the message goes to the error queue with a reason (codes and field names, never a value
 *   from the message; nothing is logged).
 * - Care events go through the registry's one writer after the same schema check imports use.
 */

export { applyPlan, describeFailure, feedAccess };

export type MessageResult =
  | { status: 'accepted'; messageId: string; outcome: FeedMessageOutcome | null }
  | { status: 'duplicate'; messageId: string }
  | { status: 'rejected'; messageId: string; code: FeedErrorCode; reason: string };

export function messageHash(source: SourceRow, message: string): string {
  return createHash('sha256').update(`${source.id}\n${message}`).digest('hex');
}

async function count(trx: DbOrTrx, clock: Clock, sourceId: string, column: 'accepted' | 'rejected' | 'duplicates'): Promise<void> {
  const day = isoDayOf(epochDay(clock.now()));
  await trx
    .insertInto('feed_daily_counts')
    .values({ source_id: sourceId, day, received: 1, [column]: 1 })
    .onConflict((oc) =>
      oc.columns(['source_id', 'day']).doUpdateSet({
        received: sql`feed_daily_counts.received + 1`,
        [column]: sql`feed_daily_counts.${sql.ref(column)} + 1`,
      }),
    )
    .execute();
}

async function touchSource(trx: DbOrTrx, clock: Clock, sourceId: string): Promise<void> {
  const now = clock.now();
  await trx
    .updateTable('feed_sources')
    .set({ last_message_at: now, quiet_alerted_at: null, updated_at: now })
    .where('id', '=', sourceId)
    .execute();
}

async function storeError(
  db: Db,
  clock: Clock,
  source: SourceRow,
  hash: string,
  message: string,
  messageType: string | null,
  failure: { code: FeedErrorCode; reason: string },
): Promise<MessageResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('feed_messages')
      .values({
        source_id: source.id,
        hash,
        status: 'error',
        message_type: messageType,
        external_id: null,
        payload: message,
        error_code: failure.code,
        error_reason: failure.reason.slice(0, 500),
        outcome: null,
        received_at: clock.now(),
        applied_at: null,
        resolved_at: null,
        resolved_by_user_id: null,
      })
      .onConflict((oc) => oc.columns(['source_id', 'hash']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return duplicate(trx, clock, source, hash);
    await count(trx, clock, source.id, 'rejected');
    await touchSource(trx, clock, source.id);
    await recordAudit(trx, clock, feedAccess(source), {
      action: 'feeds.message.reject',
      entityType: 'feed_message',
      entityId: row.id,
      organizationId: source.organizationId,
      details: { kind: source.kind, code: failure.code },
    });
    return { status: 'rejected', messageId: row.id, ...failure };
  });
}

async function duplicate(trx: DbOrTrx, clock: Clock, source: SourceRow, hash: string): Promise<MessageResult> {
  const existing = await trx
    .selectFrom('feed_messages')
    .select('id')
    .where('source_id', '=', source.id)
    .where('hash', '=', hash)
    .executeTakeFirstOrThrow();
  await count(trx, clock, source.id, 'duplicates');
  await touchSource(trx, clock, source.id);
  return { status: 'duplicate', messageId: existing.id };
}

/** Receives one message on a source: duplicate, applied (or nothing in it for the network), or to the error queue. */
export async function receiveMessage(
  db: Db,
  clock: Clock,
  source: SourceRow,
  adapter: FeedAdapter,
  model: ActiveModel,
  message: string,
): Promise<MessageResult> {
  const hash = messageHash(source, message);
  const seen = await db
    .selectFrom('feed_messages')
    .select('id')
    .where('source_id', '=', source.id)
    .where('hash', '=', hash)
    .executeTakeFirst();
  if (seen) return db.transaction().execute((trx) => duplicate(trx, clock, source, hash));
  let plan: FeedPlan;
  try {
    plan = adapter.plan(message, { timeZone: source.timeZone });
  } catch (error) {
    return storeError(db, clock, source, hash, message, null, describeFailure(error));
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const outcome = plan.items.length > 0 ? await applyPlan(trx, clock, source, model, plan) : null;
      const ignored = outcome === null || outcome.people.every((p) => p === 'not_applicable');
      const now = clock.now();
      const row = await trx
        .insertInto('feed_messages')
        .values({
          source_id: source.id,
          hash,
          status: ignored ? 'ignored' : 'applied',
          message_type: plan.messageType,
          external_id: plan.externalId,
          // A message with nothing in it for the network keeps no content (it may name a person the network has no business with).
          payload: ignored ? null : message,
          error_code: null,
          error_reason: null,
          outcome: outcome === null ? null : JSON.stringify(outcome),
          received_at: now,
          applied_at: now,
          resolved_at: null,
          resolved_by_user_id: null,
        })
        .onConflict((oc) => oc.columns(['source_id', 'hash']).doNothing())
        .returning('id')
        .executeTakeFirst();
      // The same message arrived twice at once: the other one won; undo this one's work.
      if (!row) throw new DuplicateRace();
      await count(trx, clock, source.id, 'accepted');
      await touchSource(trx, clock, source.id);
      await recordAudit(trx, clock, feedAccess(source), {
        action: 'feeds.message.apply',
        entityType: 'feed_message',
        entityId: row.id,
        organizationId: source.organizationId,
        details: { kind: source.kind, type: plan.messageType, ignored, ...(outcome ?? {}) },
      });
      return { status: 'accepted' as const, messageId: row.id, outcome };
    });
  } catch (error) {
    if (error instanceof DuplicateRace) return db.transaction().execute((trx) => duplicate(trx, clock, source, hash));
    return storeError(db, clock, source, hash, message, plan.messageType, describeFailure(error));
  }
}

class DuplicateRace extends Error {}

/**
 * Receives a file (or an API push, or an MLLP batch) on a source: split by the kind's adapter,
 * each message applied on its own. A file that cannot be split at all is one rejected message.
 */
export async function receiveContent(
  db: Db,
  clock: Clock,
  source: SourceRow,
  content: string,
  options: { onMessage?: (result: MessageResult, message: string) => void } = {},
): Promise<FeedApplySummary> {
  const adapter = adapterFor(source.kind);
  const model = await feedMatchModel(db, clock);
  let messages: string[];
  try {
    messages = adapter.split(content);
  } catch (error) {
    const result = await storeError(db, clock, source, messageHash(source, content), content, null, describeFailure(error));
    options.onMessage?.(result, content);
    return { accepted: 0, rejected: result.status === 'rejected' ? 1 : 0, duplicates: result.status === 'duplicate' ? 1 : 0 };
  }
  const summary: FeedApplySummary = { accepted: 0, rejected: 0, duplicates: 0 };
  for (const message of messages) {
    const result = await receiveMessage(db, clock, source, adapter, model, message);
    options.onMessage?.(result, message);
    if (result.status === 'accepted') summary.accepted += 1;
    else if (result.status === 'duplicate') summary.duplicates += 1;
    else summary.rejected += 1;
  }
  return summary;
}
