import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditListQuerySchema, auditPageSchema, auditVerifySchema, errorBodySchema } from '@continuum/contracts';
import { authorizeAdmin } from '../../core/admin-authorize.ts';
import { listAuditEntries, verifyAuditChain } from './audit.ts';

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
      const scope = authorizeAdmin(request.access, 'audit.read');
      return listAuditEntries(db, { ...request.query, organizationId: scope });
    },
  );

  r.post(
    '/api/admin/audit/verify',
    { schema: { tags: ['audit'], summary: 'Recompute the hash chain', response: { 200: auditVerifySchema, ...errors } } },
    async (request) => {
      authorizeAdmin(request.access, 'audit.verify');
      return verifyAuditChain(db);
    },
  );
}
