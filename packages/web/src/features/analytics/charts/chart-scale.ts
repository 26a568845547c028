import type { ChartPoint, MeasureKind } from '@continuum/contracts';

/** Pure geometry shared by the SVG charts: linear scales, tick steps, month positions. */

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const defaultFrame: Frame = { width: 720, height: 300, left: 64, right: 20, top: 20, bottom: 64 };

export interface LinearScale {
  (value: number): number;
  domain: [number, number];
  ticks: number[];
}

/** Ticks at 1, 2 or 5 × 10^k covering [min, max] with about `count` steps; the domain is widened to whole ticks. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-6 || ticks.length < 2; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max - 1e-12) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

/** A linear scale from the values' range (with nice ticks) onto [pixelLow, pixelHigh] (pixelLow at the bottom). */
export function linearScale(
  values: readonly number[],
  pixelLow: number,
  pixelHigh: number,
  options: { floor?: number; ceiling?: number } = {},
): LinearScale {
  const finite = values.filter((v) => Number.isFinite(v));
  let min = finite.length > 0 ? Math.min(...finite) : 0;
  let max = finite.length > 0 ? Math.max(...finite) : 1;
  if (options.floor !== undefined) min = Math.max(min, options.floor);
  if (options.ceiling !== undefined) max = Math.min(max, options.ceiling);
  if (max <= min) max = min + 1;
  const ticks = niceTicks(min, max).filter(
    (t) => (options.floor === undefined || t >= options.floor - 1e-12) && (options.ceiling === undefined || t <= options.ceiling + 1e-12),
  );
  const d0 = Math.min(ticks[0]!, min);
  const d1 = Math.max(ticks[ticks.length - 1]!, max);
  const scale = ((value: number) => pixelLow + ((value - d0) / (d1 - d0 || 1)) * (pixelHigh - pixelLow)) as LinearScale;
  scale.domain = [d0, d1];
  scale.ticks = ticks;
  return scale;
}

/** The centre of the month band `index` of `count` across the plot. */
export function bandCentre(index: number, count: number, frame: Frame): number {
  const plot = frame.width - frame.left - frame.right;
  return frame.left + ((index + 0.5) * plot) / Math.max(count, 1);
}

/**
 * Where a date (YYYY-MM-DD) falls on a chart of consecutive months: inside its month's band, by its
 * day. Null when the date is outside the months shown.
 */
export function datePosition(date: string, months: readonly string[], frame: Frame): number | null {
  const month = date.slice(0, 7);
  const index = months.indexOf(month);
  if (index < 0) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const plot = frame.width - frame.left - frame.right;
  const band = plot / Math.max(months.length, 1);
  return frame.left + index * band + ((d - 0.5) / daysInMonth) * band;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 2026" from "2026-03". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${monthNames[Number(m) - 1] ?? m} ${y}`;
}

/** A measure value for people: a rate as a percentage, a count, or days. */
export function formatMeasureValue(value: number | null, kind: MeasureKind, unit?: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (kind === 'proportion') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'time') return `${value.toFixed(1)} days`;
  const count = Math.abs(value - Math.round(value)) < 1e-9 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
  return unit && unit !== 'rate' ? `${count} ${unit}` : count;
}

/** An axis tick label: short, without the unit. */
export function formatTick(value: number, kind: MeasureKind): string {
  if (kind === 'proportion') return `${Math.round(value * 1000) / 10}%`;
  return Number(value.toPrecision(6)).toLocaleString('en-US');
}

/** What a small cell is shown as, everywhere: never the number. */
export const SUPPRESSED_TEXT = 'fewer than 11';

/** A point's value as text, with the suppression wording for suppressed months. */
export function pointText(point: Pick<ChartPoint, 'value' | 'suppressed' | 'numerator' | 'denominator'>, kind: MeasureKind): string {
  if (point.suppressed) return SUPPRESSED_TEXT;
  if (point.value === null) return 'no data';
  const base = formatMeasureValue(point.value, kind);
  return kind === 'proportion' && point.numerator !== null && point.denominator !== null
    ? `${base} (${point.numerator} of ${point.denominator})`
    : base;
}

export interface MovingRangePoint {
  month: string;
  value: number | null;
  inBaseline: boolean;
}

/**
 * The mR chart of an XmR chart: |xᵢ − xᵢ₋₁| between consecutive charted points (suppressed months
 * and months before the baseline are not charted), the mean moving range of the baseline and its
 * upper limit 3.267 · MR̄ (Wheeler; the factor D4 for n = 2).
 */
export function movingRanges(points: readonly ChartPoint[]): { points: MovingRangePoint[]; mean: number | null; ucl: number | null } {
  let previous: number | null = null;
  const out: MovingRangePoint[] = points.map((p) => {
    const charted = p.center !== null && p.value !== null && !p.suppressed;
    if (!charted) return { month: p.month, value: null, inBaseline: p.inBaseline };
    const value: number | null = previous === null ? null : Math.abs(p.value! - previous);
    previous = p.value;
    return { month: p.month, value, inBaseline: p.inBaseline };
  });
  const base = out.filter((p) => p.inBaseline && p.value !== null).map((p) => p.value!);
  if (base.length === 0) return { points: out, mean: null, ucl: null };
  const mean = base.reduce((a, b) => a + b, 0) / base.length;
  return { points: out, mean, ucl: 3.267 * mean };
}
