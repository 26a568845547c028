import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  fhirTaskStatus,
  referralEvents,
  referralStates,
  transition,
  type ReferralEvent,
  type ReferralState,
} from './referral-state.ts';

// The expected table, written out from the Gravity diagram and the lifecycle, so a change
// to the code's table shows up as a failing pair.
const expected: Record<ReferralState, Partial<Record<ReferralEvent, ReferralState>>> = {
  requested: { receive: 'received', accept: 'accepted', reject: 'rejected', cancel: 'cancelled' },
  received: { accept: 'accepted', reject: 'rejected', cancel: 'cancelled', hold: 'on_hold' },
  accepted: { schedule: 'scheduled', attend: 'in_progress', complete: 'completed', fail: 'failed', cancel: 'cancelled', hold: 'on_hold' },
  scheduled: { schedule: 'scheduled', attend: 'in_progress', fail: 'failed', cancel: 'cancelled', hold: 'on_hold' },
  in_progress: { complete: 'completed', fail: 'failed', cancel: 'cancelled', hold: 'on_hold' },
  on_hold: { resume: 'accepted', complete: 'completed', fail: 'failed', cancel: 'cancelled' },
  completed: {},
  failed: {},
  rejected: {},
  cancelled: {},
};

const complete = (event: ReferralEvent) => ({
  reason: event === 'reject' ? 'no_capacity' : event === 'fail' ? 'no_show' : 'Person asked to wait',
  appointmentAt: '2026-12-01T15:00:00Z',
  outcome: 'Started buprenorphine',
});

describe('referral transitions: every (state, event) pair', () => {
  const pairs = referralStates.flatMap((state) => referralEvents.map((event) => ({ state, event, next: expected[state][event] ?? null })));
  it.each(pairs)('$state + $event → $next', ({ state, event, next }) => {
    const result = transition({
      state,
      event,
      side: event === 'cancel' ? 'sender' : 'receiver',
      stateBeforeHold: 'accepted',
      ...complete(event),
    });
    if (next === null) expect(result).toMatchObject({ ok: false, error: 'NOT_ALLOWED' });
    else expect(result).toEqual({ ok: true, next });
  });
});

describe('transition rules', () => {
  it('only the receiver acts on a received referral; either side cancels', () => {
    expect(transition({ state: 'requested', event: 'receive', side: 'sender' })).toMatchObject({ ok: false, error: 'WRONG_SIDE' });
    expect(transition({ state: 'scheduled', event: 'attend', side: 'sender' })).toMatchObject({ ok: false, error: 'WRONG_SIDE' });
    expect(transition({ state: 'requested', event: 'cancel', side: 'receiver', reason: 'Duplicate' })).toEqual({
      ok: true,
      next: 'cancelled',
    });
  });

  it('requires the reason, appointment time or outcome each event needs, naming the field', () => {
    expect(transition({ state: 'received', event: 'reject', side: 'receiver' })).toMatchObject({
      ok: false,
      error: 'REASON_REQUIRED',
      field: 'reason',
    });
    expect(transition({ state: 'received', event: 'reject', side: 'receiver', reason: 'bored' })).toMatchObject({
      ok: false,
      error: 'REASON_REQUIRED',
    });
    expect(transition({ state: 'scheduled', event: 'fail', side: 'receiver', reason: 'no_show' })).toEqual({ ok: true, next: 'failed' });
    expect(transition({ state: 'accepted', event: 'schedule', side: 'receiver' })).toMatchObject({
      ok: false,
      error: 'APPOINTMENT_REQUIRED',
      field: 'appointmentAt',
    });
    expect(transition({ state: 'in_progress', event: 'complete', side: 'receiver', outcome: ' ' })).toMatchObject({
      ok: false,
      error: 'OUTCOME_REQUIRED',
      field: 'outcome',
    });
    expect(transition({ state: 'accepted', event: 'hold', side: 'receiver' })).toMatchObject({ ok: false, error: 'REASON_REQUIRED' });
    expect(transition({ state: 'accepted', event: 'cancel', side: 'sender', reason: '' })).toMatchObject({
      ok: false,
      error: 'REASON_REQUIRED',
    });
  });

  it('resumes to the state it left, and refuses without one', () => {
    expect(transition({ state: 'on_hold', event: 'resume', side: 'receiver', stateBeforeHold: 'scheduled' })).toEqual({
      ok: true,
      next: 'scheduled',
    });
    expect(transition({ state: 'on_hold', event: 'resume', side: 'receiver', stateBeforeHold: null })).toMatchObject({
      ok: false,
      error: 'NOT_ALLOWED',
    });
    expect(transition({ state: 'on_hold', event: 'resume', side: 'receiver', stateBeforeHold: 'completed' })).toMatchObject({ ok: false });
  });

  it('says in words what cannot be done', () => {
    expect(transition({ state: 'completed', event: 'cancel', side: 'sender', reason: 'x' })).toMatchObject({
      message: 'A completed referral cannot be cancelled.',
    });
  });
});

describe('FHIR Task projection (Gravity has no received/scheduled)', () => {
  it.each([
    ['requested', null, 'requested', null],
    ['received', null, 'requested', 'acknowledged'],
    ['scheduled', null, 'accepted', 'scheduled'],
    ['in_progress', null, 'in-progress', null],
    ['on_hold', 'waitlist', 'on-hold', 'waitlist'],
    ['failed', 'no_show', 'failed', 'no_show'],
    ['rejected', 'no_capacity', 'rejected', 'no_capacity'],
  ] as const)('%s (%s) → %s / %s', (state, reason, status, businessStatus) => {
    expect(fhirTaskStatus(state, reason)).toEqual({ status, businessStatus });
  });
});

describe('allowedEvents', () => {
  it.each([
    ['requested', 'receiver', null, ['receive', 'accept', 'reject', 'cancel']],
    ['requested', 'sender', null, ['cancel']],
    ['received', 'receiver', null, ['accept', 'reject', 'cancel', 'hold']],
    ['accepted', 'receiver', null, ['cancel', 'schedule', 'attend', 'complete', 'fail', 'hold']],
    ['scheduled', 'receiver', null, ['cancel', 'schedule', 'attend', 'fail', 'hold']],
    ['scheduled', 'sender', null, ['cancel']],
    ['on_hold', 'receiver', 'accepted', ['cancel', 'complete', 'fail', 'resume']],
    ['on_hold', 'receiver', null, ['cancel', 'complete', 'fail']],
    ['completed', 'receiver', null, []],
    ['completed', 'sender', null, []],
  ] as const)('%s for the %s (before hold: %s)', (state, side, before, expected) => {
    expect(allowedEvents(state, side, before)).toEqual(expected);
  });

  it('agrees with transition() for every state, side and event', () => {
    for (const state of referralStates) {
      for (const side of ['sender', 'receiver'] as const) {
        const allowed = allowedEvents(state, side, 'accepted');
        for (const event of referralEvents) {
          const r = transition({
            state,
            event,
            side,
            stateBeforeHold: 'accepted',
            reason: event === 'reject' ? 'no_capacity' : event === 'fail' ? 'no_show' : 'r',
            appointmentAt: '2026-03-01T10:00:00Z',
            outcome: 'o',
          });
          expect(allowed.includes(event), `${state}/${side}/${event}`).toBe(r.ok);
        }
      }
    }
  });
});
