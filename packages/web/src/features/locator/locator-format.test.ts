import type { CapacityBadge } from '@continuum/contracts';
import { describe, expect, it } from 'vitest';
import { capacityDisplay, formatAge, telHref, verificationNote, weeklyHours } from './locator-format.ts';
import { locatorStrings } from './locator-strings.ts';

const { en, es } = locatorStrings;

function aBadge(overrides: Partial<CapacityBadge> = {}): CapacityBadge {
  return {
    unit: 'slot',
    status: 'accepting',
    available: 3,
    maximum: 10,
    waitlistDays: null,
    updatedAt: '2026-03-04T13:00:00.000Z',
    ageMinutes: 120,
    stale: false,
    ...overrides,
  };
}

describe('capacityDisplay', () => {
  it.each([
    [aBadge(), 'en', 'positive', 'Accepting new people', '3 slots open', 'Updated 2 hours ago'],
    [aBadge({ status: 'waitlist', available: 0, waitlistDays: 7 }), 'en', 'warning', 'Waitlist', 'about 7 days', 'Updated 2 hours ago'],
    [aBadge({ status: 'not_accepting', available: 0 }), 'en', 'negative', 'Not accepting now', null, 'Updated 2 hours ago'],
    [aBadge({ unit: 'bed', available: 2 }), 'es', 'positive', 'Acepta personas nuevas', '2 camas disponibles', 'Actualizado hace 2 horas'],
  ] as const)('shows current capacity with its counts and age (%#)', (badge, lang, tone, label, detail, age) => {
    expect(capacityDisplay(badge, lang, locatorStrings[lang])).toEqual({ tone, label, detail, age, isStale: false });
  });

  it('shows stale capacity as "not confirmed recently" with its age and never its old counts', () => {
    const stale = aBadge({ ageMinutes: 3 * 24 * 60, stale: true });
    expect(capacityDisplay(stale, 'en', en)).toEqual({
      tone: 'neutral',
      label: 'Not confirmed recently',
      detail: null,
      age: 'Last update 3 days ago',
      isStale: true,
    });
    expect(capacityDisplay(stale, 'es', es).label).toBe('No confirmado recientemente');
  });
});

describe('formatAge', () => {
  it.each([
    [0, 'en', '1 minute ago'],
    [25, 'en', '25 minutes ago'],
    [90, 'en', '1 hour ago'],
    [47 * 60, 'en', '47 hours ago'],
    [72 * 60, 'en', '3 days ago'],
    [25, 'es', 'hace 25 minutos'],
  ] as const)('%d minutes in %s → %s', (minutes, lang, text) => {
    expect(formatAge(minutes, locatorStrings[lang])).toBe(text);
  });
});

describe('weeklyHours', () => {
  it('lists every day from Monday, with closed days and 24-hour days in words', () => {
    const rows = weeklyHours(
      [
        { dayOfWeek: 1, opensAt: '08:00', closesAt: '17:00' },
        { dayOfWeek: 7, opensAt: '00:00', closesAt: '23:59' },
      ],
      en,
    );
    expect(rows[0]).toEqual({ day: 'Monday', text: '8:00 AM – 5:00 PM' });
    expect(rows[1]).toEqual({ day: 'Tuesday', text: 'Closed' });
    expect(rows[6]).toEqual({ day: 'Sunday', text: 'Open 24 hours' });
    expect(weeklyHours([], es)[0]).toEqual({ day: 'lunes', text: 'Cerrado' });
  });
});

describe('verificationNote', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  it.each([
    [null, 'en', 'This listing has not been checked by the provider recently. Call before you go.'],
    ['2026-05-01T12:00:00Z', 'en', 'Listing checked by the provider on May 1, 2026.'],
    ['2026-02-01T12:00:00Z', 'en', 'Listing last checked by the provider on February 1, 2026. Call before you go.'],
    ['2026-05-01T12:00:00Z', 'es', 'El proveedor revisó esta información el 1 de mayo de 2026.'],
  ] as const)('%s in %s', (verifiedAt, lang, text) => {
    expect(verificationNote(verifiedAt, now, locatorStrings[lang])).toBe(text);
  });
});

describe('telHref', () => {
  it.each([
    ['(555) 010-2000', 'tel:+15550102000'],
    ['+1 555 010 2000', 'tel:+15550102000'],
    ['988', 'tel:988'],
  ])('%s → %s', (phone, href) => {
    expect(telHref(phone)).toBe(href);
  });
});
