import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cdsDiscoverySchema,
  cdsFeedbackRequestSchema,
  cdsResponseSchema,
  epochDay,
  errorBodySchema,
  safetyCheckRequestSchema,
} from '@continuum/contracts';
import { AppError, validationError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { resolveApiToken } from '../identity/index.ts';
import { CdsJwtVerifier, connectionIdentifierSystem, looksLikeJwt, medicalRecordNumbers, recordCdsFeedback } from '../ehr/index.ts';
import { cdsServices, requiredPrefetch, toCards, type CardContext } from './cds-hooks.ts';
import { findNetworkPerson, networkRecords, type NetworkRecords } from './cds-network.ts';
import { completePrefetch } from './cds-prefetch.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { taperSuggestion } from './person-safety.ts';
import { checkSafetyWithFacts } from './safety-check.ts';
import { authorizeSafetyCheck } from './safety.routes.ts';

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

function networkNote(n: NetworkRecords | null): string | null {
  if (!n) return null;
  const parts: string[] = [];
  if (n.orders.length > 0)
    parts.push(
      `Includes ${n.orders.length} dispensing record(s) the Continuum network holds from ${n.organizations} organization(s) outside this EHR.`,
    );
  if (n.restricted) parts.push('Some of the network’s medication records for this person need the person’s consent and were not used.');
  if (n.redisclosureNotice) parts.push(n.redisclosureNotice);
  return parts.length > 0 ? parts.join('\n\n') : null;
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
    async (request) => {
      const service = cdsServices.find((s) => s.id === request.params.id);
      if (!service) throw new AppError('NOT_FOUND', { message: 'No such CDS service.' });
      authorizeSafetyCheck(request.access);
      if (request.body.hook !== service.hook) throw validationError('body.hook', `must be "${service.hook}" for this service`);
      const { body } = await completePrefetch(request.body, service.prefetch, requiredPrefetch, {
        production: config.env === 'production',
      });
      const asOf = epochDay(clock.now());
      const prefetch = body.prefetch as Record<string, unknown>;
      const context = (body.context ?? {}) as Record<string, unknown>;
      let network: NetworkRecords | null = null;
      if (request.access.organizationId) {
        const mrns = medicalRecordNumbers(prefetch.patient, await connectionIdentifierSystem(db, request.access));
        const personId = await findNetworkPerson(db, request.access.organizationId, mrns);
        if (personId) network = await networkRecords(db, clock, request.access, knowledge, personId, asOf);
      }
      const { result, facts } = checkSafetyWithFacts(knowledge, body, asOf, undefined, service.hook, network ?? undefined);
      const cardContext: CardContext = {
        publicUrl: config.mail.publicUrl,
        patientId: typeof context.patientId === 'string' ? context.patientId : null,
        taper: taperSuggestion(result.prescriptions, facts.orders),
        networkNote: networkNote(network),
      };
      return toCards(result, typeof body.hookInstance === 'string' ? body.hookInstance : String(request.id), cardContext);
    },
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
      if (!cdsServices.some((s) => s.id === request.params.id)) throw new AppError('NOT_FOUND', { message: 'No such CDS service.' });
      authorizeSafetyCheck(request.access);
      await recordCdsFeedback(db, clock, request.access, request.params.id, request.body);
      return {};
    },
  );
}
