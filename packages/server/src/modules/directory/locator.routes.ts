import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  directoryPaths as p,
  errorBodySchema,
  idParamsSchema,
  locatorSearchQuerySchema,
  locatorSearchResultSchema,
  locatorServiceDetailsSchema,
  locatorTownListSchema,
} from '@continuum/contracts';
import { LocatorIndex } from './locator-index.ts';
import { getLocatorService, listLocatorTowns, searchLocator } from './locator.ts';

const errors = { 400: errorBodySchema, 404: errorBodySchema };
const tags = ['public locator'];

/** The public treatment locator: no sign-in, by design. */
export async function locatorRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const ctx = () => ({ now: clock.now(), staleHours: config.directory.capacityStaleHours, timeZone: config.timeZone });
  // One in-memory directory per app; a change anywhere is visible to searches within a quarter second.
  const index = new LocatorIndex(250);

  r.get(
    p.locatorSearch,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Find treatment and harm-reduction services near a place',
        security: [],
        querystring: locatorSearchQuerySchema,
        response: { 200: locatorSearchResultSchema, ...errors },
      },
      // The busiest public route: its result is built field by field as the typed LocatorSearchResult,
      // so it is written as JSON directly; re-parsing 20–50 results through Zod cost about half of each
      // search (docs/performance.md, locator). The route test checks the response against the schema.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => searchLocator(db, ctx(), request.query, index),
  );

  r.get(
    p.locatorService,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'One service, for its details page',
        security: [],
        params: idParamsSchema,
        response: { 200: locatorServiceDetailsSchema, ...errors },
      },
    },
    async (request) => getLocatorService(db, ctx(), request.params.id),
  );

  r.get(
    p.locatorTowns,
    { config: { public: true }, schema: { tags, summary: "The network's towns", security: [], response: { 200: locatorTownListSchema } } },
    async () => listLocatorTowns(db),
  );
}
