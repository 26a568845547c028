import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  errorBodySchema,
  gapsHubsPaths,
  gapsPaths,
  gapsRunDetailSchema,
  gapsRunInputSchema,
  gapsRunListSchema,
  gapsRunQuerySchema,
  gapsRunSchema,
  gapsSitingInputSchema,
  gapsSitingResultSchema,
  hubsQuerySchema,
  hubsReportSchema,
  idParamsSchema,
} from '@continuum/contracts';
import { createGapsRun } from './run-create.ts';
import { gapsRunCsv, listGapsRuns, readGapsRun } from './run-read.ts';
import { siteOnRun } from './siting-run.ts';
import { gapsBriefPdf, gapsMapPdf } from './brief-pdf.ts';
import { gapsGeoJson, gapsRunMapData } from './run-export.ts';
import { hubsCsv, readHubs } from './hubs-read.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 503: errorBodySchema };
const tags = ['gaps'];

/** Needs and gaps (docs/gaps.md): runs, their results, CSV export and what-if siting; roles decided in the domain functions. */
export async function gapsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const settings = { routingUrl: config.gaps.routingUrl };

  r.get(
    gapsPaths.runs,
    { schema: { tags, summary: 'Needs-and-gaps runs, newest first', response: { 200: gapsRunListSchema, ...errors } } },
    async (request) => ({
      items: await listGapsRuns(db, request.access),
    }),
  );

  r.post(
    gapsPaths.runs,
    {
      schema: {
        tags,
        summary: 'Compute and store a needs-and-gaps run',
        body: gapsRunInputSchema,
        response: { 201: gapsRunSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createGapsRun(db, clock, request.access, request.body, settings)),
  );

  r.get(
    gapsPaths.run,
    {
      schema: {
        tags,
        summary: 'A run with its per-area results, worst served first',
        params: idParamsSchema,
        querystring: gapsRunQuerySchema,
        response: { 200: gapsRunDetailSchema, ...errors },
      },
    },
    async (request) => readGapsRun(db, request.access, request.params.id, request.query),
  );

  r.get(
    gapsPaths.runCsv,
    { schema: { tags, summary: 'A run’s results as CSV', params: idParamsSchema, querystring: gapsRunQuerySchema } },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="needs-and-gaps-${request.params.id}.csv"`)
        .send(await gapsRunCsv(db, request.access, request.params.id, request.query)),
  );

  r.get(
    gapsPaths.runGeoJson,
    {
      schema: {
        tags,
        summary: 'A run’s areas with one category’s results as GeoJSON',
        params: idParamsSchema,
        querystring: gapsRunQuerySchema,
      },
    },
    async (request, reply) =>
      reply
        .type('application/geo+json')
        .header('content-disposition', `attachment; filename="needs-and-gaps-${request.params.id}.geojson"`)
        .send(JSON.stringify(gapsGeoJson(await gapsRunMapData(db, request.access, request.params.id, request.query)))),
  );

  r.get(
    gapsPaths.runMapPdf,
    {
      schema: {
        tags,
        summary: 'One category’s map, printable (PDF)',
        params: idParamsSchema,
        querystring: gapsRunQuerySchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="needs-and-gaps-map-${request.params.id}.pdf"`)
        .send(await gapsMapPdf(db, request.access, request.params.id, request.query)),
  );

  r.get(
    gapsPaths.runBrief,
    {
      schema: {
        tags,
        summary: 'The one-page needs-and-gaps brief for a grant application (PDF)',
        params: idParamsSchema,
        querystring: gapsRunQuerySchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="needs-and-gaps-brief-${request.params.id}.pdf"`)
        .send(await gapsBriefPdf(db, request.access, request.params.id, request.query)),
  );

  r.post(
    gapsPaths.siting,
    {
      schema: {
        tags,
        summary: 'What-if: one more service at a candidate site, against a stored run',
        params: idParamsSchema,
        body: gapsSitingInputSchema,
        response: { 200: gapsSitingResultSchema, ...errors },
      },
    },
    async (request) => siteOnRun(db, request.access, request.params.id, request.body, settings),
  );

  r.get(
    gapsHubsPaths.hubs,
    {
      schema: {
        tags,
        summary: 'Hub-and-spoke capacity: MOUD prescribers and slots per area against need, and which hubs support which spokes',
        querystring: hubsQuerySchema,
        response: { 200: hubsReportSchema, ...errors },
      },
    },
    async (request) => readHubs(db, clock, request.access, request.query),
  );

  r.get(
    gapsHubsPaths.hubsCsv,
    { schema: { tags, summary: 'Hub-and-spoke capacity per area as CSV', querystring: hubsQuerySchema } },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="hubs-and-spokes.csv"')
        .send(hubsCsv(await readHubs(db, clock, request.access, request.query))),
  );
}
