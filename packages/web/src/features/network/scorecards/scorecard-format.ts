import type { ScorecardMeasureResult } from '@continuum/contracts';
import type { ChartData } from '../../analytics/index.ts';

/** What a scorecard shows for one value: a rate as a percentage, a time with its unit, a count as it is. */
export function formatScorecardValue(value: number | null, kind: ScorecardMeasureResult['kind'], unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (kind === 'proportion') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'time') return `${value.toFixed(1)} ${unit}`;
  return Math.round(value).toLocaleString('en-US');
}

export const SUPPRESSED = 'Not shown (1–10 referrals)';

/** The value cell: the value, or why it is not shown. */
export function valueText(m: ScorecardMeasureResult): string {
  if (m.suppressed) return SUPPRESSED;
  if (m.value === null) return 'Nothing to measure';
  const parts = m.kind === 'proportion' && m.numerator !== null && m.denominator !== null ? ` (${m.numerator} of ${m.denominator})` : '';
  const over = m.kind === 'time' && m.denominator !== null ? ` (median of ${m.denominator})` : '';
  return `${formatScorecardValue(m.value, m.kind, m.unit)}${parts}${over}`;
}

export function targetText(m: Pick<ScorecardMeasureResult, 'target' | 'kind' | 'unit' | 'better'>): string {
  if (m.target === null) return 'No target';
  return `${m.better === 'higher' ? 'at least' : 'at most'} ${formatScorecardValue(m.target, m.kind, m.unit)}`;
}

export function verdictText(meets: boolean | null): string {
  return meets === null ? '—' : meets ? 'Meets target' : 'Misses target';
}

/** A measure's months as the learning chart draws them (a run chart: the median over the months shown). */
export function chartDataOf(m: ScorecardMeasureResult, from: string, to: string): ChartData {
  return {
    measureId: m.measure,
    chart: 'run',
    period: { from, to },
    baseline: { from, to },
    center: m.chart.center,
    sigmaZ: null,
    overdispersed: false,
    target: m.target,
    points: m.chart.points,
    signals: m.chart.signals,
    annotations: [],
  };
}
