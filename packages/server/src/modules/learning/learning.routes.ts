// Longer than 300 lines: one adapter per learning endpoint; handlers only translate HTTP.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  annotationInputSchema,
  annotationSchema,
  annotationsQuerySchema,
  annotationsResponseSchema,
  annotationUpdateSchema,
  cascadeResponseSchema,
  careEventImportPreviewQuerySchema,
  careEventImportQuerySchema,
  careEventImportResultSchema,
  careEventImportSchema,
  chartQuerySchema,
  chartResponseSchema,
  drillDownQuerySchema,
  drillDownResponseSchema,
  errorBodySchema,
  idParamsSchema,
  learningRunSchema,
  learningRunsResponseSchema,
  learningScopeQuerySchema,
  measureDefinitionsResponseSchema,
  measureIdSchema,
  measureResultsResponseSchema,
  measureTargetUpdateSchema,
  okSchema,
  oudEstimateInputSchema,
  oudEstimateSchema,
  oudEstimatesResponseSchema,
  recomputeInputSchema,
  strataOptionsResponseSchema,
  type LearningRun,
} from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import { createAnnotation, deleteAnnotation, listAnnotations, updateAnnotation } from './annotations.ts';
import { csvRows, fhirRows, importCareEvents, jsonRows } from './care-event-import.ts';
import { defaultPeriod, startRun } from './compute.ts';
import { measureDefinitions } from './definitions.ts';
import { drillDown } from './drill-down.ts';
import { areaEstimates, setAreaEstimate } from './estimates.ts';
import { requireNetworkAdmin, requireOrganizationScope, requireRecompute, requireStaff } from './learning-policy.ts';
import { readCascade, readChart, readResults, strataOptions } from './read.ts';
import { setTarget, targets } from './settings.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['learning'];
const measureParams = z.strictObject({ id: measureIdSchema });
const areaParams = z.strictObject({ areaId: z.string().min(1).max(100) });

/**
 * The learning system's API: the cascade, measures and charts over stored results (aggregates,
 * suppressed), annotations, OUD estimates, targets, recompute, the drill-down through the consent
 * chokepoint, and the care-event import. Handlers only translate HTTP.
 */
