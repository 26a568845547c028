import { describe, expect, it } from 'vitest';
import type { MeasureEvent } from '../registry/sources/measure-source.ts';
import { cascadeMembership, moudCoverage, personMeasures, type Contribution } from './person-measures.ts';
import { epochDayOf, type CareEventType } from '@continuum/contracts';

/* MOUD recorded at the point of care: starts, dose changes and stops, read by the measures. */

const OTP = 'otp-org';
const JAIL = 'jail-org';
function ev<T extends CareEventType>(type: T, iso: string, data: MeasureEvent<T>['data'], org = OTP): MeasureEvent<T> {
  return {
    type,
    day: epochDayOf(iso),
    organizationId: org,
    organizationType: org === JAIL ? 'corrections' : 'opioid_treatment_program',
    data,
  } as MeasureEvent<T>;
}
const year = {
  fromDay: epochDayOf('2026-01-01'),
  toDay: epochDayOf('2026-12-31'),
  asOf: epochDayOf('2027-12-31'),
  birthDate: '1990-06-15',
};
const only = (cs: Contribution[], measure: Contribution['measure']) =>
  cs.filter((c) => c.measure === measure).map((c) => [c.numerator, c.denominator]);
const bup = (iso: string, daysSupply: number) => ev('moud_dispense', iso, { medication: 'buprenorphine', daysSupply });
const d = epochDayOf;

describe('MOUD starts and dose changes', () => {
  it('a start with a 30-day prescription is a treatment start retained 30 days', () => {
    const cs = personMeasures([ev('moud_start', '2026-03-01', { medication: 'buprenorphine', doseMg: 16, daysSupply: 30 })], year);
    expect(only(cs, 'retention_30')).toEqual([[1, 1]]);
    expect(only(cs, 'retention_90')).toEqual([[0, 1]]);
  });

  it('a start with no days given covers its day; dose changes carry supply on', () => {
    const events = [
      ev('moud_start', '2026-03-01', { medication: 'methadone', doseMg: 30 }),
      ev('moud_dose_change', '2026-03-02', { medication: 'methadone', doseMg: 60, previousDoseMg: 30, daysSupply: 40 }),
    ];
    expect(moudCoverage(events)).toEqual([[d('2026-03-01'), d('2026-04-10')]]);
    expect(only(personMeasures(events, year), 'retention_30')).toEqual([[1, 1]]);
  });

  it('a start after release from custody counts for the release-to-MOUD measure', () => {
    const cs = personMeasures(
      [
        ev('custody_release', '2026-05-01', {}, JAIL),
        ev('moud_start', '2026-05-04', { medication: 'naltrexone', formulation: 'extended_release_injection' }),
      ],
      year,
    );
    expect(cs.filter((c) => c.measure === 'custody_release_moud_days')).toEqual([
      { measure: 'custody_release_moud_days', day: d('2026-05-01'), organizationId: JAIL, numerator: 1, denominator: 1, days: 3 },
    ]);
  });

  it('a start counts as MOUD started in the cascade', () => {
    const events = [ev('diagnosis', '2026-02-01', { code: 'F11.20' }), ev('moud_start', '2026-02-02', { medication: 'buprenorphine' })];
    expect(cascadeMembership(events, year.fromDay, year.toDay, year.asOf).reached).toBe(3);
  });
});

describe('MOUD stops', () => {
  it.each([
    ['no stop: the supply covers 60 days', [], [['2026-03-01', '2026-04-29']]],
    ['a stop on day 10 ends coverage that day', [['2026-03-10', 'buprenorphine']], [['2026-03-01', '2026-03-10']]],
    ['a stop of another medication changes nothing', [['2026-03-10', 'methadone']], [['2026-03-01', '2026-04-29']]],
    ['a stop after the supply ran out changes nothing', [['2026-06-01', 'buprenorphine']], [['2026-03-01', '2026-04-29']]],
  ] as const)('%s', (_name, stops, intervals) => {
    const events = [
      bup('2026-03-01', 60),
      ...stops.map(([iso, medication]) => ev('moud_stop', iso, { medication, reason: 'person_chose_to_stop' as const })),
    ];
    expect(moudCoverage(events)).toEqual(intervals.map(([a, b]) => [d(a), d(b)]));
  });

  it('supply dispensed after a stop counts again', () => {
    const events = [
      bup('2026-03-01', 30),
      ev('moud_stop', '2026-03-05', { medication: 'buprenorphine', reason: 'side_effects' }),
      bup('2026-03-20', 10),
    ];
    expect(moudCoverage(events)).toEqual([
      [d('2026-03-01'), d('2026-03-05')],
      [d('2026-03-20'), d('2026-03-29')],
    ]);
  });

  it('a stop ends retention: without it the person is retained 30 days, with it not', () => {
    const supply = bup('2026-03-01', 60);
    expect(only(personMeasures([supply], year), 'retention_30')).toEqual([[1, 1]]);
    const stop = ev('moud_stop', '2026-03-05', { medication: 'buprenorphine', reason: 'person_chose_to_stop' });
    expect(only(personMeasures([supply, stop], year), 'retention_30')).toEqual([[0, 1]]);
  });
});
