import { sql, type RawBuilder } from 'kysely';
import type { Clock } from '../../../clock.ts';
import type { Db, DbOrTrx } from '../../../db/database.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../../../core/access-context.ts';
import { dayStart } from '@continuum/contracts';

/*
 * The set-based aggregate read path: the same people and care events as `forEachMeasureBatch`
 * (measure-source.ts), offered as relations the learning system's SQL reads inside the database, so
 * no event row crosses the driver. Same basis (42 CFR 2.53 audit and evaluation; HIPAA health care
 * operations), same minimum: a person key (the surviving record; merged records' events folded
 * into it, chains of up to 5 merges as the batch path resolves them), the stratum attributes (birth
 * date, sex, race, ethnicity, payer, area, special population flags; no names, contact details or
 * identifiers), and per event its day, instant and id (for a stable order within a day), type,
 * organization and typed data. The relations feed only the computation of aggregates, which are
 * stored with small cells suppressed on the way out; one audit entry per computation records who
 * computed what over how many people and events (docs/privacy.md).
 */

export interface MeasureRelations {
  /**
   * Columns: pk (uuid, the surviving person), day (int, whole UTC days since 1970-01-01), at
   * (timestamptz), id (uuid), type (text), org (uuid), data (jsonb). Events from `fromDay` to
   * `toDay` inclusive.
   */
  events: RawBuilder<unknown>;
  /**
   * Columns: pk, birth_date (date), sex, race, ethnicity, area_id, has_medicaid, pregnant_or_postpartum,
   * veteran, justice_involved, unhoused — every surviving person.
   */
  people: RawBuilder<unknown>;
}

export interface MeasureRelationOptions {
  fromDay: number;
  toDay: number;
  /** Why: written to the audit entry (e.g. `learning.compute 2025-01..2025-12`). */
  purpose: string;
}

function relations(options: MeasureRelationOptions): MeasureRelations {
  // Merged records and their survivor: every hop up the chain, the last one kept if it survives.
  const merged = sql`(
    with recursive chain(id, target, depth) as (
      select id, merged_into_id, 1 from people where merged_into_id is not null
      union all
      select c.id, p.merged_into_id, c.depth + 1 from chain c join people p on p.id = c.target
      where p.merged_into_id is not null and c.depth < 5
    )
    select distinct on (c.id) c.id, c.target from chain c
    where not exists (select 1 from people s where s.id = c.target and s.merged_into_id is not null)
    order by c.id, c.depth desc
  )`;
  const events = sql`(
    select coalesce(m.target, e.person_id) as pk,
      floor(extract(epoch from e.occurred_at) / 86400)::int as day,
      e.occurred_at as at, e.id, e.type, e.organization_id as org, e.data
    from person_events e
    left join ${merged} m on m.id = e.person_id
    where e.occurred_at >= ${dayStart(options.fromDay)} and e.occurred_at < ${dayStart(options.toDay + 1)}
      and (m.id is not null or not exists (select 1 from people x where x.id = e.person_id and x.merged_into_id is not null))
  )`;
  const people = sql`(
    select p.id as pk, p.birth_date, p.sex, p.race, p.ethnicity, p.area_id,
      exists (select 1 from person_identifiers i where i.person_id = p.id and i.kind = 'medicaid_id') as has_medicaid,
      p.pregnant_or_postpartum, p.veteran, p.justice_involved, p.unhoused
    from people p where p.merged_into_id is null
  )`;
  return { events, people };
}

/**
 * Runs `compute` in one transaction with the relations, then audits the read with the counts it
 * reports (people with events in the window, events read).
 */
export async function withMeasureRelations<T>(
  db: Db,
  clock: Clock,
  access: AccessContext,
  options: MeasureRelationOptions,
  compute: (trx: DbOrTrx, relations: MeasureRelations) => Promise<{ people: number; events: number; value: T }>,
): Promise<{ people: number; events: number; value: T }> {
  return db.transaction().execute(async (trx) => {
    const out = await compute(trx, relations(options));
    await recordAudit(trx, clock, access, {
      action: 'measures.read-events',
      entityType: 'care_events',
      details: { purpose: options.purpose, people: out.people, events: out.events, basis: '42 CFR 2.53 audit and evaluation' },
    });
    return out;
  });
}
