import { describe, expect, it } from 'vitest';
import { continuous, coverage, longestGap, retention, treatmentStarts, type Dispensing } from './coverage.ts';
import { epochDayOf, isoDayOf } from '@continuum/contracts';

const d = (iso: string, daysSupply: number, medication = 'buprenorphine') => ({ day: epochDayOf(iso), daysSupply, medication });
const span = (intervals: ReturnType<typeof coverage>) => intervals.map(([s, e]) => `${isoDayOf(s)}..${isoDayOf(e)}`);

describe('medication coverage', () => {
  it('stacks the same medication: 7 + 14 days dispensed on 1 Jan cover through 21 Jan', () => {
    expect(span(coverage([d('2026-01-01', 7), d('2026-01-01', 14)]))).toEqual(['2026-01-01..2026-01-21']);
  });

  it('stacks overlapping supply: 7 days on 1 Jan and 7 on 5 Jan cover through 14 Jan', () => {
    expect(span(coverage([d('2026-01-01', 7), d('2026-01-05', 7)]))).toEqual(['2026-01-01..2026-01-14']);
  });

  it('unions different medications instead of stacking them', () => {
    expect(span(coverage([d('2026-01-01', 7), d('2026-01-05', 7, 'methadone')]))).toEqual(['2026-01-01..2026-01-11']);
  });

  it('keeps separate spans apart and ignores zero supply', () => {
    expect(span(coverage([d('2026-01-01', 3), d('2026-01-10', 2), d('2026-01-20', 0)]))).toEqual([
      '2026-01-01..2026-01-03',
      '2026-01-10..2026-01-11',
    ]);
  });
});

describe('gaps and continuity (no gap of 8 or more days)', () => {
  const start = epochDayOf('2026-01-01');
  it('a gap of exactly 7 days keeps continuity; 8 breaks it', () => {
    const seven = coverage([d('2026-01-01', 30), d('2026-02-07', 200)]); // uncovered 31 Jan … 6 Feb = 7 days
    expect(longestGap(seven, start, start + 179)).toBe(7);
    expect(continuous(seven, start, 180)).toBe(true);
    const eight = coverage([d('2026-01-01', 30), d('2026-02-08', 200)]);
    expect(longestGap(eight, start, start + 179)).toBe(8);
    expect(continuous(eight, start, 180)).toBe(false);
  });

  it('an uncovered tail at the end of the window is a gap too', () => {
    const cover = coverage([d('2026-01-01', 172)]); // covers days 1…172 of 180: 8 uncovered at the end
    expect(continuous(cover, start, 180)).toBe(false);
    expect(continuous(coverage([d('2026-01-01', 173)]), start, 180)).toBe(true);
  });
});

describe('treatment starts and retention', () => {
  it('a start needs 31 days without MOUD before it and no earlier supply covering it', () => {
    const ds: Dispensing[] = [d('2026-01-01', 7), d('2026-01-20', 7), d('2026-03-01', 7), d('2026-04-02', 7)];
    // 20 Jan: 1 Jan is within 31 days → not new. 1 Mar: last dispensing 20 Jan (40 days) → new.
    // 2 Apr: 1 Mar is 32 days before → new.
    expect(treatmentStarts(ds).map(isoDayOf)).toEqual(['2026-01-01', '2026-03-01', '2026-04-02']);
  });

  it('an implant covering the day is not a new start even when dispensed long before', () => {
    const ds = [d('2026-01-01', 180, 'buprenorphine implant'), d('2026-05-01', 7)];
    expect(treatmentStarts(ds).map(isoDayOf)).toEqual(['2026-01-01']);
  });

  it('retention at 30, 90 and 180 days, with windows not yet closed reported as not evaluable', () => {
    // Refills within 31 days continue the same treatment period; gaps of 2 days (29–30 Jan) and 1 day (28 Feb).
    const ds = [d('2026-01-01', 28), d('2026-01-31', 28), d('2026-03-01', 60)];
    const asOf = epochDayOf('2026-06-01');
    expect(retention(ds, 30, asOf)).toEqual([{ start: epochDayOf('2026-01-01'), evaluable: true, retained: true }]);
    expect(retention(ds, 90, asOf)[0]!.retained).toBe(true);
    expect(retention(ds, 180, asOf)[0]).toEqual({ start: epochDayOf('2026-01-01'), evaluable: false, retained: false });
    expect(retention(ds, 180, epochDayOf('2026-07-01'))[0]).toEqual({ start: epochDayOf('2026-01-01'), evaluable: true, retained: false });
  });
});
