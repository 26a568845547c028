import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  errorBodySchema,
  idParamsSchema,
  linkDecisionSchema,
  linkItemSchema,
  linkQueueQuerySchema,
  linkQueueSchema,
  unlinkSchema,
} from '@continuum/contracts';
import { decideLink, listLinks, readLink, unlink } from './review.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['person index'];

/** The network person index's review queue (privacy officers and network administrators; decided in review.ts). */
export async function personIndexRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  r.get(
    '/api/person-index/links',
    {
      schema: {
        tags,
        summary: 'Pairs for review, or decided pairs',
        querystring: linkQueueQuerySchema,
        response: { 200: linkQueueSchema, ...errors },
      },
    },
    async (request) => ({ items: await listLinks(db, clock, request.access, request.query) }),
  );

  r.get(
    '/api/person-index/links/:id',
    {
      schema: {
        tags,
        summary: 'One pair, side by side, with its waterfall',
        params: idParamsSchema,
        response: { 200: linkItemSchema, ...errors },
      },
    },
    async (request) => readLink(db, clock, request.access, request.params.id),
  );

  r.post(
    '/api/person-index/links/:id/decision',
    {
      schema: {
        tags,
        summary: 'Accept, reject or mark a pair not sure',
        params: idParamsSchema,
        body: linkDecisionSchema,
        response: { 200: linkItemSchema, ...errors },
      },
    },
    async (request) => decideLink(db, clock, request.access, request.params.id, request.body),
  );

  r.post(
    '/api/person-index/links/:id/unlink',
    { schema: { tags, summary: 'Undo a link', params: idParamsSchema, body: unlinkSchema, response: { 200: linkItemSchema, ...errors } } },
    async (request) => unlink(db, clock, request.access, request.params.id, request.body.reason),
  );
}
