import { describe, expect, it } from 'vitest';
import { analyzeCategory, rankWorstServed, type SupplyPointInput } from './analysis.ts';
import { EARTH_RADIUS_MILES, type GeoPoint } from './catchment-links.ts';
import { assessNeed, type AreaNeedInput } from './need.ts';
import { siteCandidate } from './siting.ts';

const north = (from: GeoPoint, miles: number): GeoPoint => ({
  latitude: from.latitude + ((miles / EARTH_RADIUS_MILES) * 180) / Math.PI,
  longitude: from.longitude,
});
const x = { latitude: 40, longitude: -75 };

/** The line of places of catchment-links.test.ts: A 5 mi before X, B 15 mi past X, C 19 mi past Y; Y 40 mi past X. */
function area(id: string, at: GeoPoint, population: number, oudEstimate: number | null, overdoses: number | null = null): AreaNeedInput {
  return { id, name: id, ...at, population, oudEstimate, overdoses };
}
const areasInput = [area('A', north(x, -5), 20_000, 1000), area('B', north(x, 15), 40_000, 2000), area('C', north(x, 59), 10_000, 500)];
function point(serviceId: string, at: GeoPoint, capacity: number | null, openings: boolean | null): SupplyPointInput {
  return { serviceId, locationId: null, ...at, capacity, openings };
}
const services = [point('X', x, 10, true), point('Y', north(x, 40), 6, false)];

describe('assessNeed', () => {
  it.each<[string, (number | null)[], number[], string[]]>([
    ['own estimates', [1000, 2000, 500], [1000, 2000, 500], ['oud_estimate', 'oud_estimate', 'oud_estimate']],
    // A and B: 3,000 people with OUD among 60,000 residents = 5 %; C's 10,000 residents → 500.
    [
      'an area without one gets the prevalence of those with one',
      [1000, 2000, null],
      [1000, 2000, 500],
      ['oud_estimate', 'oud_estimate', 'imputed_prevalence'],
    ],
    ['none anywhere: the population', [null, null, null], [20_000, 40_000, 10_000], ['population', 'population', 'population']],
  ])('%s', (_name, estimates, demand, basis) => {
    const { areas } = assessNeed(areasInput.map((a, i) => ({ ...a, oudEstimate: estimates[i]! })));
    expect(areas.map((a) => a.demand)).toEqual(demand);
    expect(areas.map((a) => a.demandBasis)).toEqual(basis);
  });

  it.each<[string, (number | null)[], (number | null)[], (number | null)[]]>([
    ['all shown', [40, 12, 30], [40, 12, 30], [200, 30, 300]],
    // 5 is small; alone it could be recovered from a shown total, so the smallest other non-zero (30) is hidden too.
    ['one small cell and its complement', [5, 40, 30], [null, 40, null], [null, 100, null]],
    // 5 and 3 hidden together still hold 8 (1–10), which the total minus 40 would show: 40 is hidden too.
    ['two small cells that together are small', [5, 40, 3], [null, null, null], [null, null, null]],
    ['two small cells that together are not', [5, 40, 7], [null, 40, null], [null, 100, null]],
    ['zero is shown', [0, 40, 30], [0, 40, 30], [0, 100, 300]],
    ['unknown stays unknown', [null, 40, 30], [null, 40, 30], [null, 100, 300]],
  ])('overdoses: %s', (_name, overdoses, shown, rate) => {
    const { areas } = assessNeed(areasInput.map((a, i) => ({ ...a, overdoses: overdoses[i]! })));
    expect(areas.map((a) => a.overdosesShown)).toEqual(shown);
    areas.forEach((a, i) => (rate[i] === null ? expect(a.overdoseRate).toBeNull() : expect(a.overdoseRate).toBeCloseTo(rate[i]!, 9)));
  });
});

