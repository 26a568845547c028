import { describe, expect, it } from 'vitest';
import {
  capacityOnTime,
  meetsTarget,
  quantile,
  referralMeasures,
  verifiedOnTime,
  binCounts,
  type ScorecardReferral,
} from './scorecard-measures.ts';
import { chartMonths, defaultQuarter, parseQuarter, recentQuarters } from './scorecard-periods.ts';

const ORG = 'org-receiver';
const SENDER = 'org-sender';
const t = (iso: string) => new Date(iso);
const now = t('2026-10-15T00:00:00Z');

function referral(over: Partial<ScorecardReferral>): ScorecardReferral {
  return {
    pathwayId: 'p1',
    senderOrganizationId: SENDER,
    receiverOrganizationId: ORG,
    sentAt: t('2026-07-01T08:00:00Z'),
    ackDueAt: t('2026-07-02T08:00:00Z'),
    acknowledgedAt: null,
    acceptedAt: null,
    firstAppointmentAt: null,
    attended: false,
    status: 'requested',
    statusReason: null,
    ...over,
  };
}

describe('referral measures', () => {
  it.each<[string, ScorecardReferral[], string, unknown]>([
    [
      'sent counts the sender side only',
      [referral({}), referral({ senderOrganizationId: ORG, receiverOrganizationId: 'x' })],
      'referrals_sent',
      { kind: 'count', count: 1 },
    ],
    [
      'received counts the receiver side only',
      [referral({}), referral({ receiverOrganizationId: 'x' })],
      'referrals_received',
      { kind: 'count', count: 1 },
    ],
    [
      'time to acknowledge in hours, acknowledged ones only',
      [referral({ acknowledgedAt: t('2026-07-01T14:00:00Z') }), referral({})],
      'ack_hours',
      { kind: 'time', values: [6] },
    ],
    [
      'on time: by the deadline; late counts against; not yet due and cancelled-unseen are left out',
      [
        referral({ acknowledgedAt: t('2026-07-02T08:00:00Z') }),
        referral({ acknowledgedAt: t('2026-07-02T09:00:00Z') }),
        referral({}),
        referral({ status: 'cancelled' }),
        referral({ ackDueAt: t('2026-10-16T00:00:00Z') }),
      ],
      'ack_on_time',
      { kind: 'proportion', numerator: 1, denominator: 3 },
    ],
    [
      'time to first appointment in days',
      [referral({ firstAppointmentAt: t('2026-07-04T08:00:00Z') }), referral({})],
      'appointment_days',
      { kind: 'time', values: [3] },
    ],
    [
      'acceptance: accepted of accepted or declined (open and cancelled left out)',
      [
        referral({ acceptedAt: t('2026-07-01T09:00:00Z'), status: 'completed' }),
        referral({ status: 'rejected', statusReason: 'no_capacity' }),
        referral({ status: 'received' }),
        referral({ status: 'cancelled' }),
      ],
      'acceptance',
      { kind: 'proportion', numerator: 1, denominator: 2 },
    ],
    [
      'no-show: missed of attended or missed',
      [
        referral({ attended: true, status: 'completed' }),
        referral({ attended: true, status: 'in_progress' }),
        referral({ status: 'failed', statusReason: 'no_show' }),
        referral({ status: 'failed', statusReason: 'lost_contact' }),
      ],
      'no_show',
      { kind: 'proportion', numerator: 1, denominator: 3 },
    ],
    [
      'completion: completed of accepted and closed',
      [
        referral({ acceptedAt: now, status: 'completed' }),
        referral({ acceptedAt: now, status: 'failed', statusReason: 'no_show' }),
        referral({ acceptedAt: now, status: 'scheduled' }),
        referral({ status: 'failed', statusReason: 'declined' }),
      ],
      'completion',
      { kind: 'proportion', numerator: 1, denominator: 2 },
    ],
  ])('%s', (_name, rows, measure, expected) => {
    expect(referralMeasures(rows, ORG, now)[measure as keyof ReturnType<typeof referralMeasures>]).toEqual(expected);
  });
});

