import {
  boundaryCollectionSchema,
  gapsRunDetailSchema,
  gapsRunInputSchema,
  gapsRunSchema,
  gapsSitingInputSchema,
  gapsSitingResultSchema,
  type BoundaryCollection,
  type GapCategory,
  type GapsAreaResult,
  type GapsRun,
  type GapsRunDetail,
  type GapsRunInput,
  type GapsSitingInput,
  type GapsSitingResult,
} from '@continuum/contracts';
import type { GapsApi } from './api.ts';

const square = (x: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, 44],
      [x + 0.1, 44],
      [x + 0.1, 44.1],
      [x, 44.1],
      [x, 44],
    ],
  ],
});

/** Three areas side by side, as the server answers GET /api/areas/boundaries. */
export function fakeBoundaries(): BoundaryCollection {
  return boundaryCollectionSchema.parse({
    type: 'FeatureCollection',
    features: ['Northgate', 'Riverside', 'Alder Flats'].map((name, i) => ({
      type: 'Feature',
      id: `area-${i + 1}`,
      properties: { areaId: `area-${i + 1}`, name, kind: 'demo', population: [20_000, 40_000, 10_000][i], attributes: {} },
      geometry: square(-123 + i * 0.1),
    })),
  });
}

function result(category: GapCategory, i: number, over: Partial<GapsAreaResult>): GapsAreaResult {
  const names = ['Northgate', 'Riverside', 'Alder Flats'];
  return {
    category,
    areaId: `area-${i + 1}`,
    areaName: names[i]!,
    population: [20_000, 40_000, 10_000][i]!,
    oudEstimate: [1000, 2000, 500][i]!,
    demand: [1000, 2000, 500][i]!,
    demandBasis: 'oud_estimate',
    overdoses: null,
    overdosesSuppressed: true,
    overdoseRate: null,
    accessibility: 0.004,
    relativeAccess: 1,
    shortfall: 0,
    unmetNeed: null,
    servicesInReach: 1,
    nearest: 5,
    distanceDesert: false,
    capacityDesert: false,
    reasons: [],
    ...over,
  };
}

/** One category's results, worst served first: Alder Flats is a distance desert, Riverside below the region's access. */
function results(category: GapCategory): GapsAreaResult[] {
  return [
    result(category, 2, {
      accessibility: 0,
      relativeAccess: 0,
      shortfall: 500,
      servicesInReach: 0,
      nearest: null,
      distanceDesert: true,
      reasons: ['no_service_in_reach', 'distance_desert'],
    }),
    result(category, 1, { accessibility: 0.0015, relativeAccess: 0.4, shortfall: 1200, reasons: ['below_regional_access'] }),
    result(category, 0, { accessibility: 0.0062, relativeAccess: 1.6, shortfall: 0 }),
  ];
}

function run(id: string, createdAt: string, input: GapsRunInput = {}): GapsRun {
  const parsed = gapsRunInputSchema.parse(input);
  return gapsRunSchema.parse({
    id,
    createdAt,
    createdBy: 'Dana Analyst',
    unit: 'miles',
    routing: 'straight_line',
    zones: [
      { upTo: 10, weight: 1 },
      { upTo: 20, weight: 0.68 },
      { upTo: 30, weight: 0.22 },
    ],
    desertDistance: parsed.desertDistance ?? 30,
    categories: parsed.categories,
    areaKind: parsed.areaKind ?? null,
    inputs: {
      areas: 3,
      estimatesUpdatedAt: '2026-11-30T12:00:00.000Z',
      directoryUpdatedAt: '2026-12-01T09:00:00.000Z',
      capacityUpdatedAt: '2026-12-06T16:30:00.000Z',
      overdosesFrom: '2025-12-07T00:00:00.000Z',
      overdosesTo: createdAt,
      latestOverdoseAt: '2026-12-05T03:00:00.000Z',
      prevalence: 0.05,
      areasWithEstimate: 3,
    },
    summary: parsed.categories.map((category) => ({
      category,
      regionalAccess: 0.0038,
      capacityKnown: true,
      supplyPoints: 2,
      distanceDeserts: 1,
      capacityDeserts: 0,
      shortfall: 1700,
    })),
  });
}

/** The needs-and-gaps API in memory: one stored run; a new run is the same figures, newer; siting serves Alder Flats. */
export class FakeGapsApi implements GapsApi {
  runs: GapsRun[] = [run('00000000-0000-4000-8000-00000000aa01', '2026-12-06T10:00:00.000Z')];
  sited: GapsSitingInput[] = [];

  listRuns = async () => [...this.runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  createRun = async (input: GapsRunInput) => {
    const created = run(`00000000-0000-4000-8000-00000000aa0${this.runs.length + 1}`, '2026-12-07T10:00:00.000Z', input);
    this.runs.push(created);
    return created;
  };
  getRun = async (id: string, category: GapCategory): Promise<GapsRunDetail> => {
    const found = this.runs.find((r) => r.id === id);
    if (!found) throw new Error('not found');
    return gapsRunDetailSchema.parse({ ...found, results: results(category) });
  };
  site = async (_id: string, input: GapsSitingInput): Promise<GapsSitingResult> => {
    const parsed = gapsSitingInputSchema.parse(input);
    this.sited.push(parsed);
    return gapsSitingResultSchema.parse({
      category: parsed.category,
      distanceDesertsBefore: 1,
      distanceDesertsAfter: 0,
      capacityDesertsBefore: 0,
      capacityDesertsAfter: 0,
      supplyDelivered: parsed.capacity ?? 1,
      changed: [
        {
          areaId: 'area-3',
          areaName: 'Alder Flats',
          before: 0,
          after: 0.02,
          relativeBefore: 0,
          relativeAfter: 4.1,
          shortfallBefore: 500,
          shortfallAfter: 0,
          leavesDistanceDesert: true,
          leavesCapacityDesert: false,
        },
      ],
    });
  };
  boundaries = async () => fakeBoundaries();
  mapConfig = async () => ({ styleUrl: null });
}
