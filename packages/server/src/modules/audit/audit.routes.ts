import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditListQuerySchema, auditPageSchema, auditVerifySchema, errorBodySchema } from '@continuum/contracts';
import { readAuditTrail, verifyAuditTrail } from './audit.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first',
        querystring: auditListQuerySchema,
        response: { 200: auditPageSchema, ...errors },
      },
    },
    async (request) => {
      return readAuditTrail(db, request.access, request.query);
    },
  );

  r.post(
    '/api/admin/audit/verify',
    { schema: { tags: ['audit'], summary: 'Recompute the hash chain', response: { 200: auditVerifySchema, ...errors } } },
    async (request) => {
      return verifyAuditTrail(db, request.access);
    },
  );
}
