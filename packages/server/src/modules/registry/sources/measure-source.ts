import { sql } from 'kysely';
import type { CareEventData, CareEventType, OrganizationType } from '@continuum/contracts';
import type { Clock } from '../../../clock.ts';
import type { Db } from '../../../db/database.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../../../core/access-context.ts';
import { dayStart } from '@continuum/contracts';
import { organizationTypes } from '../../organizations/index.ts';

/*
 * The aggregate read path: the only way the learning system reads care events in bulk.
 *
 * Basis: 42 CFR 2.53 (audit and evaluation) and HIPAA health care operations (45 CFR 164.501,
 * quality assessment and improvement). The rows leave this file minimal — a person key, the
 * stratum attributes (age from the birth date, sex, race, ethnicity, payer, area, special
 * population flags; no names, contact details or identifiers), and per event its type, day,
 * organization and the typed data the measures need. They feed only the computation of
 * aggregates, which are stored with small cells suppressed on the way out; nothing here is
 * returned to a caller. One audit entry per computation records who computed what, over how
 * many people and events (docs/privacy.md, "Measures and the aggregate read path").
 */

export interface MeasurePerson {
  /** The registry id of the surviving record (merged records' events are folded into it). */
  key: string;
  birthDate: string;
  sex: string;
  race: string | null;
  ethnicity: string | null;
  /** `medicaid` when an organization holds a Medicaid id for the person, otherwise `unknown`. */
  payer: 'medicaid' | 'unknown';
  areaId: string | null;
  specialPopulations: ('pregnant_or_postpartum' | 'veteran' | 'justice_involved' | 'unhoused')[];
}

/**
 * One care event as the measures read it, typed by its `type` from the care-event contract
 * (`careEventDataSchemas`): narrowing on `type` gives the data's fields. Every field may be absent:
 * events written through `writeCareEvents` (modules and the import) match their type's schema, but a
 * timeline entry added by hand (`POST /api/people/:id/events`, e.g. a screening or an overdose) has a
 * type and no data.
 */
export type MeasureEvent<T extends CareEventType = CareEventType> = {
  [K in T]: {
    type: K;
    /** Whole days since 1970-01-01 (UTC). */
    day: number;
    organizationId: string;
    organizationType: OrganizationType;
    data: Partial<CareEventData<K>>;
  };
}[T];

export interface MeasureBatchItem {
  person: MeasurePerson;
  /** Sorted by day. */
  events: MeasureEvent[];
}

export interface MeasureSourceOptions {
  /** Events from this day (inclusive)… */
  fromDay: number;
  /** …to this day (inclusive). */
  toDay: number;
  /** People per batch (default 2,000). */
  batchSize?: number;
  /** Why: written to the audit entry (e.g. `learning.compute 2025-01..2025-12`). */
  purpose: string;
}

/**
 * Calls `onBatch` with every person in the registry (merged records folded into their survivor)
 * and their care events in the window, a batch of people at a time, then audits the computation.
 * People without events in the window are passed too (they have stratum attributes but no events).
 */
export async function forEachMeasureBatch(
  db: Db,
  clock: Clock,
  access: AccessContext,
  options: MeasureSourceOptions,
  onBatch: (batch: MeasureBatchItem[]) => void | Promise<void>,
): Promise<{ people: number; events: number }> {
  const batchSize = options.batchSize ?? 2000;
  const orgTypes = await organizationTypes(db);
  let people = 0;
  let events = 0;
  // The next batch is read while this one is processed (on PostgreSQL the two overlap).
  const next = async (after: string | null) => {
    const rows = await personRows(db)
      .where('p.merged_into_id', 'is', null)
      .$if(after !== null, (q) => q.where('p.id', '>', after!))
      .orderBy('p.id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return null;
    const loaded = await loadBatch(db, orgTypes, rows, options.fromDay, options.toDay, { first: rows[0]!.id, last: rows.at(-1)!.id });
    return { ...loaded, last: rows.at(-1)!.id, full: rows.length === batchSize };
  };
  // A failed read-ahead is reported when it is awaited, not as an unhandled rejection meanwhile.
  const ahead = <T>(p: Promise<T>) => (p.catch(() => {}), p);
  let pending = ahead(next(null));
  for (;;) {
    const loaded = await pending;
    if (!loaded) break;
    pending = loaded.full ? ahead(next(loaded.last)) : Promise.resolve(null);
    events += loaded.events;
    people += loaded.batch.length;
    await onBatch(loaded.batch);
  }
  await auditComputation(db, clock, access, options.purpose, people, events);
  return { people, events };
}

/**
 * The people with an event of one of `indexTypes` between `indexFromDay` and `indexToDay`, each
 * with their events in the window — for a drill-down, where the learning module works out who is
 * behind one number and then shows only those the caller may see (through `authorizeRecords`).
 */
export async function measureBatchForIndexEvents(
  db: Db,
  clock: Clock,
  access: AccessContext,
  options: MeasureSourceOptions & { indexTypes: readonly CareEventType[]; indexFromDay: number; indexToDay: number },
): Promise<MeasureBatchItem[]> {
  const ids = await db
    .selectFrom('person_events')
    .select('person_id')
    .distinct()
    .where('type', 'in', [...options.indexTypes])
    .where('occurred_at', '>=', dayStart(options.indexFromDay))
    .where('occurred_at', '<', dayStart(options.indexToDay + 1))
    .execute();
  const survivors = new Set<string>();
  const CHUNK = 1000;
  const all = ids.map((r) => r.person_id);
  for (let i = 0; i < all.length; i += CHUNK) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'merged_into_id'])
      .where('id', 'in', all.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) survivors.add(r.merged_into_id ?? r.id);
  }
  const orgTypes = await organizationTypes(db);
  const out: MeasureBatchItem[] = [];
  let events = 0;
  const list = [...survivors];
  for (let i = 0; i < list.length; i += CHUNK) {
    const rows = await personRows(db)
      .where('p.id', 'in', list.slice(i, i + CHUNK))
      .where('p.merged_into_id', 'is', null)
      .execute();
    const loaded = await loadBatch(db, orgTypes, rows, options.fromDay, options.toDay);
    events += loaded.events;
    out.push(...loaded.batch);
  }
  await auditComputation(db, clock, access, options.purpose, out.length, events);
  return out;
}

