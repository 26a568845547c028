import { describe, expect, it } from 'vitest';
import { e2sfca, linksFromMatrix, LUO_QI_ZONES, validateZones, zoneWeight, type TravelZone } from './e2sfca.ts';

describe('zoneWeight (Luo & Qi 2009 zones 0–10, 10–20, 20–30 with weights 1.00, 0.68, 0.22)', () => {
  it.each([
    [0, 1],
    [5, 1],
    [10, 1], // a zone is closed at its upper bound
    [10.0001, 0.68],
    [15, 0.68],
    [20, 0.68],
    [20.5, 0.22],
    [30, 0.22],
    [30.0001, 0], // beyond the catchment
    [-1, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('cost %s weighs %s', (cost, weight) => {
    expect(zoneWeight(LUO_QI_ZONES, cost)).toBe(weight);
  });

  it.each<[string, TravelZone[], RegExp]>([
    ['empty', [], /at least one/],
    [
      'unordered',
      [
        { upTo: 20, weight: 1 },
        { upTo: 10, weight: 0.5 },
      ],
      /zones\[1\]\.upTo/,
    ],
    ['zero weight', [{ upTo: 10, weight: 0 }], /zones\[0\]\.weight/],
    ['weight above one', [{ upTo: 10, weight: 1.5 }], /zones\[0\]\.weight/],
    ['non-positive bound', [{ upTo: 0, weight: 1 }], /zones\[0\]\.upTo/],
  ])('refuses %s zones', (_name, zones, message) => {
    expect(validateZones(zones).join('; ')).toMatch(message);
    expect(() => e2sfca({ demand: [1], supply: [1], links: linksFromMatrix([[1]]), zones })).toThrow(message);
  });
});

describe('e2sfca, a 3-area × 2-service grid computed by hand', () => {
  // Areas A, B, C with populations 1,000, 2,000 and 500; services X (10 slots) and Y (6 slots).
  // Travel minutes (zone weight):
  //          X             Y
  //   A   5  (1.00)    25  (0.22)
  //   B  15  (0.68)    10  (1.00, on the bound)
  //   C  35  (outside) 20  (0.68, on the bound)
  const population = [1000, 2000, 500];
  const slots = [10, 6];
  const costs = [
    [5, 25],
    [15, 10],
    [35, 20],
  ];
  // Step 1. X: 1000·1.00 + 2000·0.68 = 1000 + 1360 = 2360, so R_X = 10 / 2360 = 0.0042372881…
  //         Y: 1000·0.22 + 2000·1.00 + 500·0.68 = 220 + 2000 + 340 = 2560, so R_Y = 6 / 2560 = 0.00234375
  // Step 2. A = 1.00·R_X + 0.22·R_Y = 0.0042372881 + 0.000515625 = 0.0047529131…
  //         B = 0.68·R_X + 1.00·R_Y = 0.0028813559 + 0.00234375  = 0.0052251059…
  //         C = 0.68·R_Y                                          = 0.00159375
  const result = e2sfca({ demand: population, supply: slots, links: linksFromMatrix(costs) });

  it('step 1: weighted demand and the supply-to-demand ratio of each service', () => {
    expect(Array.from(result.weightedDemand)).toEqual([2360, 2560]);
    expect(result.ratio[0]).toBeCloseTo(0.0042372881356, 12);
    expect(result.ratio[1]).toBeCloseTo(0.00234375, 15);
  });

  it('step 2: accessibility of each area', () => {
    expect(result.accessibility[0]).toBeCloseTo(0.0047529131356, 12);
    expect(result.accessibility[1]).toBeCloseTo(0.0052251059322, 12);
    expect(result.accessibility[2]).toBeCloseTo(0.00159375, 15);
    expect(Array.from(result.servicesReached)).toEqual([2, 2, 1]);
  });

  it('conserves supply: Σ P_i·A_i equals the total slots of services with demand in reach', () => {
    const total = population.reduce((sum, p, i) => sum + p * result.accessibility[i]!, 0);
    expect(total).toBeCloseTo(16, 10); // 1000·0.0047529 + 2000·0.0052251 + 500·0.0015938 = 4.7529 + 10.4502 + 0.7969
  });

  it('gives the same answer whatever the order of the links', () => {
    const links = linksFromMatrix(costs);
    const order = [5, 2, 0, 4, 1, 3];
    const shuffled = {
      area: Int32Array.from(order, (n) => links.area[n]!),
      service: Int32Array.from(order, (n) => links.service[n]!),
      cost: Float64Array.from(order, (n) => links.cost[n]!),
      length: links.length,
    };
    const again = e2sfca({ demand: population, supply: slots, links: shuffled });
    for (let i = 0; i < 3; i++) expect(again.accessibility[i]).toBeCloseTo(result.accessibility[i]!, 15);
  });
});

describe('e2sfca special cases', () => {
  it('with one zone of weight 1 it is the original 2SFCA (Luo & Wang 2003): ratio of supply to catchment population', () => {
    // One 30-minute catchment: X reaches A and B (3,000 people) → R_X = 10/3000; Y reaches A, B, C (3,500) → R_Y = 6/3500.
    const zones = [{ upTo: 30, weight: 1 }];
    const r = e2sfca({
      demand: [1000, 2000, 500],
      supply: [10, 6],
      links: linksFromMatrix([
        [5, 25],
        [15, 10],
        [35, 20],
      ]),
      zones,
    });
    expect(r.accessibility[0]).toBeCloseTo(10 / 3000 + 6 / 3500, 15);
    expect(r.accessibility[1]).toBeCloseTo(10 / 3000 + 6 / 3500, 15);
    expect(r.accessibility[2]).toBeCloseTo(6 / 3500, 15);
  });

  it('a service with no demand in its catchment has ratio 0 and gives nothing', () => {
    const r = e2sfca({
      demand: [0, 100],
      supply: [5, 2],
      links: linksFromMatrix([
        [1, null],
        [null, 3],
      ]),
    });
    expect(Array.from(r.ratio)).toEqual([0, 0.02]);
    expect(Array.from(r.accessibility)).toEqual([0, 0.02]);
  });

  it('an area beyond every catchment has accessibility 0 and reaches no service', () => {
    const r = e2sfca({ demand: [100, 100], supply: [1], links: linksFromMatrix([[2], [31]]) });
    expect(r.accessibility[1]).toBe(0);
    expect(r.servicesReached[1]).toBe(0);
    expect(r.accessibility[0]).toBeCloseTo(0.01, 15);
  });

  it('reads custom zones and weights', () => {
    // Zones 0–5 (1.0) and 5–15 (0.5): area 0 at 4 (1.0) and area 1 at 12 (0.5). R = 3 / (10·1 + 20·0.5) = 0.15.
    const zones = [
      { upTo: 5, weight: 1 },
      { upTo: 15, weight: 0.5 },
    ];
    const r = e2sfca({ demand: [10, 20], supply: [3], links: linksFromMatrix([[4], [12]]), zones });
    expect(r.ratio[0]).toBeCloseTo(0.15, 15);
    expect(r.accessibility[0]).toBeCloseTo(0.15, 15);
    expect(r.accessibility[1]).toBeCloseTo(0.075, 15);
  });
});
