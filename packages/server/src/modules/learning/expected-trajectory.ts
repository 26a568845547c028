import type { ExpectedPoint, ExpectedPosition, MeasureMonth, TrajectoryMeasureId } from '@continuum/contracts';
import { firstDayOfMonth, lastDayOfMonth, monthKey } from '@continuum/contracts';

/*
 * A scenario run's projection as the expected trajectory of one of the monthly counts (docs/analytics.md,
 * "Expected trajectory"), pure: placing the projection's months on the calendar, scaling the model's
 * people to the community's count, and comparing the observed months with the expected band.
 */

/** Months after a month (YYYY-MM). */
export function addMonths(month: string, n: number): string {
  let m = month;
  for (let i = 0; i < n; i++) m = monthKey(lastDayOfMonth(m) + 1);
  for (let i = 0; i > n; i--) m = monthKey(firstDayOfMonth(m) - 1);
  return m;
}

/** The projection's month k (1 = the first projected month) falls in `startMonth` + k − 1; every value × scale. */
export function projectionPoints(
  series: readonly { month: number; median: number; low: number; high: number }[],
  startMonth: string,
  scale: number,
): ExpectedPoint[] {
  return series.map((p) => ({
    month: addMonths(startMonth, p.month - 1),
    median: p.median * scale,
    low: p.low * scale,
    high: p.high * scale,
  }));
}

/**
 * How the model's counts map onto the community's. Overdose deaths and non-fatal overdoses: the model is
 * calibrated to these very counts (the overdose module's reports by month, docs/scenarios.md), so 1. People
 * in MOUD: the model's census is a steady state from MOUD starts × mean time in treatment, not the count of
 * people with a day of MOUD in a month, so the projection is anchored: its first month's median is set to the
 * community's count in the last shown month before the start (1 when there is none, or the model has nobody).
 */
export function trajectoryScale(
  measureId: TrajectoryMeasureId,
  observedBeforeStart: { month: string; value: number } | null,
  modelFirstMedian: number | null,
): { scale: number; note: string } {
  if (measureId !== 'people_in_moud')
    return { scale: 1, note: 'Not scaled: the model is calibrated to the community’s own monthly overdose reports.' };
  if (!observedBeforeStart || observedBeforeStart.value <= 0 || !modelFirstMedian || modelFirstMedian <= 0)
    return { scale: 1, note: 'Not anchored: no count of people in MOUD shown before the start month; the model’s own census.' };
  const scale = observedBeforeStart.value / modelFirstMedian;
  return {
    scale,
    note: `Anchored: the model’s people in MOUD × ${round(scale)} so its first month matches ${observedBeforeStart.value} people in MOUD in ${observedBeforeStart.month}.`,
  };
}

const round = (x: number): string => (Math.round(x * 1000) / 1000).toString();

/** The latest month before `startMonth` with a shown count (hidden and later months skipped). */
export function lastShownBefore(months: readonly MeasureMonth[], startMonth: string): { month: string; value: number } | null {
  const before = months.filter((m) => m.month < startMonth && !m.suppressed && m.value !== null);
  const last = before.at(-1);
  return last ? { month: last.month, value: last.value! } : null;
}

export interface Comparison {
  positions: { month: string; position: ExpectedPosition }[];
  reading: string;
}

/**
 * Where each observed month falls against the expected 90% band (above the high end, below the low end,
 * or within, ends included), and a reading of the last `lastN` months that have both a shown count and an
 * expectation. Hidden months (1–10, or hidden with them) are not compared: they have no value.
 */
export function compareWithExpected(observed: readonly MeasureMonth[], expected: readonly ExpectedPoint[], lastN = 6): Comparison {
  const byMonth = new Map(expected.map((p) => [p.month, p]));
  const positions: Comparison['positions'] = [];
  for (const m of observed) {
    const e = byMonth.get(m.month);
    if (!e || m.suppressed || m.value === null) continue;
    positions.push({ month: m.month, position: m.value > e.high ? 'above' : m.value < e.low ? 'below' : 'within' });
  }
  if (positions.length === 0) return { positions, reading: 'No month yet has both an observed count and an expected value.' };
  const recent = positions.slice(-lastN);
  const count = (p: ExpectedPosition) => recent.filter((r) => r.position === p).length;
  const skipped = observed.some((m) => byMonth.has(m.month) && m.suppressed) ? ' Hidden months are not compared.' : '';
  if (recent.length === 1) {
    const where = { above: 'above the expected 90% band', below: 'below the expected 90% band', within: 'within the expected 90% band' };
    return { positions, reading: `Observed ${where[recent[0]!.position]} in the one month compared so far.${skipped}` };
  }
  const last = `the last ${recent.length} months`;
  return {
    positions,
    reading: `Observed above the expected 90% band in ${count('above')} of ${last}, below it in ${count('below')} and within it in ${count('within')}.${skipped}`,
  };
}
