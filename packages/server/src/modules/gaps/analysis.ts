import type { GapReasonCode } from '@continuum/contracts';
import { catchmentLinks, costUnitOf, type CostSource } from './accessibility.ts';
import { catchmentOf, e2sfca, LUO_QI_ZONES, type TravelZone } from './e2sfca.ts';
import type { AreaNeed } from './need.ts';

/**
 * The gap for one service category (docs/gaps.md, "Gaps and deserts"): E2SFCA accessibility with
 * the areas' need as demand and the services' capacity as supply, then per area
 *   - relative access: A_i over the region's level Σ P·A / Σ P (1 = as well served as the region);
 *   - shortfall: the people with need beyond what the region's level of access would serve,
 *     P_i · max(0, 1 − relative access) — the ranking's key;
 *   - unmet need: where every service in the category states its capacity (slots or beds per
 *     person), P_i · max(0, 1 − A_i);
 *   - deserts: a distance desert when no service of the category lies within the desert distance
 *     (the catchment by default); a capacity desert when services are in reach but none has an
 *     opening (waitlist, not accepting, none available) or, with capacity known, A_i < 1 (demand in
 *     reach exceeds the slots).
 */
export interface SupplyPointInput {
  readonly serviceId: string;
  readonly locationId: string | null;
  readonly latitude: number;
  readonly longitude: number;
  /** Slots, beds or appointments at this point (null: not stated, counted as 1). */
  readonly capacity: number | null;
  /** Whether it takes people now (null: not stated). */
  readonly openings: boolean | null;
}

/** Why an area is named among the worst served (the codes and their labels live in contracts). */
export type GapReason = GapReasonCode;

export interface AreaGap {
  readonly areaId: string;
  readonly demand: number;
  readonly accessibility: number;
  readonly relativeAccess: number | null;
  readonly shortfall: number;
  readonly unmetNeed: number | null;
  readonly servicesInReach: number;
  /** Cost (miles or minutes) to the nearest service within the desert distance; null beyond it. */
  readonly nearest: number | null;
  readonly distanceDesert: boolean;
  readonly capacityDesert: boolean;
  readonly reasons: GapReason[];
}

export interface CategoryGaps {
  readonly unit: 'miles' | 'minutes';
  readonly zones: readonly TravelZone[];
  readonly desertDistance: number;
  /** Σ P·A / Σ P: the region's level of access. */
  readonly regionalAccess: number;
  readonly capacityKnown: boolean;
  readonly supplyPoints: number;
  readonly areas: AreaGap[];
}

export interface CategoryOptions {
  readonly zones?: readonly TravelZone[];
  readonly desertDistance?: number;
  readonly source?: CostSource;
  /** The region's overdose rate per 100,000, for the "high overdose rate" reason (1.5 × it or more). */
  readonly regionalOverdoseRate?: number | null;
}

/** Below half the region's level of access an area is named as under-served. */
const BELOW_REGIONAL = 0.5;
/** An overdose rate at 1.5 × the region's or more is named as high. */
const HIGH_OVERDOSE = 1.5;

export async function analyzeCategory(
  areas: readonly AreaNeed[],
  points: readonly SupplyPointInput[],
  options: CategoryOptions = {},
): Promise<CategoryGaps> {
  const zones = options.zones ?? LUO_QI_ZONES;
  const source = options.source ?? { kind: 'straight_line' };
  const catchment = catchmentOf(zones);
  const desertDistance = options.desertDistance ?? catchment;
  // One set of links serves both: pairs beyond the zones weigh 0 in E2SFCA and still give the nearest service.
  const reach = Math.max(catchment, desertDistance);
  const links = await catchmentLinks(areas, points, [...zones.slice(0, -1), { upTo: reach, weight: zones.at(-1)!.weight }], source);
  const capacityKnown = points.length > 0 && points.every((p) => p.capacity !== null);
  const result = e2sfca({
    demand: areas.map((a) => a.demand),
    supply: points.map((p) => p.capacity ?? 1),
    links,
    zones,
  });

  const nearest = new Float64Array(areas.length).fill(Number.POSITIVE_INFINITY);
  const anyOpen = new Uint8Array(areas.length);
  const allKnownClosed = new Uint8Array(areas.length).fill(1);
  for (let n = 0; n < links.length; n++) {
    const i = links.area[n]!;
    const cost = links.cost[n]!;
    if (cost <= desertDistance && cost < nearest[i]!) nearest[i] = cost;
    if (cost <= catchment) {
      const open = points[links.service[n]!]!.openings;
      if (open === true) anyOpen[i] = 1;
      if (open !== false) allKnownClosed[i] = 0;
    }
  }

  let demandTotal = 0;
  let delivered = 0;
  areas.forEach((a, i) => {
    demandTotal += a.demand;
    delivered += a.demand * result.accessibility[i]!;
  });
  const regionalAccess = demandTotal > 0 ? delivered / demandTotal : 0;
  const regionalRate = options.regionalOverdoseRate ?? null;

  return {
    unit: costUnitOf(source),
    zones,
    desertDistance,
    regionalAccess,
    capacityKnown,
    supplyPoints: points.length,
    areas: areas.map((a, i) => {
      const accessibility = result.accessibility[i]!;
      const inReach = result.servicesReached[i]!;
      const relativeAccess = regionalAccess > 0 ? accessibility / regionalAccess : null;
      const shortfall = a.demand * Math.max(0, 1 - (relativeAccess ?? 0));
      const unmetNeed = capacityKnown ? a.demand * Math.max(0, 1 - accessibility) : null;
      const distanceDesert = !Number.isFinite(nearest[i]!);
      const noOpenings = inReach > 0 && anyOpen[i] === 0 && allKnownClosed[i] === 1;
      const overCapacity = capacityKnown && inReach > 0 && accessibility < 1 && a.demand > 0;
      const reasons: GapReason[] = [];
      if (inReach === 0) reasons.push('no_service_in_reach');
      if (distanceDesert) reasons.push('distance_desert');
      if (noOpenings) reasons.push('no_openings');
      if (overCapacity) reasons.push('demand_exceeds_capacity');
      if (inReach > 0 && relativeAccess !== null && relativeAccess < BELOW_REGIONAL) reasons.push('below_regional_access');
      if (regionalRate !== null && regionalRate > 0 && a.overdoseRate !== null && a.overdoseRate >= HIGH_OVERDOSE * regionalRate) {
        reasons.push('high_overdose_rate');
      }
      return {
        areaId: a.id,
        demand: a.demand,
        accessibility,
        relativeAccess,
        shortfall,
        unmetNeed,
        servicesInReach: inReach,
        nearest: distanceDesert ? null : nearest[i]!,
        distanceDesert,
        capacityDesert: noOpenings || overCapacity,
        reasons,
      };
    }),
  };
}

/** The areas ranked worst-served first: largest shortfall, then lowest accessibility, then id. */
export function rankWorstServed(gaps: readonly AreaGap[]): AreaGap[] {
  return [...gaps].sort((x, y) => y.shortfall - x.shortfall || x.accessibility - y.accessibility || x.areaId.localeCompare(y.areaId));
}
