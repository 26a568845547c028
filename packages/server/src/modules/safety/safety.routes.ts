import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  safetyCheckRoles,
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
import { AppError, validationError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { readPersonSafety, recordNaloxoneOffered } from './person-safety.ts';
import { prescriberReport } from './prescriber-report.ts';
import { checkSafety } from './safety-check.ts';
import { toDay } from './safety-model.ts';
import { planTaper, TaperError } from './taper.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };
const tags = ['prescribing safety'];

/** Roles that may run a prescribing-safety check (decision support and population review): the contract's role table. */
export { safetyCheckRoles };

export function authorizeSafetyCheck(access: AccessContext): void {
  if (access.actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!access.roles.some((r) => safetyCheckRoles.includes(r))) {
    throw new AppError('FORBIDDEN', {
      message: 'Prescribing-safety checks are for clinicians, care navigators, analysts and network administrators.',
    });
  }
}

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
    async (request) => {
      authorizeSafetyCheck(request.access);
      return checkSafety(knowledge, request.body, today());
    },
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
    async (request) => {
      authorizeSafetyCheck(request.access);
      const { start, ...rest } = request.body;
      try {
        return planTaper(knowledge, { ...rest, start: start ? toDay(start)! : today() });
      } catch (error) {
        if (error instanceof TaperError) throw validationError('body', error.message);
        throw error;
      }
    },
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
