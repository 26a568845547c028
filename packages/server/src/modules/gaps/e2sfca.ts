/**
 * Spatial accessibility by the enhanced two-step floating catchment area method (E2SFCA):
 * Luo W, Qi Y. "An enhanced two-step floating catchment area (E2SFCA) method for measuring spatial
 * accessibility to primary care physicians." Health & Place 2009;15(4):1100–1107.
 * doi:10.1016/j.healthplace.2009.06.002
 *
 * Step 1, for each service j: the supply-to-demand ratio within its catchment, each area k's
 * population weighted by the travel zone D_r that the cost d_kj falls in,
 *
 *     R_j = S_j / Σ_{k : d_kj ∈ D_r} P_k · W_r
 *
 * Step 2, for each area i: the sum of the ratios of the services it reaches, weighted by the same
 * zones,
 *
 *     A_i = Σ_{j : d_ij ∈ D_r} R_j · W_r
 *
 * Zones are closed at their upper bound (a cost of exactly 10 falls in the 0–10 zone), as in the
 * step function of PySAL's `access` package (`access.weights.step_fn`); a cost beyond the last
 * zone is outside the catchment. A_i is in units of supply per person (e.g. slots per resident);
 * multiply by 100,000 for "per 100,000 population".
 *
 * The pure core here takes the area–service links (pairs within the catchment and their costs)
 * from whoever measured them: straight-line miles (`catchment-links.ts`) or OSRM travel minutes
 * (`osrm.ts`).
 */

/** One travel zone: costs above the previous zone's bound and at most `upTo` get `weight`. */
export interface TravelZone {
  readonly upTo: number;
  readonly weight: number;
}

/**
 * Luo & Qi's zones, 0–10, 10–20 and 20–30 minutes, with their Gaussian step weights 1.00, 0.68
 * and 0.22 (Luo & Qi 2009, who derive the weights from a Gaussian decay function, one value per
 * zone). With straight-line distance the same bounds are read in miles (docs/gaps.md).
 */
export const LUO_QI_ZONES: readonly TravelZone[] = Object.freeze([
  { upTo: 10, weight: 1.0 },
  { upTo: 20, weight: 0.68 },
  { upTo: 30, weight: 0.22 },
]);

/** Refuses zones that are empty, unordered, non-positive or with weights outside (0, 1]. */
export function validateZones(zones: readonly TravelZone[]): string[] {
  const problems: string[] = [];
  if (zones.length === 0) problems.push('zones: at least one travel zone is needed');
  let previous = 0;
  zones.forEach((z, i) => {
    if (!Number.isFinite(z.upTo) || z.upTo <= previous) {
      problems.push(`zones[${i}].upTo: must be greater than ${previous} (zones are listed nearest first)`);
    }
    if (!Number.isFinite(z.weight) || z.weight <= 0 || z.weight > 1) problems.push(`zones[${i}].weight: must be in (0, 1]`);
    previous = Math.max(previous, Number.isFinite(z.upTo) ? z.upTo : previous);
  });
  return problems;
}

/** The catchment: the last zone's bound. */
export function catchmentOf(zones: readonly TravelZone[]): number {
  return zones[zones.length - 1]!.upTo;
}

/** The weight of the zone a cost falls in; 0 outside the catchment (or for a negative or non-finite cost). */
export function zoneWeight(zones: readonly TravelZone[], cost: number): number {
  if (!(cost >= 0)) return 0;
  for (const z of zones) if (cost <= z.upTo) return z.weight;
  return 0;
}

/**
 * Area–service pairs, struct-of-arrays: link n joins area `area[n]` to service `service[n]` at
 * cost `cost[n]` (miles or minutes). Pairs outside the catchment may be present; they weigh 0.
 */
export interface CatchmentLinks {
  readonly area: Int32Array;
  readonly service: Int32Array;
  readonly cost: Float64Array;
  readonly length: number;
}

