import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createLocationSchema,
  createOrganizationSchema,
  errorBodySchema,
  idParamsSchema,
  listPageQuerySchema,
  locationListSchema,
  locationSchema,
  networkOrganizationListSchema,
  networkOrganizationQuerySchema,
  organizationListQuerySchema,
  organizationPageSchema,
  organizationSchema,
  updateLocationSchema,
  updateOrganizationSchema,
} from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import {
  createLocation,
  createOrganization,
  readOrganization,
  listLocations,
  listNetworkOrganizations,
  listOrganizations,
  updateLocation,
  updateOrganization,
} from './organizations.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const tags = ['administration'];

/** Administration of organizations and their locations. */
export async function organizationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  // The network's active organizations (names and types only) for pickers such as consent
  // recipients and care-team links; any signed-in member of the network may list them.
  r.get(
    '/api/organizations',
    {
      schema: {
        tags: ['network'],
        summary: "The network's organizations",
        querystring: networkOrganizationQuerySchema,
        response: { 200: networkOrganizationListSchema, ...errors },
      },
    },
    async (request) => {
      if (request.access.actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED');
      return { items: await listNetworkOrganizations(db, request.query) };
    },
  );

  r.get(
    '/api/admin/organizations',
    {
      schema: {
        tags,
        summary: 'List organizations',
        querystring: organizationListQuerySchema,
        response: { 200: organizationPageSchema, ...errors },
      },
    },
    async (request) => {
      return listOrganizations(db, request.access, request.query);
    },
  );

  r.post(
    '/api/admin/organizations',
    {
      schema: { tags, summary: 'Create an organization', body: createOrganizationSchema, response: { 201: organizationSchema, ...errors } },
    },
    async (request, reply) => {
      reply.status(201);
      return createOrganization(db, clock, request.access, request.body);
    },
  );

  r.get(
    '/api/admin/organizations/:id',
    { schema: { tags, summary: 'One organization', params: idParamsSchema, response: { 200: organizationSchema, ...errors } } },
    async (request) => {
      return readOrganization(db, request.access, request.params.id);
    },
  );

  r.patch(
    '/api/admin/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Update an organization',
        params: idParamsSchema,
        body: updateOrganizationSchema,
        response: { 200: organizationSchema, ...errors },
      },
    },
    async (request) => {
      return updateOrganization(db, clock, request.access, request.params.id, request.body);
    },
  );

  r.get(
    '/api/admin/organizations/:id/locations',
    {
      schema: {
        tags,
        summary: "An organization's locations, a page at a time",
        params: idParamsSchema,
        querystring: listPageQuerySchema,
        response: { 200: locationListSchema, ...errors },
      },
    },
    async (request) => listLocations(db, request.access, request.params.id, request.query),
  );

  r.post(
    '/api/admin/organizations/:id/locations',
    {
      schema: {
        tags,
        summary: 'Add a location',
        params: idParamsSchema,
        body: createLocationSchema,
        response: { 201: locationSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createLocation(db, clock, request.access, request.params.id, request.body);
    },
  );

  r.patch(
    '/api/admin/locations/:id',
    {
      schema: {
        tags,
        summary: 'Update a location',
        params: idParamsSchema,
        body: updateLocationSchema,
        response: { 200: locationSchema, ...errors },
      },
    },
    async (request) => {
      return updateLocation(db, clock, request.access, request.params.id, request.body);
    },
  );
}
