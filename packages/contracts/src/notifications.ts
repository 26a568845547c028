import { z } from 'zod';

/*
 * Notifications: an in-app inbox per person, email (SMTP, or a local development mailbox when no
 * SMTP is configured) and signed webhooks for partner systems. Notification titles and bodies never
 * carry personal data: they say what happened and link to where the reader, signed in and through
 * the consent chokepoint, sees the details.
 *
 *   GET  /api/notifications?unread=true        my inbox (newest first)
 *   POST /api/notifications/:id/read           mark one read
 *   POST /api/notifications/read-all           mark all read
 *   GET  /api/admin/webhooks                   the organization's webhook subscriptions (org admin)
 *   POST /api/admin/webhooks                   subscribe (the signing secret is shown once)
 *   DELETE /api/admin/webhooks/:id             unsubscribe
 *   GET  /api/dev/mailbox                      development mailbox (no SMTP configured, not production)
 */

export const notificationKinds = [
  'referral.received',
  'referral.updated',
  'referral.overdue',
  'overdose.linked-person',
  'overdose.spike',
  'outreach.assigned',
  'directory.verification-due',
  'break-glass.review',
  'care-team.pending',
  'access-grant.pending',
  'system.message',
  'feed.quiet',
  'agreement.ending',
  'training.expiring',
] as const;
export const notificationKindSchema = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: notificationKindSchema,
  title: z.string(),
  body: z.string().nullable(),
  /** An app path, e.g. /referrals/…; the reader opens it signed in. */
  link: z.string().nullable(),
  organizationId: z.uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
export const notificationListQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });

export const webhookSubscriptionSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  url: z.string(),
  kinds: z.array(notificationKindSchema),
  active: z.boolean(),
  createdAt: z.string(),
  lastDeliveryAt: z.string().nullable(),
  lastDeliveryStatus: z.string().nullable(),
});
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;
export const createWebhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(500),
  kinds: z.array(notificationKindSchema).min(1).max(notificationKinds.length),
});
export type CreateWebhook = z.infer<typeof createWebhookSchema>;
export const createdWebhookSchema = webhookSubscriptionSchema.extend({
  /** Shown once: the receiver verifies `x-continuum-signature` with it. */
  secret: z.string(),
});
export const webhookListSchema = z.object({ items: z.array(webhookSubscriptionSchema) });

export const devMailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export const devMailboxSchema = z.object({ items: z.array(devMailSchema) });

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-continuum-signature';

export const notificationErrorCodes = ['NOTIFICATION_NOT_FOUND', 'WEBHOOK_NOT_FOUND'] as const;
