/** One day of the MME timeline (as the server sends it). */
export interface MmePoint {
  date: string;
  mmePerDay: number | null;
  complete: boolean;
}

/** Consecutive days with the same figure, for the table alternative to the chart. */
export interface MmeRun {
  from: string;
  to: string;
  mmePerDay: number | null;
  complete: boolean;
}

export function mmeRuns(points: readonly MmePoint[]): MmeRun[] {
  const runs: MmeRun[] = [];
  for (const p of points) {
    const last = runs.at(-1);
    if (last && last.mmePerDay === p.mmePerDay && last.complete === p.complete) last.to = p.date;
    else runs.push({ from: p.date, to: p.date, mmePerDay: p.mmePerDay, complete: p.complete });
  }
  return runs;
}

const fmtDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** A one-paragraph description of the chart for screen readers. */
export function mmeSummaryText(points: readonly MmePoint[]): string {
  if (points.length === 0) return 'No MME figures.';
  const first = points[0]!;
  const last = points.at(-1)!;
  const withValue = points.filter((p) => p.mmePerDay !== null);
  const period = `From ${fmtDate(first.date)} to ${fmtDate(last.date)}`;
  if (withValue.length === 0) return `${period}, no opioid pain medication was active.`;
  const peak = withValue.reduce((a, b) => (b.mmePerDay! > a.mmePerDay! ? b : a));
  const days90 = withValue.filter((p) => p.mmePerDay! >= 90).length;
  const days50 = withValue.filter((p) => p.mmePerDay! >= 50).length;
  const incomplete = points.filter((p) => !p.complete).length;
  const parts = [
    `${period}, the highest total was ${peak.mmePerDay} MME/day on ${fmtDate(peak.date)}`,
    `${days50} ${days50 === 1 ? 'day' : 'days'} at or above 50 and ${days90} at or above 90`,
    `today ${last.mmePerDay === null ? 'no opioid pain medication is active' : `${last.mmePerDay} MME/day`}`,
  ];
  if (incomplete > 0)
    parts.push(
      `on ${incomplete} ${incomplete === 1 ? 'day' : 'days'} a medication with no computable MME was also active, so the figure is a lower bound`,
    );
  return `${parts.join('; ')}.`;
}

export interface ChartGeometry {
  width: number;
  height: number;
  yMax: number;
  /** SVG path of the daily total (days with no opioid drawn at 0). */
  path: string;
  x: (index: number) => number;
  y: (value: number) => number;
}

export const CHART_PADDING = { left: 40, right: 12, top: 12, bottom: 24 };

export function chartGeometry(points: readonly MmePoint[], width = 640, height = 220): ChartGeometry {
  const max = Math.max(0, ...points.map((p) => p.mmePerDay ?? 0));
  const yMax = Math.max(100, Math.ceil(Math.round(max * 11) / 100) * 10);
  const { left, right, top, bottom } = CHART_PADDING;
  const span = Math.max(1, points.length - 1);
  const x = (i: number) => left + (i / span) * (width - left - right);
  const y = (v: number) => top + (1 - v / yMax) * (height - top - bottom);
  const round = (n: number) => Math.round(n * 10) / 10;
  // A step line: the total holds for the whole day.
  let path = '';
  points.forEach((p, i) => {
    const v = y(p.mmePerDay ?? 0);
    path += i === 0 ? `M${round(x(i))},${round(v)}` : `H${round(x(i))}V${round(v)}`;
  });
  return { width, height, yMax, path, x, y };
}
