import { describe, expect, it } from 'vitest';
import type { CareEventType } from '@continuum/contracts';
import {
  chooseOwner,
  evaluatePersonSignals,
  referralNoShowRule,
  referralNotAcknowledgedRule,
  type NavigatorLink,
  type ReferralSignal,
  type SignalEvent,
  type TaskProposal,
} from './rules.ts';

const PERSON = 'person-1';
const JAIL = 'org-jail';
const EMS = 'org-ems';
const OTP = 'org-otp';
const PEER = 'org-peer';
const ED = 'org-ed';

let seq = 0;
function ev(type: CareEventType, at: string, data: Record<string, unknown> = {}, organizationId = JAIL): SignalEvent {
  return {
    id: `e${++seq}-${type}`,
    type,
    occurredAt: new Date(at),
    organizationId,
    sensitivity: organizationId === OTP || organizationId === PEER ? 'part2' : 'normal',
    data,
  };
}
const dispense = (at: string, daysSupply: number, medication = 'buprenorphine') => ev('moud_dispense', at, { medication, daysSupply }, OTP);
const stop = (at: string, reason: string, medication = 'buprenorphine') => ev('moud_stop', at, { medication, reason }, OTP);

const navigator = (over: Partial<NavigatorLink> = {}): NavigatorLink => ({
  organizationId: PEER,
  userId: 'user-nav',
  since: '2026-01-01',
  readable: [],
  ...over,
});

type Expected = { kind: TaskProposal['kind']; dedupe: string; dueAt: string; owner: string; assignee: string | null } | null;

interface Row {
  name: string;
  events?: SignalEvent[];
  navigators?: NavigatorLink[];
  referral?: Partial<ReferralSignal>;
  now: string;
  expected: Expected;
}

const release = ev('custody_release', '2026-11-10T12:00:00Z', {}, JAIL);
const overdose = ev('overdose', '2026-11-10T12:00:00Z', { fatal: false }, EMS);
const overdoseWithId = ev(
  'overdose',
  '2026-11-10T12:00:00Z',
  { fatal: false, overdoseEventId: '7f0e6f4e-4b1a-4b8e-9d7e-6a1f0f3f2a11' },
  EMS,
);
const missed = ev(
  'appointment_missed',
  '2026-11-10T09:00:00Z',
  { referralId: '3b0e6f4e-4b1a-4b8e-9d7e-6a1f0f3f2a22', serviceKind: 'moud' },
  OTP,
);

/** Supply from 1 Nov: 10 days covers 1–10 Nov; the first uncovered day is 11 Nov. */
const tenDays = dispense('2026-11-01T15:00:00Z', 10);

