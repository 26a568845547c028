/**
 * The plain-language summary of a run: the caveats first ("a model, not a forecast"), then each scenario's
 * deaths averted with its 90% interval, the cost per death averted and what the result hangs on most.
 */
import type { ScenarioRunParsed, ScenarioTornado } from '@continuum/contracts';
import type { EnsembleResult } from './ensemble.ts';

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const dollars = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;

export const CAVEATS = [
  'This is a model, not a forecast: it shows what the community’s own data and the published evidence imply if nothing else changes, with the uncertainty of both.',
  'Ranges are 90% intervals over the parameter draws; they do not include changes in the drug supply, policy or reporting.',
];

export function plainSummary(
  input: ScenarioRunParsed,
  result: EnsembleResult,
  tornadoes: readonly ScenarioTornado[],
  notes: readonly string[],
): string[] {
  const years = `${input.years} year${input.years === 1 ? '' : 's'}`;
  const base = result.baseline.totals.fatalOverdoses;
  const lines = [
    ...CAVEATS,
    `With today’s services, the model expects ${whole(base.median)} overdose deaths over ${years} (90% interval ${whole(base.low)}–${whole(base.high)}).`,
  ];
  result.scenarios.forEach((s, i) => {
    const a = s.totals.deathsAverted;
    const cost =
      s.costPerDeathAverted === null
        ? 'no deaths averted on average, so no cost per death averted'
        : `${dollars(s.costPerDeathAverted)} per death averted`;
    const top = tornadoes[i]?.bars[0];
    lines.push(
      `${s.name}: ${whole(a.median)} deaths averted (90% interval ${whole(a.low)} to ${whole(a.high)}), ` +
        `${whole(s.totals.nonFatalAverted.median)} non-fatal overdoses averted, ${whole(s.totals.inMoudAtEnd.median)} people in MOUD at the end; ${cost}.` +
        (top ? ` The result depends most on “${top.label}”.` : ''),
    );
  });
  return [...lines, ...notes];
}
