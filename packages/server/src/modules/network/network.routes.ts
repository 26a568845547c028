import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  agreementInputSchema,
  agreementListQuerySchema,
  agreementListSchema,
  agreementSchema,
  agreementTerminateSchema,
  errorBodySchema,
  idParamsSchema,
  networkPaths,
} from '@continuum/contracts';
import { agreementsCsv, createAgreement, listAgreements, readAgreement, terminateAgreement, updateAgreement } from './agreements.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['network'];

/** Running the network (docs/network.md): the agreements register; roles decided in the domain functions. */
export async function networkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  r.get(
    networkPaths.agreements,
    {
      schema: {
        tags,
        summary: 'Agreements between members (network staff: all; members: their organization’s)',
        querystring: agreementListQuerySchema,
        response: { 200: agreementListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listAgreements(db, clock, request.access, request.query) }),
  );

  r.get(
    networkPaths.agreementsCsv,
    { schema: { tags, summary: 'The agreements register as CSV', querystring: agreementListQuerySchema } },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="agreements.csv"')
        .send(await agreementsCsv(db, clock, request.access, request.query)),
  );

  r.post(
    networkPaths.agreements,
    { schema: { tags, summary: 'Register an agreement', body: agreementInputSchema, response: { 201: agreementSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await createAgreement(db, clock, request.access, request.body)),
  );

  r.get(
    networkPaths.agreement,
    { schema: { tags, summary: 'One agreement', params: idParamsSchema, response: { 200: agreementSchema, ...errors } } },
    async (request) => readAgreement(db, clock, request.access, request.params.id),
  );

  r.put(
    networkPaths.agreement,
    {
      schema: {
        tags,
        summary: 'Change an agreement',
        params: idParamsSchema,
        body: agreementInputSchema,
        response: { 200: agreementSchema, ...errors },
      },
    },
    async (request) => updateAgreement(db, clock, request.access, request.params.id, request.body),
  );

  r.post(
    networkPaths.agreementTerminate,
    {
      schema: {
        tags,
        summary: 'End an agreement early (no access and no reminders from that day)',
        params: idParamsSchema,
        body: agreementTerminateSchema,
        response: { 200: agreementSchema, ...errors },
      },
    },
    async (request) => terminateAgreement(db, clock, request.access, request.params.id, request.body),
  );
}
