import { MINUTE_MS, HOUR_MS, DAY_MS } from '@continuum/contracts';
/** Due time in words relative to now: "overdue by 3 hours", "due in 2 days", "due now". */
export function formatDue(dueAt: string, now: Date): string {
  const diff = new Date(dueAt).getTime() - now.getTime();
  const span = describeSpan(Math.abs(diff));
  if (span === null) return 'due now';
  return diff < 0 ? `overdue by ${span}` : `due in ${span}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Whole minutes under an hour, whole hours under two days, whole days after; null under a minute. */
function describeSpan(ms: number): string | null {
  if (ms < MINUTE_MS) return null;
  if (ms < HOUR_MS) return plural(Math.floor(ms / MINUTE_MS), 'minute');
  if (ms < 2 * DAY_MS) return plural(Math.floor(ms / HOUR_MS), 'hour');
  return plural(Math.floor(ms / DAY_MS), 'day');
}

/** A `datetime-local` input value (local time, minutes) for an instant. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant of a `datetime-local` value (read in the browser's time zone), or null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A language as stored (a code such as "es", or words), in words. */
export function languageName(language: string | null): string {
  if (!language) return '—';
  if (!/^[a-z]{2,3}(-[A-Za-z]{2})?$/.test(language)) return language;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}
