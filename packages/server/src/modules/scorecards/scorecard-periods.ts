import { epochDay, firstDayOfMonth, isoDayOf, lastDayOfMonth, monthKey } from '@continuum/contracts';

/*
 * Quarters and months for the scorecards. Pure. Days are UTC calendar days: a referral belongs to the
 * month and quarter of the day it was sent.
 */

export interface Quarter {
  key: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  months: string[];
}

export function parseQuarter(key: string): Quarter {
  const match = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!match) throw new Error(`not a quarter: ${key}`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  const months = [0, 1, 2].map((i) => `${year}-${String((q - 1) * 3 + i + 1).padStart(2, '0')}`);
  return { key, from: isoDayOf(firstDayOfMonth(months[0]!)), to: isoDayOf(lastDayOfMonth(months[2]!)), months };
}

export function quarterOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The quarter before `key`. */
export function previousQuarter(key: string): string {
  const { months } = parseQuarter(key);
  return quarterOf(addMonths(months[0]!, -1));
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The months from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The quarters a scorecard may be asked for: the current one and the `count - 1` before it, newest first. */
export function recentQuarters(now: Date, count: number): string[] {
  const out = [quarterOf(monthKey(epochDay(now)))];
  while (out.length < count) out.push(previousQuarter(out[out.length - 1]!));
  return out;
}

/** The last complete quarter: what a quarterly partner review looks at. */
export function defaultQuarter(now: Date): string {
  return previousQuarter(quarterOf(monthKey(epochDay(now))));
}

/**
 * The run chart's months: the twelve months ending with the quarter's last month, cut at the
 * current month (a month not yet begun has nothing to chart).
 */
export function chartMonths(quarter: Quarter, now: Date): string[] {
  const current = monthKey(epochDay(now));
  const last = quarter.months[2]! < current ? quarter.months[2]! : current;
  return monthRange(addMonths(quarter.months[2]!, -11), last);
}
