import type { Clock } from '../../clock.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { enqueueJob } from '../../jobs/job-queue.ts';
import { sendEmailJob } from './notifications.jobs.ts';

/**
 * A message to an address rather than to a user (the person's portal: invitations and sign-in
 * codes). Queued in the caller's transaction and sent by the same job as notification email
 * (SMTP, or the development mailbox).
 */
export async function queueEmailTo(trx: DbOrTrx, clock: Clock, message: { to: string; subject: string; text: string }): Promise<void> {
  const email = await trx
    .insertInto('email_outbox')
    .values({
      notification_id: null,
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      status: 'queued',
      last_error: null,
      created_at: clock.now(),
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(trx, clock, sendEmailJob, { emailId: email.id }, { dedupeKey: `email:${email.id}` });
}

/**
 * The development text-message sender's outbox: the message lands in the development mailbox
 * (addressed `sms:<number>`) instead of going to a phone. Never used in production.
 */
export async function recordDevelopmentText(trx: DbOrTrx, clock: Clock, message: { to: string; text: string }): Promise<void> {
  const now = clock.now();
  await trx
    .insertInto('email_outbox')
    .values({
      notification_id: null,
      to_address: `sms:${message.to}`,
      subject: 'Text message',
      text_body: message.text,
      status: 'local',
      last_error: null,
      created_at: now,
      sent_at: now,
    })
    .execute();
}
