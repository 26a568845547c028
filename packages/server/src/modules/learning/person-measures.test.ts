import { describe, expect, it } from 'vitest';
import type { MeasureEvent } from '../registry/sources/measure-source.ts';
import { treatmentStarts, type Dispensing } from '../../core/coverage.ts';
import { cascadeMembership, COUNTED_STAGES, fastTreatmentStarts, personMeasures, type Contribution } from './person-measures.ts';
import { epochDayOf } from '@continuum/contracts';

const ED = 'ed-org';
const OTP = 'otp-org';
const CLINIC = 'clinic-org';
const JAIL = 'jail-org';
const orgType = {
  [ED]: 'emergency_department',
  [OTP]: 'opioid_treatment_program',
  [CLINIC]: 'primary_care',
  [JAIL]: 'corrections',
} as const;

function ev(type: MeasureEvent['type'], iso: string, data: Record<string, unknown> = {}, org: keyof typeof orgType = CLINIC): MeasureEvent {
  return { type, day: epochDayOf(iso), organizationId: org, organizationType: orgType[org], data };
}
const edVisit = (iso: string, code = 'F11.20') => ev('encounter', iso, { setting: 'emergency_department', principalDiagnosis: code }, ED);
const outpatient = (iso: string, org: keyof typeof orgType = CLINIC) =>
  ev('encounter', iso, { setting: 'outpatient', principalDiagnosis: 'F11.20' }, org);
const moud = (iso: string, daysSupply: number, extra: Record<string, unknown> = {}) =>
  ev('moud_dispense', iso, { medication: 'buprenorphine', daysSupply, ...extra }, OTP);

const year = {
  fromDay: epochDayOf('2026-01-01'),
  toDay: epochDayOf('2026-12-31'),
  asOf: epochDayOf('2027-12-31'),
  birthDate: '1990-06-15',
};
const sorted = (events: MeasureEvent[]) => [...events].sort((a, b) => a.day - b.day);
const only = (cs: Contribution[], measure: Contribution['measure']) =>
  cs.filter((c) => c.measure === measure).map((c) => [c.numerator, c.denominator]);

describe('FUA 7 and 30 days', () => {
  it.each([
    ['follow-up the same day counts for both', '2026-03-01', [1, 1]],
    ['day 7 counts for 7 days', '2026-03-08', [1, 1]],
    ['day 8 counts for 30 days only', '2026-03-09', [0, 1]],
    ['day 30 counts for 30 days', '2026-03-31', [0, 1]],
    ['day 31 counts for neither', '2026-04-01', [0, 0]],
  ] as const)('%s', (_name, followUp, [n7, n30]) => {
    const cs = personMeasures(sorted([edVisit('2026-03-01'), outpatient(followUp)]), year);
    expect(only(cs, 'fua_7')).toEqual([[n7, 1]]);
    expect(only(cs, 'fua_30')).toEqual([[n30, 1]]);
  });
  it('a visit whose 30 days have not closed by the as-of day is not yet counted', () => {
    const events = [edVisit('2026-12-10'), outpatient('2026-12-11')];
    expect(only(personMeasures(events, { ...year, asOf: epochDayOf('2027-01-08') }), 'fua_7')).toEqual([]);
    expect(only(personMeasures(events, { ...year, asOf: epochDayOf('2027-01-09') }), 'fua_7')).toEqual([[1, 1]]);
  });
  it('an ED visit without a substance use diagnosis, or for someone under 13, is not in the denominator', () => {
    expect(only(personMeasures([edVisit('2026-03-01', 'S52.501A')], year), 'fua_7')).toEqual([]);
    expect(only(personMeasures([edVisit('2026-03-01')], { ...year, birthDate: '2014-01-01' }), 'fua_7')).toEqual([]);
  });
  it('a visit followed by an admission within 30 days is excluded', () => {
    const admit = ev('encounter', '2026-03-20', { setting: 'inpatient', principalDiagnosis: 'F11.20' });
    expect(only(personMeasures(sorted([edVisit('2026-03-01'), admit]), year), 'fua_7')).toEqual([]);
  });
});

