import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, purposeSchema } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { readPersonDetail, searchPeople } from './chokepoint.ts';
import { getConsent, listConsents } from './consents.ts';
import { operationOutcome, searchBundle, toFhirConsent, toFhirPatient, toFhirPatientSummary } from './fhir.ts';
import { readContext } from './people.ts';

const tags = ['FHIR R4'];
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

const patientSearchSchema = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  birthdate: z.iso.date().optional(),
  /** `system|value` or a bare value: matched against your organization's identifiers. */
  identifier: z.string().trim().min(1).max(200).optional(),
  _count: z.coerce.number().int().min(1).max(100).default(25),
  purpose: purposeSchema.default('treatment'),
});
const consentSearchSchema = z.strictObject({
  patient: z
    .string()
    .trim()
    .regex(/^(Patient\/)?[0-9a-f-]{36}$/i, 'Expected Patient/<id>'),
  purpose: purposeSchema.default('treatment'),
});

/** FHIR answers errors with an OperationOutcome; the status is the platform's. */
async function fhir<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T | ReturnType<typeof operationOutcome>> {
  reply.header('content-type', FHIR_JSON);
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    reply.status(error.status);
    const code = error.status === 404 ? 'not-found' : error.status === 400 ? 'invalid' : error.status === 403 ? 'forbidden' : 'exception';
    return operationOutcome(code, error.message);
  }
}

/**
 * FHIR R4 read and search for Patient and Consent, behind the same chokepoint as the rest of the
 * API: a Patient the caller may not see is not found, and every read is a recorded disclosure.
 */
export async function registryFhirRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const read = <T>(fn: (trx: DbOrTrx) => Promise<T>) => db.transaction().execute(fn);

  r.get(
    '/fhir/R4/Patient/:id',
    {
      schema: {
        tags,
        summary: 'Read a Patient',
        params: idParamsSchema,
        querystring: z.strictObject({ purpose: purposeSchema.default('treatment') }),
      },
    },
    async (request, reply) =>
      fhir(reply, async () =>
        toFhirPatient(
          await read((trx) => readPersonDetail(trx, readContext(request.access, clock, request.query.purpose, 'fhir'), request.params.id)),
        ),
      ),
  );

  r.get(
    '/fhir/R4/Patient',
    { schema: { tags, summary: 'Search Patients you may see', querystring: patientSearchSchema } },
    async (request, reply) =>
      fhir(reply, async () => {
        const q = request.query;
        if (!q.name && !q.identifier && !q.birthdate)
          throw new AppError('VALIDATION_FAILED', {
            message: 'Give name, identifier or birthdate.',
            fields: [{ path: 'querystring.name', message: 'Give name, identifier or birthdate' }],
          });
        const identifierValue = q.identifier?.includes('|') ? q.identifier.split('|').pop() : q.identifier;
        const text = [q.name, identifierValue].filter(Boolean).join(' ');
        const found = await read((trx) =>
          searchPeople(trx, readContext(request.access, clock, q.purpose, 'fhir'), {
            q: text || undefined,
            birthDate: q.birthdate,
            limit: q._count,
          }),
        );
        return searchBundle(found.items.map(toFhirPatientSummary), request.url);
      }),
  );

  r.get('/fhir/R4/Consent/:id', { schema: { tags, summary: 'Read a Consent', params: idParamsSchema } }, async (request, reply) =>
    fhir(reply, async () =>
      toFhirConsent(await read((trx) => getConsent(trx, readContext(request.access, clock, 'treatment', 'fhir'), request.params.id))),
    ),
  );

  r.get(
    '/fhir/R4/Consent',
    { schema: { tags, summary: "Search a Patient's Consents", querystring: consentSearchSchema } },
    async (request, reply) =>
      fhir(reply, async () => {
        const personId = request.query.patient.replace(/^Patient\//, '');
        const consents = await read((trx) =>
          listConsents(trx, readContext(request.access, clock, request.query.purpose, 'fhir'), personId),
        );
        return searchBundle(consents.map(toFhirConsent), request.url);
      }),
  );
}
