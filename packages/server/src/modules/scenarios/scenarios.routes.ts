import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  errorBodySchema,
  expectedTrajectorySchema,
  idParamsSchema,
  pinExpectedTrajectorySchema,
  scenarioPaths,
  scenarioRunDetailSchema,
  scenarioRunInputSchema,
  scenarioRunListSchema,
  scenarioRunSchema,
} from '@continuum/contracts';
import { scenarioBriefPdf } from './brief-pdf.ts';
import { createScenarioRun } from './run-create.ts';
import { pinRunAsExpected } from './expected-trajectory.ts';
import { listScenarioRuns, readScenarioRun, scenarioRunCsv } from './run-read.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['scenarios'];

/** What-if scenarios (docs/scenarios.md): stored runs, their results and CSV; roles decided in the domain functions. */
export async function scenarioRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  r.get(
    scenarioPaths.runs,
    { schema: { tags, summary: 'Scenario runs, newest first', response: { 200: scenarioRunListSchema, ...errors } } },
    async (request) => ({ items: await listScenarioRuns(db, request.access) }),
  );

  r.post(
    scenarioPaths.runs,
    {
      schema: {
        tags,
        summary: 'Store a scenario run and queue its computation (progress on the run)',
        body: scenarioRunInputSchema,
        response: { 202: scenarioRunSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(202).send(await createScenarioRun(db, clock, request.access, request.body)),
  );

  r.get(
    scenarioPaths.run,
    {
      schema: {
        tags,
        summary: 'A run with its progress and, once done, the calibration, projections, tornado and summary',
        params: idParamsSchema,
        response: { 200: scenarioRunDetailSchema, ...errors },
      },
    },
    async (request) => readScenarioRun(db, request.access, request.params.id),
  );

  r.get(
    scenarioPaths.runCsv,
    { schema: { tags, summary: 'A finished run’s monthly projections as CSV', params: idParamsSchema } },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="scenarios-${request.params.id}.csv"`)
        .send(await scenarioRunCsv(db, request.access, request.params.id)),
  );

  r.get(
    scenarioPaths.runBrief,
    { schema: { tags, summary: 'A finished run’s printable brief (PDF)', params: idParamsSchema, produces: ['application/pdf'] } },
    async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="scenario-brief-${request.params.id}.pdf"`)
        .send(await scenarioBriefPdf(db, request.access, request.params.id)),
  );

  r.post(
    scenarioPaths.runExpectedTrajectory,
    {
      schema: {
        tags,
        summary: 'Pin a scenario of a finished run as the expected trajectory of a learning count (audited)',
        params: idParamsSchema,
        body: pinExpectedTrajectorySchema,
        response: { 201: expectedTrajectorySchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await pinRunAsExpected(db, clock, request.access, request.params.id, request.body)),
  );
}
