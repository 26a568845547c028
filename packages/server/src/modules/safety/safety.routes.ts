import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  safetyCheckRoles,
  cdsDiscoverySchema,
  cdsResponseSchema,
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
import { resolveApiToken } from '../identity/index.ts';
import { CdsJwtVerifier, looksLikeJwt } from '../ehr/index.ts';
import { cdsServices, requiredPrefetch, toCards } from './cds-hooks.ts';
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
 * CDS Hooks services are called by EHR servers, outside the /api tree, never with a session cookie.
 * They authenticate with the CDS Hooks 2.0 JWT a registered EHR connection signs (modules/ehr), or
 * with the platform's API tokens (`Authorization: Bearer ctm_…`) for simple clients
 * (docs/decisions/0005-cds-hooks-auth.md).
 */
async function cdsAccess(
  app: FastifyInstance,
  verifier: CdsJwtVerifier,
  request: FastifyRequest,
  serviceId: string,
): Promise<AccessContext> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1])
    throw new AppError('UNAUTHENTICATED', { message: 'Use "Authorization: Bearer <CDS Hooks JWT or Continuum API token>".' });
  const { db, clock, config } = app.deps;
  if (looksLikeJwt(match[1])) {
    const base = `${config.mail.publicUrl}/cds-services`;
    const client = await verifier.verify(db, clock, match[1], [`${base}/${serviceId}`, base]);
    return {
      actor: { type: 'client', clientId: client.connectionId },
      organizationId: client.organizationId,
      roles: client.roles,
      requestId: String(request.id),
    };
  }
  const token = await resolveApiToken(db, clock, config, match[1]);
  if (!token) throw new AppError('UNAUTHENTICATED', { message: 'The API token is not valid, has expired or was revoked.' });
  return {
    actor: { type: 'token', tokenId: token.id },
    organizationId: token.organization_id,
    roles: token.roles,
    requestId: String(request.id),
  };
}

const serviceParams = z.strictObject({ id: z.string().max(100) });
const CDS_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Point-of-care prescribing safety. Both endpoints compute over the payload the caller sends and
 * store nothing: no request body is persisted or logged, so there is nothing to audit.
 */
export async function safetyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const knowledge = drugKnowledge();
  const verifier = new CdsJwtVerifier();
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

  r.get(
    '/cds-services',
    { config: { public: true }, schema: { tags, summary: 'CDS Hooks discovery', response: { 200: cdsDiscoverySchema } } },
    async () => ({ services: cdsServices }),
  );

  r.post(
    '/cds-services/:id',
    {
      config: { public: true },
      // Authenticate before the body is read: an unauthenticated caller never gets a large prefetch parsed.
      onRequest: async (request) => {
        request.access = await cdsAccess(app, verifier, request, (request.params as { id?: string }).id ?? '');
      },
      // A patient's prefetch (every medication, condition, test) can exceed the API's default limit.
      bodyLimit: Math.max(app.deps.config.bodyLimitBytes, CDS_BODY_LIMIT_BYTES),
      schema: {
        tags,
        summary: 'Call a CDS Hooks service (API token required)',
        params: serviceParams,
        body: safetyCheckRequestSchema,
        response: { 200: cdsResponseSchema, ...errors, 404: errorBodySchema },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      const service = cdsServices.find((s) => s.id === request.params.id);
      if (!service) throw new AppError('NOT_FOUND', { message: 'No such CDS service.' });
      authorizeSafetyCheck(request.access);
      const body = request.body;
      if (body.hook !== service.hook) throw validationError('body.hook', `must be "${service.hook}" for this service`);
      const prefetch = body.prefetch;
      if (typeof prefetch !== 'object' || prefetch === null)
        throw validationError(
          'body.prefetch',
          `is required (keys ${requiredPrefetch.join(', ')}); this service does not fetch from the FHIR server`,
        );
      for (const key of requiredPrefetch) {
        if (!(key in prefetch))
          throw validationError(`body.prefetch.${key}`, 'is required; this service does not fetch from the FHIR server');
      }
      const result = checkSafety(knowledge, body, today(), undefined, service.hook);
      return toCards(result, typeof body.hookInstance === 'string' ? body.hookInstance : String(request.id));
    },
  );
}
