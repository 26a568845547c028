import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createFeedSourceSchema,
  errorBodySchema,
  feedApplySummarySchema,
  feedDismissSchema,
  feedErrorDetailSchema,
  feedErrorListSchema,
  feedErrorQuerySchema,
  feedListSchema,
  feedPaths,
  feedPushSchema,
  feedRetrySchema,
  feedSourceSchema,
  fhirBulkImportSchema,
  fhirResourceResultSchema,
  fhirResourceSchema,
  idParamsSchema,
  updateFeedSourceSchema,
} from '@continuum/contracts';
import { dismissFeedError, listFeedErrors, readFeedError, retryFeedError } from './error-queue.ts';
import { importFhirNdjson, receiveFhirResource } from './fhir-push.ts';
import { pushToFeed } from './push.ts';
import { createFeedSource, updateFeedSource } from './sources.ts';
import { listFeeds } from './status-read.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['feeds'];

/** Feeds: status, set-up, API push and the error queue (roles decided in the domain functions, feeds-policy.ts). */
export async function feedRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;

  r.get(
    feedPaths.feeds,
    {
      schema: {
        tags,
        summary: 'Feeds with their last message, volume per day and open errors',
        response: { 200: feedListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listFeeds(db, clock, request.access) }),
  );

  r.post(
    feedPaths.feeds,
    {
      schema: {
        tags,
        summary: 'Set up a feed for an organization',
        body: createFeedSourceSchema,
        response: { 201: feedSourceSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createFeedSource(db, clock, request.access, request.body, config.timeZone)),
  );

  r.patch(
    feedPaths.feed,
    {
      schema: {
        tags,
        summary: "Change a feed's quiet window or time zone",
        params: idParamsSchema,
        body: updateFeedSourceSchema,
        response: { 200: feedSourceSchema, ...errors },
      },
    },
    async (request) => updateFeedSource(db, clock, request.access, request.params.id, request.body),
  );

  r.post(
    feedPaths.messages,
    {
      schema: {
        tags,
        summary: 'Push a file of messages (HL7 v2, a roster) to a feed',
        params: idParamsSchema,
        body: feedPushSchema,
        response: { 200: feedApplySummarySchema, ...errors },
      },
    },
    async (request) => pushToFeed(db, clock, request.access, request.params.id, request.body.content),
  );

  r.post(
    feedPaths.fhirImport,
    {
      schema: {
        tags,
        summary: 'A FHIR feed: bulk NDJSON (Patient, Encounter, Condition, MedicationDispense, Observation), each line applied on its own',
        params: idParamsSchema,
        body: fhirBulkImportSchema,
        response: { 200: feedApplySummarySchema, ...errors },
      },
    },
    async (request) => importFhirNdjson(db, clock, request.access, request.params.id, request.body.ndjson),
  );

  r.post(
    feedPaths.fhirResource,
    {
      schema: {
        tags,
        summary: 'A FHIR feed: one resource, or a Bundle applied all or nothing',
        params: idParamsSchema,
        body: fhirResourceSchema,
        response: { 200: fhirResourceResultSchema, ...errors },
      },
    },
    async (request) => receiveFhirResource(db, clock, request.access, request.params.id, request.body),
  );

  r.get(
    feedPaths.errors,
    { schema: { tags, summary: 'The error queue', querystring: feedErrorQuerySchema, response: { 200: feedErrorListSchema, ...errors } } },
    async (request) => ({ items: await listFeedErrors(db, request.access, request.query) }),
  );

  r.get(
    feedPaths.error,
    {
      schema: {
        tags,
        summary: 'One message in the error queue',
        params: idParamsSchema,
        response: { 200: feedErrorDetailSchema, ...errors },
      },
    },
    async (request) => readFeedError(db, clock, request.access, request.params.id),
  );

  r.post(
    feedPaths.retry,
    {
      schema: {
        tags,
        summary: 'Apply a message again, as received or corrected',
        params: idParamsSchema,
        body: feedRetrySchema,
        response: { 200: feedErrorDetailSchema, ...errors },
      },
    },
    async (request) => retryFeedError(db, clock, request.access, request.params.id, request.body),
  );

  r.post(
    feedPaths.dismiss,
    {
      schema: {
        tags,
        summary: 'Take a message out of the queue without applying it',
        params: idParamsSchema,
        body: feedDismissSchema,
        response: { 200: feedErrorDetailSchema, ...errors },
      },
    },
    async (request) => dismissFeedError(db, clock, request.access, request.params.id, request.body.reason),
  );
}
