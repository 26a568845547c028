// Longer than 300 lines: one adapter per overdose-response endpoint (events, naloxone, alerts, thresholds, map), each a single call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  acknowledgeAlertSchema,
  alertSubscriptionSchema,
  areaParamsSchema,
  areaSeriesQuerySchema,
  areaSeriesSchema,
  areaThresholdListSchema,
  areaThresholdSchema,
  errorBodySchema,
  examinerDeathSchema,
  examinerReportSchema,
  feedbackNoticeListSchema,
  idParamsSchema,
  naloxoneDistributionListSchema,
  naloxoneDistributionSchema,
  nearbyServicesSchema,
  overdoseAlertListQuerySchema,
  overdoseAlertListSchema,
  overdoseAlertSchema,
  overdoseEventListQuerySchema,
  overdoseEventListSchema,
  overdoseEventSchema,
  overdoseImportResultSchema,
  overdoseImportSchema,
  overdoseMapQuerySchema,
  overdoseMapSchema,
  overdosePaths as p,
  overdoseRecordedSchema,
  overdoseSettingsSchema,
  recordNaloxoneSchema,
  recordOverdoseSchema,
  setAreaThresholdSchema,
} from '@continuum/contracts';
import { z } from 'zod';
import {
  acknowledgeAlert,
  areaSeries,
  getSettings,
  getSubscription,
  listAlerts,
  listThresholds,
  mapSuppression,
  overdoseMap,
  saveSettings,
  setSubscription,
  setThreshold,
} from './alerts.ts';
import { LocatorIndex } from '../directory/index.ts';
import { examinerDeath, examinerReport } from './event-examiner.ts';
import { getOverdoseEvent, listFeedback, listOverdoseEvents, nearbyServices } from './event-read.ts';
import { importOverdoses } from './event-import.ts';
import { recordOverdose } from './event-record.ts';
import { listNaloxone, recordNaloxone } from './naloxone.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['overdose response'];
const daysQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) });

