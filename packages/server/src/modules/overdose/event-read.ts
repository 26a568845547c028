import {
  addDays,
  locatorSearchQuerySchema,
  naloxoneGiverSchema,
  suspectedSubstanceSchema,
  type NearbyServices,
  type OverdoseEvent,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { type AccessContext } from '../../core/access-context.ts';
import { authorizeRecords, type RecordToRead, readContext } from '../registry/index.ts';
import type { LocatorIndex } from '../directory/index.ts';
import { searchLocator, type LocatorContext } from '../directory/index.ts';
import { overdoseView } from './overdose-policy.ts';
import { type EventRow, forbidden, eventNotFound } from './events.ts';
import { organizationNameOf, organizationNames } from '../organizations/index.ts';
import { userDisplayNameOf } from '../identity/index.ts';

/* Reading overdose events as the caller may see them, the feedback sent, and services near an event. */

async function namesOf(trx: DbOrTrx, rows: readonly EventRow[]) {
  const areaIds = [...new Set(rows.map((r) => r.area_id))];
  const orgIds = [...new Set(rows.map((r) => r.reporting_organization_id))];
  const [areas, org] = await Promise.all([
    areaIds.length ? trx.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).execute() : [],
    organizationNames(trx, orgIds),
  ]);
  return { area: new Map(areas.map((a) => [a.id, a.name])), org };
}

/**
 * Events as the caller may see them: places coarsened to the area (coordinates only for the
 * reporting organization's own events); the person and the examiner's note only where the
 * chokepoint permits (the read is recorded as a disclosure); otherwise `personRestricted`.
 */
async function present(trx: DbOrTrx, clock: Clock, access: AccessContext, rows: readonly EventRow[]): Promise<OverdoseEvent[]> {
  const names = await namesOf(trx, rows);
  const records: RecordToRead[] = [];
  for (const r of rows) {
    if (r.person_id === null) continue;
    records.push({
      personId: r.person_id,
      kind: 'overdose_events',
      sensitivity: r.sensitivity,
      sourceOrganizationId: r.reporting_organization_id,
      ref: { type: 'overdose_event', id: r.id },
    });
    if (r.examiner_note !== null && r.examiner_organization_id !== null && r.examiner_organization_id !== r.reporting_organization_id) {
      records.push({
        personId: r.person_id,
        kind: 'overdose_events',
        sensitivity: r.sensitivity,
        sourceOrganizationId: r.examiner_organization_id,
        ref: { type: 'overdose_examiner_report', id: r.id },
      });
    }
  }
  const { permitted } = await authorizeRecords(trx, readContext(access, clock), records);
  const eventOk = new Map(permitted.filter((p) => p.ref.type === 'overdose_event').map((p) => [p.ref.id, p.person]));
  const examinerOk = new Map(permitted.filter((p) => p.ref.type === 'overdose_examiner_report').map((p) => [p.ref.id, p.person]));
  return rows.map((r) => {
    const own = r.reporting_organization_id === access.organizationId;
    const person = r.person_id === null ? null : (eventOk.get(r.id) ?? examinerOk.get(r.id) ?? null);
    const noteVisible =
      r.person_id === null ||
      (r.examiner_organization_id === r.reporting_organization_id ? eventOk.has(r.id) : examinerOk.has(r.id)) ||
      r.examiner_organization_id === access.organizationId;
    return {
      id: r.id,
      occurredAt: r.occurred_at.toISOString(),
      areaId: r.area_id,
      areaName: names.area.get(r.area_id) ?? r.area_id,
      latitude: own ? r.latitude : null,
      longitude: own ? r.longitude : null,
      fatal: r.fatal,
      naloxoneDoses: r.naloxone_doses,
      naloxoneBy: r.naloxone_by.filter((x) => naloxoneGiverSchema.safeParse(x).success),
      suspectedSubstances: r.suspected_substances.filter((x) => suspectedSubstanceSchema.safeParse(x).success),
      disposition: r.disposition,
      sourceType: r.source_type,
      reportingOrganizationId: r.reporting_organization_id,
      reportingOrganizationName: names.org.get(r.reporting_organization_id) ?? '',
      person,
      personRestricted: r.person_id !== null && person === null,
      examinerNote: noteVisible ? r.examiner_note : null,
      examinerReportedAt: r.examiner_reported_at ? r.examiner_reported_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
    };
  });
}

