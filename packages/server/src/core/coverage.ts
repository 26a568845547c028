/*
 * Medication coverage and the continuity measures built on it (HEDIS POD MY 2025 and NQF 3175 /
 * MIPS #468; windows and rules as summarised in the project's measures reference §2.1, §2.2, §2.6).
 * Days are whole calendar days (numbers since 1970-01-01); every interval is closed:
 * a dispensing on day d with s days' supply covers d … d + s − 1.
 * Shared by learning's measures and worklist's drop-out rules, so it lives outside both modules.
 */

export interface Dispensing {
  day: number;
  daysSupply: number;
  /** Medications in the same group (e.g. "buprenorphine oral") stack their supply. */
  medication: string;
}

export type Interval = readonly [start: number, end: number];

/**
 * Covered days as disjoint sorted intervals. The same medication with overlapping supply is
 * added together, pushing the end out (7 + 7 days on 1 and 5 Jan → through 14 Jan); different
 * medications are unioned.
 */
export function coverage(dispensings: readonly Dispensing[]): Interval[] {
  const byMedication = new Map<string, Dispensing[]>();
  for (const d of dispensings) {
    if (!(d.daysSupply > 0)) continue;
    let list = byMedication.get(d.medication);
    if (!list) byMedication.set(d.medication, (list = []));
    list.push(d);
  }
  const intervals: [number, number][] = [];
  for (const list of byMedication.values()) {
    list.sort((a, b) => a.day - b.day);
    let current: [number, number] | null = null;
    for (const d of list) {
      if (current && d.day <= current[1] + 1) {
        // Overlapping or adjacent supply of the same medication: it starts after the earlier one.
        current[1] = Math.max(current[1], d.day - 1) + d.daysSupply;
      } else {
        if (current) intervals.push(current);
        current = [d.day, d.day + d.daysSupply - 1];
      }
    }
    if (current) intervals.push(current);
  }
  return union(intervals);
}

export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Whether a day is covered. */
export function isCovered(intervals: readonly Interval[], day: number): boolean {
  return intervals.some(([s, e]) => s <= day && day <= e);
}

/**
 * The longest run of consecutive uncovered days inside [from, to] (inclusive), counting an
 * uncovered start or end of the window as part of a gap.
 */
export function longestGap(intervals: readonly Interval[], from: number, to: number): number {
  let cursor = from;
  let longest = 0;
  for (const [s, e] of intervals) {
    if (e < from) continue;
    if (s > to) break;
    if (s > cursor) longest = Math.max(longest, s - cursor);
    cursor = Math.max(cursor, e + 1);
  }
  if (cursor <= to) longest = Math.max(longest, to - cursor + 1);
  return longest;
}

/** POD's continuity rule: the `days` from `start` are covered with no gap of 8 or more consecutive days. */
export const MAX_TOLERATED_GAP = 7;
export function continuous(intervals: readonly Interval[], start: number, days: number, maxGap = MAX_TOLERATED_GAP): boolean {
  return longestGap(intervals, start, start + days - 1) <= maxGap;
}

/**
 * Treatment period start dates (POD): a dispensing with a negative medication history — no MOUD
 * dispensed in the 31 days before it, and not covered by earlier supply.
 */
export const NEGATIVE_HISTORY_DAYS = 31;
export function treatmentStarts(dispensings: readonly Dispensing[]): number[] {
  const sorted = [...dispensings].sort((a, b) => a.day - b.day);
  const starts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const d = sorted[i]!;
    const earlier = sorted.slice(0, i).filter((x) => x.day < d.day);
    const recent = earlier.some((x) => x.day >= d.day - NEGATIVE_HISTORY_DAYS);
    const covered = isCovered(coverage(earlier), d.day);
    if (!recent && !covered && !starts.includes(d.day)) starts.push(d.day);
  }
  return starts;
}

export interface ContinuityResult {
  start: number;
  /** Has the whole window been observed (start + days − 1 ≤ as-of)? */
  evaluable: boolean;
  retained: boolean;
}

/** Retention at `days` (30, 90, 180) for each treatment start: continuous coverage with gaps of at most 7 days. */
export function retention(dispensings: readonly Dispensing[], days: number, asOf: number): ContinuityResult[] {
  const cover = coverage(dispensings);
  return treatmentStarts(dispensings).map((start) => ({
    start,
    evaluable: start + days - 1 <= asOf,
    retained: start + days - 1 <= asOf && continuous(cover, start, days),
  }));
}
