import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CreateWebhook, Notification, NotificationKind, Role, WebhookSubscription } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { enqueueJob } from '../../jobs/job-queue.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { deliverWebhookJob, sendEmailJob } from './notifications.jobs.ts';
import { activeMemberships, userEmails } from '../identity/index.ts';

/**
 * What happened, for whom. Titles and bodies carry no personal data (no names, dates of birth or
 * clinical details): they name the kind of event and link to the page where a signed-in reader sees
 * what the consent chokepoint allows. Webhook payloads carry ids only, for the same reason.
 */
export interface NotifyInput {
  kind: NotificationKind;
  title: string;
  body?: string | null;
  link?: string | null;
  /** Specific people. */
  userIds?: readonly string[];
  /** Everyone in these organizations holding any of the roles (all members when no roles are given). */
  organizations?: readonly { organizationId: string; roles?: readonly Role[] }[];
  /** A person is notified once per key (e.g. "referral:<id>:overdue"). */
  dedupeKey?: string;
  /** Partner systems subscribed to this kind in these organizations get a signed POST of `payload`. */
  webhook?: { organizationIds: readonly string[]; payload: Record<string, string | number | boolean | null> };
}

/** The organization a notification is about, when it targets organizations (for the inbox label). */
function primaryOrganization(input: NotifyInput): string | null {
  return input.organizations?.[0]?.organizationId ?? null;
}

/**
 * Writes the inbox rows, queues one email per person and one webhook delivery per subscription,
 * all in the caller's transaction: the notification exists exactly when the change that caused
 * it commits. Returns how many people were notified (a repeated dedupe key notifies nobody twice).
 */
