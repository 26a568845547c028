import { complementary, isSmall } from '../learning/index.ts';

/**
 * Need per area (docs/gaps.md, "Need"): the area's population, the people estimated to have OUD
 * (the learning system's stored estimates), and overdoses over the run's window as a rate per
 * 100,000 residents. The demand E2SFCA weighs is the people with OUD:
 *   - the area's own estimate where there is one;
 *   - otherwise the population × the prevalence of the areas that have estimates (Σ estimated /
 *     Σ their population), so an area without an estimate is neither ignored nor over-weighted;
 *   - with no estimate anywhere, the population itself (accessibility then reads per resident).
 * Overdose counts of 1–10 are suppressed as the measures suppress them (learning's suppression:
 * `isSmall`, with complementary suppression across areas, since a reader who knows the region's
 * total from the public map could otherwise subtract their way to a single hidden area); a rate is
 * shown only beside a shown count.
 */
export interface AreaNeedInput {
  readonly id: string;
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly population: number;
  /** People estimated to have OUD in the area (null: no estimate). */
  readonly oudEstimate: number | null;
  /** Overdoses in the window (null: not known). */
  readonly overdoses: number | null;
}

export type DemandBasis = 'oud_estimate' | 'imputed_prevalence' | 'population';

export interface AreaNeed extends AreaNeedInput {
  /** E2SFCA's P_k: people with OUD, estimated or imputed (or the population). */
  readonly demand: number;
  readonly demandBasis: DemandBasis;
  /** The overdose count as it may be shown (null when suppressed or unknown). */
  readonly overdosesShown: number | null;
  readonly overdosesSuppressed: boolean;
  /** Per 100,000 residents, beside a shown count only. */
  readonly overdoseRate: number | null;
}

export interface NeedSummary {
  /** Σ estimated / Σ population over areas with an estimate; null when none has one. */
  readonly prevalence: number | null;
  readonly areasWithEstimate: number;
}

export function assessNeed(areas: readonly AreaNeedInput[]): { areas: AreaNeed[]; summary: NeedSummary } {
  let estimated = 0;
  let estimatedPopulation = 0;
  let withEstimate = 0;
  for (const a of areas) {
    if (a.oudEstimate !== null) {
      estimated += a.oudEstimate;
      estimatedPopulation += a.population;
      withEstimate++;
    }
  }
  const prevalence = withEstimate > 0 && estimatedPopulation > 0 ? estimated / estimatedPopulation : null;
  const counts = areas.map((a) => a.overdoses ?? 0);
  const hidden = complementary(
    counts,
    counts.map((n) => isSmall(n)),
  );
  return {
    summary: { prevalence, areasWithEstimate: withEstimate },
    areas: areas.map((a, i) => {
      const [demand, demandBasis]: [number, DemandBasis] =
        a.oudEstimate !== null
          ? [a.oudEstimate, 'oud_estimate']
          : prevalence !== null
            ? [a.population * prevalence, 'imputed_prevalence']
            : [a.population, 'population'];
      const suppressed = a.overdoses !== null && hidden[i]!;
      const shown = a.overdoses === null || suppressed ? null : a.overdoses;
      return {
        ...a,
        demand,
        demandBasis,
        overdosesShown: shown,
        overdosesSuppressed: suppressed,
        overdoseRate: shown !== null && a.population > 0 ? (shown / a.population) * 100_000 : null,
      };
    }),
  };
}
