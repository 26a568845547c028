import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chartExpectedSchema,
  errorBodySchema,
  expectedTrajectoryListQuerySchema,
  expectedTrajectoryListSchema,
  idParamsSchema,
  learningScopeQuerySchema,
  okSchema,
  trajectoryMeasureIdSchema,
} from '@continuum/contracts';
import { expectedForChart, listExpectedTrajectories, removeExpectedTrajectory } from './expected-trajectory-store.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const tags = ['learning'];

/**
 * Expected trajectories on the learning charts (docs/analytics.md): list, remove, and the comparison for a
 * chart. Pinning is `POST /api/scenarios/runs/:id/expected-trajectory` (the scenarios module owns the run).
 */
export async function expectedTrajectoryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  r.get(
    '/api/learning/expected-trajectories',
    {
      schema: {
        tags,
        summary: 'Scenario projections pinned as expected trajectories, newest first',
        querystring: expectedTrajectoryListQuerySchema,
        response: { 200: expectedTrajectoryListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listExpectedTrajectories(db, request.access, request.query.measureId) }),
  );

  r.delete(
    '/api/learning/expected-trajectories/:id',
    {
      schema: { tags, summary: 'Remove an expected trajectory (audited)', params: idParamsSchema, response: { 200: okSchema, ...errors } },
    },
    async (request) => {
      await removeExpectedTrajectory(db, clock, request.access, request.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/learning/measures/:id/expected',
    {
      schema: {
        tags,
        summary: 'The latest expected trajectory of a monthly count on its network chart, with a reading of observed against expected',
        params: z.strictObject({ id: trajectoryMeasureIdSchema }),
        querystring: learningScopeQuerySchema.pick({ from: true, to: true }).strict(),
        response: { 200: z.object({ expected: chartExpectedSchema.nullable() }), ...errors },
      },
    },
    async (request) => ({ expected: await expectedForChart(db, request.access, request.params.id, request.query) }),
  );
}
