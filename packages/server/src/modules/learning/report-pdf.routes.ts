import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { learningScopeQuerySchema } from '@continuum/contracts';
import { requireOrganizationScope } from './learning-policy.ts';
import { loadLearningReport, renderLearningReport, reportFileName } from './report-pdf.ts';

/** `GET /api/learning/report.pdf`: the printable report, with the same scope rules and suppression as the dashboard. */
export async function learningReportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  r.get(
    '/api/learning/report.pdf',
    {
      schema: {
        tags: ['learning'],
        summary: 'The printable report (PDF) of the cascade and every measure for a period and scope',
        querystring: learningScopeQuerySchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      requireOrganizationScope(request.access, request.query.organizationId);
      const report = await loadLearningReport(db, clock, request.query);
      const pdf = await renderLearningReport(report);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${reportFileName(report.results)}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
}
