/*
 * Time arithmetic shared by the server, the web app, the CLI and the benchmarks. Plain functions over
 * `Date`, milliseconds and ISO strings with `Intl` for time zones: no Node and no DOM APIs.
 *
 * Three kinds of value appear here:
 * - an instant: a `Date` or epoch milliseconds; `addDays` and `addHours` move it by elapsed time
 *   (a "day" is 24 hours, so adding one across a daylight-saving change lands an hour off the wall clock);
 * - a calendar day: "YYYY-MM-DD", or as a number (`EpochDay`) counting whole UTC days since 1970-01-01,
 *   which the measures and the safety engine use so that day arithmetic is integer arithmetic;
 * - a local day: the calendar day an instant falls on in an IANA time zone (`localDay`).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Whole UTC days since 1970-01-01 (day 0 is 1970-01-01). */
export type EpochDay = number;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const ms = (instant: Date | number): number => (typeof instant === 'number' ? instant : instant.getTime());

/** The instant `days` × 24 hours after `instant` (negative goes back). */
export function addDays(instant: Date | number, days: number): Date {
  return new Date(ms(instant) + days * DAY_MS);
}

/** The instant `hours` hours after `instant` (negative goes back). */
export function addHours(instant: Date | number, hours: number): Date {
  return new Date(ms(instant) + hours * HOUR_MS);
}

/** The UTC day an instant falls on. */
export function epochDay(instant: Date | number): EpochDay {
  return Math.floor(ms(instant) / DAY_MS);
}

/** "2026-03-01" (or the date part of an ISO date-time) → its day number; NaN when it is not a date. */
export function epochDayOf(iso: string): EpochDay {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** The first instant (UTC midnight) of a day number. */
export function dayStart(day: EpochDay): Date {
  return new Date(day * DAY_MS);
}

/** A day number as "YYYY-MM-DD". */
export function isoDayOf(day: EpochDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC calendar day of an instant as "YYYY-MM-DD". */
export function utcDay(instant: Date | number): string {
  return new Date(ms(instant)).toISOString().slice(0, 10);
}

/** True for a real calendar day written "YYYY-MM-DD" (not "2026-02-30"). */
export function isIsoDay(value: string): boolean {
  const t = Date.parse(`${value}T00:00:00Z`);
  return ISO_DAY.test(value) && !Number.isNaN(t) && utcDay(t) === value;
}

/** The calendar day `days` after "YYYY-MM-DD" (negative goes back). */
export function addIsoDays(iso: string, days: number): string {
  return isoDayOf(epochDayOf(iso) + days);
}

/** Whole calendar days from one "YYYY-MM-DD" to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDayOf(to) - epochDayOf(from);
}

/** The month of a day number as "YYYY-MM". */
export function monthKey(day: EpochDay): string {
  return isoDayOf(day).slice(0, 7);
}

/** The first day number of a "YYYY-MM" month. */
export function firstDayOfMonth(month: string): EpochDay {
  return epochDayOf(`${month}-01`);
}

/** The last day number of a "YYYY-MM" month. */
export function lastDayOfMonth(month: string): EpochDay {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return epochDay(Date.UTC(y, m, 1)) - 1;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day ("YYYY-MM-DD") an instant falls on in `timeZone`, an IANA name such as
 * "America/New_York". Throws a RangeError for an unknown zone (check it first with `isValidTimeZone`).
 */
export function localDay(instant: Date | number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(ms(instant));
}

/** True when `Intl` knows `zone` as a time zone (an IANA name such as "America/Los_Angeles", or "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  if (dayFormats.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time ("YYYY-MM-DDTHH:MM:SS", no offset) names in `timeZone`. A time the
 * spring change skips is read with the offset before the change; a time the autumn change repeats
 * is its first occurrence. Throws a RangeError for a wall time that is not one or an unknown zone.
 */
export function zonedInstant(wall: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(wall);
  if (!m) throw new RangeError('not a wall time (YYYY-MM-DDTHH:MM:SS)');
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    throw new RangeError('not a wall time (YYYY-MM-DDTHH:MM:SS)');
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone`);
  // The offsets in force a day either side of the wall time; try the earlier one first.
  const before = zoneOffsetMs(asUtc - DAY_MS, timeZone);
  const after = zoneOffsetMs(asUtc + DAY_MS, timeZone);
  for (const offset of [before, after]) {
    const instant = asUtc - offset;
    if (zoneOffsetMs(instant, timeZone) === offset) return new Date(instant);
  }
  // Skipped by a spring change: the offset before it.
  return new Date(asUtc - before);
}
