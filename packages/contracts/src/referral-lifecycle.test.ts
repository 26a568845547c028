import { describe, expect, it } from 'vitest';
import {
  allowedReferralEvents,
  referralEventSides,
  referralEvents,
  referralStates,
  referralTerminalStates,
  referralTransitions,
  type ReferralEvent,
  type ReferralState,
} from './referral-lifecycle.ts';

const openStates = referralStates.filter((state) => !referralTerminalStates.includes(state));

describe('the referral transition table', () => {
  it('leads only to known states (or back to the state before a hold)', () => {
    for (const state of referralStates) {
      for (const target of Object.values(referralTransitions[state])) {
        expect([...referralStates, 'previous']).toContain(target);
      }
    }
  });

  it('closes for good: a completed, failed, declined or cancelled referral has no moves', () => {
    for (const state of referralTerminalStates) expect(allowedReferralEvents(state, 'receiver', 'accepted')).toEqual([]);
  });

  it('lets either side cancel an open referral, and the sender do nothing else', () => {
    for (const state of openStates) {
      expect(allowedReferralEvents(state, 'sender', 'accepted')).toEqual(['cancel']);
      expect(allowedReferralEvents(state, 'receiver', 'accepted')).toContain('cancel');
    }
    expect(referralEvents.filter((event) => referralEventSides[event].includes('sender'))).toEqual(['cancel']);
  });

  it.each<[ReferralState, ReferralState | null, ReferralEvent[]]>([
    ['requested', null, ['receive', 'accept', 'reject', 'cancel']],
    ['received', null, ['accept', 'reject', 'cancel', 'hold']],
    ['accepted', null, ['cancel', 'schedule', 'attend', 'complete', 'fail', 'hold']],
    ['scheduled', null, ['cancel', 'schedule', 'attend', 'fail', 'hold']],
    ['in_progress', null, ['cancel', 'complete', 'fail', 'hold']],
    ['on_hold', 'scheduled', ['cancel', 'complete', 'fail', 'resume']],
    ['on_hold', null, ['cancel', 'complete', 'fail']],
    ['on_hold', 'completed', ['cancel', 'complete', 'fail']],
  ])('offers the receiver of a %s referral (before hold: %s) %j, in the order of the events', (state, before, expected) => {
    expect(allowedReferralEvents(state, 'receiver', before)).toEqual(expected);
  });
});
