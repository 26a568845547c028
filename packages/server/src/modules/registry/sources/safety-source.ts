import {
  part2Notice,
  type CareEventType,
  type DenyReason,
  type RecordKind,
  type RestrictedMarker,
  type Sensitivity,
} from '@continuum/contracts';
import type { Clock } from '../../../clock.ts';
import type { Db, DbOrTrx } from '../../../db/database.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../../../core/access-context.ts';
import { decideAccess, denyMessages, type RecordFacts } from '../access-decision.ts';
import { actorFacts, type ReadContext } from '../access-facts.ts';
import { openPerson, recordDisclosures, type Permitted } from '../chokepoint.ts';
import { organizationNameOf } from '../../organizations/index.ts';

/*
 * The registry reads prescribing safety needs: one person's medication, diagnosis, overdose and
 * naloxone care events for the person page's safety panel (decided event by event, disclosure
 * recorded), and the network's dispensing events in bulk for the prescriber feedback report
 * (operations, aggregates only, audited once per run).
 */

/** The care-event types the safety engine reads. */
export const safetySourceTypes = [
  'opioid_dispense',
  'medication_dispense',
  'moud_dispense',
  'moud_administration',
  'moud_start',
  'moud_dose_change',
  'urine_drug_test',
  'diagnosis',
  'encounter',
  'overdose',
  'naloxone',
] as const satisfies readonly CareEventType[];
export type SafetySourceType = (typeof safetySourceTypes)[number];

export interface SafetySourceEvent {
  id: string;
  type: SafetySourceType;
  kind: RecordKind;
  sensitivity: Sensitivity;
  occurredAt: Date;
  data: Record<string, unknown>;
  sourceOrganizationId: string;
  sourceOrganizationName: string;
}

export interface SafetySource {
  personId: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** Every event of the types above the caller may see, oldest first. */
  events: SafetySourceEvent[];
  /** One marker per kind the caller may not see (kind and count only). */
  restricted: RestrictedMarker[];
  /** Whether any permitted event is a Part 2 record from another organization (42 CFR 2.32 notice). */
  part2Disclosed: boolean;
  redisclosureNotice: string | null;
}

/** Most events read for one person (far above any real record; a bound, not a page). */
const PERSON_EVENT_LIMIT = 5000;

/**
 * One person's safety-relevant care events the caller may see, each decided by the access decision
 * exactly as on the timeline. The person must be visible (else "not found"). The disclosure of the
 * person's identity and of every event read is recorded in the caller's transaction.
 */
export async function readSafetySource(trx: DbOrTrx, ctx: ReadContext, personId: string): Promise<SafetySource> {
  const { person, facts, decision, caller } = await openPerson(trx, ctx, personId);
  const rows = await trx
    .selectFrom('person_events as e')
    .select(['e.id', 'e.kind', 'e.type', 'e.sensitivity', 'e.occurred_at', 'e.data', 'e.organization_id'])
    .select(organizationNameOf('e.organization_id').$notNull().as('organization_name'))
    .where('e.person_id', 'in', person.ids)
    .where('e.type', 'in', [...safetySourceTypes])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id')
    .limit(PERSON_EVENT_LIMIT)
    .execute();
  const actor = actorFacts(ctx.access);
  const events: SafetySourceEvent[] = [];
  const permitted: Permitted[] = [
    {
      personId: person.row.id,
      record: { kind: 'demographics', sensitivity: 'normal', sourceOrganizationId: person.row.registered_by_organization_id },
      ref: { type: 'Patient', id: person.row.id },
      decision,
    },
  ];
  const denied = new Map<RecordKind, { count: number; reason: DenyReason }>();
  let part2Disclosed = false;
  for (const r of rows) {
    const record: RecordFacts = { kind: r.kind, sensitivity: r.sensitivity, sourceOrganizationId: r.organization_id };
    const d = decideAccess({ actor, caller, purpose: ctx.purpose, record, person: facts, now: ctx.now });
    if (!d.permit) {
      const prior = denied.get(r.kind);
      if (prior) prior.count++;
      else denied.set(r.kind, { count: 1, reason: d.reason });
      continue;
    }
    permitted.push({ personId: person.row.id, record, ref: { type: 'person_event', id: r.id }, decision: d });
    if (r.sensitivity === 'part2' && d.basis !== 'own_organization') part2Disclosed = true;
    events.push({
      id: r.id,
      type: r.type as SafetySourceType,
      kind: r.kind,
      sensitivity: r.sensitivity,
      occurredAt: r.occurred_at,
      data: (r.data ?? {}) as Record<string, unknown>,
      sourceOrganizationId: r.organization_id,
      sourceOrganizationName: r.organization_name,
    });
  }
  await recordDisclosures(trx, ctx, permitted);
  events.reverse();
  return {
    personId: person.row.id,
    birthDate: person.row.birth_date,
    events,
    restricted: [...denied].map(([kind, d]) => ({ kind, count: d.count, reason: d.reason, message: denyMessages[d.reason] })),
    part2Disclosed,
    redisclosureNotice: part2Disclosed ? part2Notice.en.full : null,
  };
}

