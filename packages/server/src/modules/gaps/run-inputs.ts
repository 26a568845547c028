import { addDays, type BoundaryKind, gapCategories, gapCategoriesOf, gapCategoryCodes, type GapCategory } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { serviceCapacities, servicePointsWithCodes } from '../directory/index.ts';
import { areaIdsOfKind } from '../geography/index.ts';
import { areaEstimates, estimatesUpdatedAt } from '../learning/index.ts';
import { overdoseCountsByArea } from '../overdose/index.ts';
import type { SupplyPointInput } from './analysis.ts';
import type { AreaNeedInput } from './need.ts';

/**
 * What a run reads, gathered once and stored with it (`gaps_runs.snapshot`), so the run can be
 * recomputed to the same numbers and sited against later: the areas with their population, OUD
 * estimate and overdose count, and the directory's service points per category with capacity and
 * openings. Capacity is the sum of the service's stated maximums (slots, beds, appointments), split
 * evenly over the locations that offer it; null where no maximum is stated.
 */
export interface GapsSnapshot {
  readonly areas: AreaNeedInput[];
  readonly points: Record<GapCategory, SupplyPointInput[]>;
}

export interface InputDates {
  readonly areas: number;
  readonly estimatesUpdatedAt: string | null;
  readonly directoryUpdatedAt: string | null;
  readonly capacityUpdatedAt: string | null;
  readonly overdosesFrom: string;
  readonly overdosesTo: string;
  readonly latestOverdoseAt: string | null;
}

type CapacityRow = Awaited<ReturnType<typeof serviceCapacities>>[number];

/** Openings from the capacity rows: someone can start when a row accepts (or assesses) with places available. */
export function openingsOf(rows: readonly CapacityRow[]): boolean | null {
  if (rows.length === 0) return null;
  return rows.some((r) => (r.status === 'accepting' || r.status === 'assessment_required') && r.available > 0);
}

export function capacityOf(rows: readonly CapacityRow[]): number | null {
  const stated = rows.filter((r) => r.maximum !== null);
  return stated.length > 0 ? stated.reduce((sum, r) => sum + r.maximum!, 0) : null;
}

const newest = (dates: readonly (Date | null)[]): string | null => {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best ? best.toISOString() : null;
};

export async function gatherInputs(
  db: DbOrTrx,
  now: Date,
  overdoseDays: number,
  areaKind: BoundaryKind | null = null,
): Promise<{ snapshot: GapsSnapshot; dates: InputDates }> {
  const from = addDays(now, -overdoseDays);
  const allCodes = [...new Set(gapCategories.flatMap((c) => gapCategoryCodes[c]))];
  const kindIds = areaKind ? new Set(await areaIdsOfKind(db, areaKind)) : null;
  const [allAreaRows, estimates, estimatesAt, overdoses, pointRows] = await Promise.all([
    db.selectFrom('areas').select(['id', 'name', 'latitude', 'longitude', 'population']).orderBy('id').execute(),
    areaEstimates(db),
    estimatesUpdatedAt(db),
    overdoseCountsByArea(db, from, now),
    servicePointsWithCodes(db, allCodes),
  ]);
  const areaRows = kindIds ? allAreaRows.filter((a) => kindIds.has(a.id)) : allAreaRows;
  const capacityRows = await serviceCapacities(db, [...new Set(pointRows.map((r) => r.service_id))]);
  const capacitiesOf = new Map<string, CapacityRow[]>();
  for (const r of capacityRows) capacitiesOf.set(r.service_id, [...(capacitiesOf.get(r.service_id) ?? []), r]);
  const locationsOf = new Map<string, number>();
  for (const r of pointRows) locationsOf.set(r.service_id, (locationsOf.get(r.service_id) ?? 0) + 1);

  const estimateOf = new Map(estimates.map((e) => [e.areaId, e.estimated]));
  const areas: AreaNeedInput[] = areaRows.map((a) => ({
    id: a.id,
    name: a.name,
    latitude: a.latitude,
    longitude: a.longitude,
    population: Number(a.population),
    oudEstimate: estimateOf.get(a.id) ?? null,
    overdoses: overdoses.counts.get(a.id) ?? 0,
  }));

  const points = Object.fromEntries(gapCategories.map((c) => [c, [] as SupplyPointInput[]])) as Record<GapCategory, SupplyPointInput[]>;
  for (const r of pointRows) {
    const rows = capacitiesOf.get(r.service_id) ?? [];
    const capacity = capacityOf(rows);
    const point: SupplyPointInput = {
      serviceId: r.service_id,
      locationId: r.location_id,
      latitude: r.latitude,
      longitude: r.longitude,
      capacity: capacity === null ? null : capacity / locationsOf.get(r.service_id)!,
      openings: openingsOf(rows),
    };
    for (const category of gapCategoriesOf(r.codes)) points[category].push(point);
  }

  return {
    snapshot: { areas, points },
    dates: {
      areas: areas.length,
      estimatesUpdatedAt: estimatesAt ? estimatesAt.toISOString() : null,
      directoryUpdatedAt: newest(pointRows.map((r) => new Date(r.updated_at))),
      capacityUpdatedAt: newest(capacityRows.map((r) => new Date(r.updated_at))),
      overdosesFrom: from.toISOString(),
      overdosesTo: now.toISOString(),
      latestOverdoseAt: overdoses.latest ? overdoses.latest.toISOString() : null,
    },
  };
}
