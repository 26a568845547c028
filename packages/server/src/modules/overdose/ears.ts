/*
 * CDC EARS aberration detection, C1, C2 and C3, as the textbook defines them (Hutwagner et al.,
 * J Urban Health 2003;80(2 Suppl 1):i89–96; Fricker, Hegler & Dunfee, Stat Med 2008;27:3407–29):
 *
 *   C1(t) = (y_t − ȳ) / s over the baseline t−7 … t−1 (no guard band)
 *   C2(t) = (y_t − ȳ) / s over the baseline t−9 … t−3 (2-day guard band)
 *   C3(t) = Σ_{i=0..2} max(0, C2(t−i) − 1)          (includes the current day)
 *
 * with s the sample standard deviation (n − 1), floored at `minSigma` (Burkom suggests 0.5–1
 * for sparse series). Alarms are strict: C1 > 3, C2 > 3, C3 > 2 (the classic CDC flags).
 * A zero standard deviation makes the statistic undefined: a count above the baseline mean is an
 * alarm (+∞), equal to it is no alarm (0/0), below it is no alarm (−∞). Note that R's
 * surveillance::earsC computes a different C3 (it ignores day t's own count); we implement the
 * textbook statistic. Reference notes: docs/overdose.md.
 */

export interface EarsOptions {
  /** Baseline length in days (default 7). */
  baseline?: number;
  /** Floor for the standard deviation (default 0). */
  minSigma?: number;
  thresholds?: { c1?: number; c2?: number; c3?: number };
}

export interface EarsPoint {
  /** The statistic; null before the series is long enough; ±Infinity or NaN when s is zero. */
  c1: number | null;
  c2: number | null;
  c3: number | null;
  c1Alarm: boolean;
  c2Alarm: boolean;
  c3Alarm: boolean;
}

export const DEFAULT_THRESHOLDS = { c1: 3, c2: 3, c3: 2 } as const;
const GUARD = 2;

function meanAndSd(values: readonly number[], from: number, to: number): { mean: number; sd: number } {
  const n = to - from;
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (values[i]! - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}

/** (y − mean) / sd, with sd floored; +∞/−∞/NaN when the floored sd is zero. */
export function zScore(y: number, mean: number, sd: number, minSigma: number): number {
  const s = Math.max(sd, minSigma);
  if (s === 0) return y > mean ? Infinity : y < mean ? -Infinity : Number.NaN;
  return (y - mean) / s;
}

/** Strict alarm; NaN (0/0) is no alarm and +∞ is an alarm (surveillance-package convention). */
export function isAlarm(statistic: number | null, threshold: number): boolean {
  return statistic !== null && !Number.isNaN(statistic) && statistic > threshold;
}

/** C1, C2 and C3 for every day of one area's daily counts (oldest first). */
export function earsSeries(counts: readonly number[], options: EarsOptions = {}): EarsPoint[] {
  const b = options.baseline ?? 7;
  if (!Number.isInteger(b) || b < 3) throw new RangeError('baseline must be an integer of at least 3 days');
  const minSigma = options.minSigma ?? 0;
  if (!(minSigma >= 0)) throw new RangeError('minSigma must be zero or more');
  const th = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const c2s: (number | null)[] = [];
  const out: EarsPoint[] = [];
  for (let t = 0; t < counts.length; t++) {
    const y = counts[t]!;
    let c1: number | null = null;
    if (t >= b) {
      const { mean, sd } = meanAndSd(counts, t - b, t);
      c1 = zScore(y, mean, sd, minSigma);
    }
    let c2: number | null = null;
    if (t >= b + GUARD) {
      const { mean, sd } = meanAndSd(counts, t - b - GUARD, t - GUARD);
      c2 = zScore(y, mean, sd, minSigma);
    }
    c2s.push(c2);
    let c3: number | null = null;
    if (t >= b + GUARD + 2) {
      c3 = 0;
      for (let i = 0; i <= 2; i++) {
        const v = c2s[t - i]!;
        // max(0, NaN − 1) is undefined: the sum is too, unless an infinite excess decides it.
        c3 += Number.isNaN(v) ? Number.NaN : Math.max(0, v - 1);
      }
      if (Number.isNaN(c3) && [0, 1, 2].some((i) => c2s[t - i] === Infinity)) c3 = Infinity;
    }
    out.push({ c1, c2, c3, c1Alarm: isAlarm(c1, th.c1), c2Alarm: isAlarm(c2, th.c2), c3Alarm: isAlarm(c3, th.c3) });
  }
  return out;
}

/** A statistic as the CLI and exports write it: 6 decimals, empty where not computable or undefined. */
export function formatStatistic(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  return v.toFixed(6);
}