describe('treatment starts, retention and POD', () => {
  it('the one-pass treatment starts agree with the reference rule on random histories', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 300; k++) {
      const ds: Dispensing[] = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => ({
        day: Math.floor(rnd() * 400),
        daysSupply: Math.floor(rnd() * 40),
        medication: rnd() < 0.7 ? 'buprenorphine' : 'methadone',
      }));
      expect(fastTreatmentStarts(ds)).toEqual(treatmentStarts(ds));
    }
  });
  it.each([
    ['a gap of exactly 7 days keeps retention', '2026-04-28', 1],
    ['a gap of 8 days breaks it', '2026-04-29', 0],
  ] as const)('%s at 180 days (and POD)', (_name, refill, retained) => {
    // 20 days from 1 Apr cover through 20 Apr; a refill on 28 Apr leaves 21–27 Apr (7 days) uncovered.
    const events = [ev('diagnosis', '2026-04-01', { code: 'F11.20' }), moud('2026-04-01', 20), moud(refill, 200)];
    const cs = personMeasures(sorted(events), year);
    // The gap falls inside the first 30 days, so it decides 30-day retention too.
    expect(only(cs, 'retention_30')).toEqual([[retained, 1]]);
    expect(only(cs, 'retention_180')).toEqual([[retained, 1]]);
    expect(only(cs, 'pod_180')).toEqual([[retained, 1]]);
  });
  it('a start whose 180 days have not closed counts at 30 and 90 days only; POD needs an OUD diagnosis', () => {
    const cs = personMeasures([moud('2026-10-01', 120)], { ...year, asOf: epochDayOf('2027-01-15') });
    expect(only(cs, 'retention_30')).toEqual([[1, 1]]);
    expect(only(cs, 'retention_90')).toEqual([[1, 1]]);
    expect(only(cs, 'retention_180')).toEqual([]);
    expect(only(personMeasures([moud('2026-01-05', 200)], year), 'pod_180')).toEqual([]);
  });
});

describe('IET initiation (14 days) and engagement (34 days)', () => {
  const dx = ev('encounter', '2026-02-01', { setting: 'outpatient', principalDiagnosis: 'F11.20' }, CLINIC);
  it.each([
    ['a visit at another organization on day 13 initiates', [outpatient('2026-02-14', OTP)], 1],
    ['day 14 is too late', [outpatient('2026-02-15', OTP)], 0],
    ['a visit at the same organization on the episode day does not', [ev('appointment_attended', '2026-02-01', {}, CLINIC)], 0],
    ['medication on the episode day does', [moud('2026-02-01', 7)], 1],
  ] as const)('%s', (_name, more, initiated) => {
    expect(only(personMeasures(sorted([dx, ...more]), year), 'iet_initiation')).toEqual([[initiated, 1]]);
  });
  it('engagement: two more contacts within 34 days of initiation, or one long-acting medication', () => {
    const two = personMeasures(sorted([dx, moud('2026-02-03', 7), outpatient('2026-02-20', OTP), outpatient('2026-03-09', OTP)]), year);
    expect(only(two, 'iet_engagement')).toEqual([[1, 1]]);
    // 3 Feb + 34 = 9 Mar; a second contact on 10 Mar is too late.
    const late = personMeasures(sorted([dx, moud('2026-02-03', 7), outpatient('2026-02-20', OTP), outpatient('2026-03-10', OTP)]), year);
    expect(only(late, 'iet_engagement')).toEqual([[0, 1]]);
    const inj = personMeasures(
      sorted([dx, moud('2026-02-03', 7), moud('2026-02-10', 30, { medication: 'naltrexone', formulation: 'extended_release_injection' })]),
      year,
    );
    expect(only(inj, 'iet_engagement')).toEqual([[1, 1]]);
  });
  it('a prior SUD diagnosis within 194 days means no new episode', () => {
    const prior = ev('diagnosis', '2025-09-01', { code: 'F11.20' });
    expect(only(personMeasures(sorted([prior, dx]), year), 'iet_initiation')).toEqual([]);
  });
});

describe('ED-to-MOUD referral conversion within 7 days', () => {
  const referral = ev(
    'referral',
    '2026-06-01',
    { referralId: '11111111-1111-4111-8111-111111111111', status: 'sent', serviceKind: 'moud' },
    ED,
  );
  it.each([
    [
      'appointment attended on day 7',
      [ev('appointment_attended', '2026-06-08', { referralId: '11111111-1111-4111-8111-111111111111' }, OTP)],
      1,
    ],
    ['MOUD on day 7', [moud('2026-06-08', 7)], 1],
    ['MOUD on day 8', [moud('2026-06-09', 7)], 0],
  ] as const)('%s', (_name, more, met) => {
    const again = { ...referral, day: referral.day + 1, data: { ...referral.data, status: 'accepted' } };
    expect(only(personMeasures(sorted([referral, again, ...more]), year), 'ed_moud_conversion_7')).toEqual([[met, 1]]);
  });
  it('a referral from a clinic is not an ED referral; the window is configurable', () => {
    expect(
      only(personMeasures([{ ...referral, organizationId: CLINIC, organizationType: 'primary_care' }], year), 'ed_moud_conversion_7'),
    ).toEqual([]);
    expect(
      only(personMeasures(sorted([referral, moud('2026-06-09', 7)]), { ...year, conversionDays: 14 }), 'ed_moud_conversion_7'),
    ).toEqual([[1, 1]]);
  });
});

