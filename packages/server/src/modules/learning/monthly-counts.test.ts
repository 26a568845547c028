import { describe, expect, it } from 'vitest';
import type { MeasureEvent } from '../registry/index.ts';
import { moudMonths } from './monthly-counts.ts';
import { epochDayOf, type CareEventType } from '@continuum/contracts';

const OTP = 'otp-org';
const CLINIC = 'clinic-org';
const d = epochDayOf;
function ev<T extends CareEventType>(type: T, iso: string, data: MeasureEvent<T>['data'], org = OTP): MeasureEvent<T> {
  return { type, day: d(iso), organizationId: org, organizationType: 'opioid_treatment_program', data } as MeasureEvent<T>;
}
const bup = (iso: string, daysSupply: number, org = OTP) => ev('moud_dispense', iso, { medication: 'buprenorphine', daysSupply }, org);
const year = [d('2026-01-01'), d('2026-12-31')] as const;
const months = (events: MeasureEvent[], from = year[0], to = year[1]) =>
  moudMonths(events, from, to).map((m) => [new Date(m.day * 86_400_000).toISOString().slice(0, 10), m.organizationIds.join(',')]);

describe('people in MOUD per month (moudMonths)', () => {
  it.each<[string, MeasureEvent[], [string, string][]]>([
    ['no MOUD, no month', [ev('encounter', '2026-03-01', { setting: 'outpatient' })], []],
    [
      'a 30-day dispensing on 20 March covers March and April',
      [bup('2026-03-20', 30)],
      [
        ['2026-03-20', OTP],
        ['2026-04-01', OTP],
      ],
    ],
    [
      'a 1-day administration counts its month only',
      [ev('moud_administration', '2026-05-31', { medication: 'methadone' })],
      [['2026-05-31', OTP]],
    ],
    [
      'stacked supply carries into a month no event of its own covers, credited to the latest dispenser',
      [bup('2026-01-01', 30), bup('2026-01-15', 30, CLINIC)],
      [
        ['2026-01-01', `${CLINIC},${OTP}`],
        ['2026-02-01', CLINIC],
        ['2026-03-01', CLINIC],
      ],
    ],
    [
      'a stop ends coverage on its day: the month after is not counted',
      [bup('2026-06-10', 90), ev('moud_stop', '2026-06-20', { medication: 'buprenorphine' })],
      [['2026-06-10', OTP]],
    ],
    [
      'a gap month is not counted; supply before the window counts from the window start',
      [bup('2025-12-20', 30), bup('2026-03-05', 7)],
      [
        ['2026-01-01', OTP],
        ['2026-03-05', OTP],
      ],
    ],
    [
      'an extended-release injection covers its days supply',
      [ev('moud_administration', '2026-10-15', { medication: 'naltrexone', formulation: 'extended_release_injection', daysSupply: 30 })],
      [
        ['2026-10-15', OTP],
        ['2026-11-01', OTP],
      ],
    ],
  ])('%s', (_, events, expected) => {
    expect(months(events)).toEqual(expected);
  });

  it('counts a person once per month whatever the number of dispensings, and stops at the window end', () => {
    const daily = Array.from({ length: 60 }, (_, i) =>
      ev('moud_dispense', `2026-11-${String(1 + (i % 30)).padStart(2, '0')}`, { medication: 'methadone', daysSupply: 1 }),
    );
    expect(
      months(
        daily.sort((a, b) => a.day - b.day),
        d('2026-11-01'),
        d('2026-11-20'),
      ),
    ).toEqual([['2026-11-01', OTP]]);
    expect(months([bup('2026-12-20', 30)])).toEqual([['2026-12-20', OTP]]);
  });
});
