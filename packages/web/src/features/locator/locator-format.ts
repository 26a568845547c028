import {
  capacityStatusLabels,
  capacityUnitLabels,
  directoryLanguages,
  staleCapacityLabel,
  taxonomyTerms,
  type CapacityBadge,
  type TaxonomyCode,
  DAY_MS,
} from '@continuum/contracts';
import type { BadgeTone } from '../../ui/badge.tsx';
import type { LocatorLanguage, LocatorStrings } from './locator-strings.ts';

/** "25 minutes ago" / "hace 25 minutos", in the largest whole unit. */
export function formatAge(ageMinutes: number, strings: LocatorStrings): string {
  const format = new Intl.RelativeTimeFormat(strings.locale, { numeric: 'always' });
  const minutes = Math.max(0, Math.round(ageMinutes));
  if (minutes < 60) return format.format(-Math.max(1, minutes), 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return format.format(-hours, 'hour');
  return format.format(-Math.floor(hours / 24), 'day');
}

export interface CapacityDisplay {
  tone: BadgeTone;
  /** The badge text. A stale badge says only "Not confirmed recently". */
  label: string;
  /** Counts or wait, shown only when the capacity is current. */
  detail: string | null;
  /** When it was last confirmed. */
  age: string;
  isStale: boolean;
}

const statusTone = { accepting: 'positive', waitlist: 'warning', not_accepting: 'negative', assessment_required: 'neutral' } as const;

/**
 * What a capacity badge says. Capacity not confirmed within the configured hours is shown as "not
 * confirmed recently" with its age, never with its old counts, because out-of-date availability is
 * the complaint people have about referral directories above all (reference
 * `referral-directory-consent.md` §1.3 "Capacity" and §5).
 */
export function capacityDisplay(badge: CapacityBadge, lang: LocatorLanguage, strings: LocatorStrings): CapacityDisplay {
  const age = formatAge(badge.ageMinutes, strings);
  if (badge.stale) {
    return { tone: 'neutral', label: staleCapacityLabel[lang], detail: null, age: strings.capacityStaleUpdated(age), isStale: true };
  }
  let detail: string | null = null;
  if (badge.status === 'accepting' && badge.available > 0)
    detail = strings.capacityOpen(badge.available, capacityUnitLabels[badge.unit][lang]);
  if (badge.status === 'waitlist' && badge.waitlistDays !== null) detail = strings.capacityWaitlistDays(badge.waitlistDays);
  return {
    tone: statusTone[badge.status],
    label: capacityStatusLabels[badge.status][lang],
    detail,
    age: strings.capacityUpdated(age),
    isStale: false,
  };
}

function clockLabel(time: string, strings: LocatorStrings): string {
  const [hours, minutes] = time.split(':').map(Number);
  const date = new Date(Date.UTC(2026, 0, 5, hours ?? 0, minutes ?? 0));
  return new Intl.DateTimeFormat(strings.locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(date);
}

export interface HoursRow {
  day: string;
  text: string;
}

/** One row per day of the week, Monday first, "Closed" for days without hours. */
export function weeklyHours(
  hours: readonly { dayOfWeek: number; opensAt: string; closesAt: string }[],
  strings: LocatorStrings,
): HoursRow[] {
  return strings.days.map((day, index) => {
    const spans = hours
      .filter((entry) => entry.dayOfWeek === index + 1)
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
      .map((entry) =>
        entry.opensAt === '00:00' && (entry.closesAt === '23:59' || entry.closesAt === '24:00')
          ? strings.open24Hours
          : `${clockLabel(entry.opensAt, strings)} – ${clockLabel(entry.closesAt, strings)}`,
      );
    return { day, text: spans.length > 0 ? spans.join(', ') : strings.closed };
  });
}

/** A `tel:` link target: digits and a leading +, as dialers expect. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') || digits.length !== 10 ? digits : `+1${digits}`}`;
}

export function termLabel(code: TaxonomyCode, lang: LocatorLanguage): string {
  return taxonomyTerms[code][lang];
}

export function languageLabel(code: string, lang: LocatorLanguage): string {
  return code in directoryLanguages ? directoryLanguages[code as keyof typeof directoryLanguages][lang] : code;
}

/** Listings not checked for this long are flagged (the directory's reminder job uses the same 90 days). */
export const verificationDueDays = 90;

/** What the details page says about when the provider last checked the listing. */
export function verificationNote(verifiedAt: string | null, now: Date, strings: LocatorStrings): string {
  if (!verifiedAt) return strings.notVerified;
  const ageDays = (now.getTime() - Date.parse(verifiedAt)) / DAY_MS;
  const day = formatDay(verifiedAt, strings);
  return ageDays > verificationDueDays ? strings.verifiedLongAgo(day) : strings.verifiedOn(day);
}

export function formatDay(value: string, strings: LocatorStrings): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(strings.locale, { dateStyle: 'long' }).format(date);
}
