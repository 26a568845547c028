import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  SESSION_COOKIE,
  changePasswordRequestSchema,
  errorBodySchema,
  loginRequestSchema,
  okSchema,
  sessionSchema,
  switchOrganizationRequestSchema,
  whoAmISchema,
} from '@continuum/contracts';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { loginWithPassword } from './login.ts';
import { createLoginRateLimiter, loginThrottleOf } from './login-rate-limit.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { assertPasswordPolicy } from './users.ts';
import { sessionView } from './session.ts';

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.session.cookieSecure,
    expires: expiresAt,
  });
}

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  422: errorBodySchema,
  423: errorBodySchema,
  429: errorBodySchema,
};

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const limiter = createLoginRateLimiter(config.login.ratePerMinute);
  const throttle = loginThrottleOf(app.deps);

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: loginRequestSchema,
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const limited = limiter.hit(request.ip, clock.now());
      if (limited)
        throw new AppError('RATE_LIMITED', {
          message: 'Too many sign-in attempts from this address. Wait a minute and try again.',
          retryAfterSeconds: limited,
        });
      const { email } = request.body;
      const wait = throttle.check(email, request.ip, clock.now());
      if (wait)
        throw new AppError('RATE_LIMITED', {
          message: 'Too many failed sign-in attempts. Wait a little and try again.',
          retryAfterSeconds: wait,
        });
      let result;
      try {
        result = await loginWithPassword(db, clock, request.access, request.body, config);
      } catch (error) {
        if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') throttle.failed(email, request.ip, clock.now());
        throw error;
      }
      throttle.succeeded(email, request.ip);
      setSessionCookie(reply, config, result.token, result.cookieExpiresAt);
      return result.session;
    },
  );

  r.get(
    '/api/auth/session',
    {
      // Without a session cookie: 204 No Content, so a public page asking "is anyone signed in?" gets an
      // answer rather than an error (a 401 is logged in the browser's console). A stale cookie is still 401.
      config: { sessionOnly: true, optionalSession: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in session (204 when the request carries no session cookie)',
        response: { 200: sessionSchema, 204: z.null().describe('Nobody is signed in'), ...errors },
      },
    },
    async (request, reply) => {
      if (!request.session) return reply.status(204).send(null);
      return sessionView(db, request.session);
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { sessionOnly: true }, schema: { tags: ['auth'], summary: 'End the session', response: { 200: okSchema, ...errors } } },
    async (request, reply) => {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('sessions').set({ revoked_at: clock.now() }).where('id', '=', request.session!.id).execute();
        await recordAudit(trx, clock, request.access, { action: 'auth.logout', entityType: 'session', entityId: request.session!.id });
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/organization',
    {
      config: { sessionOnly: true },
      schema: {
        tags: ['auth'],
        summary: 'Switch the active organization',
        body: switchOrganizationRequestSchema,
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request) => {
      const session = request.session!;
      return db.transaction().execute(async (trx) => {
        const member = await trx
          .selectFrom('memberships')
          .select('id')
          .where('user_id', '=', session.user_id)
          .where('organization_id', '=', request.body.organizationId)
          .executeTakeFirst();
        if (!member) throw new AppError('NOT_A_MEMBER', { message: 'You are not a member of that organization.' });
        const updated = await trx
          .updateTable('sessions')
          .set({ active_organization_id: request.body.organizationId })
          .where('id', '=', session.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(
          trx,
          clock,
          { ...request.access, organizationId: request.body.organizationId },
          {
            action: 'auth.switch-organization',
            entityType: 'session',
            entityId: session.id,
          },
        );
        return sessionView(trx, updated);
      });
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { sessionOnly: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your password',
        body: changePasswordRequestSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      const session = request.session!;
      const user = await db
        .selectFrom('users')
        .select(['email', 'password_hash'])
        .where('id', '=', session.user_id)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(user.password_hash, request.body.currentPassword))) {
        throw new AppError('INVALID_CREDENTIALS', {
          message: 'The current password is not correct.',
          fields: [{ path: 'body.currentPassword', message: 'Not correct' }],
        });
      }
      assertPasswordPolicy(request.body.newPassword, user.email, 'body.newPassword');
      const hash = await hashPassword(request.body.newPassword);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: hash, password_changed_at: now, updated_at: now })
          .where('id', '=', session.user_id)
          .execute();
        // Every other session of this person ends: a changed password must lock out a stolen session.
        await trx
          .updateTable('sessions')
          .set({ revoked_at: now })
          .where('user_id', '=', session.user_id)
          .where('id', '!=', session.id)
          .where('revoked_at', 'is', null)
          .execute();
        await recordAudit(trx, clock, request.access, { action: 'auth.change-password', entityType: 'user', entityId: session.user_id });
      });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who the API takes the caller to be (session or API token)',
        response: { 200: whoAmISchema, ...errors },
      },
    },
    async (request) => {
      const { actor, organizationId, roles } = request.access;
      return {
        actorType: actor.type === 'token' ? ('token' as const) : ('user' as const),
        userId: actor.type === 'user' ? actor.userId : null,
        tokenId: actor.type === 'token' ? actor.tokenId : null,
        organizationId,
        roles: [...roles],
      };
    },
  );
}
