import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  capacityHistorySchema,
  capacityStatusSchema,
  createDirectoryLocationSchema,
  createDirectoryOrganizationSchema,
  createDirectoryServiceSchema,
  directoryLocationListSchema,
  directoryLocationSchema,
  directoryOrganizationListQuerySchema,
  directoryOrganizationPageSchema,
  directoryOrganizationSchema,
  directoryPaths as p,
  directoryServiceListSchema,
  directoryServiceSchema,
  errorBodySchema,
  idParamsSchema,
  listPageQuerySchema,
  replaceSchedulesSchema,
  updateCapacitySchema,
  updateDirectoryLocationSchema,
  updateDirectoryOrganizationSchema,
  updateDirectoryServiceSchema,
  verificationReminderListSchema,
} from '@continuum/contracts';
import { capacityHistory, listVerificationReminders, updateCapacity } from './capacity.ts';
import { createDirectoryLocation, listDirectoryLocations, updateDirectoryLocation } from './directory-locations.ts';
import {
  createDirectoryOrganization,
  getDirectoryOrganization,
  listDirectoryOrganizations,
  updateDirectoryOrganization,
  verifyDirectoryOrganization,
} from './directory-organizations.ts';
import {
  createDirectoryService,
  getDirectoryService,
  listDirectoryServices,
  replaceServiceSchedules,
  updateDirectoryService,
} from './directory-services.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const tags = ['directory'];

/** Directory management: listing organizations, locations, services, hours, capacity, verification. */
export async function directoryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const readOptions = () => ({ now: clock.now(), staleHours: config.directory.capacityStaleHours });

  r.get(
    p.organizations,
    {
      schema: {
        tags,
        summary: 'List directory organizations',
        querystring: directoryOrganizationListQuerySchema,
        response: { 200: directoryOrganizationPageSchema, ...errors },
      },
    },
    async (request) => {
      return listDirectoryOrganizations(db, clock, request.access, request.query);
    },
  );

  r.post(
    p.organizations,
    {
      schema: {
        tags,
        summary: 'Create a directory organization',
        body: createDirectoryOrganizationSchema,
        response: { 201: directoryOrganizationSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createDirectoryOrganization(db, clock, request.access, request.body);
    },
  );

  r.get(
    p.organization,
    {
      schema: {
        tags,
        summary: 'One directory organization',
        params: idParamsSchema,
        response: { 200: directoryOrganizationSchema, ...errors },
      },
    },
    async (request) => {
      return getDirectoryOrganization(db, request.access, request.params.id);
    },
  );

  r.patch(
    p.organization,
    {
      schema: {
        tags,
        summary: 'Edit a directory organization',
        params: idParamsSchema,
        body: updateDirectoryOrganizationSchema,
        response: { 200: directoryOrganizationSchema, ...errors },
      },
    },
    async (request) => updateDirectoryOrganization(db, clock, request.access, request.params.id, request.body),
  );

  r.post(
    p.organizationVerify,
    {
      schema: {
        tags,
        summary: 'Mark the listing verified now',
        params: idParamsSchema,
        response: { 200: directoryOrganizationSchema, ...errors },
      },
    },
    async (request) => verifyDirectoryOrganization(db, clock, request.access, request.params.id),
  );

  r.get(
    p.organizationLocations,
    {
      schema: {
        tags,
        summary: "A directory organization's locations, a page at a time",
        params: idParamsSchema,
        querystring: listPageQuerySchema,
        response: { 200: directoryLocationListSchema, ...errors },
      },
    },
    async (request) => listDirectoryLocations(db, request.access, request.params.id, request.query),
  );

  r.post(
    p.organizationLocations,
    {
      schema: {
        tags,
        summary: 'Add a location',
        params: idParamsSchema,
        body: createDirectoryLocationSchema,
        response: { 201: directoryLocationSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createDirectoryLocation(db, clock, request.access, request.params.id, request.body);
    },
  );

  r.patch(
    p.location,
    {
      schema: {
        tags,
        summary: 'Edit a location',
        params: idParamsSchema,
        body: updateDirectoryLocationSchema,
        response: { 200: directoryLocationSchema, ...errors },
      },
    },
    async (request) => updateDirectoryLocation(db, clock, request.access, request.params.id, request.body),
  );

  r.get(
    p.organizationServices,
    {
      schema: {
        tags,
        summary: "A directory organization's services",
        params: idParamsSchema,
        response: { 200: directoryServiceListSchema, ...errors },
      },
    },
    async (request) => {
      return { items: await listDirectoryServices(db, request.access, request.params.id, readOptions()) };
    },
  );

  r.post(
    p.organizationServices,
    {
      schema: {
        tags,
        summary: 'Add a service',
        params: idParamsSchema,
        body: createDirectoryServiceSchema,
        response: { 201: directoryServiceSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createDirectoryService(db, clock, request.access, request.params.id, request.body, readOptions());
    },
  );

  r.get(
    p.service,
    { schema: { tags, summary: 'One service', params: idParamsSchema, response: { 200: directoryServiceSchema, ...errors } } },
    async (request) => {
      return getDirectoryService(db, request.access, request.params.id, readOptions());
    },
  );

  r.patch(
    p.service,
    {
      schema: {
        tags,
        summary: 'Edit a service',
        params: idParamsSchema,
        body: updateDirectoryServiceSchema,
        response: { 200: directoryServiceSchema, ...errors },
      },
    },
    async (request) => updateDirectoryService(db, clock, request.access, request.params.id, request.body, readOptions()),
  );

  r.put(
    p.serviceSchedules,
    {
      schema: {
        tags,
        summary: "Replace a service's weekly hours",
        params: idParamsSchema,
        body: replaceSchedulesSchema,
        response: { 200: directoryServiceSchema, ...errors },
      },
    },
    async (request) => replaceServiceSchedules(db, clock, request.access, request.params.id, request.body, readOptions()),
  );

  r.post(
    p.serviceCapacity,
    {
      schema: {
        tags,
        summary: "Update a service's capacity (one action; history kept)",
        params: idParamsSchema,
        body: updateCapacitySchema,
        response: { 200: capacityStatusSchema, ...errors },
      },
    },
    async (request) => updateCapacity(db, clock, request.access, request.params.id, request.body, config.directory.capacityStaleHours),
  );

  r.get(
    p.serviceCapacityHistory,
    {
      schema: {
        tags,
        summary: 'Capacity history of a service',
        params: idParamsSchema,
        response: { 200: capacityHistorySchema, ...errors },
      },
    },
    async (request) => {
      return { items: await capacityHistory(db, request.access, request.params.id) };
    },
  );

  r.get(
    p.verificationReminders,
    { schema: { tags, summary: 'Listings due for verification', response: { 200: verificationReminderListSchema, ...errors } } },
    async (request) => {
      return { items: await listVerificationReminders(db, request.access) };
    },
  );
}
