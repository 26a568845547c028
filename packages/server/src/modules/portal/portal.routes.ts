import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import {
  PORTAL_SESSION_COOKIE,
  errorBodySchema,
  idParamsSchema,
  okSchema,
  portalCodeRequestSchema,
  portalCodeSentSchema,
  portalConsentListSchema,
  portalConsentSchema,
  portalDisclosureListSchema,
  portalHelpRequestSchema,
  portalHelpResultSchema,
  portalInvitationResultSchema,
  portalInvitationSchema,
  portalLanguageSchema,
  portalSessionSchema,
  portalVerifySchema,
  purposeLabels,
  recordKindLabels,
} from '@continuum/contracts';
import { csvStringifyCast } from '../../core/csv.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { readContext, readOwnGreeting } from '../registry/index.ts';
import { invitePersonToPortal } from './portal-invite.ts';
import { askForHelp, myConsents, myDisclosures, revokeMyConsent } from './portal-me.ts';
import {
  CODE_CHECKS_PER_IP,
  CODE_REQUESTS_PER_ADDRESS,
  CODE_REQUESTS_PER_IP,
  RATE_WINDOW_MINUTES,
  createWindowLimiter,
} from './portal-rules.ts';
import { smsSenderFor } from './portal-senders.ts';
import { revokePortalSessions, portalSessionView } from './portal-session.ts';
import { requestPortalCode, requireAddress, verifyPortalCode } from './portal-sign-in.ts';

const tags = ['portal'];
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  429: errorBodySchema,
};
/** Routes a signed-in person reaches, with the portal cookie only (http/authenticate.ts). */
const portal = { portal: true } as const;

function setPortalCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date) {
  reply.setCookie(PORTAL_SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.session.cookieSecure,
    expires: expiresAt,
  });
}

const rateLimited = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', { message: 'Too many tries. Wait a few minutes and try again.', retryAfterSeconds });

