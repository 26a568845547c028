import {
  scorecardMeasures,
  type MeasureMonth,
  type ScorecardDistribution,
  type ScorecardMeasureId,
  type ScorecardMeasureResult,
} from '@continuum/contracts';
import { buildChart, complementary, isSmall, suppressCount, suppressProportion } from '../learning/index.ts';
import { binCounts, meetsTarget, quantile, type RawMeasure } from './scorecard-measures.ts';

/*
 * A raw measure → what a reader sees: suppressed as the learning measures are (docs/measures.md:
 * a count of 1–10 referrals is not shown; a rate not when its numerator, denominator or their
 * difference is 1–10; a median not when it is over 1–10 referrals; a distribution's bins as counts,
 * with complementary suppression since they add up to the number shown), compared with its target,
 * with the run chart of its months (learning's chart: the median over the months shown, IHI rules).
 * Capacity and verification count services and listings, not people, and are shown unsuppressed.
 */

export interface Shown {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

export function showMeasure(raw: RawMeasure, suppress: boolean): Shown {
  if (raw.kind === 'count') {
    const c = suppress ? suppressCount(raw.count) : { value: raw.count, suppressed: false };
    return { value: c.value, numerator: c.value, denominator: null, suppressed: c.suppressed };
  }
  if (raw.kind === 'proportion') {
    if (!suppress) {
      const rate = raw.denominator > 0 ? raw.numerator / raw.denominator : null;
      return { value: rate, numerator: raw.numerator, denominator: raw.denominator, suppressed: false };
    }
    const p = suppressProportion(raw.numerator, raw.denominator);
    return { value: p.rate, numerator: p.numerator, denominator: p.denominator, suppressed: p.suppressed };
  }
  const n = raw.values.length;
  if (suppress && isSmall(n)) return { value: null, numerator: null, denominator: null, suppressed: true };
  return { value: quantile(raw.values, 0.5), numerator: null, denominator: n, suppressed: false };
}

export function showDistribution(values: readonly number[], unit: 'hours' | 'days', suppress: boolean): ScorecardDistribution {
  const counts = binCounts(values, unit);
  const hidden = suppress && isSmall(values.length);
  const small = counts.map((b) => suppress && isSmall(b.count));
  const drop = hidden
    ? counts.map(() => true)
    : suppress
      ? complementary(
          counts.map((b) => b.count),
          small,
        )
      : small;
  const q = (p: number) => (hidden ? null : quantile(values, p));
  return {
    p25: q(0.25),
    median: q(0.5),
    p75: q(0.75),
    p90: q(0.9),
    bins: counts.map((b, i) => ({ label: b.label, count: drop[i] ? null : b.count })),
  };
}

export interface MeasureInput {
  measure: ScorecardMeasureId;
  quarter: RawMeasure;
  months: { month: string; raw: RawMeasure }[];
  target: number | null;
  /** Referral measures are suppressed; capacity and verification are not. */
  suppress: boolean;
}

export function measureResult(input: MeasureInput): ScorecardMeasureResult {
  const def = scorecardMeasures[input.measure];
  const shown = showMeasure(input.quarter, input.suppress);
  const months: MeasureMonth[] = input.months.map(({ month, raw }) => ({ month, ...showMeasure(raw, input.suppress) }));
  const first = months[0]?.month ?? '';
  const last = months[months.length - 1]?.month ?? '';
  const chart = buildChart({ months, kind: def.kind, chart: 'run', defaultChart: 'run', baselineFrom: first, baselineTo: last });
  return {
    measure: input.measure,
    name: def.name,
    kind: def.kind,
    unit: def.unit,
    better: def.better,
    ...shown,
    target: input.target,
    meetsTarget: meetsTarget(shown.value, input.target, def.better),
    distribution:
      input.quarter.kind === 'time' && (def.unit === 'hours' || def.unit === 'days')
        ? showDistribution(input.quarter.values, def.unit, input.suppress)
        : null,
    chart: { center: chart.center, points: chart.points, signals: chart.signals },
  };
}
