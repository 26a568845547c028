import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { setSessionCookie } from '../identity/index.ts';
import { ehrPatientPrefillSchema } from '@continuum/contracts';
import { launchPatientPrefill } from './launch-prefill.ts';
import { completeLaunch, launchTargets, startLaunch } from './smart-launch.ts';

const tags = ['EHR launch'];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page for a launch that cannot go on: what happened and what to do (no identifiers). */
function refusalPage(reply: FastifyReply, status: number, message: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Continuum could not open</title></head>` +
        `<body><main><h1>Continuum could not open</h1><p>${escapeHtml(message)}</p>` +
        `<p><a href="/login">Sign in to Continuum</a></p></main></body></html>`,
    );
}

function refusal(reply: FastifyReply, error: unknown) {
  if (error instanceof AppError) return refusalPage(reply, error.status, error.message);
  throw error;
}

const launchQuery = z.object({
  iss: z.url().max(500).describe("The EHR's FHIR base URL"),
  launch: z.string().min(1).max(2000).optional().describe('The EHR launch context (absent in a standalone launch)'),
  target: z.enum(launchTargets).default('person').describe('Where to land: the person page, the safety panel or the referral composer'),
});
const callbackQuery = z.looseObject({
  state: z.string().max(500).optional(),
  code: z.string().max(5000).optional(),
  error: z.string().max(200).optional(),
});

/** SMART App Launch: `/launch` (the app's launch URL) and `/launch/callback` (its redirect URI). Public: they sign the user in. */
export async function smartRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;

  r.get(
    '/launch',
    {
      config: { public: true },
      schema: { tags, summary: 'SMART App Launch: EHR launch (iss + launch) or standalone launch (iss)', querystring: launchQuery },
    },
    async (request, reply) => {
      try {
        const url = await startLaunch(db, clock, request.query, config);
        return reply.header('cache-control', 'no-store').redirect(url.href, 302);
      } catch (error) {
        return refusal(reply, error);
      }
    },
  );

  r.get(
    '/launch/callback',
    {
      config: { public: true },
      schema: { tags, summary: 'SMART App Launch redirect URI: token exchange, then the Continuum session', querystring: callbackQuery },
    },
    async (request, reply) => {
      if (request.query.error) return refusalPage(reply, 401, `The EHR did not authorize Continuum (${request.query.error}).`);
      try {
        const current = new URL(request.url, config.mail.publicUrl);
        const done = await completeLaunch(db, clock, request.access, current, config);
        setSessionCookie(reply, config, done.token, done.cookieExpiresAt);
        return reply.header('cache-control', 'no-store').redirect(done.redirectTo, 302);
      } catch (error) {
        return refusal(reply, error);
      }
    },
  );

  r.get(
    '/api/ehr/launches/:id/patient',
    {
      schema: {
        tags,
        summary: "The EHR patient's details a launch kept for the registration form (the session the launch opened, for an hour)",
        params: z.object({ id: z.uuid() }),
        response: { 200: ehrPatientPrefillSchema },
      },
    },
    async (request, reply) => {
      const prefill = await launchPatientPrefill(db, clock, request.access, request.params.id, config);
      return reply.header('cache-control', 'no-store').send(prefill);
    },
  );
}