/** The person's portal (docs/portal.md): passwordless sign-in, the person's own consents and disclosures, help now. */
export async function portalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const sms = smsSenderFor(config, app.deps.smsSender);
  const perAddress = createWindowLimiter(CODE_REQUESTS_PER_ADDRESS, RATE_WINDOW_MINUTES);
  const perIp = createWindowLimiter(CODE_REQUESTS_PER_IP, RATE_WINDOW_MINUTES);
  const checksPerIp = createWindowLimiter(CODE_CHECKS_PER_IP, RATE_WINDOW_MINUTES);

  // ── Staff: invite a person ────────────────────────────────────────────────
  r.post(
    '/api/people/:id/portal-invitation',
    {
      schema: {
        tags,
        summary: "Invite a person to their portal (staff of an organization that holds the person's record)",
        params: idParamsSchema,
        body: portalInvitationSchema,
        response: { 201: portalInvitationResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await invitePersonToPortal(db, clock, request.access, request.params.id, request.body, config, sms);
      return reply.status(201).send(result);
    },
  );

  // ── Sign-in without a password ────────────────────────────────────────────
  r.post(
    '/api/portal/auth/code',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Send a sign-in code to an address (the same answer whether or not it has a portal)',
        body: portalCodeRequestSchema,
        response: { 202: portalCodeSentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const address = requireAddress(request.body.address);
      const wait = perIp.hit(request.ip, now) ?? perAddress.hit(`${address.channel}:${address.value}`, now);
      if (wait) throw rateLimited(wait);
      await requestPortalCode(db, clock, config, sms, request.body, String(request.id));
      return reply.status(202).send({ sent: true as const });
    },
  );

  r.post(
    '/api/portal/auth/verify',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in with the code; sets the portal cookie',
        body: portalVerifySchema,
        response: { 200: portalSessionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const wait = checksPerIp.hit(request.ip, clock.now());
      if (wait) throw rateLimited(wait);
      const { token, session, account, access } = await verifyPortalCode(db, clock, config, request.body, String(request.id));
      setPortalCookie(reply, config, token, session.absolute_expires_at);
      const greeting = await db.transaction().execute((trx) => readOwnGreeting(trx, readContext(access, clock)));
      return portalSessionView(session, { givenName: greeting.givenName, language: account.language });
    },
  );

  r.get(
    '/api/portal/auth/session',
    {
      config: { ...portal, optionalSession: true },
      schema: {
        tags,
        summary: 'The signed-in person (204 when the request carries no portal cookie)',
        response: { 200: portalSessionSchema, 204: z.null().describe('Nobody is signed in'), ...errors },
      },
    },
    async (request, reply) => {
      if (!request.portalSession) return reply.status(204).send(null);
      const greeting = await db.transaction().execute((trx) => readOwnGreeting(trx, readContext(request.access, clock)));
      return portalSessionView(request.portalSession.session, {
        givenName: greeting.givenName,
        language: request.portalSession.account.language,
      });
    },
  );

  r.post(
    '/api/portal/auth/logout',
    { config: portal, schema: { tags, summary: 'Sign out on this device', response: { 200: okSchema, ...errors } } },
    async (request, reply) => {
      const { session } = request.portalSession!;
      await db.transaction().execute(async (trx) => {
        await revokePortalSessions(trx, clock, { sessionId: session.id });
        await recordAudit(trx, clock, request.access, { action: 'portal.sign-out', entityType: 'portal_session', entityId: session.id });
      });
      reply.clearCookie(PORTAL_SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/portal/auth/logout-everywhere',
    { config: portal, schema: { tags, summary: 'Sign out on every device', response: { 200: okSchema, ...errors } } },
    async (request, reply) => {
      const { account } = request.portalSession!;
      await db.transaction().execute(async (trx) => {
        const ended = await revokePortalSessions(trx, clock, { accountId: account.id });
        await recordAudit(trx, clock, request.access, {
          action: 'portal.sign-out-everywhere',
          entityType: 'portal_account',
          entityId: account.id,
          details: { sessions: ended },
        });
      });
      reply.clearCookie(PORTAL_SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  // ── The person's own record ───────────────────────────────────────────────
  r.get(
    '/api/portal/consents',
    { config: portal, schema: { tags, summary: 'My consents', response: { 200: portalConsentListSchema, ...errors } } },
    async (request) => ({ items: await myConsents(db, clock, request.access) }),
  );

  r.post(
    '/api/portal/consents/:id/revoke',
    {
      config: portal,
      schema: {
        tags,
        summary: 'Revoke one of my consents, now',
        params: idParamsSchema,
        response: { 200: portalConsentSchema, ...errors },
      },
    },
    async (request) => revokeMyConsent(db, clock, request.access, request.params.id),
  );

  r.get(
    '/api/portal/disclosures',
    {
      config: portal,
      schema: { tags, summary: 'Who saw my record (last three years)', response: { 200: portalDisclosureListSchema, ...errors } },
    },
    async (request) => myDisclosures(db, clock, request.access),
  );

  r.get(
    '/api/portal/disclosures.csv',
    {
      config: portal,
      schema: {
        tags,
        summary: 'Who saw my record, as a CSV file',
        querystring: z.strictObject({ lang: portalLanguageSchema.default('en') }),
      },
    },
    async (request, reply) => {
      const list = await myDisclosures(db, clock, request.access, true);
      const lang = request.query.lang;
      const header =
        lang === 'es'
          ? { date: 'fecha', who: 'quién lo vio', from: 'de', what: 'qué', why: 'para qué', emergency: 'emergencia' }
          : { date: 'date', who: 'who saw it', from: 'from', what: 'what', why: 'why', emergency: 'emergency' };
      const csv = stringify(
        list.items.map((d) => ({
          date: d.occurredAt.slice(0, 10),
          who: d.organizationName ?? '',
          from: d.fromOrganizationName ?? '',
          what: d.kinds.map((k) => recordKindLabels[k][lang]).join('; '),
          why: purposeLabels[d.purpose][lang],
          emergency: d.emergency ? (lang === 'es' ? 'sí' : 'yes') : lang === 'es' ? 'no' : 'no',
        })),
        { header: true, cast: csvStringifyCast, columns: Object.entries(header).map(([key, h]) => ({ key, header: h })) },
      );
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="who-saw-my-record-${list.from}-to-${list.to}.csv"`)
        .header('cache-control', 'no-store');
      return csv;
    },
  );

  r.post(
    '/api/portal/help',
    {
      config: portal,
      schema: {
        tags,
        summary: 'I need help today: an urgent task for my navigator',
        body: portalHelpRequestSchema,
        response: { 200: portalHelpResultSchema, ...errors },
      },
    },
    async (request) => askForHelp(db, clock, request.access),
  );
}
