import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.ts';
import { registerAuthentication } from './http/authenticate.ts';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandler, sendNotFound } from './http/error-handler.ts';
import { registerInputGuard } from './http/input-guard.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { healthRoutes } from './http/health.routes.ts';
import './http/fastify-types.ts';
import { loggerOptions } from './logging.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { identityAdminRoutes, authRoutes } from './modules/identity/index.ts';
import { organizationRoutes } from './modules/organizations/index.ts';
import { directoryRoutes, locatorRoutes, hsdsRoutes } from './modules/directory/index.ts';
import { notificationRoutes } from './modules/notifications/index.ts';
import { referralRoutes, referralFhirRoutes } from './modules/referrals/index.ts';
import { registryFhirRoutes, registryRoutes, type NetworkMatcher } from './modules/registry/index.ts';
import { networkMatches, personIndexRoutes } from './modules/person-index/index.ts';
import { cdsRoutes, safetyRoutes } from './modules/safety/index.ts';
import { ehrAdminRoutes, smartRoutes } from './modules/ehr/index.ts';
import { worklistRoutes } from './modules/worklist/index.ts';
import { portalCareRoutes, portalRoutes } from './modules/portal/index.ts';
import { expectedTrajectoryRoutes, learningRoutes, learningReportRoutes } from './modules/learning/index.ts';
import { overdoseRoutes } from './modules/overdose/index.ts';
import { linkageJobRoutes } from './modules/linkage/index.ts';
import { feedRoutes } from './modules/feeds/index.ts';
import { gapsRoutes } from './modules/gaps/index.ts';
import { geographyRoutes } from './modules/geography/index.ts';
import { scenarioRoutes } from './modules/scenarios/index.ts';
import { networkRoutes, trainingRoutes } from './modules/network/index.ts';
import { scorecardRoutes } from './modules/scorecards/index.ts';

export interface BuildAppOptions {
  /** false: no request logs (tests); a Fastify logger option otherwise. */
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
  /** Told of every route as it is added (the authorization matrix test reads the route table). */
  onRoute?: (route: RouteOptions) => void;
}

/** Builds the HTTP app from its dependencies. It never listens: main.ts does, tests use inject(). */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(deps.config.logLevel, options.logStream),
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: false,
    forceCloseConnections: true,
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
  });
  // Only JSON (and, where a route adds it, CSV or FHIR JSON): text/plain is 415, as documented, not a string the schema refuses.
  app.removeContentTypeParser('text/plain');
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // A route that decided its own caching (the boundaries' ETag revalidation) keeps it; every other API answer is no-store.
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });

  registerSecurityHeaders(app, deps.config);
  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Continuum API', version: '0.1.0', description: "The API of a community's opioid-use-disorder care network." },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'continuum_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerAuthentication(app);
  registerInputGuard(app);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(organizationRoutes);
  await app.register(identityAdminRoutes);
  await app.register(auditRoutes);
  await app.register(safetyRoutes);
  await app.register(cdsRoutes);
  await app.register(ehrAdminRoutes);
  await app.register(smartRoutes);
  await app.register(directoryRoutes);
  await app.register(locatorRoutes);
  await app.register(hsdsRoutes);
  await app.register(registryRoutes, {
    networkMatcher: (async (trx, input) =>
      networkMatches(trx, {
        givenName: input.givenName,
        familyName: input.familyName,
        birthDate: input.birthDate,
        sex: input.sex === 'unknown' ? '' : (input.sex ?? ''),
        phone: input.phone ?? '',
        ssn: '',
        address: '',
        city: '',
        zip: '',
        email: '',
      })) satisfies NetworkMatcher,
  });
  await app.register(personIndexRoutes);
  await app.register(registryFhirRoutes);
  await app.register(notificationRoutes);
  await app.register(referralRoutes);
  await app.register(referralFhirRoutes);
  await app.register(overdoseRoutes);
  await app.register(worklistRoutes);
  await app.register(portalRoutes);
  await app.register(portalCareRoutes);
  await app.register(learningRoutes);
  await app.register(learningReportRoutes);
  await app.register(expectedTrajectoryRoutes);
  await app.register(linkageJobRoutes);
  await app.register(feedRoutes);
  await app.register(gapsRoutes);
  await app.register(geographyRoutes);
  await app.register(scenarioRoutes);
  await app.register(networkRoutes);
  await app.register(trainingRoutes);
  await app.register(scorecardRoutes);

  const webDir = deps.config.webDir;
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api');
    if (!isApi && hasWeb && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    if (!isApi && !hasWeb && request.method === 'GET') {
      return reply.type('text/plain; charset=utf-8').send('The web app is not built. Run `npm run build` (npm start does it for you).\n');
    }
    return sendNotFound(request, reply);
  });
  return app;
}
