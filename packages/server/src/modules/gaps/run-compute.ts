import type { BoundaryKind, GapCategory } from '@continuum/contracts';
import type { CostSource } from './accessibility.ts';
import { analyzeCategory, type CategoryGaps } from './analysis.ts';
import { catchmentOf, LUO_QI_ZONES, type TravelZone } from './e2sfca.ts';
import { assessNeed, type AreaNeed, type NeedSummary } from './need.ts';
import type { GapsSnapshot } from './run-inputs.ts';

/** A run's parameters, stored with it. */
export interface RunParameters {
  readonly categories: GapCategory[];
  readonly zones: readonly TravelZone[];
  readonly desertDistance: number;
  readonly overdoseDays: number;
  /** Only the areas with a boundary of this kind (docs/geography.md); every area when null. */
  readonly areaKind: BoundaryKind | null;
}

export function runParameters(input: {
  categories: GapCategory[];
  zones?: readonly TravelZone[] | undefined;
  desertDistance?: number | undefined;
  overdoseDays: number;
  areaKind?: BoundaryKind | undefined;
}): RunParameters {
  const zones = input.zones ?? LUO_QI_ZONES;
  return {
    categories: input.categories,
    zones,
    desertDistance: input.desertDistance ?? catchmentOf(zones),
    overdoseDays: input.overdoseDays,
    areaKind: input.areaKind ?? null,
  };
}

export interface ComputedRun {
  readonly need: { areas: AreaNeed[]; summary: NeedSummary };
  readonly regionalOverdoseRate: number | null;
  readonly categories: { category: GapCategory; gaps: CategoryGaps }[];
}

/** The region's overdose rate per 100,000 from the true counts (used for the "high overdose rate" reason only; never shown). */
export function regionalOverdoseRate(areas: readonly AreaNeed[]): number | null {
  let overdoses = 0;
  let population = 0;
  for (const a of areas) {
    if (a.overdoses === null) continue;
    overdoses += a.overdoses;
    population += a.population;
  }
  return population > 0 ? (overdoses / population) * 100_000 : null;
}

/** Every category of a run from its snapshot: the same snapshot and parameters give the same numbers. */
export async function computeRun(snapshot: GapsSnapshot, parameters: RunParameters, source: CostSource): Promise<ComputedRun> {
  const need = assessNeed(snapshot.areas);
  const rate = regionalOverdoseRate(need.areas);
  const categories = [];
  for (const category of parameters.categories) {
    const gaps = await analyzeCategory(need.areas, snapshot.points[category] ?? [], {
      zones: parameters.zones,
      desertDistance: parameters.desertDistance,
      source,
      regionalOverdoseRate: rate,
    });
    categories.push({ category, gaps });
  }
  return { need, regionalOverdoseRate: rate, categories };
}
