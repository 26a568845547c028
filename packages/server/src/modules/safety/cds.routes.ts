import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cdsDiscoverySchema,
  cdsFeedbackRequestSchema,
  cdsResponseSchema,
  errorBodySchema,
  safetyCheckRequestSchema,
} from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { resolveApiToken } from '../identity/index.ts';
import { CdsJwtVerifier, looksLikeJwt } from '../ehr/index.ts';
import { cdsServices } from './cds-hooks.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { callCdsService, submitCdsFeedback } from './safety-service.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };
const tags = ['prescribing safety'];
const serviceParams = z.strictObject({ id: z.string().max(100) });
const CDS_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

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

/** CDS Hooks 2.0: discovery, the three services and feedback. */
export async function cdsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const knowledge = drugKnowledge();
  const verifier = new CdsJwtVerifier();
  const { db, clock, config } = app.deps;
  const authenticate = async (request: FastifyRequest) => {
    request.access = await cdsAccess(app, verifier, request, (request.params as { id?: string }).id ?? '');
  };

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
      onRequest: authenticate,
      // A patient's prefetch (every medication, condition, test) can exceed the API's default limit.
      bodyLimit: Math.max(config.bodyLimitBytes, CDS_BODY_LIMIT_BYTES),
      schema: {
        tags,
        summary: 'Call a CDS Hooks service (a registered EHR connection’s JWT or an API token)',
        params: serviceParams,
        body: safetyCheckRequestSchema,
        response: { 200: cdsResponseSchema, ...errors, 404: errorBodySchema },
        security: [{ bearer: [] }],
      },
    },
    async (request) =>
      callCdsService(db, clock, request.access, knowledge, request.params.id, request.body, {
        publicUrl: config.mail.publicUrl,
        production: config.env === 'production',
        requestId: String(request.id),
      }),
  );

  r.post(
    '/cds-services/:id/feedback',
    {
      config: { public: true },
      onRequest: authenticate,
      schema: {
        tags,
        summary: 'CDS Hooks feedback: what the clinician did with each card (accepted, or overridden with a reason)',
        params: serviceParams,
        body: cdsFeedbackRequestSchema,
        response: { 200: z.object({}), ...errors, 404: errorBodySchema },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      await submitCdsFeedback(db, clock, request.access, request.params.id, request.body);
      return {};
    },
  );
}
