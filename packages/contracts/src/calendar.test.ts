import { describe, expect, it } from 'vitest';
import {
  addDays,
  addHours,
  addIsoDays,
  DAY_MS,
  dayStart,
  daysBetween,
  epochDay,
  epochDayOf,
  firstDayOfMonth,
  HOUR_MS,
  isIsoDay,
  isoDayOf,
  isValidTimeZone,
  lastDayOfMonth,
  localDay,
  zonedInstant,
  MINUTE_MS,
  monthKey,
  utcDay,
} from './calendar.ts';

describe('calendar constants', () => {
  it('are a minute, an hour and a day in milliseconds', () => {
    expect([MINUTE_MS, HOUR_MS, DAY_MS]).toEqual([60 * 1000, 60 * 60 * 1000, 24 * 60 * 60 * 1000]);
  });
});

describe('localDay', () => {
  // America/New_York in 2026: spring forward Sunday 8 March at 02:00 EST (07:00Z), fall back
  // Sunday 1 November at 02:00 EDT (06:00Z). Before the change the offset is −5 h (winter) or −4 h (summer).
  it.each([
    ['2026-03-08T04:59:59.999Z', 'America/New_York', '2026-03-07'], // 23:59:59 EST, the evening before spring-forward
    ['2026-03-08T05:00:00.000Z', 'America/New_York', '2026-03-08'], // 00:00 EST, spring-forward day begins
    ['2026-03-08T06:59:59.999Z', 'America/New_York', '2026-03-08'], // 01:59:59 EST, the last instant before the gap
    ['2026-03-08T07:00:00.000Z', 'America/New_York', '2026-03-08'], // 03:00 EDT, 02:00–02:59 never happens
    ['2026-03-09T03:59:59.999Z', 'America/New_York', '2026-03-08'], // 23:59:59 EDT: spring-forward day is 23 hours long
    ['2026-03-09T04:00:00.000Z', 'America/New_York', '2026-03-09'],
    ['2026-11-01T03:59:59.999Z', 'America/New_York', '2026-10-31'], // 23:59:59 EDT, the evening before fall-back
    ['2026-11-01T04:00:00.000Z', 'America/New_York', '2026-11-01'], // 00:00 EDT, fall-back day begins
    ['2026-11-01T05:30:00.000Z', 'America/New_York', '2026-11-01'], // 01:30 EDT, the first 01:30
    ['2026-11-01T06:30:00.000Z', 'America/New_York', '2026-11-01'], // 01:30 EST, the same wall time again
    ['2026-11-02T04:59:59.999Z', 'America/New_York', '2026-11-01'], // 23:59:59 EST: fall-back day is 25 hours long
    ['2026-11-02T05:00:00.000Z', 'America/New_York', '2026-11-02'],
    ['2028-02-29T04:59:59.999Z', 'America/New_York', '2028-02-28'], // leap day begins at 05:00Z in New York
    ['2028-02-29T05:00:00.000Z', 'America/New_York', '2028-02-29'],
    ['2028-03-01T04:59:59.999Z', 'America/New_York', '2028-02-29'],
    ['2026-12-31T23:30:00.000Z', 'UTC', '2026-12-31'],
    ['2026-12-31T23:30:00.000Z', 'Pacific/Auckland', '2027-01-01'], // east of UTC: already the new year
    ['2027-01-01T07:59:59.999Z', 'America/Los_Angeles', '2026-12-31'],
  ])('%s in %s is %s', (instant, zone, day) => {
    expect(localDay(new Date(instant), zone)).toBe(day);
    expect(localDay(Date.parse(instant), zone)).toBe(day);
  });

  it('throws for an unknown zone', () => {
    expect(() => localDay(new Date(0), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('zonedInstant', () => {
  it.each([
    ['a winter wall time in New York (UTC-5)', '2026-01-15T08:30:00', 'America/New_York', '2026-01-15T13:30:00.000Z'],
    ['a summer wall time in New York (UTC-4)', '2026-07-15T08:30:00', 'America/New_York', '2026-07-15T12:30:00.000Z'],
    ['a wall time in Los Angeles crossing into the next UTC day', '2026-11-20T22:15:00', 'America/Los_Angeles', '2026-11-21T06:15:00.000Z'],
    ['UTC itself', '2026-11-20T22:15:07', 'UTC', '2026-11-20T22:15:07.000Z'],
    ['a zone east of UTC', '2026-03-01T00:00:00', 'Asia/Kolkata', '2026-02-28T18:30:00.000Z'],
    // 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 → 03:00): read with the offset before the jump.
    ['a wall time skipped by the spring change', '2026-03-08T02:30:00', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    // 2026-11-01 01:30 happens twice in New York: the first (daylight) one.
    ['a wall time repeated by the autumn change', '2026-11-01T01:30:00', 'America/New_York', '2026-11-01T05:30:00.000Z'],
  ])('%s', (_name, wall, zone, instant) => {
    expect(zonedInstant(wall, zone).toISOString()).toBe(instant);
  });

  it('refuses a wall time that is not one, and an unknown zone', () => {
    expect(() => zonedInstant('2026-02-30T10:00:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedInstant('2026-01-15T08:30:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['America/New_York', true],
    ['America/Los_Angeles', true],
    ['UTC', true],
    ['Europe/London', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['New York', false],
  ])('%j → %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe('addDays and addHours', () => {
  it.each([
    // Elapsed time: across spring-forward 24 hours later is 01:00 → 02:00 on the wall clock.
    ['2026-03-07T06:00:00.000Z', 1, '2026-03-08T06:00:00.000Z'],
    ['2026-11-01T12:00:00.000Z', -1, '2026-10-31T12:00:00.000Z'],
    ['2028-02-28T12:00:00.000Z', 1, '2028-02-29T12:00:00.000Z'],
    ['2027-02-28T12:00:00.000Z', 1, '2027-03-01T12:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', 365, '2027-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', 0.5, '2026-01-01T12:00:00.000Z'],
  ])('addDays(%s, %d) = %s', (from, days, to) => {
    expect(addDays(new Date(from), days).toISOString()).toBe(to);
    expect(addDays(Date.parse(from), days).toISOString()).toBe(to);
  });

  it.each([
    ['2026-03-08T06:30:00.000Z', 1, '2026-03-08T07:30:00.000Z'],
    ['2026-11-01T05:30:00.000Z', 1, '2026-11-01T06:30:00.000Z'], // 01:30 EDT + 1 h = 01:30 EST
    ['2026-01-01T00:00:00.000Z', -24, '2025-12-31T00:00:00.000Z'],
  ])('addHours(%s, %d) = %s', (from, hours, to) => {
    expect(addHours(new Date(from), hours).toISOString()).toBe(to);
  });
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11_017],
    ['2028-02-29', 21_243],
    ['2028-03-01', 21_244],
    ['2026-03-08', 20_520],
  ])('%s is day %d, and back', (iso, day) => {
    expect(epochDayOf(iso)).toBe(day);
    expect(epochDayOf(`${iso}T23:59:59-10:00`)).toBe(day); // only the date part counts
    expect(isoDayOf(day)).toBe(iso);
    expect(dayStart(day).toISOString()).toBe(`${iso}T00:00:00.000Z`);
    expect(epochDay(new Date(`${iso}T00:00:00Z`))).toBe(day);
    expect(epochDay(Date.parse(`${iso}T23:59:59.999Z`))).toBe(day);
  });

  it('is NaN for what is not a date', () => {
    expect(epochDayOf('not a date')).toBeNaN();
    expect(epochDayOf('2026-13-01')).toBeNaN();
  });

  it.each([
    ['2026-03-08T04:59:59.999Z', '2026-03-08'],
    ['1999-12-31T23:59:59.999Z', '1999-12-31'],
  ])('utcDay(%s) = %s', (instant, day) => {
    expect(utcDay(new Date(instant))).toBe(day);
    expect(utcDay(Date.parse(instant))).toBe(day);
  });
});

describe('isIsoDay', () => {
  it.each([
    ['2026-03-08', true],
    ['2028-02-29', true],
    ['2027-02-29', false], // not a leap year
    ['2026-02-30', false],
    ['2026-3-8', false],
    ['2026-03-08T00:00:00Z', false],
    ['', false],
  ])('%j → %s', (value, valid) => {
    expect(isIsoDay(value)).toBe(valid);
  });
});

describe('calendar day arithmetic', () => {
  it.each([
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-07', 1, '2026-03-08'], // days, not hours: daylight saving does not matter
    ['2026-11-01', 1, '2026-11-02'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('addIsoDays(%s, %d) = %s', (from, days, to) => {
    expect(addIsoDays(from, days)).toBe(to);
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2027-02', '2027-02-01', '2027-02-28'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2026-12', '2026-12-01', '2026-12-31'],
    ['2026-04', '2026-04-01', '2026-04-30'],
  ])('%s runs from %s to %s', (month, first, last) => {
    expect(isoDayOf(firstDayOfMonth(month))).toBe(first);
    expect(isoDayOf(lastDayOfMonth(month))).toBe(last);
    expect(monthKey(firstDayOfMonth(month))).toBe(month);
    expect(monthKey(lastDayOfMonth(month))).toBe(month);
    expect(monthKey(lastDayOfMonth(month) + 1)).not.toBe(month);
  });
});
