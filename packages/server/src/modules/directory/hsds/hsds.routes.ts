// Longer than 300 lines: the HSDS API's fixed set of endpoints and its paging envelope; every handler is a thin adapter.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  directoryPaths as p,
  errorBodySchema,
  hsdsObjectSchema,
  hsdsPageQuerySchema,
  hsdsPageSchema,
  taxonomyCodes,
  type HsdsPageQuery,
} from '@continuum/contracts';
import type { DbOrTrx } from '../../../db/database.ts';
import { containsPattern } from '../../../db/search.ts';
import { AppError } from '../../../errors.ts';
import { boundingBox, distanceMiles } from '../geo.ts';
import { resolvePlace } from '../places.ts';
import {
  compact,
  loadHsdsRows,
  locationToHsds,
  organizationToHsds,
  organizationsFull,
  serviceToHsds,
  servicesFull,
  taxonomiesToHsds,
  type Hsds,
} from './hsds-export.ts';
import { continuumTermId } from './hsds-taxonomy.ts';

const tags = ['HSDS 3.0 (open data)'];
const errors = { 400: errorBodySchema, 404: errorBodySchema };
const textIdParams = z.strictObject({ id: z.string().min(1).max(100) });
const codeByTermId = new Map(taxonomyCodes.map((c) => [continuumTermId(c), c]));
const METRES_PER_MILE = 1609.344;

/** The HSDS Page envelope around one page of items. */
export function hsdsPage(items: Hsds[], total: number, query: Pick<HsdsPageQuery, 'page' | 'per_page'>) {
  const totalPages = Math.max(1, Math.ceil(total / query.per_page));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: query.page,
    size: items.length,
    first_page: query.page === 1,
    last_page: query.page >= totalPages,
    empty: items.length === 0,
    contents: items as z.infer<typeof hsdsObjectSchema>[],
  };
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

async function servicePage(db: DbOrTrx, query: HsdsPageQuery) {
  let q = db.selectFrom('directory_services');
  if (query.search) q = q.where('name', 'ilike', containsPattern(query.search));
  if (query.organization_id)
    q = isUuid(query.organization_id) ? q.where('organization_id', '=', query.organization_id) : q.where(sql<boolean>`false`);
  if (query.taxonomy_term_id) {
    const code = codeByTermId.get(query.taxonomy_term_id);
    q = code
      ? q.where(sql<boolean>`codes @> ${[code]}::text[]`)
      : q.where(sql<boolean>`(extra->'attributes')::text like ${containsPattern(query.taxonomy_term_id)}`);
  }
  const [rows, count] = await Promise.all([
    q
      .select('id')
      .orderBy('name')
      .orderBy('id')
      .limit(query.per_page)
      .offset((query.page - 1) * query.per_page)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const loaded = ids.length > 0 ? servicesFull(await loadHsdsRows(db, { serviceIds: ids })) : [];
  const byId = new Map(loaded.map((s) => [s.id as string, s]));
  return hsdsPage(
    ids.map((id) => byId.get(id)!),
    Number(count.n),
    query,
  );
}

async function serviceAtLocationPage(db: DbOrTrx, query: HsdsPageQuery) {
  let q = db
    .selectFrom('directory_service_at_locations as sal')
    .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
    .innerJoin('directory_services as s', 's.id', 'sal.service_id')
    .select(['sal.id', 'sal.service_id', 'l.latitude', 'l.longitude', 's.name']);
  if (query.search) q = q.where('s.name', 'ilike', containsPattern(query.search));
  if (query.organization_id)
    q = isUuid(query.organization_id) ? q.where('s.organization_id', '=', query.organization_id) : q.where(sql<boolean>`false`);
  if (query.taxonomy_term_id) {
    const code = codeByTermId.get(query.taxonomy_term_id);
    q = code
      ? q.where(sql<boolean>`s.codes @> ${[code]}::text[]`)
      : q.where(sql<boolean>`(s.extra->'attributes')::text like ${containsPattern(query.taxonomy_term_id)}`);
  }
  let centre: { latitude: number; longitude: number } | null = null;
  if (query.proximity !== undefined) {
    if (!query.postcode)
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'querystring.postcode', message: 'proximity is measured from a postcode' }],
      });
    centre = await resolvePlace(db, { zip: query.postcode });
    const box = boundingBox(centre, query.proximity / METRES_PER_MILE);
    q = q
      .where('l.latitude', '>=', box.minLatitude)
      .where('l.latitude', '<=', box.maxLatitude)
      .where('l.longitude', '>=', box.minLongitude)
      .where('l.longitude', '<=', box.maxLongitude);
  } else if (query.postcode) {
    q = q.where('l.postal_code', '=', query.postcode);
  }
  let rows = await q.execute();
  if (centre && query.proximity !== undefined) {
    const c = centre;
    const miles = query.proximity / METRES_PER_MILE;
    rows = rows
      .map((r) => ({ ...r, d: distanceMiles(c, r) }))
      .filter((r) => r.d <= miles)
      .sort((a, b) => a.d - b.d);
  } else {
    rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
  const page = rows.slice((query.page - 1) * query.per_page, query.page * query.per_page);
  const loaded = page.length > 0 ? await loadHsdsRows(db, { serviceIds: [...new Set(page.map((r) => r.service_id))] }) : null;
  const contents = page.map((r) => {
    const service = serviceToHsds(
      loaded!.services.find((s) => s.id === r.service_id)!,
      loaded!,
    );
    const link = (service.service_at_locations as Hsds[]).find((l) => l.id === r.id)!;
    const { service_at_locations: _links, ...serviceOnly } = service;
    return compact({ ...link, location: locationToHsds(loaded!.locations.find((l) => l.id === link.location_id)!), service: serviceOnly });
  });
  return hsdsPage(contents, rows.length, query);
}

