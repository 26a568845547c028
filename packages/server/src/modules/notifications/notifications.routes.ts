import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createdWebhookSchema,
  createWebhookSchema,
  devMailboxSchema,
  errorBodySchema,
  idParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  okSchema,
  webhookListSchema,
} from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import { createWebhook, deleteWebhook, devMailbox, listNotifications, listWebhooks, markRead } from './notifications.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const tags = ['notifications'];

export async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;

  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...errors },
      },
    },
    async (request) => listNotifications(db, request.access, request.query),
  );
  r.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: 'Mark a notification read', params: idParamsSchema, response: { 200: okSchema, ...errors } } },
    async (request) => {
      await markRead(db, clock, request.access, request.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: 'Mark all my notifications read', response: { 200: okSchema, ...errors } } },
    async (request) => {
      await markRead(db, clock, request.access, null);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/admin/webhooks',
    { schema: { tags, summary: "The organization's webhook subscriptions", response: { 200: webhookListSchema, ...errors } } },
    async (request) => ({
      items: await listWebhooks(db, request.access),
    }),
  );
  r.post(
    '/api/admin/webhooks',
    {
      config: { sessionOnly: true },
      schema: {
        tags,
        summary: 'Subscribe a partner system (the secret is shown once)',
        body: createWebhookSchema,
        response: { 201: createdWebhookSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createWebhook(db, clock, request.access, request.body);
      reply.status(201);
      return created;
    },
  );
  r.delete(
    '/api/admin/webhooks/:id',
    { schema: { tags, summary: 'Unsubscribe', params: idParamsSchema, response: { 200: okSchema, ...errors } } },
    async (request) => {
      await deleteWebhook(db, clock, request.access, request.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/dev/mailbox',
    { schema: { tags, summary: 'Development mailbox (no SMTP configured)', response: { 200: devMailboxSchema, ...errors } } },
    async (request) => {
      if (config.env === 'production' || config.mail.smtpUrl !== null)
        throw new AppError('NOT_FOUND', { message: 'The development mailbox exists only without SMTP, outside production.' });
      return { items: await devMailbox(db, request.access) };
    },
  );
}
