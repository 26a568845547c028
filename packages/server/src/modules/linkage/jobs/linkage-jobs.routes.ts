import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deathReportQuerySchema,
  deathReportSchema,
  errorBodySchema,
  LINKAGE_FILE_MAX_BYTES,
  linkageColumnMapSchema,
  linkageColumnsInputSchema,
  linkageColumnSuggestionSchema,
  linkageJobInputSchema,
  linkageJobListSchema,
  linkageJobParamsSchema,
  linkageJobSchema,
  linkageSourceKinds,
  type LinkageColumnMap,
  type LinkageSourceKind,
} from '@continuum/contracts';
import { AppError } from '../../../errors.ts';
import {
  addLinkageFile,
  createLinkageJob,
  deleteLinkageJob,
  downloadAnalyticFile,
  getLinkageJob,
  listLinkageJobs,
  readDeathReport,
  startLinkageJob,
  suggestLinkageColumns,
  type LinkageUpload,
} from './linkage-jobs.ts';
import { suggestColumnMap } from './source-file.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['linkage'];

/** Analyst linkage jobs (contracts: linkage-jobs.ts; docs/linkage.md). */
export async function linkageJobRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  await app.register(multipart, { limits: { fileSize: LINKAGE_FILE_MAX_BYTES, files: 1, fields: 4, parts: 5 } });

  r.post(
    '/api/linkage/columns',
    {
      schema: {
        tags,
        summary: 'Suggested column map for a header',
        body: linkageColumnsInputSchema,
        response: { 200: linkageColumnSuggestionSchema, ...errors },
      },
    },
    async (request) => suggestLinkageColumns(request.access, request.body.columns),
  );
  r.get(
    '/api/linkage/jobs',
    { schema: { tags, summary: 'Linkage jobs', response: { 200: linkageJobListSchema, ...errors } } },
    async (request) => listLinkageJobs(db, request.access),
  );
  r.post(
    '/api/linkage/jobs',
    {
      schema: { tags, summary: 'Create a draft linkage job', body: linkageJobInputSchema, response: { 201: linkageJobSchema, ...errors } },
    },
    async (request, reply) => {
      const job = await createLinkageJob(db, clock, request.access, request.body);
      reply.status(201);
      return job;
    },
  );
  r.get(
    '/api/linkage/jobs/:id',
    {
      schema: {
        tags,
        summary: 'A linkage job (poll for progress)',
        params: linkageJobParamsSchema,
        response: { 200: linkageJobSchema, ...errors },
      },
    },
    async (request) => getLinkageJob(db, request.access, request.params.id),
  );
  r.delete(
    '/api/linkage/jobs/:id',
    {
      schema: {
        tags,
        summary: 'Delete a job, its uploaded files and outputs',
        params: linkageJobParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteLinkageJob(db, clock, request.access, request.params.id, config.filesDir);
      reply.status(204);
      return null;
    },
  );
  r.post(
    '/api/linkage/jobs/:id/files',
    {
      schema: {
        tags,
        summary: 'Add a source file (multipart: source, map as JSON column → field, file; CSV or NDJSON; ≤ 50 MB)',
        params: linkageJobParamsSchema,
        response: { 201: linkageJobSchema, 413: errorBodySchema, 415: errorBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      const job = await addLinkageFile(db, clock, request.access, request.params.id, () => readUpload(request), config.filesDir);
      reply.status(201);
      return job;
    },
  );
  r.post(
    '/api/linkage/jobs/:id/start',
    {
      schema: {
        tags,
        summary: 'Run the job on the jobs queue',
        params: linkageJobParamsSchema,
        response: { 200: linkageJobSchema, ...errors },
      },
    },
    async (request) => startLinkageJob(db, clock, request.access, request.params.id),
  );
  r.get(
    '/api/linkage/jobs/:id/analytic-file.csv',
    { schema: { tags, summary: 'The de-identified linked analytic file (CSV)', params: linkageJobParamsSchema } },
    async (request, reply) => {
      const bytes = await downloadAnalyticFile(db, clock, request.access, request.params.id, config.filesDir);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="linked-analytic-file-${request.params.id}.csv"`);
      reply.header('cache-control', 'no-store');
      return reply.send(bytes);
    },
  );
  r.get(
    '/api/linkage/jobs/:id/report',
    {
      schema: {
        tags,
        summary: 'Where people who died touched care in the 90 days before death (JSON or CSV)',
        params: linkageJobParamsSchema,
        querystring: deathReportQuerySchema,
        response: { 200: deathReportSchema.or(z.string()), ...errors },
      },
    },
    async (request, reply) => {
      const { report, csv } = await readDeathReport(db, clock, request.access, request.params.id, request.query.format);
      reply.header('cache-control', 'no-store');
      if (csv === null) return report;
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="death-90-day-report-${request.params.id}.csv"`);
      return csv;
    },
  );
}

/** The multipart upload (source, map as JSON, file), with a clear 4xx naming the field when a part is missing or bad. */
async function readUpload(request: FastifyRequest): Promise<LinkageUpload> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Send the file as multipart/form-data.' });
  let bytes: Buffer | undefined;
  let fileName: string | undefined;
  let source: LinkageSourceKind | undefined;
  let map: LinkageColumnMap | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || bytes !== undefined) {
          part.file.resume();
          continue;
        }
        bytes = await part.toBuffer();
        fileName = part.filename;
      } else if (part.fieldname === 'source' && typeof part.value === 'string') {
        const parsed = z.enum(linkageSourceKinds).safeParse(part.value);
        if (!parsed.success)
          throw new AppError('VALIDATION_FAILED', {
            message: 'Unknown source.',
            fields: [{ path: 'body.source', message: `one of ${linkageSourceKinds.join(', ')}` }],
          });
        source = parsed.data;
      } else if (part.fieldname === 'map' && typeof part.value === 'string') {
        let json: unknown;
        try {
          json = JSON.parse(part.value);
        } catch {
          json = undefined;
        }
        const parsed = linkageColumnMapSchema.safeParse(json);
        if (!parsed.success)
          throw new AppError('VALIDATION_FAILED', {
            message: 'Invalid column map.',
            fields: [{ path: 'body.map', message: 'a JSON object of column → field' }],
          });
        map = parsed.data;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT')
      throw new AppError('PAYLOAD_TOO_LARGE', { message: 'A source file may be at most 50 MB, one file per request.' });
    throw new AppError('MALFORMED_REQUEST', { message: 'The upload could not be read.' });
  }
  if (bytes === undefined)
    throw new AppError('VALIDATION_FAILED', { message: 'Attach a file.', fields: [{ path: 'body.file', message: 'Attach a file' }] });
  if (source === undefined)
    throw new AppError('VALIDATION_FAILED', {
      message: 'Say which source the file is.',
      fields: [{ path: 'body.source', message: 'Choose a source' }],
    });
  return { bytes, fileName, source, map: map ?? suggestColumnMap(headerOf(bytes)) };
}

/** The header of a CSV or the keys of the first NDJSON object, for the default map; the file is checked in full later. */
function headerOf(bytes: Buffer): string[] {
  const head = bytes
    .subarray(0, 65536)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const first = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (first.trimStart().startsWith('{')) {
    try {
      const obj = JSON.parse(first) as unknown;
      return obj && typeof obj === 'object' && !Array.isArray(obj) ? Object.keys(obj) : [];
    } catch {
      return [];
    }
  }
  return first.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
}