/**
 * The HSDS 3.0 read API. Public by design: the directory is open data (decision 0004), and it
 * holds nothing about people.
 */
export async function hsdsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const open = { config: { public: true } } as const;

  r.get(
    '/hsds/',
    {
      ...open,
      schema: {
        tags,
        summary: 'About this HSDS API',
        security: [],
        response: { 200: z.object({ version: z.string(), profile: z.string(), openapi_url: z.string() }) },
      },
    },
    async () => ({
      version: '3.0',
      profile: 'https://openreferral.org/hsds/3.0',
      openapi_url: '/api/openapi.json',
    }),
  );

  r.get(
    p.hsdsServices,
    {
      ...open,
      schema: {
        tags,
        summary: 'Services (service_full)',
        security: [],
        querystring: hsdsPageQuerySchema,
        response: { 200: hsdsPageSchema, ...errors },
      },
    },
    async (request) => servicePage(db, request.query),
  );

  r.get(
    p.hsdsService,
    {
      ...open,
      schema: {
        tags,
        summary: 'One service (service_full)',
        security: [],
        params: textIdParams,
        response: { 200: hsdsObjectSchema, ...errors },
      },
    },
    async (request) => {
      if (!isUuid(request.params.id)) throw new AppError('DIRECTORY_SERVICE_NOT_FOUND');
      const [service] = servicesFull(await loadHsdsRows(db, { serviceIds: [request.params.id] }));
      if (!service) throw new AppError('DIRECTORY_SERVICE_NOT_FOUND');
      return service as z.infer<typeof hsdsObjectSchema>;
    },
  );

  r.get(
    p.hsdsOrganizations,
    {
      ...open,
      schema: {
        tags,
        summary: 'Organizations',
        security: [],
        querystring: hsdsPageQuerySchema,
        response: { 200: hsdsPageSchema, ...errors },
      },
    },
    async (request) => {
      const query = request.query;
      let q = db.selectFrom('directory_organizations');
      if (query.search) q = q.where('name', 'ilike', containsPattern(query.search));
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('name')
          .orderBy('id')
          .limit(query.per_page)
          .offset((query.page - 1) * query.per_page)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return hsdsPage(rows.map(organizationToHsds), Number(count.n), query) as z.infer<typeof hsdsPageSchema>;
    },
  );

  r.get(
    p.hsdsOrganization,
    {
      ...open,
      schema: {
        tags,
        summary: 'One organization (organization_full)',
        security: [],
        params: textIdParams,
        response: { 200: hsdsObjectSchema, ...errors },
      },
    },
    async (request) => {
      if (!isUuid(request.params.id)) throw new AppError('DIRECTORY_ORGANIZATION_NOT_FOUND');
      const [organization] = organizationsFull(await loadHsdsRows(db, { organizationIds: [request.params.id] }));
      if (!organization) throw new AppError('DIRECTORY_ORGANIZATION_NOT_FOUND');
      return organization as z.infer<typeof hsdsObjectSchema>;
    },
  );

  r.get(
    p.hsdsServiceAtLocations,
    {
      ...open,
      schema: {
        tags,
        summary: 'Services at locations, by postcode and proximity',
        security: [],
        querystring: hsdsPageQuerySchema,
        response: { 200: hsdsPageSchema, ...errors },
      },
    },
    async (request) => serviceAtLocationPage(db, request.query) as Promise<z.infer<typeof hsdsPageSchema>>,
  );

  r.get(
    p.hsdsTaxonomies,
    {
      ...open,
      schema: { tags, summary: 'Taxonomies', security: [], querystring: hsdsPageQuerySchema, response: { 200: hsdsPageSchema, ...errors } },
    },
    async (request) => {
      const { taxonomies } = await taxonomiesToHsds(db);
      const q = request.query;
      return hsdsPage(taxonomies.slice((q.page - 1) * q.per_page, q.page * q.per_page), taxonomies.length, q) as z.infer<
        typeof hsdsPageSchema
      >;
    },
  );

  r.get(
    p.hsdsTaxonomyTerms,
    {
      ...open,
      schema: {
        tags,
        summary: 'Taxonomy terms',
        security: [],
        querystring: hsdsPageQuerySchema,
        response: { 200: hsdsPageSchema, ...errors },
      },
    },
    async (request) => {
      const { terms } = await taxonomiesToHsds(db);
      const q = request.query;
      const filtered = q.search
        ? terms.filter(
            (t) =>
              String(t.name).toLowerCase().includes(q.search!.toLowerCase()) ||
              String(t.code ?? '').toLowerCase() === q.search!.toLowerCase(),
          )
        : terms;
      return hsdsPage(filtered.slice((q.page - 1) * q.per_page, q.page * q.per_page), filtered.length, q) as z.infer<typeof hsdsPageSchema>;
    },
  );
}
