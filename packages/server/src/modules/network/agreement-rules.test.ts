import { describe, expect, it } from 'vitest';
import { agreementInputSchema, type AgreementInputRaw } from '@continuum/contracts';
import { agreementProblems, agreementState, reminderDue, type AgreementDates } from './agreement-rules.ts';

const OTP = '00000000-0000-4000-8000-000000000001';
const LAB = '00000000-0000-4000-8000-000000000002';
const ED = '00000000-0000-4000-8000-000000000003';
const PATHWAY = '00000000-0000-4000-8000-0000000000aa';

const input = (over: Partial<AgreementInputRaw>) =>
  agreementInputSchema.parse({
    kind: 'mou',
    title: 'Agreement',
    parties: [
      { organizationId: OTP, role: 'party' },
      { organizationId: ED, role: 'party' },
    ],
    effectiveOn: '2026-01-01',
    endsOn: '2027-01-01',
    ...over,
  });

const qsoaParties = [
  { organizationId: OTP, role: 'part2_program' as const },
  { organizationId: LAB, role: 'service_organization' as const },
];

describe('agreementProblems', () => {
  it.each([
    { name: 'a plain MOU', over: {}, paths: [] },
    {
      name: 'a party listed twice',
      over: {
        parties: [
          { organizationId: OTP, role: 'party' },
          { organizationId: OTP, role: 'party' },
        ],
      },
      paths: ['body.parties'],
    },
    { name: 'an MOU with a QSOA role', over: { parties: qsoaParties }, paths: ['body.parties.0.role', 'body.parties.1.role'] },
    {
      name: 'a complete QSOA',
      over: { kind: 'qsoa', parties: qsoaParties, dataKinds: ['sud_treatment'], purposes: ['operations'] },
      paths: [],
    },
    { name: 'a QSOA without scope', over: { kind: 'qsoa', parties: qsoaParties }, paths: ['body.dataKinds', 'body.purposes'] },
    {
      name: 'a QSOA with two programs',
      over: {
        kind: 'qsoa',
        parties: [...qsoaParties, { organizationId: ED, role: 'part2_program' }],
        dataKinds: ['sud_treatment'],
        purposes: ['operations'],
      },
      paths: ['body.parties'],
    },
    {
      name: 'a QSOA naming counseling notes',
      over: { kind: 'qsoa', parties: qsoaParties, dataKinds: ['counseling_notes'], purposes: ['operations'] },
      paths: ['body.dataKinds'],
    },
    {
      name: 'a BAA without its business associate',
      over: {
        kind: 'baa',
        parties: [
          { organizationId: OTP, role: 'covered_entity' },
          { organizationId: ED, role: 'covered_entity' },
        ],
      },
      paths: ['body.parties', 'body.parties'],
    },
    { name: 'an end before the start', over: { endsOn: '2025-12-31' }, paths: ['body.endsOn'] },
    { name: 'an end on the start day', over: { endsOn: '2026-01-01' }, paths: ['body.endsOn'] },
    { name: 'pathways on an MOU', over: { pathwayIds: [PATHWAY] }, paths: ['body.pathwayIds'] },
    { name: 'pathways on a referral agreement', over: { kind: 'referral', pathwayIds: [PATHWAY] }, paths: [] },
    {
      name: 'a champion from outside the parties',
      over: { champions: [{ name: 'A. Champion', organizationId: LAB }] },
      paths: ['body.champions.0.organizationId'],
    },
  ] as { name: string; over: Partial<AgreementInputRaw>; paths: string[] }[])('$name', ({ over, paths }) => {
    expect(agreementProblems(input(over)).map((p) => p.path)).toEqual(paths);
  });
});

const dates = (over: Partial<AgreementDates>): AgreementDates => ({
  status: 'active',
  effectiveOn: '2026-01-01',
  endsOn: '2027-01-01',
  terminatedOn: null,
  ...over,
});

describe('agreementState', () => {
  it.each([
    { name: 'a draft', a: dates({ status: 'draft' }), today: '2026-06-01', state: 'draft' },
    { name: 'before it takes effect', a: dates({}), today: '2025-12-31', state: 'not_yet_effective' },
    { name: 'on its first day', a: dates({}), today: '2026-01-01', state: 'in_force' },
    { name: '61 days before its end', a: dates({}), today: '2026-11-01', state: 'in_force' },
    { name: '60 days before its end', a: dates({}), today: '2026-11-02', state: 'ending_soon' },
    { name: 'the day before it ends', a: dates({}), today: '2026-12-31', state: 'ending_soon' },
    { name: 'the day it ends', a: dates({}), today: '2027-01-01', state: 'ended' },
    { name: 'open-ended', a: dates({ endsOn: null }), today: '2030-01-01', state: 'in_force' },
    {
      name: 'terminated, from the termination day',
      a: dates({ status: 'terminated', terminatedOn: '2026-03-01' }),
      today: '2026-03-01',
      state: 'terminated',
    },
    {
      name: 'terminated, before the termination day',
      a: dates({ status: 'terminated', terminatedOn: '2026-12-01' }),
      today: '2026-06-01',
      state: 'in_force',
    },
  ] as const)('$name', ({ a, today, state }) => {
    expect(agreementState(a, today)).toBe(state);
  });
});

describe('reminderDue', () => {
  const END = '2027-01-01';
  it.each([
    { name: 'more than 60 days out', today: '2026-11-01', sent: [], due: null },
    { name: 'at 60 days', today: '2026-11-02', sent: [], due: { send: 60, mark: [60] } },
    { name: 'at 60 days, already sent', today: '2026-11-02', sent: [60], due: null },
    { name: 'between 60 and 30, 60 sent', today: '2026-11-20', sent: [60], due: null },
    { name: 'at 30 days', today: '2026-12-02', sent: [60], due: { send: 30, mark: [30] } },
    { name: 'at 7 days', today: '2026-12-25', sent: [60, 30], due: { send: 7, mark: [7] } },
    { name: 'registered 20 days before its end: one reminder', today: '2026-12-12', sent: [], due: { send: 30, mark: [60, 30] } },
    { name: 'registered 3 days before its end', today: '2026-12-29', sent: [], due: { send: 7, mark: [60, 30, 7] } },
    { name: 'the day it ends: too late to remind', today: '2027-01-01', sent: [], due: null },
  ])('$name', ({ today, sent, due }) => {
    expect(reminderDue(END, today, sent)).toEqual(due);
  });
});
