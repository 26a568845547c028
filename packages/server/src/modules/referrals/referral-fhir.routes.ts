import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import { idParamsSchema } from '@continuum/contracts';
import { AppError } from '../../errors.ts';
import { operationOutcome } from '../registry/index.ts';
import { fhirTaskStatus } from './referral-state.ts';
import {
  capabilityStatement,
  readServiceRequest,
  readTaskUpdate,
  serviceRequestStatus,
  taskUpdateToEvent,
  toServiceRequest,
  toTask,
} from './referral-fhir.ts';
import { applyTransition } from './referral-transition.ts';
import { readFhirReferral, searchFhirReferrals } from './referral-fhir-read.ts';
import { loadVisibleReferral } from './referral-read.ts';
import { normalizeCreate, sendReferral } from './referral-send.ts';

const tags = ['FHIR R4'];
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const ref = (type: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^(${type}/)?[0-9a-f-]{36}$`, 'i'), `Expected ${type}/<id>`)
    .optional();
const searchBase = {
  patient: ref('Patient'),
  status: z.string().trim().max(100).optional(),
  requester: ref('Organization'),
  _count: z.coerce.number().int().min(1).max(200).default(50),
};
const serviceRequestSearchSchema = z.strictObject({ ...searchBase, performer: ref('Organization') });
const taskSearchSchema = z.strictObject({ ...searchBase, focus: ref('ServiceRequest'), owner: ref('Organization') });

async function fhir<T>(reply: FastifyReply, run: () => Promise<T>) {
  reply.header('content-type', FHIR_JSON);
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    reply.status(error.status);
    const code = error.status === 404 ? 'not-found' : error.status === 400 ? 'invalid' : error.status === 403 ? 'forbidden' : 'exception';
    const where = error.fields?.map((f) => `${f.path}: ${f.message}`).join('; ');
    return operationOutcome(code, where ? `${error.message} (${where})` : error.message);
  }
}

function bundle(resources: readonly Resource[], selfUrl: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: resources.map((r) => ({ fullUrl: `${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' as const } })),
  };
}

/**
 * FHIR R4 ServiceRequest and Task for closed-loop referrals (Gravity pattern), and the server's
 * CapabilityStatement. Same authentication, rules and chokepoint as the JSON API.
 */