describe('analyzeCategory, computed by hand', () => {
  const { areas } = assessNeed(areasInput);
  // E2SFCA (miles): R_X = 10 / (1000·1.00 + 2000·0.68) = 10/2360; R_Y = 6 / (2000·0.22 + 500·0.68) = 6/780.
  const rX = 10 / 2360;
  const rY = 6 / 780;
  const access = [rX, 0.68 * rX + 0.22 * rY, 0.68 * rY];
  // The region: Σ P·A = 16 slots over 3,500 people with OUD.
  const regional = 16 / 3500;

  it('accessibility, relative access, shortfall and unmet need', async () => {
    const gaps = await analyzeCategory(areas, services);
    expect(gaps.unit).toBe('miles');
    expect(gaps.capacityKnown).toBe(true);
    expect(gaps.regionalAccess).toBeCloseTo(regional, 12);
    gaps.areas.forEach((g, i) => {
      expect(g.accessibility).toBeCloseTo(access[i]!, 12);
      expect(g.relativeAccess).toBeCloseTo(access[i]! / regional, 9);
      expect(g.shortfall).toBeCloseTo(areas[i]!.demand * Math.max(0, 1 - access[i]! / regional), 6);
      expect(g.unmetNeed).toBeCloseTo(areas[i]!.demand * (1 - access[i]!), 6);
    });
    // A: 0.0042373 / 0.0045714 = 0.9269 of the region's level → 1000 × 0.0731 ≈ 73.1 people short.
    expect(gaps.areas[0]!.shortfall).toBeCloseTo(73.08, 1);
    expect(rankWorstServed(gaps.areas).map((g) => g.areaId)).toEqual(['A', 'B', 'C']);
  });

  it.each<[string, number | undefined, boolean[], (number | null)[]]>([
    ['default desert distance (the 30-mile catchment)', undefined, [false, false, false], [5, 15, 19]],
    ['a 10-mile desert distance', 10, [false, true, true], [5, null, null]],
    ['a 60-mile desert distance reaches past the catchment', 60, [false, false, false], [5, 15, 19]],
  ])('distance deserts: %s', async (_name, desertDistance, deserts, nearest) => {
    const gaps = await analyzeCategory(areas, services, { desertDistance });
    expect(gaps.areas.map((g) => g.distanceDesert)).toEqual(deserts);
    gaps.areas.forEach((g, i) => (nearest[i] === null ? expect(g.nearest).toBeNull() : expect(g.nearest).toBeCloseTo(nearest[i]!, 6)));
    // Accessibility does not depend on the desert distance.
    gaps.areas.forEach((g, i) => expect(g.accessibility).toBeCloseTo(access[i]!, 12));
  });

  it('names why: no openings in reach, demand beyond capacity, nothing in reach', async () => {
    const far = area('D', north(x, 200), 5000, 100);
    const { areas: withFar } = assessNeed([...areasInput, far]);
    const gaps = await analyzeCategory(withFar, services);
    const reasons = Object.fromEntries(gaps.areas.map((g) => [g.areaId, g.reasons]));
    expect(reasons.A).toEqual(['demand_exceeds_capacity']);
    expect(reasons.B).toEqual(['demand_exceeds_capacity']);
    // C reaches only Y, which has no openings.
    expect(reasons.C).toEqual(['no_openings', 'demand_exceeds_capacity']);
    expect(reasons.D).toEqual(['no_service_in_reach', 'distance_desert']);
    expect(gaps.areas.map((g) => g.capacityDesert)).toEqual([true, true, true, false]);
  });

  it('with capacity not stated, services count 1 each, unmet need is not claimed and capacity deserts come from openings only', async () => {
    const gaps = await analyzeCategory(areas, [point('X', x, null, true), point('Y', north(x, 40), 6, null)]);
    expect(gaps.capacityKnown).toBe(false);
    expect(gaps.areas.map((g) => g.unmetNeed)).toEqual([null, null, null]);
    expect(gaps.areas[0]!.accessibility).toBeCloseTo(1 / 2360, 12);
    expect(gaps.areas.map((g) => g.capacityDesert)).toEqual([false, false, false]);
  });

  it('marks a high overdose rate against the region', async () => {
    const { areas: withOverdoses } = assessNeed(areasInput.map((a, i) => ({ ...a, overdoses: [60, 40, 12][i]! })));
    // Rates 300, 100, 120 per 100,000; the region's 112 / 70,000 = 160 → A is at 1.875 ×.
    const gaps = await analyzeCategory(withOverdoses, services, { regionalOverdoseRate: 160 });
    expect(gaps.areas.map((g) => g.reasons.includes('high_overdose_rate'))).toEqual([true, false, false]);
  });
});

describe('siteCandidate', () => {
  const { areas } = assessNeed(areasInput);

  it('adds the site as one more service: R_c = capacity / its weighted demand, and every slot lands with someone', async () => {
    // The site 6 mi before X: A at 1 mi (1.00), B at 21 mi (0.22), C at 65 mi (outside).
    // R_c = 4 / (1000·1.00 + 2000·0.22) = 4/1440.
    const result = await siteCandidate(areas, services, { ...north(x, -6), capacity: 4 });
    const rC = 4 / 1440;
    expect(result.changed.map((c) => c.areaId)).toEqual(['A', 'B']);
    expect(result.changed[0]!.after - result.changed[0]!.before).toBeCloseTo(rC, 12);
    expect(result.changed[1]!.after - result.changed[1]!.before).toBeCloseTo(0.22 * rC, 12);
    expect(result.supplyDelivered).toBeCloseTo(4, 9);
    expect(result.after.areas[2]!.accessibility).toBe(result.before.areas[2]!.accessibility);
  });

  it('takes an area out of a distance desert', async () => {
    const far = area('D', north(x, 200), 5000, 100);
    const { areas: withFar } = assessNeed([...areasInput, far]);
    const result = await siteCandidate(withFar, services, { ...north(x, 205), capacity: 3 });
    expect(result.distanceDesertsBefore).toBe(1);
    expect(result.distanceDesertsAfter).toBe(0);
    expect(result.changed).toEqual([expect.objectContaining({ areaId: 'D', leavesDistanceDesert: true, before: 0 })]);
    expect(result.changed[0]!.after).toBeCloseTo(3 / 100, 12);
  });
});
