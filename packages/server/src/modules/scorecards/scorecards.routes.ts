import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  errorBodySchema,
  scorecardParamsSchema,
  scorecardPartnerListSchema,
  scorecardPaths,
  scorecardQuerySchema,
  scorecardSchema,
  scorecardTargetInputSchema,
  scorecardTargetListSchema,
  scorecardTargetParamsSchema,
  scorecardTargetSchema,
} from '@continuum/contracts';
import { listScorecardPartners, readScorecard } from './scorecard.ts';
import { scorecardCsv } from './scorecard-csv.ts';
import { listTargets, setTarget } from './scorecard-targets.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const tags = ['network'];

/** Partner scorecards (docs/network.md); roles decided in the domain functions. */
export async function scorecardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const settings = { capacityStaleHours: config.directory.capacityStaleHours };

  r.get(
    scorecardPaths.partners,
    {
      schema: {
        tags,
        summary: 'The partners whose scorecards the caller may see, and the quarters offered',
        response: { 200: scorecardPartnerListSchema, ...errors },
      },
    },
    async (request) => listScorecardPartners(db, clock, request.access),
  );
  r.get(
    scorecardPaths.targets,
    { schema: { tags, summary: 'The scorecard targets, one per measure', response: { 200: scorecardTargetListSchema, ...errors } } },
    async (request) => ({ items: await listTargets(db, request.access) }),
  );
  r.put(
    scorecardPaths.target,
    {
      schema: {
        tags,
        summary: 'Set (or clear) a measure’s target (network administrators)',
        params: scorecardTargetParamsSchema,
        body: scorecardTargetInputSchema,
        response: { 200: scorecardTargetSchema, ...errors },
      },
    },
    async (request) => setTarget(db, clock, request.access, request.params.measure, request.body),
  );
  r.get(
    scorecardPaths.scorecard,
    {
      schema: {
        tags,
        summary: 'A partner’s scorecard for a quarter (network staff: any partner; members: their own)',
        params: scorecardParamsSchema,
        querystring: scorecardQuerySchema,
        response: { 200: scorecardSchema, ...errors },
      },
    },
    async (request) => readScorecard(db, clock, request.access, request.params.organizationId, request.query, settings),
  );
  r.get(
    scorecardPaths.scorecardCsv,
    { schema: { tags, summary: 'A partner’s scorecard as CSV', params: scorecardParamsSchema, querystring: scorecardQuerySchema } },
    async (request, reply) => {
      const card = await readScorecard(db, clock, request.access, request.params.organizationId, request.query, settings);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="scorecard-${card.quarter}.csv"`)
        .send(scorecardCsv(card));
    },
  );
}
