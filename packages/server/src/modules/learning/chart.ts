import {
  chartRuleLabels,
  type ChartKind,
  type ChartPoint,
  type ChartRule,
  type ChartSignal,
  type MeasureKind,
  type MeasureMonth,
} from '@continuum/contracts';
import { pChart, xmrChart, type ControlChart } from './control-charts.ts';
import { runChart } from './run-chart.ts';

/*
 * A measure's monthly series → a chart: run chart (median of the baseline, IHI run rules), p-chart
 * (Laney p′ when the baseline is overdispersed, σz > 1, unless a plain p-chart is asked for), or
 * XmR for counts and times. Points before the baseline are drawn without a centre line and take
 * no part in the rules; the baseline's centre and limits are frozen for every point after it.
 * Suppressed months are left out of the calculation (their limits would reveal their size).
 */

export interface ChartInput {
  months: readonly MeasureMonth[];
  kind: MeasureKind;
  /** Asked for; undefined = the measure's default with the Laney switch. */
  chart: ChartKind | undefined;
  defaultChart: ChartKind;
  baselineFrom: string;
  baselineTo: string;
}

export interface ChartOutput {
  chart: ChartKind;
  center: number | null;
  sigmaZ: number | null;
  overdispersed: boolean;
  points: ChartPoint[];
  signals: ChartSignal[];
}

export function buildChart(input: ChartInput): ChartOutput {
  const usable = (m: MeasureMonth) => !m.suppressed && m.value !== null && (input.kind !== 'proportion' || (m.denominator ?? 0) > 0);
  const points: ChartPoint[] = input.months.map((m) => ({
    month: m.month,
    value: m.value,
    numerator: m.numerator,
    denominator: m.denominator,
    suppressed: m.suppressed,
    center: null,
    lcl: null,
    ucl: null,
    inBaseline: m.month >= input.baselineFrom && m.month <= input.baselineTo,
    rules: [],
  }));
  // The charted points: usable months from the baseline's start on.
  const idx = input.months.flatMap((m, i) => (usable(m) && m.month >= input.baselineFrom ? [i] : []));
  const baselineLength = idx.filter((i) => input.months[i]!.month <= input.baselineTo).length;
  let chart: ChartKind = input.chart ?? input.defaultChart;
  if (input.kind !== 'proportion' && (chart === 'p' || chart === 'p_laney')) chart = 'xmr';
  const result: ChartOutput = { chart, center: null, sigmaZ: null, overdispersed: false, points, signals: [] };
  if (baselineLength < 2) return result;

  const mark = (rule: ChartRule, local: readonly number[]) => {
    const months = local.map((k) => input.months[idx[k]!]!.month);
    result.signals.push({ rule, label: chartRuleLabels[rule], months });
    for (const k of local) {
      const p = points[idx[k]!]!;
      if (!p.rules.includes(rule)) p.rules.push(rule);
    }
  };

  if (chart === 'run') {
    const values = idx.map((i) => input.months[i]!.value!);
    const rc = runChart(values, { baselineLength });
    result.center = rc.median;
    for (const i of idx) points[i]!.center = rc.median;
    for (const s of rc.signals) mark(s.rule, s.indices);
    return result;
  }

  let cc: ControlChart;
  if (chart === 'p' || chart === 'p_laney') {
    const x = idx.map((i) => input.months[i]!.numerator!);
    const n = idx.map((i) => input.months[i]!.denominator!);
    const laney = pChart(x, n, { baselineLength, laney: true });
    result.sigmaZ = laney.sigmaZ ?? null;
    result.overdispersed = (laney.sigmaZ ?? 0) > 1;
    if (input.chart === undefined) chart = result.overdispersed ? 'p_laney' : 'p';
    cc = chart === 'p_laney' ? laney : pChart(x, n, { baselineLength });
    if (chart === 'p') result.sigmaZ = null;
  } else {
    cc = xmrChart(
      idx.map((i) => input.months[i]!.value!),
      { baselineLength },
    );
  }
  result.chart = chart;
  result.center = cc.center;
  idx.forEach((i, k) => {
    points[i]!.center = cc.center;
    points[i]!.lcl = cc.points[k]!.lcl;
    points[i]!.ucl = cc.points[k]!.ucl;
  });
  for (const s of cc.signals) mark(s.rule, s.indices);
  return result;
}