export async function referralFhirRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;

  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(
        new AppError('VALIDATION_FAILED', {
          message: 'The body is not valid JSON.',
          fields: [{ path: 'body', message: 'Not valid JSON' }],
        }),
        undefined,
      );
    }
  });
  const anyBody = z.record(z.string(), z.unknown());

  for (const url of ['/fhir/R4/metadata', '/fhir/metadata']) {
    r.get(
      url,
      { config: { public: true }, schema: { tags, summary: 'CapabilityStatement', hide: url === '/fhir/metadata' } },
      async (_request, reply) => {
        reply.header('content-type', FHIR_JSON);
        return capabilityStatement(config.mail.publicUrl, '2026-11-23');
      },
    );
  }

  r.post(
    '/fhir/R4/ServiceRequest',
    { schema: { tags, summary: 'Send a referral (creates its Task)', body: anyBody } },
    async (request, reply) =>
      fhir(reply, async () => {
        const parsed = readServiceRequest(request.body);
        if ('error' in parsed)
          throw new AppError('VALIDATION_FAILED', { message: parsed.error, fields: [{ path: parsed.path, message: parsed.error }] });
        const id = await db.transaction().execute(async (trx) => {
          // The same sender identifier twice is the same referral (an EHR retrying).
          if (parsed.externalId && request.access.organizationId) {
            const existing = await trx
              .selectFrom('referrals')
              .select('id')
              .where('sender_organization_id', '=', request.access.organizationId)
              .where('external_id', '=', parsed.externalId)
              .executeTakeFirst();
            if (existing) return existing.id;
          }
          return sendReferral(trx, clock, request.access, normalizeCreate({ ...parsed, locationId: null }), config.timeZone, {
            channel: 'fhir',
            externalId: parsed.externalId,
          });
        });
        const item = await readFhirReferral(db, clock, request.access, id);
        reply.status(201).header('location', `/fhir/R4/ServiceRequest/${id}`);
        return toServiceRequest(item);
      }),
  );
  r.get(
    '/fhir/R4/ServiceRequest/:id',
    { schema: { tags, summary: 'Read a ServiceRequest', params: idParamsSchema } },
    async (request, reply) =>
      fhir(reply, async () => toServiceRequest(await readFhirReferral(db, clock, request.access, request.params.id))),
  );
  r.get(
    '/fhir/R4/ServiceRequest',
    { schema: { tags, summary: 'Search ServiceRequests you sent or received', querystring: serviceRequestSearchSchema } },
    async (request, reply) =>
      fhir(reply, async () => {
        const q = request.query;
        const items = await searchFhirReferrals(db, clock, request.access, { ...q, owner: q.performer }, (s) => serviceRequestStatus(s)!);
        return bundle(items.map(toServiceRequest), request.url);
      }),
  );

  r.post(
    '/fhir/R4/Task',
    { schema: { tags, summary: 'The Task of a ServiceRequest (every referral has one; idempotent)', body: anyBody } },
    async (request, reply) =>
      fhir(reply, async () => {
        const focus = (request.body.focus as { reference?: string } | undefined)?.reference;
        const id = typeof focus === 'string' ? /ServiceRequest\/([0-9a-f-]{36})$/i.exec(focus)?.[1] : undefined;
        if (request.body.resourceType !== 'Task' || !id)
          throw new AppError('VALIDATION_FAILED', {
            message: 'A Task with focus ServiceRequest/<id> is expected.',
            fields: [{ path: 'body.focus', message: 'Expected ServiceRequest/<id>' }],
          });
        const item = await readFhirReferral(db, clock, request.access, id.toLowerCase());
        reply.status(200).header('location', `/fhir/R4/Task/${item.id}`);
        return toTask(item);
      }),
  );
  r.get('/fhir/R4/Task/:id', { schema: { tags, summary: 'Read a Task', params: idParamsSchema } }, async (request, reply) =>
    fhir(reply, async () => toTask(await readFhirReferral(db, clock, request.access, request.params.id))),
  );
  r.get(
    '/fhir/R4/Task',
    { schema: { tags, summary: 'Search Tasks you sent or own', querystring: taskSearchSchema } },
    async (request, reply) =>
      fhir(reply, async () =>
        bundle(
          (await searchFhirReferrals(db, clock, request.access, request.query, (s) => fhirTaskStatus(s).status)).map(toTask),
          request.url,
        ),
      ),
  );
  r.put(
    '/fhir/R4/Task/:id',
    {
      schema: {
        tags,
        summary: 'Update a Task: status, businessStatus, statusReason, output → a referral transition',
        params: idParamsSchema,
        body: anyBody,
      },
    },
    async (request, reply) =>
      fhir(reply, async () => {
        const update = readTaskUpdate(request.body);
        if ('error' in update)
          throw new AppError('VALIDATION_FAILED', { message: update.error, fields: [{ path: update.path, message: update.error }] });
        if (request.body.id !== undefined && request.body.id !== request.params.id)
          throw new AppError('VALIDATION_FAILED', {
            message: 'Task.id does not match the URL.',
            fields: [{ path: 'body.id', message: 'Does not match the URL' }],
          });
        await db.transaction().execute(async (trx) => {
          const v = await loadVisibleReferral(trx, clock, request.access, request.params.id, 'fhir', true);
          const event = taskUpdateToEvent(v.row.status, v.row.status_before_hold, v.row.appointment_at?.toISOString() ?? null, update);
          if (event === 'unchanged') return;
          if (event === null)
            throw new AppError('REFERRAL_TRANSITION_INVALID', {
              message: `A Task cannot move to ${update.status}${update.businessStatus ? ` (${update.businessStatus})` : ''} from here.`,
            });
          await applyTransition(trx, clock, request.access, v, {
            event,
            reason: update.reason,
            outcome: update.outcome,
            appointmentAt: update.appointmentAt,
          });
        });
        return toTask(await readFhirReferral(db, clock, request.access, request.params.id));
      }),
  );
}