export async function notify(trx: DbOrTrx, clock: Clock, input: NotifyInput): Promise<{ notified: number; webhooks: number }> {
  const now = clock.now();
  const recipients = new Set(input.userIds ?? []);
  for (const target of input.organizations ?? []) {
    const anyRole = target.roles && target.roles.length > 0 ? target.roles : undefined;
    for (const m of await activeMemberships(trx, { organizationIds: [target.organizationId], ...(anyRole ? { anyRole } : {}) })) {
      recipients.add(m.userId);
    }
  }
  let notified = 0;
  if (recipients.size > 0) {
    const rows = await trx
      .insertInto('notifications')
      .values(
        [...recipients].map((userId) => ({
          user_id: userId,
          organization_id: primaryOrganization(input),
          kind: input.kind,
          title: input.title,
          body: input.body ?? null,
          link: input.link ?? null,
          dedupe_key: input.dedupeKey ?? null,
          created_at: now,
          read_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning(['id', 'user_id'])
      .execute();
    notified = rows.length;
    if (rows.length > 0) {
      const emailOf = await userEmails(
        trx,
        rows.map((r) => r.user_id),
      );
      const emails = await trx
        .insertInto('email_outbox')
        .values(
          rows.map((r) => ({
            notification_id: r.id,
            to_address: emailOf.get(r.user_id)!,
            subject: `Continuum: ${input.title}`,
            text_body: emailText(input),
            status: 'queued' as const,
            last_error: null,
            created_at: now,
            sent_at: null,
          })),
        )
        .returning('id')
        .execute();
      for (const e of emails) await enqueueJob(trx, clock, sendEmailJob, { emailId: e.id }, { dedupeKey: `email:${e.id}` });
    }
  }
  let webhooks = 0;
  if (input.webhook && input.webhook.organizationIds.length > 0) {
    const subscriptions = await trx
      .selectFrom('webhook_subscriptions')
      .select(['id'])
      .where('organization_id', 'in', [...input.webhook.organizationIds])
      .where('active', '=', true)
      .where(sql<boolean>`kinds @> ${[input.kind]}::text[]`)
      .execute();
    const eventId = randomUUID();
    for (const s of subscriptions) {
      const delivery = await trx
        .insertInto('webhook_deliveries')
        .values({
          subscription_id: s.id,
          event_id: eventId,
          kind: input.kind,
          payload: JSON.stringify({ id: eventId, kind: input.kind, occurredAt: now.toISOString(), data: input.webhook.payload }),
          status: 'queued',
          response_status: null,
          created_at: now,
          delivered_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueJob(trx, clock, deliverWebhookJob, { deliveryId: delivery.id }, { dedupeKey: `webhook:${delivery.id}` });
      webhooks++;
    }
  }
  return { notified, webhooks };
}

function emailText(input: NotifyInput): string {
  return [
    input.title,
    '',
    ...(input.body ? [input.body, ''] : []),
    'Sign in to Continuum to see the details' + (input.link ? ` (${input.link}).` : '.'),
    '',
    'This message carries no personal information by design; what you may see depends on your role and the person’s consent.',
  ].join('\n');
}

function userOf(access: AccessContext): string {
  if (access.actor.type !== 'user') throw new AppError('FORBIDDEN', { message: 'The inbox belongs to a signed-in person.' });
  return access.actor.userId;
}

export async function listNotifications(
  db: DbOrTrx,
  access: AccessContext,
  query: { unread?: 'true' | 'false' | undefined; limit: number },
): Promise<{ items: Notification[]; unread: number }> {
  const userId = userOf(access);
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (query.unread === 'true') q = q.where('read_at', 'is', null);
  const [rows, count] = await Promise.all([
    q.orderBy('created_at', 'desc').orderBy('id').limit(query.limit).execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      organizationId: r.organization_id,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
    unread: Number(count.n),
  };
}

/** Marks one (or, without an id, every) notification of the caller read. Reading is not audited: it changes only the reader's own inbox state. */
export async function markRead(db: Db, clock: Clock, access: AccessContext, id: string | null): Promise<void> {
  const userId = userOf(access);
  let q = db.updateTable('notifications').set({ read_at: clock.now() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  const result = await q.executeTakeFirst();
  if (id && result.numUpdatedRows === 0n) {
    const exists = await db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!exists) throw new AppError('NOTIFICATION_NOT_FOUND');
  }
}

// ── Webhooks ───────────────────────────────────────────────────────────────
function requireOrgAdmin(access: AccessContext): string {
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  if (!access.roles.includes('org_admin') && !access.roles.includes('network_admin')) throw new AppError('FORBIDDEN');
  return access.organizationId;
}

async function subscriptionsOf(db: DbOrTrx, organizationId: string, id?: string): Promise<WebhookSubscription[]> {
  let q = db.selectFrom('webhook_subscriptions as s').selectAll('s').where('s.organization_id', '=', organizationId);
  if (id) q = q.where('s.id', '=', id);
  const rows = await q.orderBy('s.created_at').execute();
  if (rows.length === 0) return [];
  const last = await db
    .selectFrom('webhook_deliveries')
    .select(['subscription_id', 'status', 'delivered_at', 'created_at'])
    .where(
      'subscription_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => {
    const d = last.find((x) => x.subscription_id === r.id);
    return {
      id: r.id,
      organizationId: r.organization_id,
      url: r.url,
      kinds: r.kinds,
      active: r.active,
      createdAt: r.created_at.toISOString(),
      lastDeliveryAt: d ? (d.delivered_at ?? d.created_at).toISOString() : null,
      lastDeliveryStatus: d?.status ?? null,
    };
  });
}

export async function listWebhooks(db: DbOrTrx, access: AccessContext) {
  return subscriptionsOf(db, requireOrgAdmin(access));
}

export async function createWebhook(db: Db, clock: Clock, access: AccessContext, input: CreateWebhook) {
  const organizationId = requireOrgAdmin(access);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhook_subscriptions')
      .values({
        organization_id: organizationId,
        url: input.url,
        kinds: input.kinds,
        secret,
        created_at: clock.now(),
        created_by_user_id: actorUserId(access),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'webhook.create',
      entityType: 'webhook_subscription',
      entityId: row.id,
      details: { kinds: input.kinds },
    });
    const [created] = await subscriptionsOf(trx, organizationId, row.id);
    return { ...created!, secret };
  });
}

export async function deleteWebhook(db: Db, clock: Clock, access: AccessContext, id: string): Promise<void> {
  const organizationId = requireOrgAdmin(access);
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('webhook_subscriptions')
      .set({ active: false })
      .where('id', '=', id)
      .where('organization_id', '=', organizationId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new AppError('WEBHOOK_NOT_FOUND');
    await recordAudit(trx, clock, access, { action: 'webhook.delete', entityType: 'webhook_subscription', entityId: id });
  });
}

/** The development mailbox: email that would have been sent, for the reader's own address (network administrators see all). */
export async function devMailbox(db: DbOrTrx, access: AccessContext) {
  const userId = userOf(access);
  let q = db
    .selectFrom('email_outbox as e')
    .select(['e.id', 'e.to_address', 'e.subject', 'e.text_body', 'e.created_at'])
    .where('e.status', '=', 'local');
  if (!access.roles.includes('network_admin')) {
    const email = (await userEmails(db, [userId])).get(userId);
    if (email === undefined) throw new Error('The signed-in user does not exist.');
    q = q.where('e.to_address', '=', email);
  }
  const rows = await q.orderBy('e.created_at', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, text: r.text_body, createdAt: r.created_at.toISOString() }));
}
