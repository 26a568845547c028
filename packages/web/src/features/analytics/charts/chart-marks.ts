import { chartRuleLabels, type ChartRule } from '@continuum/contracts';

/**
 * The mark drawn beside a special-cause point for the rule that fired, and its legend text. The
 * runs rules concern the whole series, so they are named in the legend and summary rather than
 * on every point. "Astronomical" is a judgement (IHI run-chart rule 4), recorded by the reader.
 */
export type MarkId = ChartRule | 'astronomical';

export const markLetters: Record<MarkId, string> = {
  shift: 'S',
  trend: 'T',
  too_few_runs: 'R',
  too_many_runs: 'R',
  beyond_limits: 'L',
  two_of_three: '2',
  moving_range: 'M',
  astronomical: 'A',
};

export const markLabels: Record<MarkId, string> = { ...chartRuleLabels, astronomical: 'Astronomical point (judged by the reader)' };

/** Rules drawn as letters on the points they concern. */
export const pointRules: readonly MarkId[] = ['shift', 'trend', 'beyond_limits', 'two_of_three', 'moving_range', 'astronomical'];

export const colours = {
  ink: '#1f2933',
  muted: '#616e7c',
  grid: '#e4e7eb',
  line: '#1d4f91',
  signal: '#b42318',
  limit: '#9b2c2c',
  centre: '#3e4c59',
  target: '#1b7a3c',
  baseline: '#eef2f7',
  annotation: '#6b3fa0',
  suppressed: '#9aa5b1',
} as const;
