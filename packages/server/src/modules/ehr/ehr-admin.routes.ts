import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createEhrConnectionSchema,
  createEhrUserLinkSchema,
  ehrConnectionListSchema,
  ehrConnectionSchema,
  ehrUserLinkListSchema,
  ehrUserLinkSchema,
  errorBodySchema,
  idParamsSchema,
  updateEhrConnectionSchema,
} from '@continuum/contracts';
import { createEhrConnection, linkEhrUser, listEhrConnections, listEhrUserLinks, setEhrConnectionActive } from './connections.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['administration'];

/** EHR connections (CDS Hooks clients and SMART launches) and their user mappings: network administrators. */
export async function ehrAdminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;

  r.get(
    '/api/admin/ehr-connections',
    { schema: { tags, summary: 'List EHR connections', response: { 200: ehrConnectionListSchema, ...errors } } },
    async (request) => ({ items: await listEhrConnections(db, request.access) }),
  );

  r.post(
    '/api/admin/ehr-connections',
    {
      schema: {
        tags,
        summary: 'Register an EHR: a CDS Hooks client (iss and keys) and/or a SMART launch (FHIR base URL and client)',
        body: createEhrConnectionSchema,
        response: { 201: ehrConnectionSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createEhrConnection(db, clock, request.access, request.body, config)),
  );

  r.patch(
    '/api/admin/ehr-connections/:id',
    {
      schema: {
        tags,
        summary: 'Deactivate or reactivate an EHR connection',
        params: idParamsSchema,
        body: updateEhrConnectionSchema,
        response: { 200: ehrConnectionSchema, ...errors },
      },
    },
    async (request) => setEhrConnectionActive(db, clock, request.access, request.params.id, request.body.active),
  );

  r.get(
    '/api/admin/ehr-connections/:id/users',
    {
      schema: {
        tags,
        summary: 'EHR users mapped to Continuum users',
        params: idParamsSchema,
        response: { 200: ehrUserLinkListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listEhrUserLinks(db, request.access, request.params.id) }),
  );

  r.post(
    '/api/admin/ehr-connections/:id/users',
    {
      schema: {
        tags,
        summary: 'Map an EHR user (fhirUser) to a Continuum user',
        params: idParamsSchema,
        body: createEhrUserLinkSchema,
        response: { 201: ehrUserLinkSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await linkEhrUser(db, clock, request.access, request.params.id, request.body)),
  );
}