describe('capacity updates on time', () => {
  const day = (iso: string) => Math.floor(t(`${iso}T00:00:00Z`).getTime() / 86_400_000);
  it.each<[string, string[], string, string, number, { numerator: number; denominator: number }]>([
    [
      'confirmed every day',
      ['2026-07-01T10:00:00Z', '2026-07-02T10:00:00Z', '2026-07-03T10:00:00Z'],
      '2026-07-01',
      '2026-07-03',
      24,
      { numerator: 3, denominator: 3 },
    ],
    [
      'a gap makes the next day late',
      ['2026-07-01T10:00:00Z', '2026-07-03T10:00:00Z'],
      '2026-07-01',
      '2026-07-03',
      24,
      { numerator: 2, denominator: 3 },
    ],
    [
      'a longer stale limit forgives the gap',
      ['2026-07-01T10:00:00Z', '2026-07-03T10:00:00Z'],
      '2026-07-01',
      '2026-07-03',
      48,
      { numerator: 3, denominator: 3 },
    ],
    [
      'days before the first confirmation are not counted',
      ['2026-07-02T10:00:00Z'],
      '2026-07-01',
      '2026-07-03',
      24,
      { numerator: 1, denominator: 2 },
    ],
    [
      'days not yet ended are not counted',
      ['2026-10-13T10:00:00Z', '2026-10-14T10:00:00Z', '2026-10-15T10:00:00Z'],
      '2026-10-13',
      '2026-10-20',
      24,
      { numerator: 2, denominator: 2 },
    ],
    ['no confirmations: nothing counted', [], '2026-07-01', '2026-07-03', 24, { numerator: 0, denominator: 0 }],
  ])('%s', (_name, confirmations, from, to, staleHours, expected) => {
    expect(capacityOnTime([{ confirmations: confirmations.map(t) }], day(from), day(to), now, staleHours)).toEqual(expected);
  });
});

describe('directory records verified on time', () => {
  const at = t('2026-09-30T23:59:59Z');
  it.each<[string, { createdAt: string; verifiedAt: string | null }[], { numerator: number; denominator: number }]>([
    [
      'verified within 90 days',
      [{ createdAt: '2026-01-01T00:00:00Z', verifiedAt: '2026-08-01T00:00:00Z' }],
      { numerator: 1, denominator: 1 },
    ],
    [
      'verified too long ago',
      [{ createdAt: '2026-01-01T00:00:00Z', verifiedAt: '2026-05-01T00:00:00Z' }],
      { numerator: 0, denominator: 1 },
    ],
    ['never verified', [{ createdAt: '2026-01-01T00:00:00Z', verifiedAt: null }], { numerator: 0, denominator: 1 }],
    [
      'verified again since: not known then, left out',
      [{ createdAt: '2026-01-01T00:00:00Z', verifiedAt: '2026-10-05T00:00:00Z' }],
      { numerator: 0, denominator: 0 },
    ],
    ['created after the period: left out', [{ createdAt: '2026-10-02T00:00:00Z', verifiedAt: null }], { numerator: 0, denominator: 0 }],
  ])('%s', (_name, records, expected) => {
    const rows = records.map((r) => ({ createdAt: t(r.createdAt), verifiedAt: r.verifiedAt === null ? null : t(r.verifiedAt) }));
    expect(verifiedOnTime(rows, at, 90)).toEqual(expected);
  });
});

describe('quantiles, bins and targets', () => {
  it.each<[number[], number, number | null]>([
    [[], 0.5, null],
    [[5], 0.5, 5],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.25, 2],
    [[10, 0, 20], 0.9, 18],
  ])('quantile of %j at %d is %d', (values, p, expected) => {
    expect(quantile(values, p)).toBe(expected);
  });
  it('bins hours by the edges, lower edge inclusive', () => {
    expect(binCounts([0, 3.9, 4, 23.9, 24, 72, 500], 'hours').map((b) => b.count)).toEqual([2, 2, 1, 0, 2]);
  });
  it.each<[number | null, number | null, 'higher' | 'lower', boolean | null]>([
    [0.9, 0.85, 'higher', true],
    [0.8, 0.85, 'higher', false],
    [20, 24, 'lower', true],
    [30, 24, 'lower', false],
    [null, 24, 'lower', null],
    [5, null, 'higher', null],
  ])('value %d against target %d (%s is better): %s', (value, target, better, expected) => {
    expect(meetsTarget(value, target, better)).toBe(expected);
  });
});

describe('periods', () => {
  it('a quarter has its three months and its first and last day', () => {
    expect(parseQuarter('2026-Q4')).toEqual({
      key: '2026-Q4',
      from: '2026-10-01',
      to: '2026-12-31',
      months: ['2026-10', '2026-11', '2026-12'],
    });
  });
  it('the default is the last complete quarter, and the list starts with the current one', () => {
    expect(defaultQuarter(t('2026-01-10T00:00:00Z'))).toBe('2025-Q4');
    expect(recentQuarters(t('2026-01-10T00:00:00Z'), 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
  });
  it('the run chart covers the year to the quarter’s end, cut at the current month', () => {
    expect(chartMonths(parseQuarter('2026-Q2'), now)).toHaveLength(12);
    expect(chartMonths(parseQuarter('2026-Q2'), now)[0]).toBe('2025-07');
    expect(chartMonths(parseQuarter('2026-Q4'), now).at(-1)).toBe('2026-10');
  });
});
