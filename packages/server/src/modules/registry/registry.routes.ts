// Longer than 300 lines: one adapter per registry, consent, disclosure and break-glass endpoint.
import { csvStringifyCast } from '../../core/csv.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import {
  addCareTeamMemberSchema,
  careTeamAddedSchema,
  addIdentifierSchema,
  addTimelineEventSchema,
  breakGlassListQuerySchema,
  breakGlassListSchema,
  breakGlassStartedSchema,
  careEventInputSchema,
  careTeamMemberParamsSchema,
  consentListSchema,
  consentSchema,
  createConsentSchema,
  disclosureListSchema,
  disclosureQuerySchema,
  duplicateCheckResultSchema,
  duplicateCheckSchema,
  errorBodySchema,
  expiryEventOccurredSchema,
  idParamsSchema,
  mergePeopleSchema,
  mergeResultSchema,
  okSchema,
  part2Notice,
  personDetailSchema,
  personSearchQuerySchema,
  personSearchResultSchema,
  purposeSchema,
  recordKindLabels,
  registerPersonSchema,
  reviewBreakGlassSchema,
  revokeConsentSchema,
  signConsentSchema,
  startBreakGlassSchema,
  timelineQuerySchema,
  timelineSchema,
  unmergeSchema,
  updatePersonSchema,
} from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { listBreakGlass, listDisclosures, reviewBreakGlass, startBreakGlass } from './break-glass.ts';
import { recordCareEvent } from './care-event-record.ts';
import { readPersonDetail, readTimeline, searchPeople } from './chokepoint.ts';
import { addCareTeamMember, approveCareTeamMember, endCareTeamMember } from './care-team.ts';
import { createConsent, getConsent, listConsents, recordExpiryEvent, revokeConsent, signConsent, updateConsent } from './consents.ts';
import {
  addIdentifier,
  addTimelineEvent,
  checkDuplicates,
  mergePeople,
  readContext,
  registerPerson,
  unmergePeople,
  updatePerson,
  type NetworkMatcher,
} from './people.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['people and consent'];
const purposeQuery = z.strictObject({ purpose: purposeSchema.default('treatment') });
const idResult = z.object({ id: z.uuid() });

/**
 * The person registry, consent, the accounting of disclosures and break-glass. Every read goes
 * through the chokepoint functions; these handlers only translate HTTP.
 */
