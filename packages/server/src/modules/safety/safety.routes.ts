import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  idParamsSchema,
  naloxoneOfferedSchema,
  personSafetySchema,
  prescriberReportQuerySchema,
  prescriberReportSchema,
  safetyCheckRequestSchema,
  safetyCheckResultSchema,
  taperPlanSchema,
  taperRequestSchema,
  epochDay,
} from '@continuum/contracts';
import { drugKnowledge } from './drug-knowledge.ts';
import { readPersonSafety, recordNaloxoneOffered } from './person-safety.ts';
import { prescriberReport } from './prescriber-report.ts';
import { runSafetyCheck, runTaperPlan } from './safety-service.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };
const tags = ['prescribing safety'];

/**
 * Point-of-care prescribing safety. Both endpoints compute over the payload the caller sends and
 * store nothing: no request body is persisted or logged, so there is nothing to audit.
 */
export async function safetyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const knowledge = drugKnowledge();
  const today = () => epochDay(app.deps.clock.now());

  r.post(
    '/api/safety/check',
    {
      schema: {
        tags,
        summary: 'MME, timeline and fired rules for a FHIR Bundle or a CDS Hooks request',
        body: safetyCheckRequestSchema,
        response: { 200: safetyCheckResultSchema, ...errors },
      },
    },
    async (request) => runSafetyCheck(request.access, knowledge, request.body, today()),
  );

  r.post(
    '/api/safety/taper',
    {
      schema: {
        tags,
        summary: 'A taper schedule in doses the tablet strengths make, with the MME at each step',
        body: taperRequestSchema,
        response: { 200: taperPlanSchema, ...errors },
      },
    },
    async (request) => runTaperPlan(request.access, knowledge, request.body, today()),
  );

  r.get(
    '/api/people/:id/safety',
    {
      schema: {
        tags,
        summary:
          "The person's MME over time and the prescribing-safety rules, from the network's care events (clinicians and care navigators)",
        params: idParamsSchema,
        response: { 200: personSafetySchema, ...errors, 404: errorBodySchema },
      },
    },
    async (request) => readPersonSafety(app.deps.db, app.deps.clock, request.access, knowledge, request.params.id),
  );

  r.post(
    '/api/people/:id/safety/naloxone-offered',
    {
      schema: {
        tags,
        summary: 'Record that naloxone was offered and a kit given (a naloxone care event)',
        params: idParamsSchema,
        body: naloxoneOfferedSchema,
        response: { 201: z.object({ id: z.uuid() }), ...errors, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const created = await recordNaloxoneOffered(app.deps.db, app.deps.clock, request.access, request.params.id, request.body);
      return reply.code(201).send(created);
    },
  );

  r.get(
    '/api/safety/prescriber-report',
    {
      schema: {
        tags,
        summary:
          'Prescriber feedback: per-prescriber rates of each screening rule over the network’s dispensing records (aggregates; cells under 11 suppressed)',
        querystring: prescriberReportQuerySchema,
        response: { 200: prescriberReportSchema, ...errors },
      },
    },
    async (request) => prescriberReport(app.deps.db, app.deps.clock, request.access, knowledge, { days: request.query.days }),
  );
}
