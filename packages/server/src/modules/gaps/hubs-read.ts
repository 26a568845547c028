import {
  addDays,
  csvDocument,
  hubCodes,
  hubMethadoneCodes,
  hubsReportSchema,
  spokeCodes,
  utcDay,
  type BoundaryKind,
  type HubsReport,
} from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Clock } from '../../clock.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { serviceCapacities, servicePointsWithOrganizations } from '../directory/index.ts';
import { primaryBoundaryKind, readPublicBoundaries } from '../geography/index.ts';
import { agreementPartiesInForce } from '../network/index.ts';
import { organizationTypes } from '../organizations/index.ts';
import { pathwayLinksInForce, referralFlowsBetween } from '../referrals/index.ts';
import { requireGapsRole } from './gaps-policy.ts';
import { analyzeHubs, type MoudPoint } from './hubs.ts';
import { assessNeed } from './need.ts';
import { capacityOf, gatherInputs } from './run-inputs.ts';

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

/** Referrals counted as a link over the last year (and shown, suppressed, beside it). */
export const REFERRAL_WINDOW_DAYS = 365;

/**
 * The hub-and-spoke view, computed live from today's directory, estimates, pathways, agreements and
 * referrals (docs/gaps.md, "Hubs and spokes"). It stores nothing, so it is not audited; it holds no
 * person-level data (referrals only as organization-to-organization counts, small cells hidden).
 * Areas: the kind asked for, else the network's map level (the kind it holds most boundaries of), else
 * every area.
 */
export async function readHubs(
  db: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  query: { areaKind?: BoundaryKind | undefined },
): Promise<HubsReport> {
  requireGapsRole(access);
  const now = clock.now();
  const areaKind = query.areaKind ?? (await primaryBoundaryKind(db));
  const referralsFrom = addDays(now, -REFERRAL_WINDOW_DAYS);
  const today = utcDay(now);
  const [{ snapshot, dates }, boundaries, rows, pathways, agreements, referralFlows] = await Promise.all([
    gatherInputs(db, now, REFERRAL_WINDOW_DAYS, areaKind),
    areaKind ? readPublicBoundaries(db, areaKind) : null,
    servicePointsWithOrganizations(db, [...hubCodes, ...hubMethadoneCodes, ...spokeCodes]),
    pathwayLinksInForce(db, today),
    agreementPartiesInForce(db, today),
    referralFlowsBetween(db, referralsFrom, now),
  ]);
  const capacities = await serviceCapacities(db, [...new Set(rows.map((r) => r.service_id))]);
  const capacityRows = groupBy(capacities, (r) => r.service_id);
  const locationsOf = groupBy(rows, (r) => r.service_id);
  const points: MoudPoint[] = rows.map((r) => {
    const capacity = capacityOf(capacityRows.get(r.service_id) ?? []);
    return {
      serviceId: r.service_id,
      codes: r.codes,
      organizationId: r.member_organization_id,
      listingId: r.listing_id,
      organizationName: r.organization_name,
      locationId: r.location_id,
      locationName: r.location_name,
      latitude: r.latitude,
      longitude: r.longitude,
      capacity: capacity === null ? null : capacity / locationsOf.get(r.service_id)!.length,
    };
  });
  const geometryOf = new Map((boundaries?.features ?? []).map((f) => [f.id, f.geometry]));
  const shapes = snapshot.areas.map((a) => ({
    id: a.id,
    latitude: a.latitude,
    longitude: a.longitude,
    geometry: geometryOf.get(a.id) ?? null,
  }));
  const memberIds = [...new Set(rows.flatMap((r) => (r.member_organization_id ? [r.member_organization_id] : [])))];
  const analysis = analyzeHubs(points, assessNeed(snapshot.areas).areas, shapes, {
    pathways,
    agreements: agreements.map((a) => a.organizationIds),
    referralFlows,
    organizationTypes: await organizationTypes(db, memberIds),
  });
  return hubsReportSchema.parse({
    generatedAt: now.toISOString(),
    areaKind,
    inputs: {
      estimatesUpdatedAt: dates.estimatesUpdatedAt,
      directoryUpdatedAt: dates.directoryUpdatedAt,
      capacityUpdatedAt: dates.capacityUpdatedAt,
      referralsFrom: referralsFrom.toISOString(),
    },
    ...analysis,
  });
}

export const HUBS_CSV_COLUMNS = [
  'areaId',
  'areaName',
  'population',
  'hubs',
  'prescribers',
  'slots',
  'slotsUnknown',
  'need',
  'needBasis',
  'slotsPerNeed',
  'shortfall',
  'unsupportedPrescribers',
  'supportingHubs',
] as const;

/** The areas as CSV, with the hubs that have a location in the area or support a prescriber there. */
export function hubsCsv(report: HubsReport): string {
  const hubsOf = new Map<string, Set<string>>();
  for (const hub of report.hubs) {
    const areaIds = [...hub.locations, ...hub.spokes.flatMap((s) => s.locations)].map((l) => l.areaId);
    for (const id of areaIds) if (id) hubsOf.set(id, (hubsOf.get(id) ?? new Set()).add(hub.name));
  }
  return csvDocument([
    HUBS_CSV_COLUMNS,
    ...report.areas.map((a) => [
      a.areaId,
      a.name,
      a.population,
      a.hubs,
      a.prescribers,
      a.slots,
      a.slotsUnknown,
      Math.round(a.need * 10) / 10,
      a.needBasis,
      a.slotsPerNeed === null ? null : Math.round(a.slotsPerNeed * 1000) / 1000,
      a.shortfall === null ? null : Math.round(a.shortfall * 10) / 10,
      a.unsupportedPrescribers,
      [...(hubsOf.get(a.areaId) ?? [])].sort().join(';'),
    ]),
  ]);
}
