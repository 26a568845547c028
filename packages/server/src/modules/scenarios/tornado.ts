/**
 * One-way sensitivity (tornado): deaths averted by a scenario over the horizon with every parameter at its
 * base value, then with each parameter in turn at the low and at the high end of its range, the others held
 * at base. Bars are sorted by swing, widest first.
 */
import { noLevers, simulate, type Levers, type Setting } from './model.ts';
import { parameterKeys, parameterSpecs, type ModelParameters, type ParameterKey } from './parameters.ts';
import type { Ranges } from './sampling.ts';

export interface TornadoBar {
  readonly parameter: ParameterKey;
  readonly label: string;
  readonly low: number;
  readonly high: number;
  /** Deaths averted with the parameter at its low and high value. */
  readonly atLow: number;
  readonly atHigh: number;
  readonly swing: number;
}

export interface Tornado {
  readonly base: number;
  readonly bars: readonly TornadoBar[];
}

function deathsAverted(p: ModelParameters, setting: Setting, levers: Levers, months: number): number {
  const deaths = (run: ReturnType<typeof simulate>) => run.reduce((s, m) => s + m.fatalOverdoses, 0);
  return deaths(simulate(p, setting, noLevers, months)) - deaths(simulate(p, setting, levers, months));
}

export function tornado(ranges: Ranges, setting: Setting, levers: Levers, months: number): Tornado {
  const base = Object.fromEntries(parameterKeys.map((k) => [k, ranges[k].base])) as Record<ParameterKey, number>;
  const bars = parameterKeys
    .filter((k) => ranges[k].high > ranges[k].low)
    .map((k) => {
      const atLow = deathsAverted({ ...base, [k]: ranges[k].low }, setting, levers, months);
      const atHigh = deathsAverted({ ...base, [k]: ranges[k].high }, setting, levers, months);
      return {
        parameter: k,
        label: parameterSpecs[k].label,
        low: ranges[k].low,
        high: ranges[k].high,
        atLow,
        atHigh,
        swing: Math.abs(atHigh - atLow),
      };
    })
    .sort((a, b) => b.swing - a.swing);
  return { base: deathsAverted(base, setting, levers, months), bars };
}