export interface AccessibilityInput {
  /** P_k, the demand of each area (population, or people with OUD). */
  readonly demand: ArrayLike<number>;
  /** S_j, the supply of each service (slots, beds, prescribers; 1 where capacity is unknown). */
  readonly supply: ArrayLike<number>;
  readonly links: CatchmentLinks;
  readonly zones?: readonly TravelZone[];
}

export interface AccessibilityResult {
  /** A_i per area, supply per unit of demand. */
  readonly accessibility: Float64Array;
  /** R_j per service; 0 for a service whose catchment holds no demand (its ratio is undefined). */
  readonly ratio: Float64Array;
  /** Σ P_k W_r in each service's catchment: the weighted demand it faces. */
  readonly weightedDemand: Float64Array;
  /** How many services each area reaches within the catchment (any zone). */
  readonly servicesReached: Int32Array;
}

/** E2SFCA over precomputed links (Luo & Qi 2009, steps 1 and 2). */
export function e2sfca(input: AccessibilityInput): AccessibilityResult {
  const zones = input.zones ?? LUO_QI_ZONES;
  const problems = validateZones(zones);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const { demand, supply, links } = input;
  const weights = new Float64Array(links.length);
  const bounds = Float64Array.from(zones, (z) => z.upTo);
  const zoneWeights = Float64Array.from(zones, (z) => z.weight);
  for (let n = 0; n < links.length; n++) {
    // zoneWeight, inlined: millions of links per run.
    const cost = links.cost[n]!;
    let w = 0;
    if (cost >= 0) {
      for (let r = 0; r < bounds.length; r++) {
        if (cost <= bounds[r]!) {
          w = zoneWeights[r]!;
          break;
        }
      }
    }
    weights[n] = w;
  }

  // Step 1: weighted demand in each service's catchment, then R_j = S_j / Σ P_k W_r.
  const weightedDemand = new Float64Array(supply.length);
  for (let n = 0; n < links.length; n++) {
    const w = weights[n]!;
    if (w > 0) weightedDemand[links.service[n]!]! += demand[links.area[n]!]! * w;
  }
  const ratio = new Float64Array(supply.length);
  for (let j = 0; j < supply.length; j++) ratio[j] = weightedDemand[j]! > 0 ? supply[j]! / weightedDemand[j]! : 0;

  // Step 2: A_i = Σ R_j W_r over the services in reach of area i.
  const accessibility = new Float64Array(demand.length);
  const servicesReached = new Int32Array(demand.length);
  for (let n = 0; n < links.length; n++) {
    const w = weights[n]!;
    if (w > 0) {
      const i = links.area[n]!;
      accessibility[i]! += ratio[links.service[n]!]! * w;
      servicesReached[i]!++;
    }
  }
  return { accessibility, ratio, weightedDemand, servicesReached };
}

/** Links from a dense cost matrix `costs[area][service]` (null or Infinity: unreachable). */
export function linksFromMatrix(costs: readonly (readonly (number | null)[])[]): CatchmentLinks {
  const builder = new LinkBuilder();
  costs.forEach((row, i) =>
    row.forEach((c, j) => {
      if (c !== null && Number.isFinite(c)) builder.add(i, j, c);
    }),
  );
  return builder.build();
}

/** Growable struct-of-arrays for links. */
export class LinkBuilder {
  private area = new Int32Array(1024);
  private service = new Int32Array(1024);
  private cost = new Float64Array(1024);
  private n = 0;

  add(area: number, service: number, cost: number): void {
    if (this.n === this.area.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.area = grow(this.area, (k) => new Int32Array(k));
      this.service = grow(this.service, (k) => new Int32Array(k));
      this.cost = grow(this.cost, (k) => new Float64Array(k));
    }
    this.area[this.n] = area;
    this.service[this.n] = service;
    this.cost[this.n] = cost;
    this.n++;
  }

  build(): CatchmentLinks {
    return {
      area: this.area.subarray(0, this.n),
      service: this.service.subarray(0, this.n),
      cost: this.cost.subarray(0, this.n),
      length: this.n,
    };
  }
}