/** Overdose response: thin adapters over the event-*.ts files, naloxone.ts and alerts.ts (contracts: overdose.ts). */
export async function overdoseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const locatorIndex = new LocatorIndex(1000);
  const locatorCtx = () => ({ now: clock.now(), staleHours: config.directory.capacityStaleHours, timeZone: config.timeZone });

  r.post(
    p.events,
    { schema: { tags, summary: 'Record an overdose', body: recordOverdoseSchema, response: { 201: overdoseRecordedSchema, ...errors } } },
    async (request, reply) => {
      reply.code(201);
      return recordOverdose(db, clock, request.access, request.body);
    },
  );
  r.post(
    p.importEvents,
    {
      schema: {
        tags,
        summary: 'Import overdoses from CSV (all or nothing)',
        body: overdoseImportSchema,
        response: { 200: overdoseImportResultSchema, ...errors },
      },
    },
    async (request) => importOverdoses(db, clock, request.access, request.body),
  );
  r.get(
    p.events,
    {
      schema: {
        tags,
        summary: 'Recent overdose events (places by area)',
        querystring: overdoseEventListQuerySchema,
        response: { 200: overdoseEventListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await listOverdoseEvents(db, clock, request.access, request.query),
    }),
  );
  r.get(
    p.event,
    {
      schema: {
        tags,
        summary: 'One overdose event, as the chokepoint allows',
        params: idParamsSchema,
        response: { 200: overdoseEventSchema, ...errors },
      },
    },
    async (request) => getOverdoseEvent(db, clock, request.access, request.params.id),
  );
  r.post(
    p.examinerReport,
    {
      schema: {
        tags,
        summary: "A medical examiner's report on an event",
        params: idParamsSchema,
        body: examinerReportSchema,
        response: { 200: overdoseEventSchema, ...errors },
      },
    },
    async (request) => {
      await examinerReport(db, clock, request.access, request.params.id, request.body);
      return getOverdoseEvent(db, clock, request.access, request.params.id);
    },
  );
  r.post(
    p.examinerDeath,
    {
      schema: {
        tags,
        summary: 'A death reported by the medical examiner',
        body: examinerDeathSchema,
        response: { 201: overdoseRecordedSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return examinerDeath(db, clock, request.access, request.body);
    },
  );
  r.get(
    p.nearbyServices,
    {
      schema: {
        tags,
        summary: 'Nearest MOUD and harm-reduction services to the event',
        params: idParamsSchema,
        response: { 200: nearbyServicesSchema, ...errors },
      },
    },
    async (request) => nearbyServices(db, locatorCtx(), request.access, request.params.id, locatorIndex),
  );
  r.get(
    p.feedback,
    {
      schema: {
        tags,
        summary: 'Who was notified about the event',
        params: idParamsSchema,
        response: { 200: feedbackNoticeListSchema, ...errors },
      },
    },
    async (request) => listFeedback(db, request.access, request.params.id),
  );

  r.post(
    p.naloxone,
    {
      schema: {
        tags,
        summary: 'Record naloxone kits handed out',
        body: recordNaloxoneSchema,
        response: { 201: naloxoneDistributionSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return recordNaloxone(db, clock, request.access, request.body);
    },
  );
  r.get(
    p.naloxone,
    {
      schema: {
        tags,
        summary: 'Naloxone distribution',
        querystring: daysQuery,
        response: { 200: naloxoneDistributionListSchema, ...errors },
      },
    },
    async (request) => listNaloxone(db, clock, request.access, request.query.days),
  );

  r.get(
    p.alerts,
    {
      schema: {
        tags,
        summary: 'Spike alerts',
        querystring: overdoseAlertListQuerySchema,
        response: { 200: overdoseAlertListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await listAlerts(db, request.access, request.query),
    }),
  );
  r.post(
    p.acknowledgeAlert,
    {
      schema: {
        tags,
        summary: 'Acknowledge and annotate an alert',
        params: idParamsSchema,
        body: acknowledgeAlertSchema,
        response: { 200: overdoseAlertSchema, ...errors },
      },
    },
    async (request) => acknowledgeAlert(db, clock, request.access, request.params.id, request.body.annotation),
  );
  r.get(
    p.subscription,
    { schema: { tags, summary: 'Am I subscribed to spike alerts', response: { 200: alertSubscriptionSchema, ...errors } } },
    async (request) => getSubscription(db, request.access),
  );
  r.put(
    p.subscription,
    {
      schema: {
        tags,
        summary: 'Subscribe to spike alerts (inbox, email, webhooks)',
        body: alertSubscriptionSchema,
        response: { 200: alertSubscriptionSchema, ...errors },
      },
    },
    async (request) => setSubscription(db, clock, request.access, request.body.subscribed),
  );
  r.get(
    p.thresholds,
    { schema: { tags, summary: 'Per-area thresholds', response: { 200: areaThresholdListSchema, ...errors } } },
    async (request) => listThresholds(db, request.access),
  );
  r.put(
    p.threshold,
    {
      schema: {
        tags,
        summary: "Set an area's threshold",
        params: areaParamsSchema,
        body: setAreaThresholdSchema,
        response: { 200: areaThresholdSchema, ...errors },
      },
    },
    async (request) => setThreshold(db, clock, request.access, request.params.areaId, request.body.threshold),
  );
  r.get(
    p.settings,
    { schema: { tags, summary: 'Overdose response settings', response: { 200: overdoseSettingsSchema, ...errors } } },
    async (request) => getSettings(db, request.access),
  );
  r.put(
    p.settings,
    {
      schema: {
        tags,
        summary: 'Change overdose response settings',
        body: overdoseSettingsSchema,
        response: { 200: overdoseSettingsSchema, ...errors },
      },
    },
    async (request) => saveSettings(db, clock, request.access, request.body),
  );

  r.get(
    p.map,
    {
      schema: {
        tags,
        summary: 'Overdose counts by area (7 or 30 days)',
        querystring: overdoseMapQuerySchema,
        response: { 200: overdoseMapSchema, ...errors },
      },
    },
    async (request) => overdoseMap(db, clock, Number(request.query.days), mapSuppression(request.access), config.timeZone),
  );
  r.get(
    p.areaSeries,
    {
      schema: {
        tags,
        summary: "An area's daily counts with alert markers",
        params: areaParamsSchema,
        querystring: areaSeriesQuerySchema,
        response: { 200: areaSeriesSchema, ...errors },
      },
    },
    async (request) => areaSeries(db, clock, request.params.areaId, request.query.days, mapSuppression(request.access), config.timeZone),
  );
  r.get(
    p.publicMap,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Public overdose map: areas with 11 or more only',
        security: [],
        querystring: overdoseMapQuerySchema,
        response: { 200: overdoseMapSchema, 400: errorBodySchema },
      },
    },
    async (request) => overdoseMap(db, clock, Number(request.query.days), mapSuppression('public'), config.timeZone),
  );
}
