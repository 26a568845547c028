import { sql } from 'kysely';
import { careEventKind, careEventTypeLabels, type CareEventInput } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { actorUserId } from '../../core/access-context.ts';
import { recordSensitivity } from './registry-policy.ts';
import { requireOrganization } from '../organizations/index.ts';

/** One event to write, for one person (the id as the writer knows it; merged records are fine). */
export interface CareEventWrite {
  personId: string;
  event: CareEventInput;
}

export interface CareEventWriteResult {
  /** Ids of the written events, in input order; `null` where an event with the same external id was already there. */
  ids: (string | null)[];
  written: number;
  alreadyPresent: number;
  /** Of those already there, how many were replaced by the new content (`replaceExisting`). */
  updated: number;
}

export interface CareEventWriteOptions {
  /**
   * An event whose (organization, externalId) is already stored for the same person takes the new
   * content (time, title, detail, data) instead of being skipped: a feed's later message about the
   * same thing (an HL7 v2 A08 or A03 for a visit) is its current record. Kept as it is when nothing
   * changed, or when the stored event is another person's.
   */
  replaceExisting?: boolean;
}

const CHUNK = 1000;

/**
 * The one writer of care events. The calling module has already decided that its caller may write
 * (its own permission rules); this checks that every person exists, labels each event's
 * sensitivity (a Part 2 program's records, SUD treatment and counseling notes are always `part2`),
 * skips events whose (organization, externalId) is already stored, and audits the batch.
 * Call it inside the caller's transaction so the events and the change that caused them land together.
 */
export async function writeCareEvents(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  writer: { organizationId: string; source: string },
  items: readonly CareEventWrite[],
  options: CareEventWriteOptions = {},
): Promise<CareEventWriteResult> {
  if (items.length === 0) return { ids: [], written: 0, alreadyPresent: 0, updated: 0 };
  const personIds = [...new Set(items.map((i) => i.personId))];
  const known = new Set<string>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('people')
      .select('id')
      .where('id', 'in', personIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) known.add(r.id);
  }
  const missing = items.findIndex((i) => !known.has(i.personId));
  if (missing >= 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'No person with that id.',
      fields: [{ path: `items.${missing}.personId`, message: 'No person with that id' }],
    });
  }
  const org = await requireOrganization(trx, writer.organizationId);
  const now = clock.now();
  const userId = actorUserId(access);
  const ids: (string | null)[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    const rows = await trx
      .insertInto('person_events')
      .values(
        chunk.map(({ personId, event }) => {
          const kind = careEventKind(event.type);
          return {
            person_id: personId,
            organization_id: writer.organizationId,
            kind,
            type: event.type,
            sensitivity: recordSensitivity(org.type, kind, event.sensitivity),
            occurred_at: new Date(event.occurredAt),
            title: event.title ?? careEventTypeLabels[event.type].en,
            detail: event.detail ?? null,
            data: JSON.stringify(event.data),
            source: writer.source,
            external_id: event.externalId ?? null,
            created_by_user_id: userId,
            created_at: now,
          };
        }),
      )
      .onConflict((oc) => oc.columns(['organization_id', 'external_id']).where('external_id', 'is not', null).doNothing())
      .returning(['id', 'external_id', 'person_id', 'type', 'occurred_at'])
      .execute();
    // Rows come back for the inserted events only; match them to the input by external id, or by position when none was given.
    const byExternal = new Map(rows.filter((r) => r.external_id !== null).map((r) => [r.external_id, r.id]));
    const withoutExternal = rows.filter((r) => r.external_id === null);
    let k = 0;
    for (const { event } of chunk) {
      if (event.externalId !== undefined) ids.push(byExternal.get(event.externalId) ?? null);
      else ids.push(withoutExternal[k++]!.id);
    }
  }
  const written = ids.filter((x) => x !== null).length;
  let updated = 0;
  if (options.replaceExisting) {
    for (const [i, { personId, event }] of items.entries()) {
      if (ids[i] !== null || event.externalId === undefined) continue;
      const data = JSON.stringify(event.data);
      const title = event.title ?? careEventTypeLabels[event.type].en;
      const detail = event.detail ?? null;
      const occurredAt = new Date(event.occurredAt);
      const row = await trx
        .updateTable('person_events')
        .set({ occurred_at: occurredAt, title, detail, data })
        .where('organization_id', '=', writer.organizationId)
        .where('external_id', '=', event.externalId)
        .where('person_id', '=', personId)
        .where('type', '=', event.type)
        .where((eb) =>
          eb.or([
            eb('occurred_at', '<>', occurredAt),
            eb('title', '<>', title),
            eb('detail', 'is distinct from', detail),
            sql<boolean>`data <> ${data}::jsonb`,
          ]),
        )
        .returning('id')
        .executeTakeFirst();
      if (row) updated += 1;
    }
  }
  await recordAudit(trx, clock, access, {
    action: 'care-events.write',
    entityType: 'care_events',
    organizationId: writer.organizationId,
    details: { source: writer.source, written, alreadyPresent: items.length - written, updated, people: personIds.length },
  });
  return { ids, written, alreadyPresent: items.length - written, updated };
}
