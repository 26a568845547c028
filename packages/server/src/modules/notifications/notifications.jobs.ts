import nodemailer from 'nodemailer';
import { z } from 'zod';
import { WEBHOOK_SIGNATURE_HEADER } from '@continuum/contracts';
import { defineJob } from '../../jobs/job-queue.ts';
import { signWebhook } from './webhook-signature.ts';

/**
 * Sends one queued email. With `CONTINUUM_SMTP_URL` it goes through SMTP (nodemailer); without it,
 * outside production, it lands in the development mailbox (status `local`, page "Mailbox"); in
 * production without SMTP it is skipped — the in-app inbox still has the notification. A failure
 * throws, and the job queue retries with backoff.
 */
export const sendEmailJob = defineJob({
  name: 'notifications.send-email',
  payload: z.object({ emailId: z.uuid() }),
  maxAttempts: 6,
  async handler({ emailId }, { db, clock, config }) {
    const email = await db.selectFrom('email_outbox').selectAll().where('id', '=', emailId).executeTakeFirst();
    if (!email || email.status !== 'queued') return;
    const smtpUrl = config?.mail.smtpUrl ?? null;
    if (smtpUrl === null) {
      const status = config?.env === 'production' ? 'skipped' : 'local';
      await db.updateTable('email_outbox').set({ status, sent_at: clock.now() }).where('id', '=', emailId).execute();
      return;
    }
    const transport = nodemailer.createTransport(smtpUrl);
    try {
      await transport.sendMail({ from: config!.mail.from, to: email.to_address, subject: email.subject, text: email.text_body });
      await db
        .updateTable('email_outbox')
        .set({ status: 'sent', sent_at: clock.now(), attempts: email.attempts + 1, last_error: null })
        .where('id', '=', emailId)
        .execute();
    } catch (error) {
      // The error is kept without its message (it may echo the address); the type is enough to act on.
      await db
        .updateTable('email_outbox')
        .set({ attempts: email.attempts + 1, last_error: error instanceof Error ? error.name : 'Error' })
        .where('id', '=', emailId)
        .execute();
      throw new Error(`SMTP delivery failed (${error instanceof Error ? error.name : 'Error'})`);
    } finally {
      transport.close();
    }
  },
});

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_MAX_ATTEMPTS = 8;

/**
 * POSTs one webhook delivery, signed with the subscription's secret (`x-continuum-signature`). A
 * 2xx answer delivers it; anything else throws and the queue retries with backoff; after the last
 * attempt the delivery is marked failed.
 */
export const deliverWebhookJob = defineJob({
  name: 'notifications.deliver-webhook',
  payload: z.object({ deliveryId: z.uuid() }),
  maxAttempts: WEBHOOK_MAX_ATTEMPTS,
  async handler({ deliveryId }, { db, clock, job }) {
    const delivery = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
      .select(['d.id', 'd.payload', 'd.status', 'd.attempts', 'd.event_id', 'd.kind', 's.url', 's.secret', 's.active'])
      .where('d.id', '=', deliveryId)
      .executeTakeFirst();
    if (!delivery || delivery.status !== 'queued') return;
    if (!delivery.active) {
      await db.updateTable('webhook_deliveries').set({ status: 'failed' }).where('id', '=', deliveryId).execute();
      return;
    }
    const body = JSON.stringify(delivery.payload);
    const now = clock.now();
    let status: number | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(delivery.secret, body, Math.floor(now.getTime() / 1000)),
          'x-continuum-event': delivery.kind,
          'x-continuum-delivery': delivery.id,
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      status = response.status;
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      await db
        .updateTable('webhook_deliveries')
        .set({ status: 'delivered', attempts: delivery.attempts + 1, response_status: status, delivered_at: now })
        .where('id', '=', deliveryId)
        .execute();
    } catch (error) {
      // job.attempt counts from 1; the queue gives up after the last attempt.
      const last = job.attempt >= WEBHOOK_MAX_ATTEMPTS;
      await db
        .updateTable('webhook_deliveries')
        .set({ attempts: delivery.attempts + 1, response_status: status, ...(last ? { status: 'failed' as const } : {}) })
        .where('id', '=', deliveryId)
        .execute();
      if (!last) throw new Error(`webhook delivery failed${status === null ? '' : ` (HTTP ${status})`}`, { cause: error });
    }
  },
});
