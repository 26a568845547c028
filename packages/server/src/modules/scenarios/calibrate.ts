/**
 * Calibration to the community's own monthly aggregates (overdose deaths, non-fatal overdoses, people in
 * MOUD) by Levenberg–Marquardt (`ml-levenberg-marquardt`). Each observed series is divided by its mean so
 * that deaths (a handful a month) weigh as much as the MOUD census (hundreds). Only aggregates enter; no
 * person-level data.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { inMoud, noLevers, simulate, type MonthResult, type Setting } from './model.ts';
import { parameterSpecs, type ModelParameters, type ParameterKey } from './parameters.ts';

export interface Observed {
  /** Counts by month, month 1 first; a series may be shorter than the others or absent, and null is a month not observed. */
  readonly fatalOverdoses?: readonly (number | null)[];
  readonly nonFatalOverdoses?: readonly (number | null)[];
  readonly inMoud?: readonly (number | null)[];
  readonly treatmentStarts?: readonly (number | null)[];
}

export const defaultCalibrated: readonly ParameterKey[] = ['overdoseUntreated', 'caseFatality', 'treatmentEntry'];

export interface CalibrationResult {
  readonly parameters: ModelParameters;
  readonly fitted: Readonly<Partial<Record<ParameterKey, number>>>;
  readonly iterations: number;
  /** Root mean square of the normalized residuals. */
  readonly rmse: number;
  /** The fitted model's series beside the observed ones, for the fit chart. */
  readonly fit: {
    readonly month: number;
    readonly fatalOverdoses: number;
    readonly nonFatalOverdoses: number;
    readonly inMoud: number;
    readonly treatmentStarts: number;
  }[];
}

type SeriesName = keyof Observed;
const pick: Record<SeriesName, (m: MonthResult) => number> = {
  fatalOverdoses: (m) => m.fatalOverdoses,
  nonFatalOverdoses: (m) => m.nonFatalOverdoses,
  inMoud: (m) => inMoud(m.sizes),
  treatmentStarts: (m) => m.treatmentStarts,
};

export function calibrate(
  prior: ModelParameters,
  setting: Setting,
  observed: Observed,
  keys: readonly ParameterKey[] = defaultCalibrated,
): CalibrationResult {
  const points: { series: SeriesName; month: number; value: number; scale: number }[] = [];
  for (const series of Object.keys(pick) as SeriesName[]) {
    const values = observed[series]?.map((v, i) => ({ v, month: i + 1 })).filter((x): x is { v: number; month: number } => x.v !== null);
    if (!values || values.length === 0) continue;
    const scale = Math.max(values.reduce((s, x) => s + x.v, 0) / values.length, 1e-9);
    values.forEach(({ v, month }) => points.push({ series, month, value: v, scale }));
  }
  if (points.length < keys.length) throw new RangeError('Calibration needs at least as many observed months as fitted parameters');
  const months = Math.max(...points.map((p) => p.month));
  const withValues = (values: readonly number[]): ModelParameters => ({
    ...prior,
    ...Object.fromEntries(keys.map((k, i) => [k, values[i]!])),
  });
  // Parameters are fitted relative to the prior (multipliers near 1) so that LM's step sizes suit every rate.
  const toRates = (m: readonly number[]) => keys.map((k, i) => prior[k] * m[i]!);
  let cache: { key: string; run: MonthResult[] } | null = null;
  const runFor = (m: readonly number[]) => {
    const key = m.join(',');
    if (cache?.key !== key) cache = { key, run: simulate(withValues(toRates(m)), setting, noLevers, months) };
    return cache.run;
  };
  const result = levenbergMarquardt(
    { x: points.map((_, i) => i), y: points.map((p) => p.value / p.scale) },
    (m) => {
      const run = runFor(m);
      return (i: number) => {
        const point = points[i]!;
        return pick[point.series](run[point.month - 1]!) / point.scale;
      };
    },
    {
      initialValues: keys.map(() => 1),
      minValues: keys.map((k) => (parameterSpecs[k].low / parameterSpecs[k].base) * 0.25),
      maxValues: keys.map((k) => (parameterSpecs[k].high / parameterSpecs[k].base) * 4),
      damping: 0.01,
      gradientDifference: 1e-4,
      centralDifference: true,
      maxIterations: 200,
      errorTolerance: 1e-12,
    },
  );
  const rates = toRates(result.parameterValues);
  const parameters = withValues(rates);
  const run = simulate(parameters, setting, noLevers, months);
  return {
    parameters,
    fitted: Object.fromEntries(keys.map((k, i) => [k, rates[i]!])),
    iterations: result.iterations,
    rmse: Math.sqrt(result.parameterError / points.length),
    fit: run.map((m) => ({
      month: m.month,
      fatalOverdoses: m.fatalOverdoses,
      nonFatalOverdoses: m.nonFatalOverdoses,
      inMoud: inMoud(m.sizes),
      treatmentStarts: m.treatmentStarts,
    })),
  };
}