const rows: Row[] = [
  // Custody release with no MOUD contact within 72 hours.
  { name: 'custody: 72 h not yet passed', events: [release], now: '2026-11-13T11:59:00Z', expected: null },
  {
    name: 'custody: 72 h passed with no MOUD contact → task, owned by the recording organization',
    events: [release],
    now: '2026-11-13T12:00:00Z',
    expected: {
      kind: 'custody_release_no_moud',
      dedupe: `custody_release_no_moud:${release.id}`,
      dueAt: '2026-11-14T12:00:00.000Z',
      owner: JAIL,
      assignee: null,
    },
  },
  {
    name: 'custody: buprenorphine dispensed within 72 h',
    events: [release, dispense('2026-11-12T10:00:00Z', 7)],
    now: '2026-11-14T00:00:00Z',
    expected: null,
  },
  {
    name: 'custody: MOUD started at the point of care within 72 h',
    events: [release, ev('moud_start', '2026-11-11T08:00:00Z', { medication: 'buprenorphine', doseMg: 8 }, OTP)],
    now: '2026-11-14T00:00:00Z',
    expected: null,
  },
  {
    name: 'custody: methadone dose within 72 h',
    events: [release, ev('moud_administration', '2026-11-11T08:00:00Z', { medication: 'methadone', daysSupply: 1 }, OTP)],
    now: '2026-11-14T00:00:00Z',
    expected: null,
  },
  {
    name: 'custody: MOUD appointment attended',
    events: [release, ev('appointment_attended', '2026-11-12T10:00:00Z', { serviceKind: 'moud' }, OTP)],
    now: '2026-11-14T00:00:00Z',
    expected: null,
  },
  {
    name: 'custody: an attended appointment for another service is not MOUD contact',
    events: [release, ev('appointment_attended', '2026-11-12T10:00:00Z', { serviceKind: 'housing' }, OTP)],
    now: '2026-11-14T00:00:00Z',
    expected: {
      kind: 'custody_release_no_moud',
      dedupe: `custody_release_no_moud:${release.id}`,
      dueAt: '2026-11-14T12:00:00.000Z',
      owner: JAIL,
      assignee: null,
    },
  },
  {
    name: 'custody: MOUD referral accepted',
    events: [release, ev('referral', '2026-11-11T10:00:00Z', { referralId: 'r1', status: 'accepted', serviceKind: 'moud' }, ED)],
    now: '2026-11-14T00:00:00Z',
    expected: null,
  },
  {
    name: 'custody: MOUD referral only requested is not contact',
    events: [release, ev('referral', '2026-11-11T10:00:00Z', { referralId: 'r1', status: 'requested', serviceKind: 'moud' }, ED)],
    now: '2026-11-14T00:00:00Z',
    expected: {
      kind: 'custody_release_no_moud',
      dedupe: `custody_release_no_moud:${release.id}`,
      dueAt: '2026-11-14T12:00:00.000Z',
      owner: JAIL,
      assignee: null,
    },
  },
  {
    name: 'custody: MOUD only after the 72 h is too late',
    events: [release, dispense('2026-11-13T12:01:00Z', 7)],
    now: '2026-11-14T00:00:00Z',
    expected: {
      kind: 'custody_release_no_moud',
      dedupe: `custody_release_no_moud:${release.id}`,
      dueAt: '2026-11-14T12:00:00.000Z',
      owner: JAIL,
      assignee: null,
    },
  },
  {
    name: 'custody: booked again within the 72 h',
    events: [release, ev('custody_booking', '2026-11-11T22:00:00Z', {}, JAIL)],
    now: '2026-11-14T00:00:00Z',
    expected: null,
  },
  { name: 'custody: release older than 14 days', events: [release], now: '2026-11-24T12:00:01Z', expected: null },
  {
    name: 'custody: the navigator on the care team owns it when their organization may see the signal',
    events: [release],
    navigators: [navigator({ readable: [`notes:${JAIL}`] })],
    now: '2026-11-13T12:00:00Z',
    expected: {
      kind: 'custody_release_no_moud',
      dedupe: `custody_release_no_moud:${release.id}`,
      dueAt: '2026-11-14T12:00:00.000Z',
      owner: PEER,
      assignee: 'user-nav',
    },
  },
  {
    name: 'custody: a navigator who may not see the signal does not get it',
    events: [release],
    navigators: [navigator({ readable: [`medications:${JAIL}`] })],
    now: '2026-11-13T12:00:00Z',
    expected: {
      kind: 'custody_release_no_moud',
      dedupe: `custody_release_no_moud:${release.id}`,
      dueAt: '2026-11-14T12:00:00.000Z',
      owner: JAIL,
      assignee: null,
    },
  },

  // Overdose reported within the last 72 hours.
  {
    name: 'overdose: reported an hour ago → post-overdose task due 24 h after it',
    events: [overdose],
    now: '2026-11-10T13:00:00Z',
    expected: {
      kind: 'post_overdose',
      dedupe: `post_overdose:${overdose.id}`,
      dueAt: '2026-11-11T12:00:00.000Z',
      owner: EMS,
      assignee: null,
    },
  },
  {
    name: 'overdose: exactly 72 h ago still counts',
    events: [overdoseWithId],
    now: '2026-11-13T12:00:00Z',
    expected: {
      kind: 'post_overdose',
      dedupe: `post_overdose:${overdoseWithId.id}`,
      dueAt: '2026-11-11T12:00:00.000Z',
      owner: EMS,
      assignee: null,
    },
  },
  { name: 'overdose: more than 72 h ago', events: [overdose], now: '2026-11-13T12:00:01Z', expected: null },
  {
    name: 'overdose: fatal — no outreach, and no other task for the person',
    events: [ev('overdose', '2026-11-10T12:00:00Z', { fatal: true }, EMS), release],
    now: '2026-11-13T12:00:00Z',
    expected: null,
  },
  {
    name: 'death from the medical examiner or vital records — no outreach, and no other task for the person',
    events: [release, ev('death', '2026-11-09T12:00:00Z', { manner: 'accident', opioidOverdose: false }, EMS)],
    now: '2026-11-13T12:00:00Z',
    expected: null,
  },
  {
    name: 'overdose: the peer navigator with consent to overdose events owns it',
    events: [overdose],
    navigators: [
      navigator({ readable: [`overdose_events:${EMS}`], since: '2025-01-01', userId: 'user-old' }),
      navigator({ readable: [`overdose_events:${EMS}`], since: '2026-06-01', userId: null, organizationId: 'org-ph' }),
    ],
    now: '2026-11-10T13:00:00Z',
    expected: {
      kind: 'post_overdose',
      dedupe: `post_overdose:${overdose.id}`,
      dueAt: '2026-11-11T12:00:00.000Z',
      owner: 'org-ph',
      assignee: null,
    },
  },

  // Gap of more than 7 days in MOUD supply (POD: 7 is not a gap, 8 is).
  { name: 'MOUD gap: supply still on hand', events: [tenDays], now: '2026-11-10T23:00:00Z', expected: null },
  { name: 'MOUD gap: 7 uncovered days (11–17 Nov) is not a gap', events: [tenDays], now: '2026-11-17T23:59:00Z', expected: null },
  {
    name: 'MOUD gap: the 8th uncovered day makes a gap → task keyed by its first day, owned by the prescriber',
    events: [tenDays],
    now: '2026-11-18T00:00:00Z',
    expected: { kind: 'moud_gap', dedupe: `moud_gap:${PERSON}:2026-11-11`, dueAt: '2026-11-20T00:00:00.000Z', owner: OTP, assignee: null },
  },
  {
    name: 'MOUD gap: overlapping refills of the same medication stack (10 + 10 days → covered through 20 Nov; 7 days later still no gap)',
    events: [tenDays, dispense('2026-11-05T10:00:00Z', 10)],
    now: '2026-11-27T23:59:00Z',
    expected: null,
  },
  {
    name: 'MOUD gap: stacked supply, then the 8th uncovered day after it ends',
    events: [tenDays, dispense('2026-11-05T10:00:00Z', 10)],
    now: '2026-11-28T00:00:00Z',
    expected: { kind: 'moud_gap', dedupe: `moud_gap:${PERSON}:2026-11-21`, dueAt: '2026-11-30T00:00:00.000Z', owner: OTP, assignee: null },
  },
  {
    name: 'MOUD gap: refilled after the gap — closed, no task',
    events: [tenDays, dispense('2026-11-19T10:00:00Z', 14)],
    now: '2026-11-20T00:00:00Z',
    expected: null,
  },
  {
    name: 'MOUD gap: booked into custody after the last supply',
    events: [tenDays, ev('custody_booking', '2026-11-09T10:00:00Z', {}, JAIL)],
    now: '2026-11-20T00:00:00Z',
    expected: null,
  },
  { name: 'MOUD gap: began more than 60 days ago', events: [tenDays], now: '2027-01-11T00:00:00Z', expected: null },
  // A recorded MOUD stop: planned (a completed taper, a switch) leaves no missed-supply task; any other reason ends the supply on the stop day.
  {
    name: 'MOUD gap: taper completed after the last supply — no task',
    events: [tenDays, stop('2026-11-05T10:00:00Z', 'taper_completed')],
    now: '2026-11-18T00:00:00Z',
    expected: null,
  },
  {
    name: 'MOUD gap: switched (buprenorphine stopped, naltrexone started) — no task for buprenorphine',
    events: [tenDays, stop('2026-11-08T10:00:00Z', 'other'), ev('moud_start', '2026-11-08T11:00:00Z', { medication: 'naltrexone' }, OTP)],
    now: '2026-11-18T00:00:00Z',
    expected: null,
  },
  ...(['side_effects', 'person_chose_to_stop', 'lost_to_follow_up', 'transferred_care', 'hospitalized', 'other'] as const).map(
    (reason) => ({
      name: `MOUD gap: stopped for ${reason} on 3 Nov — supply ends there, re-engagement task on the 8th uncovered day`,
      events: [tenDays, stop('2026-11-03T10:00:00Z', reason)],
      now: '2026-11-12T00:00:00Z',
      expected: {
        kind: 'moud_gap' as const,
        dedupe: `moud_gap:${PERSON}:2026-11-04`,
        dueAt: '2026-11-13T00:00:00.000Z',
        owner: OTP,
        assignee: null,
      },
    }),
  ),
  {
    name: 'MOUD gap: a taper recorded before the last supply does not silence a later gap',
    events: [ev('moud_stop', '2026-10-20T10:00:00Z', { medication: 'buprenorphine', reason: 'taper_completed' }, OTP), tenDays],
    now: '2026-11-18T00:00:00Z',
    expected: { kind: 'moud_gap', dedupe: `moud_gap:${PERSON}:2026-11-11`, dueAt: '2026-11-20T00:00:00.000Z', owner: OTP, assignee: null },
  },
  {
    name: 'MOUD gap: a taper of another medication does not silence a buprenorphine gap',
    events: [tenDays, ev('moud_stop', '2026-11-05T10:00:00Z', { medication: 'methadone', reason: 'taper_completed' }, OTP)],
    now: '2026-11-18T00:00:00Z',
    expected: { kind: 'moud_gap', dedupe: `moud_gap:${PERSON}:2026-11-11`, dueAt: '2026-11-20T00:00:00.000Z', owner: OTP, assignee: null },
  },
  {
    name: 'MOUD gap: a peer navigator needs consent for the OTP medications (Part 2) to own it',
    events: [tenDays],
    navigators: [navigator({ readable: [`medications:${OTP}`] })],
    now: '2026-11-18T00:00:00Z',
    expected: {
      kind: 'moud_gap',
      dedupe: `moud_gap:${PERSON}:2026-11-11`,
      dueAt: '2026-11-20T00:00:00.000Z',
      owner: PEER,
      assignee: 'user-nav',
    },
  },

  // Missed appointments (no-show), from care events.
  {
    name: 'no-show: missed appointment → task keyed by the referral',
    events: [missed],
    now: '2026-11-10T10:00:00Z',
    expected: {
      kind: 'no_show',
      dedupe: 'no_show:3b0e6f4e-4b1a-4b8e-9d7e-6a1f0f3f2a22',
      dueAt: '2026-11-12T09:00:00.000Z',
      owner: OTP,
      assignee: null,
    },
  },
  { name: 'no-show: more than 14 days ago', events: [missed], now: '2026-11-24T09:00:01Z', expected: null },

  // Referral signals (triggered by the referrals module).
  {
    name: 'not acknowledged: deadline not passed',
    referral: { acknowledgeBy: new Date('2026-11-10T12:00:00Z') },
    now: '2026-11-10T12:00:00Z',
    expected: null,
  },
  {
    name: 'not acknowledged: deadline passed → the sender follows up',
    referral: { acknowledgeBy: new Date('2026-11-10T12:00:00Z') },
    now: '2026-11-10T12:00:01Z',
    expected: {
      kind: 'referral_not_acknowledged',
      dedupe: 'referral_not_acknowledged:ref-1',
      dueAt: '2026-11-11T12:00:00.000Z',
      owner: ED,
      assignee: null,
    },
  },
  {
    name: 'not acknowledged: acknowledged (late is still acknowledged)',
    referral: { acknowledgeBy: new Date('2026-11-10T12:00:00Z'), acknowledgedAt: new Date('2026-11-10T13:00:00Z') },
    now: '2026-11-11T00:00:00Z',
    expected: null,
  },
  {
    name: "not acknowledged: the sender's navigator owns it",
    referral: {
      acknowledgeBy: new Date('2026-11-10T12:00:00Z'),
      navigators: [navigator({ organizationId: PEER, readable: [`referrals:${ED}`] })],
    },
    now: '2026-11-11T00:00:00Z',
    expected: {
      kind: 'referral_not_acknowledged',
      dedupe: 'referral_not_acknowledged:ref-1',
      dueAt: '2026-11-11T12:00:00.000Z',
      owner: PEER,
      assignee: 'user-nav',
    },
  },
  {
    name: 'referral no-show: no missed appointment',
    referral: { acknowledgedAt: new Date('2026-11-09T12:00:00Z') },
    now: '2026-11-11T00:00:00Z',
    expected: null,
  },
  {
    name: 'referral no-show: missed appointment → task, same key as the care-event rule',
    referral: { acknowledgedAt: new Date('2026-11-09T12:00:00Z'), missedAppointmentAt: new Date('2026-11-10T09:00:00Z') },
    now: '2026-11-10T10:00:00Z',
    expected: { kind: 'no_show', dedupe: 'no_show:ref-1', dueAt: '2026-11-12T09:00:00.000Z', owner: ED, assignee: null },
  },
];

