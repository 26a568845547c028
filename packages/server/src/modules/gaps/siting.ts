import { analyzeCategory, type AreaGap, type CategoryGaps, type CategoryOptions, type SupplyPointInput } from './analysis.ts';
import type { AreaNeed } from './need.ts';

/**
 * What-if siting: the category's gaps with one more service at a candidate site, beside the gaps
 * as they are. Nothing is stored; the comparison says which areas gain access and which leave the
 * deserts before anyone signs a lease.
 */
export interface CandidateSite {
  readonly latitude: number;
  readonly longitude: number;
  /** Slots or beds the site would offer (null: not stated, counted as 1 like other services). */
  readonly capacity: number | null;
}

export interface AreaChange {
  readonly areaId: string;
  readonly before: number;
  readonly after: number;
  readonly relativeBefore: number | null;
  readonly relativeAfter: number | null;
  readonly leavesDistanceDesert: boolean;
  readonly leavesCapacityDesert: boolean;
  readonly shortfallBefore: number;
  readonly shortfallAfter: number;
}

export interface SitingResult {
  readonly before: CategoryGaps;
  readonly after: CategoryGaps;
  /** Areas whose accessibility or desert status changes, largest gain first. */
  readonly changed: AreaChange[];
  readonly distanceDesertsBefore: number;
  readonly distanceDesertsAfter: number;
  readonly capacityDesertsBefore: number;
  readonly capacityDesertsAfter: number;
  /** Σ P·(A_after − A_before): the supply the site delivers to the region's people with need. */
  readonly supplyDelivered: number;
}

const count = (gaps: readonly AreaGap[], key: 'distanceDesert' | 'capacityDesert') => gaps.filter((g) => g[key]).length;

export async function siteCandidate(
  areas: readonly AreaNeed[],
  points: readonly SupplyPointInput[],
  site: CandidateSite,
  options: CategoryOptions = {},
): Promise<SitingResult> {
  const candidate: SupplyPointInput = {
    serviceId: 'candidate',
    locationId: null,
    latitude: site.latitude,
    longitude: site.longitude,
    capacity: site.capacity,
    openings: true,
  };
  const [before, after] = await Promise.all([
    analyzeCategory(areas, points, options),
    analyzeCategory(areas, [...points, candidate], options),
  ]);
  const changed: AreaChange[] = [];
  let supplyDelivered = 0;
  before.areas.forEach((b, i) => {
    const a = after.areas[i]!;
    supplyDelivered += b.demand * (a.accessibility - b.accessibility);
    const leavesDistanceDesert = b.distanceDesert && !a.distanceDesert;
    const leavesCapacityDesert = b.capacityDesert && !a.capacityDesert;
    if (a.accessibility === b.accessibility && !leavesDistanceDesert && !leavesCapacityDesert) return;
    changed.push({
      areaId: b.areaId,
      before: b.accessibility,
      after: a.accessibility,
      relativeBefore: b.relativeAccess,
      relativeAfter: a.relativeAccess,
      leavesDistanceDesert,
      leavesCapacityDesert,
      shortfallBefore: b.shortfall,
      shortfallAfter: a.shortfall,
    });
  });
  changed.sort((x, y) => y.after - y.before - (x.after - x.before) || x.areaId.localeCompare(y.areaId));
  return {
    before,
    after,
    changed,
    distanceDesertsBefore: count(before.areas, 'distanceDesert'),
    distanceDesertsAfter: count(after.areas, 'distanceDesert'),
    capacityDesertsBefore: count(before.areas, 'capacityDesert'),
    capacityDesertsAfter: count(after.areas, 'capacityDesert'),
    supplyDelivered,
  };
}