function personRows(db: Db) {
  return db
    .selectFrom('people as p')
    .select([
      'p.id',
      'p.birth_date',
      'p.sex',
      'p.race',
      'p.ethnicity',
      'p.area_id',
      'p.pregnant_or_postpartum',
      'p.veteran',
      'p.justice_involved',
      'p.unhoused',
    ])
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('person_identifiers as i').select('i.id').whereRef('i.person_id', '=', 'p.id').where('i.kind', '=', 'medicaid_id'),
        )
        .as('has_medicaid'),
    );
}

type PersonRow = Awaited<ReturnType<ReturnType<typeof personRows>['execute']>>[number];

async function loadBatch(
  db: Db,
  orgTypes: Map<string, OrganizationType>,
  rows: readonly PersonRow[],
  fromDay: number,
  toDay: number,
  range?: { first: string; last: string },
): Promise<{ batch: MeasureBatchItem[]; events: number }> {
  const ids = rows.map((r) => r.id);
  // Records merged into these people (chains resolve over a few rounds).
  const owner = new Map<string, string>(ids.map((id) => [id, id]));
  let frontier = ids;
  for (let depth = 0; depth < 5 && frontier.length > 0; depth++) {
    const merged = await db.selectFrom('people').select(['id', 'merged_into_id']).where('merged_into_id', 'in', frontier).execute();
    for (const m of merged) owner.set(m.id, owner.get(m.merged_into_id!)!);
    frontier = merged.map((m) => m.id);
  }
  // Events as (person, type, organization, whole day, data text): the day computed by the database
  // and the data parsed here, once. A batch from the people scan is a contiguous id range, read as
  // one index range; records merged into the batch (rare) are read by id.
  const events = (q: ReturnType<typeof eventQuery>) =>
    q
      .where('occurred_at', '>=', dayStart(fromDay))
      .where('occurred_at', '<', dayStart(toDay + 1))
      .execute();
  const eventQuery = () =>
    db
      .selectFrom('person_events')
      .select([
        'person_id',
        'type',
        'organization_id',
        sql<number>`floor(extract(epoch from occurred_at) / 86400)::int`.as('day'),
        sql<string>`data::text`.as('data'),
        'id',
        'occurred_at',
      ])
      // Within a day, events in the order they happened (then by id): "the first event of a day" is well defined.
      .orderBy('occurred_at')
      .orderBy('id');
  const inBatch = new Set(ids);
  // Merged records outside the batch's id range (those inside it come with the range read).
  const others = [...owner.keys()].filter((id) => !inBatch.has(id) && !(range && id >= range.first && id <= range.last));
  const eventRows = [
    ...(range
      ? await events(eventQuery().where('person_id', '>=', range.first).where('person_id', '<=', range.last))
      : await events(eventQuery().where('person_id', 'in', ids))),
    ...(others.length > 0 ? await events(eventQuery().where('person_id', 'in', others)) : []),
  ];
  if (others.length > 0)
    eventRows.sort((a, b) => +new Date(a.occurred_at) - +new Date(b.occurred_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byPerson = new Map<string, MeasureEvent[]>();
  let count = 0;
  for (const e of eventRows) {
    const key = owner.get(e.person_id);
    if (key === undefined) continue;
    count++;
    let list = byPerson.get(key);
    if (!list) byPerson.set(key, (list = []));
    // The stored data is the contract's for the type (see MeasureEvent), parsed once here.
    list.push({
      type: e.type as CareEventType,
      day: Number(e.day),
      organizationId: e.organization_id,
      organizationType: orgTypes.get(e.organization_id) ?? 'other',
      data: JSON.parse(e.data) as MeasureEvent['data'],
    } as MeasureEvent);
  }
  const batch = rows.map((r) => {
    const special: MeasurePerson['specialPopulations'] = [];
    if (r.pregnant_or_postpartum) special.push('pregnant_or_postpartum');
    if (r.veteran) special.push('veteran');
    if (r.justice_involved) special.push('justice_involved');
    if (r.unhoused) special.push('unhoused');
    const evs = byPerson.get(r.id) ?? [];
    evs.sort((a, b) => a.day - b.day);
    const birth = r.birth_date as unknown;
    return {
      person: {
        key: r.id,
        birthDate: birth instanceof Date ? birth.toISOString().slice(0, 10) : String(birth).slice(0, 10),
        sex: r.sex,
        race: r.race,
        ethnicity: r.ethnicity,
        payer: r.has_medicaid ? ('medicaid' as const) : ('unknown' as const),
        areaId: r.area_id,
        specialPopulations: special,
      },
      events: evs,
    };
  });
  return { batch, events: count };
}

async function auditComputation(
  db: Db,
  clock: Clock,
  access: AccessContext,
  purpose: string,
  people: number,
  events: number,
): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAudit(trx, clock, access, {
      action: 'measures.read-events',
      entityType: 'care_events',
      details: { purpose, people, events, basis: '42 CFR 2.53 audit and evaluation' },
    }),
  );
}
