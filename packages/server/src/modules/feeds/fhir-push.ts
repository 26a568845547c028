import type { FeedApplySummary, FhirResourceInput, FhirResourceResult } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { feedMatchModel } from '../person-index/index.ts';
import { FeedMessageError } from './adapter.ts';
import { fhirAdapter } from './adapters/fhir.ts';
import { FhirResourceError } from './adapters/fhir-resources.ts';
import { receiveContent, receiveMessage } from './apply.ts';
import { mayOnFeed } from './feeds-policy.ts';
import { auditPush } from './push.ts';
import { loadSource, type SourceRow } from './sources.ts';

/*
 * A FHIR feed's API (docs/integration.md, "A partner that speaks FHIR"): bulk NDJSON
 * (`$import`-style, one message a line) and one resource or Bundle POSTed on its own, both into the
 * same feed core as every other kind. The caller pushes to its own organization's FHIR feed.
 */

async function fhirSource(db: Db, access: AccessContext, sourceId: string): Promise<SourceRow> {
  const source = await loadSource(db, sourceId);
  if (!source || !mayOnFeed(access, 'feed.push', source.organizationId)) throw new AppError('NOT_FOUND');
  if (source.kind !== 'fhir')
    throw new AppError('VALIDATION_FAILED', {
      message: 'This feed does not take FHIR.',
      fields: [{ path: 'id', message: 'Not a FHIR feed' }],
    });
  return source;
}

/** Bulk NDJSON: each line applied on its own (with the Patient it refers to from the same body). */
export async function importFhirNdjson(
  db: Db,
  clock: Clock,
  access: AccessContext,
  sourceId: string,
  ndjson: string,
): Promise<FeedApplySummary> {
  const source = await fhirSource(db, access, sourceId);
  const summary = await receiveContent(db, clock, source, ndjson);
  await auditPush(db, clock, access, source, 'api', summary);
  return summary;
}

/**
 * One resource (or a Bundle, all or nothing). A resource the adapter cannot read is refused with a
 * 400 naming the element, and nothing is kept; one it reads but that cannot be applied (no person
 * to match, a care event out of range) goes to the error queue like any feed message.
 */
export async function receiveFhirResource(
  db: Db,
  clock: Clock,
  access: AccessContext,
  sourceId: string,
  resource: FhirResourceInput,
): Promise<FhirResourceResult> {
  const source = await fhirSource(db, access, sourceId);
  const message = JSON.stringify(resource);
  try {
    fhirAdapter.plan(message, { timeZone: source.timeZone });
  } catch (error) {
    if (error instanceof FeedMessageError && (error.code === 'malformed' || error.code === 'unsupported')) {
      const field = error instanceof FhirResourceError ? error.field : 'resourceType';
      throw new AppError('VALIDATION_FAILED', {
        message: 'The resource could not be read.',
        fields: [{ path: field, message: error instanceof FhirResourceError ? error.reason.slice(field.length + 2) : error.reason }],
      });
    }
    throw error;
  }
  const result = await receiveMessage(db, clock, source, fhirAdapter, await feedMatchModel(db, clock), message);
  const summary = {
    accepted: result.status === 'accepted' ? 1 : 0,
    rejected: result.status === 'rejected' ? 1 : 0,
    duplicates: result.status === 'duplicate' ? 1 : 0,
  };
  await auditPush(db, clock, access, source, 'api', summary);
  if (result.status === 'rejected') return { status: 'rejected', messageId: result.messageId, code: result.code, reason: result.reason };
  return { status: result.status, messageId: result.messageId };
}