function requireFullView(access: AccessContext) {
  if (overdoseView(access.roles) !== 'full') throw forbidden('Your role sees overdose counts by area only.');
}

export async function getOverdoseEvent(db: Db, clock: Clock, access: AccessContext, id: string): Promise<OverdoseEvent> {
  requireFullView(access);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('overdose_events').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw eventNotFound();
    return (await present(trx, clock, access, [row]))[0]!;
  });
}

export async function listOverdoseEvents(
  db: Db,
  clock: Clock,
  access: AccessContext,
  query: { days: number; limit: number },
): Promise<OverdoseEvent[]> {
  requireFullView(access);
  return db.transaction().execute(async (trx) => {
    const since = addDays(clock.now(), -query.days);
    const rows = await trx
      .selectFrom('overdose_events')
      .selectAll()
      .where('occurred_at', '>=', since)
      .orderBy('occurred_at', 'desc')
      .limit(query.limit)
      .execute();
    return present(trx, clock, access, rows);
  });
}

/**
 * Who was told about an event (the record of feedback notices), for privacy officers and network
 * administrators only: the list names the person's providers (an opioid treatment program, say),
 * which the reporter may not learn without the person's consent.
 */
export async function listFeedback(db: Db, access: AccessContext, eventId: string) {
  if (!access.roles.includes('privacy_officer') && !access.roles.includes('network_admin'))
    throw forbidden('Privacy officers and network administrators see who was notified.');
  const row = await db.selectFrom('overdose_events').select('id').where('id', '=', eventId).executeTakeFirst();
  if (!row) throw eventNotFound();
  const items = await db
    .selectFrom('overdose_feedback_notices as f')
    .select([
      'f.user_id',
      userDisplayNameOf('f.user_id').$notNull().as('display_name'),
      'f.organization_id',
      organizationNameOf('f.organization_id').$notNull().as('name'),
      'f.reasons',
      'f.trigger',
      'f.notified_at',
    ])
    .where('f.overdose_event_id', '=', eventId)
    .orderBy('f.notified_at')
    .execute();
  return {
    items: items.map((f) => ({
      userId: f.user_id,
      userName: f.display_name,
      organizationId: f.organization_id,
      organizationName: f.name,
      reasons: f.reasons as ('care_team' | 'opioid_prescriber' | 'moud_program' | 'navigator')[],
      trigger: f.trigger,
      notifiedAt: f.notified_at.toISOString(),
    })),
  };
}

const MOUD_CODES = ['METH', 'BU', 'NU'];
const HARM_REDUCTION_CODES = ['NALOXONE', 'SSP', 'FTS'];

/** The nearest MOUD and harm-reduction services to the event's area (open now first), for the outreach task page. */
export async function nearbyServices(
  db: Db,
  ctx: LocatorContext,
  access: AccessContext,
  eventId: string,
  index: LocatorIndex,
  perCategory = 5,
): Promise<NearbyServices> {
  requireFullView(access);
  const row = await db
    .selectFrom('overdose_events as e')
    .innerJoin('areas as a', 'a.id', 'e.area_id')
    .select(['a.id', 'a.name', 'a.latitude', 'a.longitude'])
    .where('e.id', '=', eventId)
    .executeTakeFirst();
  if (!row) throw eventNotFound();
  const items: NearbyServices['items'] = [];
  for (const [category, codes] of [
    ['moud', MOUD_CODES],
    ['harm_reduction', HARM_REDUCTION_CODES],
  ] as const) {
    const query = locatorSearchQuerySchema.parse({
      lat: String(row.latitude),
      lon: String(row.longitude),
      radius: '50',
      limit: '50',
      ...(category === 'moud' ? { medication: codes.join(',') } : { harmReduction: codes.join(',') }),
    });
    const result = await searchLocator(db, ctx, query, index);
    const ranked = [...result.items]
      .sort((a, b) => Number(b.openNow === true) - Number(a.openNow === true) || a.distanceMiles - b.distanceMiles)
      .slice(0, perCategory);
    for (const s of ranked) {
      items.push({
        serviceId: s.serviceId,
        serviceName: s.serviceName,
        organizationName: s.organizationName,
        category,
        distanceMiles: s.distanceMiles,
        phone: s.phone ?? null,
        address: s.directions.address ?? '',
        openNow: s.openNow ?? null,
      });
    }
  }
  return { areaId: row.id, areaName: row.name, items };
}
