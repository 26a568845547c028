import { describe, expect, it } from 'vitest';
import type { PathwayField } from '@continuum/contracts';
import {
  checkReferralContent,
  currentDeadline,
  escalationDue,
  missingDocuments,
  overdueKind,
  pathwayActiveOn,
  pathwayAvailability,
  referralDeadlines,
  serviceKindOf,
  type DeadlineFacts,
  type PathwayTerms,
} from './referral-rules.ts';

const ED = 'org-ed';
const JAIL = 'org-jail';
const OTP = 'org-otp';
const pathway = (over: Partial<PathwayTerms> = {}): PathwayTerms => ({
  referrerOrganizationTypes: ['emergency_department'],
  referrerOrganizationIds: [],
  receiverOrganizationId: OTP,
  serviceIds: ['svc-1'],
  activeFrom: '2026-01-01',
  activeUntil: null,
  ...over,
});

describe('pathwayActiveOn', () => {
  it.each([
    ['before the start', '2026-01-01', null, '2025-12-31', false],
    ['on the first day', '2026-01-01', null, '2026-01-01', true],
    ['open-ended', '2026-01-01', null, '2030-06-01', true],
    ['on the last day', '2026-01-01', '2026-06-30', '2026-06-30', true],
    ['after the end', '2026-01-01', '2026-06-30', '2026-07-01', false],
  ])('%s', (_n, activeFrom, activeUntil, day, expected) => {
    expect(pathwayActiveOn({ activeFrom, activeUntil }, day)).toBe(expected);
  });
});

describe('pathwayAvailability', () => {
  const ed = { id: ED, type: 'emergency_department' as const };
  const jail = { id: JAIL, type: 'corrections' as const };
  it.each([
    ['an ED on an ED pathway', pathway(), ed, 'svc-1', '2026-03-01', { ok: true }],
    ['a jail on an ED pathway', pathway(), jail, 'svc-1', '2026-03-01', { ok: false, why: 'not_a_referrer' }],
    ['a jail named by id', pathway({ referrerOrganizationIds: [JAIL] }), jail, 'svc-1', '2026-03-01', { ok: true }],
    ['anyone when nobody is listed', pathway({ referrerOrganizationTypes: [] }), jail, 'svc-1', '2026-03-01', { ok: true }],
    [
      'the receiver itself',
      pathway({ referrerOrganizationTypes: [] }),
      { id: OTP, type: 'opioid_treatment_program' as const },
      'svc-1',
      '2026-03-01',
      { ok: false, why: 'not_a_referrer' },
    ],
    ['a service not on the pathway', pathway(), ed, 'svc-2', '2026-03-01', { ok: false, why: 'service_not_on_pathway' }],
    ['an inactive pathway', pathway({ activeUntil: '2026-02-01' }), ed, 'svc-1', '2026-03-01', { ok: false, why: 'inactive' }],
  ])('%s', (_n, p, sender, service, day, expected) => {
    expect(pathwayAvailability(p, sender, service, day)).toEqual(expected);
  });
});

describe('checkReferralContent', () => {
  const fields: PathwayField[] = [
    { key: 'last_use', label: 'Last opioid use', type: 'date' },
    { key: 'cows', label: 'COWS score', type: 'text' },
    { key: 'pregnant', label: 'Pregnant', type: 'yes_no' },
    { key: 'insurance', label: 'Insurance', type: 'choice', options: ['Medicaid', 'Private', 'None'] },
  ];
  const p = {
    requiredFields: fields,
    inclusionCriteria: [{ key: 'oud', text: 'Has OUD' }],
    exclusionCriteria: [{ key: 'no_acute', text: 'No acute medical need' }],
  };
  const good = { last_use: '2026-02-28', cows: '9', pregnant: false, insurance: 'Medicaid' };
  const paths = (answers: Record<string, string | boolean>, criteria = ['oud', 'no_acute']) =>
    checkReferralContent(p, { answers, criteriaConfirmed: criteria }).map((x) => x.path);
  it.each([
    ['everything given', good, ['oud', 'no_acute'], []],
    ['a missing field', { ...good, cows: undefined as unknown as string }, ['oud', 'no_acute'], ['body.answers.cows']],
    ['an empty text', { ...good, cows: '  ' }, ['oud', 'no_acute'], ['body.answers.cows']],
    ['a bad date', { ...good, last_use: 'yesterday' }, ['oud', 'no_acute'], ['body.answers.last_use']],
    ['yes/no as text', { ...good, pregnant: 'no' }, ['oud', 'no_acute'], ['body.answers.pregnant']],
    ['text as boolean', { ...good, cows: true }, ['oud', 'no_acute'], ['body.answers.cows']],
    ['a choice not offered', { ...good, insurance: 'Cash' }, ['oud', 'no_acute'], ['body.answers.insurance']],
    ['an unknown field', { ...good, extra: 'x' }, ['oud', 'no_acute'], ['body.answers.extra']],
    ['an unconfirmed exclusion criterion', good, ['oud'], ['body.criteriaConfirmed']],
    ['nothing confirmed', good, [], ['body.criteriaConfirmed']],
  ])('%s', (_n, answers, criteria, expected) => {
    const clean = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)) as Record<string, string | boolean>;
    expect(paths(clean, criteria)).toEqual(expected);
  });
  it('a pathway with no requirements takes an empty referral', () => {
    expect(
      checkReferralContent({ requiredFields: [], inclusionCriteria: [], exclusionCriteria: [] }, { answers: {}, criteriaConfirmed: [] }),
    ).toEqual([]);
  });
});

