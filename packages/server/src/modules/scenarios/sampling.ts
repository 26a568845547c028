/**
 * Seeded, reproducible parameter draws for the Monte Carlo ensemble: xoroshiro128+ from `pure-rand`,
 * one generator per ensemble, each parameter drawn from a triangular distribution over its range with the
 * mode at its base value (a common choice for expert ranges, e.g. Briggs, Claxton & Sculpher, Decision
 * Modelling for Health Economic Evaluation, 2006, ch. 4).
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { parameterKeys, parameterSpecs, type ModelParameters, type ParameterKey } from './parameters.ts';

export interface Range {
  readonly base: number;
  readonly low: number;
  readonly high: number;
}

export type Ranges = Readonly<Record<ParameterKey, Range>>;

/** The literature ranges, with calibrated or locally known values moving the base and the range with it. */
export function rangesFor(overrides: Partial<ModelParameters> = {}): Ranges {
  return Object.fromEntries(
    parameterKeys.map((key) => {
      const spec = parameterSpecs[key];
      const base = overrides[key] ?? spec.base;
      // A moved base keeps the range's relative width (a calibrated rate is as uncertain, in ratio, as its prior).
      const ratio = spec.base === 0 ? 1 : base / spec.base;
      const low = spec.base === 0 ? spec.low : Math.min(spec.low * ratio, base);
      const high = spec.base === 0 ? spec.high : Math.max(spec.high * ratio, base);
      return [key, { base, low, high }];
    }),
  ) as Ranges;
}

/** Inverse CDF of the triangular distribution on [low, high] with mode `mode`. */
export function triangular(u: number, low: number, mode: number, high: number): number {
  if (high <= low) return mode;
  const split = (mode - low) / (high - low);
  if (u < split) return low + Math.sqrt(u * (high - low) * (mode - low));
  return high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

/** `count` parameter sets from `seed`: the same seed gives the same draws, in the same order. */
export function drawParameters(ranges: Ranges, count: number, seed: number): ModelParameters[] {
  const rng = xoroshiro128plus(seed);
  const draws: ModelParameters[] = [];
  for (let d = 0; d < count; d++) {
    const draw = {} as Record<ParameterKey, number>;
    for (const key of parameterKeys) {
      const r = ranges[key];
      draw[key] = triangular(uniformFloat64(rng), r.low, r.base, r.high);
    }
    draws.push(draw);
  }
  return draws;
}

/** The q-quantile of sorted values, linear between order statistics (Hyndman & Fan type 7, R's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface Interval {
  readonly median: number;
  readonly low: number;
  readonly high: number;
}

/** Median and 90% interval (5th and 95th percentiles). */
export function interval(values: ArrayLike<number>): Interval {
  const sorted = Float64Array.from(values).sort();
  return { median: quantileSorted(sorted, 0.5), low: quantileSorted(sorted, 0.05), high: quantileSorted(sorted, 0.95) };
}