export async function learningRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  // Raw bodies for the CSV and FHIR uploads (this plugin only).
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('VALIDATION_FAILED', { fields: [{ path: 'body', message: 'Not valid JSON' }] }), undefined);
    }
  });

  r.get(
    '/api/learning/measures',
    { schema: { tags, summary: 'Measure definitions with their targets', response: { 200: measureDefinitionsResponseSchema, ...errors } } },
    async (request) => {
      requireStaff(request.access);
      const t = await targets(db);
      return { items: measureDefinitions.map((d) => ({ ...d, target: t[d.id] ?? null })) };
    },
  );

  r.put(
    '/api/learning/measures/:id/target',
    {
      schema: {
        tags,
        summary: 'Set a measure target (network administrators)',
        params: measureParams,
        body: measureTargetUpdateSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      requireNetworkAdmin(request.access);
      if (request.body.windowDays !== undefined && request.params.id !== 'ed_moud_conversion_7') {
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'windowDays', message: 'Only the ED-to-MOUD conversion has a configurable window' }],
        });
      }
      await setTarget(db, clock, request.access, request.params.id, request.body);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/learning/cascade',
    {
      schema: {
        tags,
        summary: 'The OUD cascade of care for a period (stored, suppressed)',
        querystring: learningScopeQuerySchema,
        response: { 200: cascadeResponseSchema, ...errors },
      },
    },
    async (request) => {
      requireOrganizationScope(request.access, request.query.organizationId);
      return readCascade(db, request.query);
    },
  );

  r.get(
    '/api/learning/results',
    {
      schema: {
        tags,
        summary: 'Every measure for a period with its monthly series (stored, suppressed)',
        querystring: learningScopeQuerySchema,
        response: { 200: measureResultsResponseSchema, ...errors },
      },
    },
    async (request) => {
      requireOrganizationScope(request.access, request.query.organizationId);
      return readResults(db, request.query);
    },
  );

  r.get(
    '/api/learning/measures/:id/chart',
    {
      schema: {
        tags,
        summary: "A measure's run or control chart with special causes and annotations",
        params: measureParams,
        querystring: chartQuerySchema,
        response: { 200: chartResponseSchema, ...errors },
      },
    },
    async (request) => {
      requireOrganizationScope(request.access, request.query.organizationId);
      return readChart(db, request.params.id, request.query);
    },
  );

  r.get(
    '/api/learning/measures/:id/people',
    {
      schema: {
        tags,
        summary: 'The people behind a number (clinicians and care navigators; through the consent chokepoint)',
        params: measureParams,
        querystring: drillDownQuerySchema,
        response: { 200: drillDownResponseSchema, ...errors },
      },
    },
    async (request) => drillDown(db, clock, request.access, request.params.id, request.query),
  );

  r.get(
    '/api/learning/strata',
    { schema: { tags, summary: 'Strata dimensions and their values', response: { 200: strataOptionsResponseSchema, ...errors } } },
    async (request) => {
      requireStaff(request.access);
      return strataOptions(db);
    },
  );

  r.get(
    '/api/learning/annotations',
    {
      schema: {
        tags,
        summary: 'Chart annotations (changes tested, PDSA cycles)',
        querystring: annotationsQuerySchema,
        response: { 200: annotationsResponseSchema, ...errors },
      },
    },
    async (request) => {
      requireOrganizationScope(request.access, request.query.organizationId);
      return { items: await listAnnotations(db, request.query) };
    },
  );

  r.post(
    '/api/learning/annotations',
    { schema: { tags, summary: 'Add an annotation', body: annotationInputSchema, response: { 201: annotationSchema, ...errors } } },
    async (request, reply) => {
      const created = await createAnnotation(db, clock, request.access, request.body);
      reply.status(201);
      return created;
    },
  );

  r.patch(
    '/api/learning/annotations/:id',
    {
      schema: {
        tags,
        summary: 'Change an annotation',
        params: idParamsSchema,
        body: annotationUpdateSchema,
        response: { 200: annotationSchema, ...errors },
      },
    },
    async (request) => updateAnnotation(db, clock, request.access, request.params.id, request.body),
  );

  r.delete(
    '/api/learning/annotations/:id',
    { schema: { tags, summary: 'Remove an annotation', params: idParamsSchema, response: { 200: okSchema, ...errors } } },
    async (request) => {
      await deleteAnnotation(db, clock, request.access, request.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/learning/recompute',
    {
      schema: {
        tags,
        summary: 'Recompute the cascade and measures (network administrators and analysts); runs as a job',
        body: recomputeInputSchema,
        response: { 202: learningRunSchema, ...errors },
      },
    },
    async (request, reply) => {
      requireRecompute(request.access);
      const period = { ...defaultPeriod(clock), ...request.body };
      if (period.from > period.to) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'from', message: 'from is after to' }] });
      const id = await startRun(db, clock, request.access, period);
      reply.status(202);
      return runOf(await db.selectFrom('learning_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    },
  );

  r.get(
    '/api/learning/runs',
    { schema: { tags, summary: 'Recent computations', response: { 200: learningRunsResponseSchema, ...errors } } },
    async (request) => {
      requireStaff(request.access);
      const rows = await db.selectFrom('learning_runs').selectAll().orderBy('started_at', 'desc').limit(20).execute();
      return { items: rows.map(runOf) };
    },
  );

  r.get(
    '/api/learning/oud-estimates',
    { schema: { tags, summary: 'People estimated to have OUD, per area', response: { 200: oudEstimatesResponseSchema, ...errors } } },
    async (request) => {
      requireStaff(request.access);
      const items = await areaEstimates(db);
      return { items, total: items.reduce((a, e) => a + e.estimated, 0) };
    },
  );

  r.put(
    '/api/learning/oud-estimates/:areaId',
    {
      schema: {
        tags,
        summary: "Set an area's OUD estimate (network administrators)",
        params: areaParams,
        body: oudEstimateInputSchema,
        response: { 200: oudEstimateSchema, ...errors },
      },
    },
    async (request) => {
      requireNetworkAdmin(request.access);
      return setAreaEstimate(db, clock, request.access, request.params.areaId, request.body);
    },
  );

  // Care-event import ----------------------------------------------------------------------------

  const importTags = ['care events'];
  r.post(
    '/api/care-events',
    {
      schema: {
        tags: importTags,
        summary: 'Import care events (JSON batch; all or nothing, per-row errors)',
        body: careEventImportSchema,
        response: { 200: careEventImportResultSchema, 422: careEventImportResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await importCareEvents(db, clock, request.access, request.body.organizationId, 'json', jsonRows(request.body.items), {
        dryRun: request.body.dryRun,
      });
      if (result.errors.length > 0) reply.status(422);
      return result;
    },
  );

  r.post(
    '/api/care-events/import/csv',
    {
      schema: {
        tags: importTags,
        summary: 'Import care events from CSV (text/csv body)',
        querystring: careEventImportQuerySchema,
        response: { 200: careEventImportResultSchema, 422: careEventImportResultSchema, 415: errorBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      if (typeof request.body !== 'string') throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Send the file as text/csv.' });
      const result = await importCareEvents(db, clock, request.access, request.query.organizationId, 'csv', csvRows(request.body), {
        dryRun: request.query.dryRun,
      });
      if (result.errors.length > 0) reply.status(422);
      return result;
    },
  );

  r.post(
    '/api/care-events/import/csv/preview',
    {
      schema: {
        tags: importTags,
        summary:
          'Preview a CSV import: every row checked (row-level errors with row number and field), the rows that would be written; nothing saved',
        querystring: careEventImportPreviewQuerySchema,
        response: { 200: careEventImportResultSchema, 415: errorBodySchema, ...errors },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string') throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Send the file as text/csv.' });
      return importCareEvents(db, clock, request.access, request.query.organizationId, 'csv', csvRows(request.body), { dryRun: true });
    },
  );

  r.post(
    '/api/care-events/import/fhir',
    {
      schema: {
        tags: importTags,
        summary: 'Import care events from a FHIR R4 Bundle',
        querystring: careEventImportQuerySchema,
        response: { 200: careEventImportResultSchema, 422: careEventImportResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { rows, skipped } = fhirRows(request.body);
      const result = await importCareEvents(db, clock, request.access, request.query.organizationId, 'fhir', rows, {
        dryRun: request.query.dryRun,
        skipped,
      });
      if (result.errors.length > 0) reply.status(422);
      return result;
    },
  );
}

function runOf(r: {
  id: string;
  period_from: string;
  period_to: string;
  status: LearningRun['status'];
  started_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: number | null;
  people: number | null;
  events: number | null;
}): LearningRun {
  const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
  return {
    id: r.id,
    from: r.period_from,
    to: r.period_to,
    status: r.status,
    startedAt: iso(r.started_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    durationMs: r.duration_ms,
    people: r.people,
    events: r.events,
  };
}
