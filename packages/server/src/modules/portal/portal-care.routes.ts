import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema, idParamsSchema, portalCareSchema, portalLanguageSchema } from '@continuum/contracts';
import { appointmentCalendar, myCare } from './portal-care.ts';

const tags = ['portal'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema };
/** Routes a signed-in person reaches, with the portal cookie only (http/authenticate.ts). */
const portal = { portal: true } as const;

/** "My care" in the person's portal (docs/portal.md): referrals, visits (with a calendar file), care team, planned outreach. */
export async function portalCareRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  r.get(
    '/api/portal/care',
    {
      config: portal,
      schema: { tags, summary: 'My referrals, visits, care team and planned outreach', response: { 200: portalCareSchema, ...errors } },
    },
    async (request) => myCare(db, clock, request.access),
  );

  r.get(
    '/api/portal/appointments/:id/calendar.ics',
    {
      config: portal,
      schema: {
        tags,
        summary: "One of my visits as a calendar file (the id is the referral's)",
        params: idParamsSchema,
        querystring: z.strictObject({ lang: portalLanguageSchema.default('en') }),
      },
    },
    async (request, reply) => {
      const ics = await appointmentCalendar(db, clock, request.access, request.params.id, request.query.lang);
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="visit.ics"')
        .header('cache-control', 'no-store');
      return ics;
    },
  );
}