/** The dispensing types the prescriber report screens. */
export const dispensingTypes = [
  'opioid_dispense',
  'medication_dispense',
  'moud_dispense',
  'moud_administration',
  'naloxone',
] as const satisfies readonly CareEventType[];

export interface AggregateDispensing {
  /** A number standing for the person within this read only (no identifier leaves the registry). */
  personIndex: number;
  type: (typeof dispensingTypes)[number];
  occurredAt: Date;
  data: Record<string, unknown>;
  sourceOrganizationId: string;
}

function dispensingPage(db: Db, input: { from: Date; to: Date }, cursor: { at: Date; id: string } | null, pageSize: number) {
  return db
    .selectFrom('person_events as e')
    .leftJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.person_id', 'p.merged_into_id', 'e.type', 'e.sensitivity', 'e.occurred_at', 'e.data', 'e.organization_id'])
    .where('e.type', 'in', [...dispensingTypes])
    .where('e.occurred_at', '>=', input.from)
    .where('e.occurred_at', '<', input.to)
    .$if(cursor !== null, (q) =>
      q.where((eb) =>
        eb.or([eb('e.occurred_at', '>', cursor!.at), eb.and([eb('e.occurred_at', '=', cursor!.at), eb('e.id', '>', cursor!.id)])]),
      ),
    )
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .limit(pageSize)
    .execute();
}

/** Rows per page of the aggregate read: each page is its own short query, so other requests interleave. */
const AGGREGATE_PAGE = 10_000;

/**
 * The network's dispensing events in [from, to) for aggregate screening (health care operations:
 * prescriber feedback). Only `normal` records: Part 2 records are not used without consent, and no
 * person-level value leaves this function except a per-read person number. Read in pages (keyset on
 * time and id) so the embedded database's one connection is never held for long; audited once per
 * run (who, what, how many rows). The caller may only return aggregates.
 */
export async function readDispensingsForAggregate(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: { from: Date; to: Date; purpose: string },
  pageSize = AGGREGATE_PAGE,
): Promise<{ rows: AggregateDispensing[]; part2Excluded: number }> {
  const index = new Map<string, number>();
  const rows: AggregateDispensing[] = [];
  let part2Excluded = 0;
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const page = await dispensingPage(db, input, after, pageSize);
    for (const r of page) {
      if (r.sensitivity !== 'normal') {
        part2Excluded++;
        continue;
      }
      // A merged record counts as its survivor (one level: merges are rarely chained).
      const personId = r.merged_into_id ?? r.person_id;
      let n = index.get(personId);
      if (n === undefined) index.set(personId, (n = index.size));
      rows.push({
        personIndex: n,
        type: r.type as AggregateDispensing['type'],
        occurredAt: r.occurred_at,
        data: (r.data ?? {}) as Record<string, unknown>,
        sourceOrganizationId: r.organization_id,
      });
    }
    if (page.length < pageSize) break;
    const last = page[page.length - 1]!;
    after = { at: last.occurred_at, id: last.id };
  }
  await db.transaction().execute((trx) =>
    recordAudit(trx, clock, access, {
      action: 'safety.aggregate-read',
      entityType: 'care_events',
      details: {
        purpose: input.purpose,
        rows: rows.length,
        part2Excluded,
        from: input.from.toISOString().slice(0, 10),
        to: input.to.toISOString().slice(0, 10),
      },
    }),
  );
  return { rows, part2Excluded };
}

/**
 * Ids of up to `limit` people registered by an organization (not merged), in name order: the demo
 * seed's way to pick whom to give prescriptions (deterministic for a seed, since names are). A
 * system-side read for seeding only; it returns ids and nothing else.
 */
export async function peopleRegisteredBy(trx: DbOrTrx, organizationId: string, limit: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('people')
    .select('id')
    .where('registered_by_organization_id', '=', organizationId)
    .where('merged_into_id', 'is', null)
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('birth_date')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
