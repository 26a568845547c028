import type { FeedError, FeedErrorDetail, FeedRetry } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { feedMatchModel } from '../person-index/index.ts';
import { applyPlan, describeFailure } from './apply.ts';
import { adapterFor } from './feed-adapters.ts';
import { mayListFeeds, mayOnFeed } from './feeds-policy.ts';
import { loadSource, loadSources, type SourceRow } from './sources.ts';

/*
 * The error queue: messages that could not be applied, for a person to work — list, view (the
 * message itself only for the sending organization's administrators), retry (as received, or with
 * a corrected message) and dismiss. Every view of content, retry and dismissal is audited.
 */

interface ErrorRow {
  id: string;
  source_id: string;
  received_at: Date;
  message_type: string | null;
  error_code: FeedError['code'] | null;
  error_reason: string | null;
  attempts: number;
  status: FeedError['status'];
  payload: string | null;
  resolved_at: Date | null;
}

function toError(row: ErrorRow, source: SourceRow): FeedError {
  return {
    id: row.id,
    sourceId: source.id,
    sourceName: source.name,
    kind: source.kind,
    organizationName: source.organizationName,
    receivedAt: new Date(row.received_at).toISOString(),
    messageType: row.message_type,
    code: row.error_code ?? 'failed',
    reason: row.error_reason ?? '',
    attempts: row.attempts,
    status: row.status,
  };
}

/** The columns an error-queue entry is read with (list and detail). */
const errorColumns = [
  'id',
  'source_id',
  'received_at',
  'message_type',
  'error_code',
  'error_reason',
  'attempts',
  'status',
  'payload',
  'resolved_at',
] as const;

/** Open errors of the feeds the caller watches, newest first (at most 500). */
export async function listFeedErrors(db: Db, access: AccessContext, filter: { sourceId?: string | undefined }): Promise<FeedError[]> {
  const scope = mayListFeeds(access);
  if (scope === 'none') throw new AppError('FORBIDDEN');
  const sources = await loadSources(db, scope === 'own' ? { organizationId: access.organizationId! } : {});
  const byId = new Map(sources.filter((s) => filter.sourceId === undefined || s.id === filter.sourceId).map((s) => [s.id, s]));
  if (byId.size === 0) return [];
  const rows = await db
    .selectFrom('feed_messages')
    .select(errorColumns)
    .where('status', '=', 'error')
    .where('source_id', 'in', [...byId.keys()])
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map((r) => toError(r as ErrorRow, byId.get(r.source_id)!));
}

async function loadError(db: Db, access: AccessContext, id: string, action: 'feed.error.work') {
  const row = (await db
    .selectFrom('feed_messages')
    .select(errorColumns)
    .where('id', '=', id)
    .where('status', 'in', ['error', 'dismissed', 'applied'])
    .where('error_code', 'is not', null)
    .executeTakeFirst()) as ErrorRow | undefined;
  const source = row ? await loadSource(db, row.source_id) : null;
  // A message the caller may not work is "not found", like any record they may not see.
  if (!row || !source || !mayOnFeed(access, action, source.organizationId)) throw new AppError('NOT_FOUND');
  return { row, source };
}

function detail(row: ErrorRow, source: SourceRow, access: AccessContext): FeedErrorDetail {
  return {
    ...toError(row, source),
    content: mayOnFeed(access, 'feed.error.content', source.organizationId) ? row.payload : null,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
  };
}

/** One error; the message itself only for the sending organization's administrators (that view is audited). */
export async function readFeedError(db: Db, clock: Clock, access: AccessContext, id: string): Promise<FeedErrorDetail> {
  const { row, source } = await loadError(db, access, id, 'feed.error.work');
  const out = detail(row, source, access);
  if (out.content !== null)
    await recordAudit(db, clock, access, {
      action: 'feeds.error.view',
      entityType: 'feed_message',
      entityId: id,
      organizationId: source.organizationId,
      details: { content: true },
    });
  return out;
}

/**
 * Applies an error-queue message again — as received, or as corrected (the sending organization's
 * administrators only, since they alone see it). Success: applied, with its care events, in one
 * transaction. Failure: still in the queue with the new reason (and the correction kept).
 */
export async function retryFeedError(db: Db, clock: Clock, access: AccessContext, id: string, body: FeedRetry): Promise<FeedErrorDetail> {
  const { row, source } = await loadError(db, access, id, 'feed.error.work');
  if (row.status !== 'error') throw new AppError('CONFLICT', { message: 'Only a message in the error queue can be retried.' });
  if (body.content !== undefined && !mayOnFeed(access, 'feed.error.content', source.organizationId)) throw new AppError('FORBIDDEN');
  const content = body.content ?? row.payload ?? '';
  const adapter = adapterFor(source.kind);
  const model = await feedMatchModel(db, clock);
  const now = clock.now();
  let failure: ReturnType<typeof describeFailure> | null = null;
  try {
    const plan = adapter.plan(content, { timeZone: source.timeZone });
    await db.transaction().execute(async (trx) => {
      const outcome = plan.items.length > 0 ? await applyPlan(trx, clock, source, model, plan) : null;
      await trx
        .updateTable('feed_messages')
        .set({
          status: 'applied',
          payload: content,
          message_type: plan.messageType,
          external_id: plan.externalId,
          outcome: outcome === null ? null : JSON.stringify(outcome),
          attempts: row.attempts + 1,
          applied_at: now,
          resolved_at: now,
          resolved_by_user_id: actorUserId(access),
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, clock, access, {
        action: 'feeds.error.retry',
        entityType: 'feed_message',
        entityId: id,
        organizationId: source.organizationId,
        details: { applied: true, corrected: body.content !== undefined, ...(outcome ?? {}) },
      });
    });
  } catch (error) {
    failure = describeFailure(error);
  }
  if (failure !== null) {
    const f = failure;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('feed_messages')
        .set({ payload: content, error_code: f.code, error_reason: f.reason.slice(0, 500), attempts: row.attempts + 1 })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, clock, access, {
        action: 'feeds.error.retry',
        entityType: 'feed_message',
        entityId: id,
        organizationId: source.organizationId,
        details: { applied: false, corrected: body.content !== undefined, code: f.code },
      });
    });
  }
  return readFeedError(db, clock, access, id);
}

/** Takes a message out of the queue without applying it. The reason is asked for; only its length is audited (free text may name a person). */
export async function dismissFeedError(db: Db, clock: Clock, access: AccessContext, id: string, reason: string): Promise<FeedErrorDetail> {
  const { row, source } = await loadError(db, access, id, 'feed.error.work');
  if (row.status !== 'error') throw new AppError('CONFLICT', { message: 'Only a message in the error queue can be dismissed.' });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('feed_messages')
      .set({ status: 'dismissed', resolved_at: clock.now(), resolved_by_user_id: actorUserId(access) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'feeds.error.dismiss',
      entityType: 'feed_message',
      entityId: id,
      organizationId: source.organizationId,
      details: { code: row.error_code, reasonLength: reason.length },
    });
  });
  return readFeedError(db, clock, access, id);
}
