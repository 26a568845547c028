import {
  careEventKind,
  type CareEventType,
  type DrillDownResponse,
  type MeasureId,
  epochDay,
  firstDayOfMonth,
  isoDayOf,
  lastDayOfMonth,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { Db } from '../../db/database.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { authorizeRecords, type RecordToRead, measureBatchForIndexEvents, readContext } from '../registry/index.ts';
import { LOOKBACK_DAYS } from './compute.ts';
import { requireDrillDown, requireOrganizationScope } from './learning-policy.ts';
import { personMeasures } from './person-measures.ts';
import { conversionDays } from './settings.ts';

/*
 * The people behind one number (a measure in one month): worked out again from those people's
 * events, then listed only as far as the consent chokepoint lets the caller see them — each
 * person's index record is checked as a Part 2 record of the organization that holds it
 * (`authorizeRecords`, which records the disclosure). Everyone else is only counted.
 */

/** The monthly counts have no person list: overdose reports are the overdose module's, people in MOUD a census. */
const indexTypes: Record<MeasureId, CareEventType[] | null> = {
  fua_7: ['encounter'],
  fua_30: ['encounter'],
  pod_180: ['moud_dispense', 'moud_administration', 'moud_start', 'moud_dose_change'],
  retention_30: ['moud_dispense', 'moud_administration', 'moud_start', 'moud_dose_change'],
  retention_90: ['moud_dispense', 'moud_administration', 'moud_start', 'moud_dose_change'],
  retention_180: ['moud_dispense', 'moud_administration', 'moud_start', 'moud_dose_change'],
  iet_initiation: ['diagnosis', 'encounter'],
  iet_engagement: ['diagnosis', 'encounter'],
  ed_moud_conversion_7: ['referral'],
  custody_release_moud_days: ['custody_release'],
  naloxone_kits: ['naloxone'],
  overdose_reversals: ['overdose'],
  repeat_overdose_30: ['overdose'],
  overdose_deaths: null,
  nonfatal_overdoses: null,
  people_in_moud: null,
};

export async function drillDown(
  db: Db,
  clock: Clock,
  access: AccessContext,
  measureId: MeasureId,
  q: { month: string; organizationId?: string | undefined; group: 'numerator' | 'not_met' | 'denominator'; limit: number },
): Promise<DrillDownResponse> {
  requireDrillDown(access);
  requireOrganizationScope(access, q.organizationId);
  const types = indexTypes[measureId];
  if (!types) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'id', message: 'This count has no list of people behind it' }] });
  const asOf = epochDay(clock.now()) - 1;
  const from = firstDayOfMonth(q.month);
  const to = Math.min(lastDayOfMonth(q.month), asOf);
  const batch = await measureBatchForIndexEvents(db, clock, access, {
    indexTypes: types,
    indexFromDay: from,
    indexToDay: to,
    fromDay: from - LOOKBACK_DAYS,
    toDay: asOf,
    purpose: `learning.drill-down ${measureId} ${q.month}`,
  });
  const days = await conversionDays(db);
  const records: (RecordToRead & { day: number; met: boolean })[] = [];
  for (const { person, events } of batch) {
    const mine = personMeasures(events, { fromDay: from, toDay: to, asOf, birthDate: person.birthDate, conversionDays: days }).filter(
      (c) => c.measure === measureId && (q.organizationId === undefined || c.organizationId === q.organizationId),
    );
    for (const c of mine) {
      const met = c.numerator > 0;
      if (q.group === 'numerator' && !met) continue;
      if (q.group === 'not_met' && (met || c.denominator === 0)) continue;
      records.push({
        personId: person.key,
        kind: careEventKind(types[0]!),
        sensitivity: 'part2',
        sourceOrganizationId: c.organizationId,
        ref: { type: 'Measure', id: `${measureId}:${q.month}` },
        day: c.day,
        met,
      });
    }
  }
  const people = new Set(records.map((r) => r.personId));
  return db.transaction().execute(async (trx) => {
    const { permitted } = await authorizeRecords(trx, readContext(access, clock, 'operations'), records.slice(0, 5000));
    const seen = new Set<string>();
    const items: DrillDownResponse['items'] = [];
    for (const r of permitted) {
      if (seen.has(r.person.id)) continue;
      seen.add(r.person.id);
      items.push({
        personId: r.person.id,
        displayName: `${r.person.givenName} ${r.person.familyName}`,
        birthDate: r.person.birthDate,
        eventDate: isoDayOf(r.day),
        met: r.met,
      });
    }
    return { measureId, month: q.month, items: items.slice(0, q.limit), notShown: people.size - seen.size };
  });
}