export async function registryRoutes(app: FastifyInstance, options: { networkMatcher?: NetworkMatcher } = {}) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  /** Reads run in one transaction with the disclosure log they write. */
  const read = <T>(fn: (trx: DbOrTrx) => Promise<T>) => db.transaction().execute(fn);

  r.get(
    '/api/people',
    {
      schema: {
        tags,
        summary: 'Search people you may see',
        querystring: personSearchQuerySchema.extend({ purpose: purposeSchema.default('treatment') }),
        response: { 200: personSearchResultSchema, ...errors },
      },
    },
    async (request) => {
      const { purpose, ...query } = request.query;
      return read((trx) => searchPeople(trx, readContext(request.access, clock, purpose), query));
    },
  );

  r.post(
    '/api/people/duplicate-check',
    {
      schema: {
        tags,
        summary: 'Likely duplicates of a registration',
        body: duplicateCheckSchema,
        response: { 200: duplicateCheckResultSchema, ...errors },
      },
    },
    async (request) => {
      return read((trx) => checkDuplicates(trx, readContext(request.access, clock), request.body, options.networkMatcher));
    },
  );

  r.post(
    '/api/people',
    { schema: { tags, summary: 'Register a person', body: registerPersonSchema, response: { 201: idResult, ...errors } } },
    async (request, reply) => {
      const created = await registerPerson(db, clock, readContext(request.access, clock), request.body);
      reply.status(201);
      return created;
    },
  );

  r.get(
    '/api/people/:id',
    {
      schema: {
        tags,
        summary: 'A person record',
        params: idParamsSchema,
        querystring: purposeQuery,
        response: { 200: personDetailSchema, ...errors },
      },
    },
    async (request) => read((trx) => readPersonDetail(trx, readContext(request.access, clock, request.query.purpose), request.params.id)),
  );

  r.patch(
    '/api/people/:id',
    {
      schema: {
        tags,
        summary: 'Update a person record',
        params: idParamsSchema,
        body: updatePersonSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      await updatePerson(db, clock, readContext(request.access, clock), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/people/:id/identifiers',
    {
      schema: {
        tags,
        summary: "Add your organization's identifier",
        params: idParamsSchema,
        body: addIdentifierSchema,
        response: { 201: okSchema, ...errors },
      },
    },
    async (request, reply) => {
      await addIdentifier(db, clock, readContext(request.access, clock), request.params.id, request.body);
      reply.status(201);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/people/:id/care-team',
    {
      schema: {
        tags,
        summary: 'Link an organization or staff member to the care team',
        params: idParamsSchema,
        body: addCareTeamMemberSchema,
        response: { 201: careTeamAddedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await addCareTeamMember(db, clock, readContext(request.access, clock), request.params.id, request.body);
      reply.status(201);
      return created;
    },
  );

  r.post(
    '/api/people/:id/care-team/:memberId/end',
    { schema: { tags, summary: 'End a care-team link', params: careTeamMemberParamsSchema, response: { 200: okSchema, ...errors } } },
    async (request) => {
      await endCareTeamMember(db, clock, readContext(request.access, clock), request.params.id, request.params.memberId);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/people/:id/care-team/:memberId/approve',
    {
      schema: {
        tags,
        summary: "Approve another organization's pending care-team link (a privacy officer of the organization that added it)",
        params: careTeamMemberParamsSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      await approveCareTeamMember(db, clock, readContext(request.access, clock), request.params.id, request.params.memberId);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/people/:id/timeline',
    {
      schema: {
        tags,
        summary: "A person's timeline, with restricted markers",
        params: idParamsSchema,
        querystring: timelineQuerySchema,
        response: { 200: timelineSchema, ...errors },
      },
    },
    async (request) =>
      read((trx) => readTimeline(trx, readContext(request.access, clock, request.query.purpose), request.params.id, request.query.limit)),
  );

  r.post(
    '/api/people/:id/events',
    {
      schema: {
        tags,
        summary: 'Add a timeline entry',
        params: idParamsSchema,
        body: addTimelineEventSchema,
        response: { 201: idResult, ...errors },
      },
    },
    async (request, reply) => {
      const created = await addTimelineEvent(db, clock, readContext(request.access, clock), request.params.id, request.body);
      reply.status(201);
      return created;
    },
  );

  r.post(
    '/api/people/:id/care-events',
    {
      schema: {
        tags,
        summary:
          'Record a care event at the point of care (a screening, diagnosis, MOUD change, urine drug test, release, milestone, appointment)',
        params: idParamsSchema,
        body: careEventInputSchema,
        response: { 201: idResult, ...errors },
      },
    },
    async (request, reply) => {
      const created = await recordCareEvent(db, clock, readContext(request.access, clock), request.params.id, request.body);
      reply.status(201);
      return created;
    },
  );

  r.post(
    '/api/people/merge',
    {
      schema: {
        tags,
        summary: 'Merge two records of the same person',
        body: mergePeopleSchema,
        response: { 200: mergeResultSchema, ...errors },
      },
    },
    async (request) => mergePeople(db, clock, readContext(request.access, clock), request.body),
  );

  r.post(
    '/api/people/merges/:id/unmerge',
    {
      schema: {
        tags,
        summary: 'Undo a merge',
        params: idParamsSchema,
        body: unmergeSchema,
        response: { 200: mergeResultSchema, ...errors },
      },
    },
    async (request) => unmergePeople(db, clock, readContext(request.access, clock), request.params.id, request.body.reason),
  );

  // ── Consent ────────────────────────────────────────────────────────────────
  r.get(
    '/api/people/:id/consents',
    {
      schema: {
        tags,
        summary: "A person's consents",
        params: idParamsSchema,
        querystring: purposeQuery,
        response: { 200: consentListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await read((trx) => listConsents(trx, readContext(request.access, clock, request.query.purpose), request.params.id)),
    }),
  );

  r.post(
    '/api/people/:id/consents',
    {
      schema: {
        tags,
        summary: 'Start a consent (draft)',
        params: idParamsSchema,
        body: createConsentSchema,
        response: { 201: consentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createConsent(db, clock, readContext(request.access, clock), request.params.id, request.body);
      reply.status(201);
      return created;
    },
  );

  r.get(
    '/api/consents/:id',
    { schema: { tags, summary: 'One consent with its history', params: idParamsSchema, response: { 200: consentSchema, ...errors } } },
    async (request) => read((trx) => getConsent(trx, readContext(request.access, clock), request.params.id)),
  );

  r.patch(
    '/api/consents/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft consent',
        params: idParamsSchema,
        body: createConsentSchema,
        response: { 200: consentSchema, ...errors },
      },
    },
    async (request) => updateConsent(db, clock, readContext(request.access, clock), request.params.id, request.body),
  );

  r.post(
    '/api/consents/:id/sign',
    {
      schema: {
        tags,
        summary: 'Sign a consent',
        params: idParamsSchema,
        body: signConsentSchema,
        response: { 200: consentSchema, ...errors },
      },
    },
    async (request) => signConsent(db, clock, readContext(request.access, clock), request.params.id, request.body),
  );

  r.post(
    '/api/consents/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a consent',
        params: idParamsSchema,
        body: revokeConsentSchema,
        response: { 200: consentSchema, ...errors },
      },
    },
    async (request) => revokeConsent(db, clock, readContext(request.access, clock), request.params.id, request.body),
  );

  r.post(
    '/api/consents/:id/expiry-event',
    {
      schema: {
        tags,
        summary: 'Record that the expiry event happened',
        params: idParamsSchema,
        body: expiryEventOccurredSchema,
        response: { 200: consentSchema, ...errors },
      },
    },
    async (request) => recordExpiryEvent(db, clock, readContext(request.access, clock), request.params.id, request.body.occurredOn),
  );

  // ── Accounting of disclosures ───────────────────────────────────────────────
  r.get(
    '/api/people/:id/disclosures',
    {
      schema: {
        tags,
        summary: 'Accounting of disclosures (3 years by default)',
        params: idParamsSchema,
        querystring: disclosureQuerySchema,
        response: { 200: disclosureListSchema, ...errors },
      },
    },
    async (request) => read((trx) => listDisclosures(trx, readContext(request.access, clock), request.params.id, request.query)),
  );

  r.get(
    '/api/people/:id/disclosures.csv',
    { schema: { tags, summary: 'Accounting of disclosures as CSV', params: idParamsSchema, querystring: disclosureQuerySchema } },
    async (request, reply) => {
      const list = await read((trx) =>
        listDisclosures(trx, readContext(request.access, clock, 'treatment', 'export'), request.params.id, request.query),
      );
      const csv = stringify(
        list.items.map((d) => ({
          date: d.occurredAt,
          recipient_organization: d.recipientOrganizationName ?? '',
          recipient_staff: d.recipientUserName ?? '',
          source_organization: d.sourceOrganizationName ?? '',
          information: d.kinds.map((k) => recordKindLabels[k].en).join('; '),
          records: d.recordCount,
          purpose: d.purpose,
          basis: d.basis,
          consent_id: d.consentId ?? '',
          emergency_access_id: d.breakGlassId ?? '',
          channel: d.channel,
        })),
        {
          header: true,
          cast: csvStringifyCast,
          columns: [
            'date',
            'recipient_organization',
            'recipient_staff',
            'source_organization',
            'information',
            'records',
            'purpose',
            'basis',
            'consent_id',
            'emergency_access_id',
            'channel',
          ],
        },
      );
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="disclosures-${list.from}-to-${list.to}.csv"`)
        .header('cache-control', 'no-store');
      return csv;
    },
  );

  // ── Break-glass ───────────────────────────────────────────────────────────
  r.post(
    '/api/people/:id/break-glass',
    {
      schema: {
        tags,
        summary: 'Start emergency access (42 CFR 2.51)',
        params: idParamsSchema,
        body: startBreakGlassSchema,
        response: { 201: breakGlassStartedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const started = await startBreakGlass(
        db,
        clock,
        readContext(request.access, clock),
        request.params.id,
        request.body.reason,
        config.breakGlassHours,
      );
      reply.status(201);
      return started;
    },
  );

  r.get(
    '/api/break-glass',
    {
      schema: {
        tags,
        summary: 'Emergency-access reviews for your organization',
        querystring: breakGlassListQuerySchema,
        response: { 200: breakGlassListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await read((trx) => listBreakGlass(trx, readContext(request.access, clock), request.query.status)),
    }),
  );

  r.post(
    '/api/break-glass/:id/review',
    {
      schema: {
        tags,
        summary: 'Close an emergency-access review',
        params: idParamsSchema,
        body: reviewBreakGlassSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      await reviewBreakGlass(db, clock, readContext(request.access, clock), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/part2-notice',
    {
      schema: {
        tags,
        summary: 'The 42 CFR 2.32 notices (English and Spanish)',
        response: {
          200: z.object({ en: z.object({ full: z.string(), short: z.string() }), es: z.object({ full: z.string(), short: z.string() }) }),
        },
      },
    },
    async () => part2Notice,
  );
}
