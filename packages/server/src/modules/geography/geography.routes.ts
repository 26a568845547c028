import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  boundariesQuerySchema,
  boundaryCollectionSchema,
  boundaryImportResultSchema,
  boundaryImportSchema,
  countiesImportSchema,
  errorBodySchema,
  geographyPaths,
  mapConfigSchema,
} from '@continuum/contracts';
import { importAreaBoundaries, importUsCounties } from './boundary-import.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { servedBoundaries, type ServedBoundaries } from './boundary-serve.ts';
import { chooseEncoding } from './content-encoding.ts';

/**
 * The kept GeoJSON body as is (no re-serialising), precompressed when the client accepts Brotli or gzip,
 * or 304 when the browser already holds it. `Vary: Accept-Encoding` since the bytes depend on it; the
 * signed-in copy is `private` so no shared cache keeps it.
 */
function sendServed(request: FastifyRequest, reply: FastifyReply, served: ServedBoundaries, audience: 'public' | 'private') {
  reply
    .header('etag', served.etag)
    .header('cache-control', audience === 'public' ? 'no-cache' : 'private, no-cache')
    .header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === served.etag) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding === null) return reply.send(served.body);
  return reply.header('content-encoding', encoding).send(served.compressed[encoding]);
}

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };
const tags = ['geography'];

/** Area boundaries (docs/geography.md): the map's shapes, and their import; roles decided in the domain functions. */
export async function geographyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;

  r.get(
    geographyPaths.mapConfig,
    { schema: { tags, summary: 'The maps’ basemap style, if the deployment has one', response: { 200: mapConfigSchema, ...errors } } },
    async () => ({ styleUrl: config.map.styleUrl }),
  );

  r.get(
    geographyPaths.boundaries,
    {
      schema: {
        tags,
        summary: 'The areas’ boundaries as GeoJSON',
        querystring: boundariesQuerySchema,
        response: { 200: boundaryCollectionSchema, ...errors },
      },
    },
    async (request, reply) => {
      if (request.access.actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED');
      return sendServed(request, reply, await servedBoundaries(db, request.query.kind, true), 'private');
    },
  );

  r.get(
    geographyPaths.publicMapConfig,
    {
      config: { public: true },
      schema: { tags, summary: 'The basemap style, for the public locator’s map', security: [], response: { 200: mapConfigSchema } },
    },
    async () => ({ styleUrl: config.map.styleUrl }),
  );

  r.get(
    geographyPaths.publicBoundaries,
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'The areas’ boundaries as GeoJSON for the public locator’s map (no extra attributes); one kind, by default the kind the network holds most boundaries of',
        security: [],
        querystring: boundariesQuerySchema,
        response: { 200: boundaryCollectionSchema, 400: errorBodySchema },
      },
    },
    async (request, reply) => sendServed(request, reply, await servedBoundaries(db, request.query.kind ?? 'primary', false), 'public'),
  );

  r.post(
    geographyPaths.boundaries,
    {
      schema: {
        tags,
        summary: 'Import areas and their boundaries from GeoJSON or TopoJSON',
        body: boundaryImportSchema,
        response: { 200: boundaryImportResultSchema, ...errors },
      },
    },
    async (request) => importAreaBoundaries(db, clock, request.access, request.body),
  );

  r.post(
    geographyPaths.counties,
    {
      schema: {
        tags,
        summary: 'Import US counties (shipped boundaries) with their populations',
        body: countiesImportSchema,
        response: { 200: boundaryImportResultSchema, ...errors },
      },
    },
    async (request) => importUsCounties(db, clock, request.access, request.body),
  );
}