function run(row: Row): TaskProposal[] {
  const now = new Date(row.now);
  if (row.referral) {
    const r: ReferralSignal = {
      referralId: 'ref-1',
      personId: PERSON,
      senderOrganizationId: ED,
      receiverOrganizationId: OTP,
      navigators: [],
      sensitivity: 'normal',
      acknowledgeBy: null,
      acknowledgedAt: null,
      missedAppointmentAt: null,
      ...row.referral,
    };
    return [...referralNotAcknowledgedRule(r, now), ...referralNoShowRule(r, now)];
  }
  return evaluatePersonSignals({ personId: PERSON, events: row.events ?? [], navigators: row.navigators ?? [] }, now);
}

describe('worklist rules', () => {
  it.each(rows)('$name', (row) => {
    const proposals = run(row);
    const got: Expected[] = proposals.map((p) => ({
      kind: p.kind,
      dedupe: p.dedupeKey,
      dueAt: p.dueAt.toISOString(),
      owner: p.organizationId,
      assignee: p.assigneeUserId,
    }));
    expect(got).toEqual(row.expected ? [row.expected] : []);
  });

  it('a proposal carries the signal the chokepoint checks: kind per task kind, source and sensitivity', () => {
    const [gap] = evaluatePersonSignals({ personId: PERSON, events: [tenDays], navigators: [] }, new Date('2026-11-18T00:00:00Z'));
    expect(gap!.signal).toEqual({ organizationId: OTP, sensitivity: 'part2', kind: 'medications', occurredAt: tenDays.occurredAt });
    const [od] = evaluatePersonSignals({ personId: PERSON, events: [overdoseWithId], navigators: [] }, new Date('2026-11-10T13:00:00Z'));
    expect(od!.source).toEqual({ type: 'overdose_event', id: '7f0e6f4e-4b1a-4b8e-9d7e-6a1f0f3f2a11' });
    expect(od!.signal.kind).toBe('overdose_events');
    expect(od!.reason).not.toMatch(/addict|abuse|clean|dirty/i);
  });

  it('the owner prefers the most recent navigator link, then one naming a staff member', () => {
    const signal = { kind: 'notes' as const, organizationId: JAIL };
    const readable = [`notes:${JAIL}`];
    expect(
      chooseOwner(
        [navigator({ since: '2026-01-01', userId: 'a', readable }), navigator({ since: '2026-03-01', userId: 'b', readable })],
        signal,
      ),
    ).toEqual({ organizationId: PEER, assigneeUserId: 'b' });
    expect(
      chooseOwner(
        [navigator({ since: '2026-03-01', userId: null, readable }), navigator({ since: '2026-03-01', userId: 'c', readable })],
        signal,
      ),
    ).toEqual({ organizationId: PEER, assigneeUserId: 'c' });
    // A navigator in the recording organization itself always sees its own record.
    expect(chooseOwner([navigator({ organizationId: JAIL, userId: 'd' })], signal)).toEqual({ organizationId: JAIL, assigneeUserId: 'd' });
  });
});
