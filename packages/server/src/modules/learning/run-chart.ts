/*
 * Run charts with the IHI rules (Perla, Provost & Murray, BMJ Qual Saf 2011;20:46–51): the median
 * as centre line; points on the median are not useful (they neither add to nor break a run).
 *   shift  — 6 or more consecutive useful points on one side of the median
 *   trend  — 5 or more consecutive points all going up or all going down (repeated values count once)
 *   runs   — too few or too many runs for the number of useful points, from the exact
 *            distribution of the number of runs (Swed & Eisenhart 1943), each tail ≤ 5%
 * The "astronomical point" rule is a judgement and is left to the reader of the chart.
 */

export const SHIFT_LENGTH = 6;
export const TREND_LENGTH = 5;
/** Each tail of the runs test: signal when P(R ≤ runs) ≤ 5% (too few) or P(R ≥ runs) ≤ 5% (too many). */
export const RUNS_TAIL = 0.05;
/** The runs test needs at least this many useful points (IHI guidance). */
export const RUNS_MIN_POINTS = 10;

function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P(R = r) for m points of one kind and k of the other, in random order. */
export function runsProbability(m: number, k: number, r: number): number {
  const total = logChoose(m + k, m);
  if (r < 2) return m === 0 || k === 0 ? (r === 1 ? 1 : 0) : 0;
  if (r % 2 === 0) {
    const s = r / 2;
    return 2 * Math.exp(logChoose(m - 1, s - 1) + logChoose(k - 1, s - 1) - total);
  }
  const s = (r - 1) / 2;
  return Math.exp(logChoose(m - 1, s) + logChoose(k - 1, s - 1) - total) + Math.exp(logChoose(m - 1, s - 1) + logChoose(k - 1, s) - total);
}

/** The largest r with P(R ≤ r) ≤ tail, and the smallest r with P(R ≥ r) ≤ tail. */
export function runsLimits(m: number, k: number, tail = RUNS_TAIL): { lower: number; upper: number } {
  const max = 2 * Math.min(m, k) + (m === k ? 0 : 1);
  const p = Array.from({ length: max + 1 }, (_, r) => runsProbability(m, k, r));
  let lower = 0;
  let cum = 0;
  for (let r = 2; r <= max; r++) {
    cum += p[r]!;
    if (cum <= tail + 1e-12) lower = r;
    else break;
  }
  let upper = max + 1;
  cum = 0;
  for (let r = max; r >= 2; r--) {
    cum += p[r]!;
    if (cum <= tail + 1e-12) upper = r;
    else break;
  }
  return { lower, upper };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface RunChartSignal {
  rule: 'shift' | 'trend' | 'too_few_runs' | 'too_many_runs';
  /** Indices of the points in the signal (for the runs rules: every useful point). */
  indices: number[];
}

export interface RunChart {
  median: number;
  usefulPoints: number;
  runs: number;
  runsLimits: { lower: number; upper: number } | null;
  signals: RunChartSignal[];
}

/**
 * A run chart over `values`; the median comes from the baseline points (the first `baselineLength`,
 * default all) and is extended forward unchanged.
 */
export function runChart(values: readonly number[], options: { baselineLength?: number } = {}): RunChart {
  const base = values.slice(0, options.baselineLength ?? values.length);
  const m = median(base);
  const signals: RunChartSignal[] = [];
  const sides = values.map((v) => (v > m ? 1 : v < m ? -1 : 0));
  const useful = sides.map((s, i) => ({ s, i })).filter((x) => x.s !== 0);

  // Shift: consecutive useful points on one side.
  let runStart = 0;
  let runs = useful.length > 0 ? 1 : 0;
  for (let j = 1; j <= useful.length; j++) {
    if (j === useful.length || useful[j]!.s !== useful[j - 1]!.s) {
      if (j - runStart >= SHIFT_LENGTH) signals.push({ rule: 'shift', indices: useful.slice(runStart, j).map((x) => x.i) });
      if (j < useful.length) runs++;
      runStart = j;
    }
  }

  // Trend: strictly rising or falling, ignoring repeats (a repeat neither makes nor breaks it).
  const distinct: number[] = [];
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) distinct.push(i);
  let tStart = 0;
  let dir = 0;
  for (let j = 1; j <= distinct.length; j++) {
    const d = j < distinct.length ? Math.sign(values[distinct[j]!]! - values[distinct[j - 1]!]!) : 0;
    if (j === distinct.length || (dir !== 0 && d !== dir)) {
      if (dir !== 0 && j - tStart >= TREND_LENGTH) {
        const first = distinct[tStart]!;
        const last = distinct[j - 1]!;
        signals.push({ rule: 'trend', indices: Array.from({ length: last - first + 1 }, (_, k) => first + k) });
      }
      tStart = j - 1;
    }
    dir = d;
  }

  let limits: RunChart['runsLimits'] = null;
  if (useful.length >= RUNS_MIN_POINTS) {
    const above = useful.filter((x) => x.s > 0).length;
    limits = runsLimits(above, useful.length - above);
    const all = useful.map((x) => x.i);
    if (runs <= limits.lower) signals.push({ rule: 'too_few_runs', indices: all });
    if (runs >= limits.upper) signals.push({ rule: 'too_many_runs', indices: all });
  }
  return { median: m, usefulPoints: useful.length, runs, runsLimits: limits, signals };
}
