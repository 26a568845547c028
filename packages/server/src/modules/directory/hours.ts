/** Weekly opening hours and "open now", evaluated in a location's time zone. */
export interface WeeklyHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  dayOfWeek: number;
  /** "HH:MM", 24-hour. */
  opensAt: string;
  /** "HH:MM"; earlier than opensAt means the period ends after midnight. */
  closesAt: string;
}

export interface LocalTime {
  dayOfWeek: number;
  minutes: number;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const weekdayIndex: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday and minute of the day at `at` in `timeZone` (an IANA name). */
export function localTime(at: Date, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { dayOfWeek: weekdayIndex[parts.weekday ?? 'Mon'] ?? 1, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Hours as minutes of the day, computed once so "open now" over thousands of listings stays cheap. */
export interface Period {
  day: number;
  opens: number;
  closes: number;
}

export function toPeriods(hours: readonly WeeklyHours[]): Period[] {
  return hours.map((h) => ({ day: h.dayOfWeek, opens: toMinutes(h.opensAt), closes: toMinutes(h.closesAt) }));
}

/** True when any period covers the local time; null when no hours are listed (unknown, not closed). */
export function isOpenInPeriods(periods: readonly Period[], now: LocalTime): boolean | null {
  if (periods.length === 0) return null;
  const previousDay = now.dayOfWeek === 1 ? 7 : now.dayOfWeek - 1;
  for (const p of periods) {
    if (p.closes > p.opens) {
      if (p.day === now.dayOfWeek && now.minutes >= p.opens && now.minutes < p.closes) return true;
    } else if ((p.day === now.dayOfWeek && now.minutes >= p.opens) || (p.day === previousDay && now.minutes < p.closes)) {
      // Crosses midnight: open from its opening time on its day, and until its closing time the next day.
      return true;
    }
  }
  return false;
}

export function isOpenAt(hours: readonly WeeklyHours[], now: LocalTime): boolean | null {
  return isOpenInPeriods(toPeriods(hours), now);
}

/** Sorted by day, then opening time, for display. */
export function sortHours<T extends WeeklyHours>(hours: readonly T[]): T[] {
  return [...hours].sort((a, b) => a.dayOfWeek - b.dayOfWeek || a.opensAt.localeCompare(b.opensAt));
}
