import type { NaloxoneDistribution, RecordNaloxone } from '@continuum/contracts';
import { recordNaloxoneSchema, addDays } from '@continuum/contracts';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { writeCareEvents, filterVisible, readContext } from '../registry/index.ts';
import { canRecordOverdose, overdoseView } from './overdose-policy.ts';

/*
 * Naloxone distribution: kits handed out (where, by which organization, to whom in general terms)
 * and EMS leave-behind kits. A kit given to a known person is also a `naloxone` care event on
 * their timeline. The distribution list itself holds no person: it is aggregate data.
 */

type Parsed = z.output<typeof recordNaloxoneSchema>;

const toApi = (r: {
  id: string;
  distributed_at: Date;
  area_id: string;
  place: string;
  organization_id: string;
  recipient_category: NaloxoneDistribution['recipientCategory'];
  kits: number;
  leave_behind: boolean;
  care_event_id: string | null;
}): NaloxoneDistribution => ({
  id: r.id,
  distributedAt: r.distributed_at.toISOString(),
  areaId: r.area_id,
  place: r.place,
  organizationId: r.organization_id,
  recipientCategory: r.recipient_category,
  kits: r.kits,
  leaveBehind: r.leave_behind,
  careEventId: r.care_event_id,
});

export async function recordNaloxone(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: Parsed | RecordNaloxone,
): Promise<NaloxoneDistribution> {
  if (!canRecordOverdose(access.roles)) throw new AppError('FORBIDDEN', { message: 'Your role does not record naloxone distribution.' });
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  const organizationId = access.organizationId;
  const data = recordNaloxoneSchema.parse(input);
  return db.transaction().execute(async (trx) => {
    const area = await trx.selectFrom('areas').select('id').where('id', '=', data.areaId).executeTakeFirst();
    if (!area)
      throw new AppError('VALIDATION_FAILED', { message: 'Unknown area.', fields: [{ path: 'areaId', message: 'No area with that id' }] });
    if (data.overdoseEventId) {
      const ev = await trx.selectFrom('overdose_events').select('id').where('id', '=', data.overdoseEventId).executeTakeFirst();
      if (!ev)
        throw new AppError('VALIDATION_FAILED', {
          message: 'Unknown overdose event.',
          fields: [{ path: 'overdoseEventId', message: 'No overdose event with that id' }],
        });
    }
    let personId: string | null = null;
    if (data.personId) {
      const [v] = await filterVisible(trx, readContext(access, clock), [data.personId]);
      if (!v)
        throw new AppError('VALIDATION_FAILED', {
          message: 'No person with that id.',
          fields: [{ path: 'personId', message: 'No person with that id that you may see' }],
        });
      personId = v.person.row.id;
    }
    return insertNaloxone(trx, clock, access, organizationId, data, personId);
  });
}

export async function listNaloxone(
  db: Db,
  clock: Clock,
  access: AccessContext,
  days: number,
): Promise<{ items: NaloxoneDistribution[]; totalKits: number }> {
  if (overdoseView(access.roles) === 'none') throw new AppError('FORBIDDEN', { message: 'Your role does not see naloxone distribution.' });
  const since = addDays(clock.now(), -days);
  const rows = await db
    .selectFrom('naloxone_distributions')
    .select(['id', 'distributed_at', 'area_id', 'place', 'organization_id', 'recipient_category', 'kits', 'leave_behind', 'care_event_id'])
    .where('distributed_at', '>=', since)
    .orderBy('distributed_at', 'desc')
    .limit(500)
    .execute();
  // The care event id points at a person's timeline: only for the distributing organization.
  const items = rows.map((r) => toApi({ ...r, care_event_id: r.organization_id === access.organizationId ? r.care_event_id : null }));
  return { items, totalKits: items.reduce((s, i) => s + i.kits, 0) };
}

/**
 * Kits handed out without naming anyone (distributions with no person; those with a person are
 * already care events), per day since 1970-01-01, organization and area, in [from, to). Aggregate
 * data, not person-level: learning's measures count them.
 */
export async function anonymousNaloxoneByDay(
  db: DbOrTrx,
  from: Date,
  to: Date,
): Promise<{ organization_id: string; area_id: string; day: number; kits: number }[]> {
  return db
    .selectFrom('naloxone_distributions')
    .select(['organization_id', 'area_id', sql<number>`floor(extract(epoch from distributed_at) / 86400)::int`.as('day'), 'kits'])
    .where('person_id', 'is', null)
    .where('distributed_at', '>=', from)
    .where('distributed_at', '<', to)
    .execute();
}

/** Stores one distribution (and the person's `naloxone` care event) in the caller's transaction; audited. */
export async function insertNaloxone(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  data: Parsed,
  personId: string | null,
): Promise<NaloxoneDistribution> {
  const now = clock.now();
  const row = await trx
    .insertInto('naloxone_distributions')
    .values({
      distributed_at: new Date(data.distributedAt),
      organization_id: organizationId,
      area_id: data.areaId,
      place: data.place,
      recipient_category: data.recipientCategory,
      kits: data.kits,
      leave_behind: data.leaveBehind,
      overdose_event_id: data.overdoseEventId ?? null,
      person_id: personId,
      care_event_id: null,
      created_by_user_id: actorUserId(access),
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  let careEventId: string | null = null;
  if (personId !== null) {
    const written = await writeCareEvents(trx, clock, access, { organizationId, source: 'overdose' }, [
      {
        personId,
        event: {
          type: 'naloxone',
          occurredAt: new Date(data.distributedAt).toISOString(),
          data: { mode: 'kit_given', kits: data.kits },
          externalId: `naloxone:${row.id}`,
        },
      },
    ]);
    careEventId = written.ids[0] ?? null;
    await trx.updateTable('naloxone_distributions').set({ care_event_id: careEventId }).where('id', '=', row.id).execute();
  }
  await recordAudit(trx, clock, access, {
    action: 'overdose.naloxone.record',
    entityType: 'naloxone_distribution',
    entityId: row.id,
    organizationId,
    details: { kits: data.kits, recipientCategory: data.recipientCategory, leaveBehind: data.leaveBehind, personLinked: personId !== null },
  });
  return toApi({ ...row, care_event_id: careEventId });
}