describe('custody release, naloxone and overdoses', () => {
  it('days from release to the first MOUD within 30 days', () => {
    const cs = personMeasures(sorted([ev('custody_release', '2026-05-01', {}, JAIL), moud('2026-05-04', 7)]), year);
    expect(cs.filter((c) => c.measure === 'custody_release_moud_days')).toEqual([
      { measure: 'custody_release_moud_days', day: epochDayOf('2026-05-01'), organizationId: JAIL, numerator: 1, denominator: 1, days: 3 },
    ]);
    expect(
      only(
        personMeasures(sorted([ev('custody_release', '2026-05-01', {}, JAIL), moud('2026-06-01', 7)]), year),
        'custody_release_moud_days',
      ),
    ).toEqual([[0, 1]]);
  });
  it('counts kits given (default 1), not naloxone administered', () => {
    const cs = personMeasures(
      [
        ev('naloxone', '2026-05-01', { mode: 'kit_given', kits: 3 }),
        ev('naloxone', '2026-05-02', { mode: 'kit_given' }),
        ev('naloxone', '2026-05-03', { mode: 'administered' }),
      ],
      year,
    );
    expect(only(cs, 'naloxone_kits')).toEqual([
      [3, 0],
      [1, 0],
    ]);
  });
  it('a reversal is a non-fatal overdose with naloxone; a repeat is another overdose on days 1–30 after', () => {
    const cs = personMeasures(
      [
        ev('overdose', '2026-05-01', { fatal: false, naloxoneDoses: 2 }),
        ev('overdose', '2026-05-31', { fatal: false }),
        ev('overdose', '2026-07-01', { fatal: false }),
      ],
      year,
    );
    expect(only(cs, 'overdose_reversals')).toEqual([[1, 0]]);
    // 1 May → 31 May is day 30: a repeat. 31 May → 1 Jul is day 31: not.
    expect(only(cs, 'repeat_overdose_30')).toEqual([
      [1, 1],
      [0, 1],
      [0, 1],
    ]);
  });
  it('an overdose a medical examiner later reports as fatal is not a reversal, nor the start of a repeat', () => {
    const id = '0b7a4c1e-0000-4000-8000-000000000001';
    const cs = personMeasures(
      [
        ev('overdose', '2026-05-01', { fatal: false, naloxoneDoses: 2, overdoseEventId: id }),
        ev('overdose', '2026-05-01', { fatal: true, naloxoneDoses: 2, overdoseEventId: id }),
      ],
      year,
    );
    expect(only(cs, 'overdose_reversals')).toEqual([]);
    expect(only(cs, 'repeat_overdose_30')).toEqual([]);
  });
});

describe('cascade membership', () => {
  const from = epochDayOf('2026-01-01');
  const to = epochDayOf('2026-12-31');
  const stage = (events: MeasureEvent[], asOf = epochDayOf('2027-12-31')) => {
    const m = cascadeMembership(sorted(events), from, to, asOf);
    return [m.reached === 0 ? 'none' : COUNTED_STAGES[m.reached - 1], m.notYetEvaluable];
  };
  it.each([
    ['no identifying event', [outpatient('2026-03-01').data && ev('note', '2026-03-01')], 'none', false],
    [
      'a positive screen in the year before the period',
      [ev('screening', '2025-03-01', { instrument: 'TAPS', result: 'positive' })],
      'identified',
      false,
    ],
    ['a negative screen', [ev('screening', '2026-03-01', { instrument: 'TAPS', result: 'negative' })], 'none', false],
    ['identified and a treatment visit', [ev('diagnosis', '2026-02-01', { code: 'F11.20' }), outpatient('2026-02-10')], 'engaged', false],
    ['MOUD for 90 days', [ev('diagnosis', '2026-02-01', { code: 'F11.20' }), moud('2026-02-10', 90)], 'moud_started', false],
    ['MOUD for 180 days', [ev('diagnosis', '2026-02-01', { code: 'F11.20' }), moud('2026-02-10', 180)], 'retained_6m', false],
    [
      'and remission documented',
      [
        ev('diagnosis', '2026-02-01', { code: 'F11.20' }),
        moud('2026-02-10', 180),
        ev('recovery_milestone', '2026-09-01', { milestone: 'remission_documented' }),
      ],
      'recovery',
      false,
    ],
  ] as const)('%s', (_name, events, expected, notYet) => {
    expect(stage([...events])).toEqual([expected, notYet]);
  });
  it('a start whose 180 days have not closed is not yet evaluable', () => {
    expect(stage([ev('diagnosis', '2026-11-01', { code: 'F11.20' }), moud('2026-11-10', 30)], epochDayOf('2027-01-31'))).toEqual([
      'moud_started',
      true,
    ]);
  });
});
