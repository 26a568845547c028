import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_HEADER, PORTAL_SESSION_COOKIE, SESSION_COOKIE, type Role } from '@continuum/contracts';
import { AppError } from '../errors.ts';
import { anonymousAccess, type AccessContext } from '../core/access-context.ts';
import {
  findSessionByToken,
  isActiveUser,
  membershipRoles,
  resolveApiToken,
  safeEqual,
  sessionState,
  touchSession,
} from '../modules/identity/index.ts';
import { findPortalSession, touchPortalSession } from '../modules/portal/index.ts';

export const ORGANIZATION_HEADER = 'x-continuum-organization';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function requestedOrganization(request: FastifyRequest): string | undefined {
  const value = request.headers[ORGANIZATION_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Turns a bearer token or a session cookie into the request's AccessContext. Routes marked
 * `config.public` also get one (anonymous, or the caller's if they sent credentials).
 */
export function registerAuthentication(app: FastifyInstance) {
  app.decorateRequest('access', null as unknown as AccessContext);
  app.decorateRequest('session', null);
  app.decorateRequest('portalSession', null);

  app.addHook('onRequest', async (request) => {
    request.access = anonymousAccess(String(request.id));
    const isPublic = request.routeOptions.config?.public === true;
    // The JSON API and the FHIR API are authenticated; the web app's files are not (the app signs in).
    const isApi = /^\/(api|fhir)(\/|\?|$)/.test(request.url) && !request.url.startsWith('/api/docs');
    if (isPublic || !isApi || request.is404) return;

    if (request.routeOptions.config?.portal) return authenticatePortal(app, request);

    const { db, clock, config } = app.deps;
    const now = clock.now();
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw new AppError('UNAUTHENTICATED', { message: 'Use "Authorization: Bearer <token>".' });
      const token = await resolveApiToken(db, clock, config, match[1]);
      if (!token) throw new AppError('UNAUTHENTICATED', { message: 'The API token is not valid, has expired or was revoked.' });
      if (request.routeOptions.config?.sessionOnly)
        throw new AppError('FORBIDDEN', { message: 'This endpoint is for signed-in people, not API tokens.' });
      const asked = requestedOrganization(request);
      if (asked && asked !== token.organization_id) {
        throw new AppError('TOKEN_SCOPE_VIOLATION', { message: 'This API token acts only for the organization it was issued to.' });
      }
      request.access = {
        actor: { type: 'token', tokenId: token.id },
        organizationId: token.organization_id,
        roles: token.roles,
        requestId: String(request.id),
      };
      return;
    }

    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie && request.routeOptions.config?.optionalSession) return;
    if (!cookie) throw new AppError('UNAUTHENTICATED');
    const found = await findSessionByToken(db, config, cookie);
    if (!found) throw new AppError('UNAUTHENTICATED');
    const state = sessionState(found, now);
    if (state === 'revoked') throw new AppError('UNAUTHENTICATED');
    if (state === 'expired') throw new AppError('SESSION_EXPIRED', { message: 'Your session has expired. Sign in again.' });
    if (!(await isActiveUser(db, found.user_id))) throw new AppError('UNAUTHENTICATED');

    checkCsrf(request, found.csrf_token);
    const session = await touchSession(db, clock, config, found);

    const organizationId = requestedOrganization(request) ?? session.active_organization_id;
    let roles: Role[] = [];
    if (organizationId) {
      const membership = await membershipRoles(db, session.user_id, organizationId);
      if (!membership) throw new AppError('NOT_A_MEMBER', { message: 'You are not a member of that organization.' });
      roles = membership;
    }
    request.session = session;
    request.access = {
      actor: { type: 'user', userId: session.user_id, sessionId: session.id },
      organizationId: organizationId ?? null,
      roles,
      requestId: String(request.id),
    };
  });
}

function checkCsrf(request: FastifyRequest, expected: string) {
  if (SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, expected)) {
    throw new AppError('CSRF_TOKEN_INVALID', { message: `Missing or wrong ${CSRF_HEADER} header.` });
  }
}

/**
 * The person's portal: only the portal cookie counts (a staff cookie or an API token is not looked
 * at), and it makes a person principal with no organization and no roles, whom the registry's
 * decision lets see their own record alone. Staff routes never look at the portal cookie, so a
 * person reaches none of them.
 */
async function authenticatePortal(app: FastifyInstance, request: FastifyRequest) {
  const { db, clock, config } = app.deps;
  const cookie = request.cookies[PORTAL_SESSION_COOKIE];
  if (!cookie && request.routeOptions.config?.optionalSession) return;
  if (!cookie) throw new AppError('UNAUTHENTICATED');
  const found = await findPortalSession(db, config, cookie);
  if (!found || found.account.status !== 'active') throw new AppError('UNAUTHENTICATED');
  const state = sessionState(found.session, clock.now());
  if (state === 'revoked') throw new AppError('UNAUTHENTICATED');
  if (state === 'expired') throw new AppError('SESSION_EXPIRED', { message: 'You were signed out after a while. Sign in again.' });
  checkCsrf(request, found.session.csrf_token);
  const session = await touchPortalSession(db, clock, found.session);
  request.portalSession = { session, account: found.account };
  request.access = {
    actor: { type: 'person', personId: found.account.person_id, accountId: found.account.id, sessionId: session.id },
    organizationId: null,
    roles: [],
    requestId: String(request.id),
  };
}