describe('missingDocuments', () => {
  const docs = [
    { key: 'discharge', label: 'Discharge summary' },
    { key: 'id', label: 'Photo ID' },
  ];
  it.each([
    [[], ['discharge', 'id']],
    [[null, 'discharge'], ['id']],
    [['id', 'discharge'], []],
  ] as const)('attached %j → missing %j', (attached, expected) => {
    expect(missingDocuments(docs, attached).map((d) => d.key)).toEqual(expected);
  });
});

describe('serviceKindOf', () => {
  it.each([
    [['BU', 'OP', 'MD'], 'moud'],
    [['METH', 'OTP'], 'moud'],
    [['NU'], 'moud'],
    [['WM_IP'], 'withdrawal_management'],
    [['HOUSING', 'PEER'], 'recovery_housing'],
    [['PEER'], 'peer_support'],
    [['SSP', 'NALOXONE'], 'harm_reduction'],
    [['IOP', 'CBT'], 'behavioral_health'],
    [['FOOD'], 'other'],
    [[], 'other'],
  ])('%j → %s', (codes, expected) => {
    expect(serviceKindOf(codes)).toBe(expected);
  });
});

describe('deadlines', () => {
  const sent = new Date('2026-03-01T10:00:00Z');
  const { ackDueAt, firstContactDueAt } = referralDeadlines(sent, 24, 3);
  it('acknowledgment in hours, first contact in days, from sending', () => {
    expect(ackDueAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(firstContactDueAt.toISOString()).toBe('2026-03-04T10:00:00.000Z');
  });
  const r = (status: DeadlineFacts['status'], appointmentAt: string | null = null): DeadlineFacts => ({
    status,
    ackDueAt,
    firstContactDueAt,
    appointmentAt: appointmentAt ? new Date(appointmentAt) : null,
  });
  const at = (s: string) => new Date(s);
  it.each([
    ['requested, before the ack deadline', r('requested'), at('2026-03-02T09:59:00Z'), null],
    ['requested, exactly at the ack deadline', r('requested'), at('2026-03-02T10:00:00Z'), null],
    ['requested, past the ack deadline', r('requested'), at('2026-03-02T10:01:00Z'), 'acknowledgment'],
    ['received, before first contact is due', r('received'), at('2026-03-04T09:00:00Z'), null],
    ['received, past first contact', r('received'), at('2026-03-04T10:01:00Z'), 'first_contact'],
    ['accepted, past first contact', r('accepted'), at('2026-03-05T00:00:00Z'), 'first_contact'],
    [
      'scheduled: the appointment is the deadline, not first contact',
      r('scheduled', '2026-03-06T15:00:00Z'),
      at('2026-03-05T00:00:00Z'),
      null,
    ],
    ['scheduled, within a day after the appointment', r('scheduled', '2026-03-06T15:00:00Z'), at('2026-03-07T14:00:00Z'), null],
    [
      'scheduled, a day after the appointment with nothing recorded',
      r('scheduled', '2026-03-06T15:00:00Z'),
      at('2026-03-07T15:01:00Z'),
      'appointment',
    ],
    ['in progress (attended)', r('in_progress'), at('2026-04-01T00:00:00Z'), null],
    ['on hold', r('on_hold'), at('2026-04-01T00:00:00Z'), null],
    ['completed', r('completed'), at('2026-04-01T00:00:00Z'), null],
    ['cancelled', r('cancelled'), at('2026-04-01T00:00:00Z'), null],
    ['rejected', r('rejected'), at('2026-04-01T00:00:00Z'), null],
    ['failed', r('failed'), at('2026-04-01T00:00:00Z'), null],
  ])('%s', (_n, facts, now, expected) => {
    expect(overdueKind(facts, now)).toBe(expected);
  });
  it('no current deadline for closed or on-hold referrals', () => {
    expect(currentDeadline(r('on_hold'))).toBeNull();
    expect(currentDeadline(r('requested'))).toEqual({ kind: 'acknowledgment', at: ackDueAt });
  });
  it.each([
    ['missed ack, not yet escalated', r('requested'), false, false, 'acknowledgment'],
    ['missed ack, already escalated', r('requested'), true, false, null],
    ['missed first contact, not yet escalated (ack escalated earlier)', r('accepted'), true, false, 'first_contact'],
    ['missed first contact, already escalated', r('accepted'), false, true, null],
    ['missed appointment, not yet escalated', r('scheduled', '2026-03-03T10:00:00Z'), false, false, 'appointment'],
    ['nothing missed', r('in_progress'), false, false, null],
  ])('escalation: %s', (_n, facts, ackEscalated, contactEscalated, expected) => {
    expect(escalationDue({ ...facts, ackEscalated, contactEscalated }, at('2026-03-10T00:00:00Z'))).toBe(expected);
  });
});
