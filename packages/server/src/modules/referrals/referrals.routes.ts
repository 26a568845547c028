import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createReferralSchema,
  errorBodySchema,
  handoffInputSchema,
  idParamsSchema,
  pathwayDetailSchema,
  pathwayInputSchema,
  pathwayListQuerySchema,
  pathwayListSchema,
  pathwayVersionParamsSchema,
  REFERRAL_ATTACHMENT_MAX_BYTES,
  referralAttachmentParamsSchema,
  referralAttachmentSchema,
  referralDetailSchema,
  referralListQuerySchema,
  referralPageSchema,
  referralSuggestionListSchema,
  referralSuggestionQuerySchema,
  referralTransitionSchema,
} from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import { addAttachment, readAttachment } from './attachments.ts';
import { createPathway, getPathway, listPathways, savePathwayVersion } from './pathways.ts';
import { createReferral } from './referral-send.ts';
import { getReferral, listReferrals } from './referral-read.ts';
import { recordHandoff, transitionReferral } from './referral-transition.ts';
import { suggestReferrals } from './suggestions.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['referrals'];

/** Referral pathways, referrals, transitions, warm handoffs, attachments and suggestions (contracts: referrals.ts). */
export async function referralRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const tz = config.timeZone;

  // Only for this plugin's routes: the attachment upload. Larger files stop at the limit.
  await app.register(multipart, { limits: { fileSize: REFERRAL_ATTACHMENT_MAX_BYTES, files: 1, fields: 4, parts: 5 } });

  r.get(
    '/api/referral-pathways',
    {
      schema: {
        tags,
        summary: 'Referral pathways (current versions)',
        querystring: pathwayListQuerySchema,
        response: { 200: pathwayListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await listPathways(db, clock, request.access, request.query, tz),
    }),
  );
  r.post(
    '/api/referral-pathways',
    { schema: { tags, summary: 'Create a pathway', body: pathwayInputSchema, response: { 201: pathwayDetailSchema, ...errors } } },
    async (request, reply) => {
      const created = await createPathway(db, clock, request.access, request.body, tz);
      reply.status(201);
      return created;
    },
  );
  r.get(
    '/api/referral-pathways/:id',
    {
      schema: {
        tags,
        summary: 'A pathway (current version) with its versions',
        params: idParamsSchema,
        response: { 200: pathwayDetailSchema, ...errors },
      },
    },
    async (request) => getPathway(db, clock, request.access, request.params.id, tz),
  );
  r.put(
    '/api/referral-pathways/:id',
    {
      schema: {
        tags,
        summary: 'Save a new version of a pathway',
        params: idParamsSchema,
        body: pathwayInputSchema,
        response: { 200: pathwayDetailSchema, ...errors },
      },
    },
    async (request) => savePathwayVersion(db, clock, request.access, request.params.id, request.body, tz),
  );
  r.get(
    '/api/referral-pathways/:id/versions/:version',
    {
      schema: {
        tags,
        summary: 'One version of a pathway',
        params: pathwayVersionParamsSchema,
        response: { 200: pathwayDetailSchema, ...errors },
      },
    },
    async (request) => getPathway(db, clock, request.access, request.params.id, tz, request.params.version),
  );

  r.get(
    '/api/referrals/suggestions',
    {
      schema: {
        tags,
        summary: 'Ranked services to refer a person to',
        querystring: referralSuggestionQuerySchema,
        response: { 200: referralSuggestionListSchema, ...errors },
      },
    },
    async (request) => ({
      personId: request.query.personId,
      items: await suggestReferrals(db, clock, request.access, request.query, tz, config.directory.capacityStaleHours),
    }),
  );
  r.post(
    '/api/referrals',
    {
      schema: {
        tags,
        summary: 'Send a referral (needs a covering consent)',
        body: createReferralSchema,
        response: { 201: referralDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createReferral(db, clock, request.access, request.body, tz);
      reply.status(201);
      return created;
    },
  );
  r.get(
    '/api/referrals',
    {
      schema: {
        tags,
        summary: 'Inbox (to my organization) or sent referrals',
        querystring: referralListQuerySchema,
        response: { 200: referralPageSchema, ...errors },
      },
    },
    async (request) => listReferrals(db, clock, request.access, request.query),
  );
  r.get(
    '/api/referrals/:id',
    {
      schema: { tags, summary: 'A referral with its history', params: idParamsSchema, response: { 200: referralDetailSchema, ...errors } },
    },
    async (request) => getReferral(db, clock, request.access, request.params.id),
  );
  r.post(
    '/api/referrals/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Acknowledge, accept, schedule, complete… a referral',
        params: idParamsSchema,
        body: referralTransitionSchema,
        response: { 200: referralDetailSchema, ...errors },
      },
    },
    async (request) => transitionReferral(db, clock, request.access, request.params.id, request.body),
  );
  r.put(
    '/api/referrals/:id/handoff',
    {
      schema: {
        tags,
        summary: 'Record the warm handoff',
        params: idParamsSchema,
        body: handoffInputSchema,
        response: { 200: referralDetailSchema, ...errors },
      },
    },
    async (request) => recordHandoff(db, clock, request.access, request.params.id, request.body),
  );

  r.post(
    '/api/referrals/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a file (multipart: file, documentKey; PDF, PNG, JPEG or text; ≤ 10 MB)',
        params: idParamsSchema,
        response: { 201: referralAttachmentSchema, 413: errorBodySchema, 415: errorBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Send the file as multipart/form-data.' });
      let bytes: Buffer | undefined;
      let fileName: string | undefined;
      let documentKey: string | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || bytes !== undefined) {
              part.file.resume();
              continue;
            }
            bytes = await part.toBuffer();
            fileName = part.filename;
          } else if (part.fieldname === 'documentKey' && typeof part.value === 'string' && part.value.trim() !== '') {
            documentKey = part.value.trim();
          }
        }
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT')
          throw new AppError('PAYLOAD_TOO_LARGE', { message: 'An attachment may be at most 10 MB, one file per request.' });
        throw new AppError('MALFORMED_REQUEST', { message: 'The upload could not be read.' });
      }
      if (bytes === undefined)
        throw new AppError('VALIDATION_FAILED', { message: 'Attach a file.', fields: [{ path: 'body.file', message: 'Attach a file' }] });
      const created = await addAttachment(db, clock, request.access, request.params.id, { bytes, fileName, documentKey }, config.filesDir);
      reply.status(201);
      return created;
    },
  );
  r.get(
    '/api/referrals/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'Download an attachment', params: referralAttachmentParamsSchema } },
    async (request, reply) => {
      const file = await readAttachment(db, clock, request.access, request.params.id, request.params.attachmentId, config.filesDir);
      reply.header('content-type', file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType);
      reply.header(
        'content-disposition',
        `attachment; filename="${file.fileName.replace(/[^\x20-\x7E]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      );
      reply.header('cache-control', 'no-store');
      return reply.send(file.bytes);
    },
  );
}
