import { z } from 'zod';

/*
 * The referral lifecycle, written once for the server and the web app: the states and events of the
 * HL7 Gravity closed-loop referral Task (SDOH Clinical Care IG, Task status state diagram) with the
 * finer states a warm handoff needs (received/acknowledged, scheduled, no-show), the reasons, and the
 * transition table. The server's `transition()` (modules/referrals/referral-state.ts) decides every
 * (state, event) pair from this table; the web app's fake offers the same buttons from it.
 *
 *   requested → received → accepted → scheduled → in_progress → completed
 *        ↘ accepted  ↘ rejected / cancelled        ↘ failed (no-show, lost contact, declined…)
 *   any open state ↔ on_hold (back to the state it left)
 */

export const referralStates = [
  'requested',
  'received',
  'accepted',
  'scheduled',
  'in_progress',
  'on_hold',
  'completed',
  'failed',
  'rejected',
  'cancelled',
] as const;
export const referralStateSchema = z.enum(referralStates);
export type ReferralState = z.infer<typeof referralStateSchema>;
export const referralTerminalStates: readonly ReferralState[] = ['completed', 'failed', 'rejected', 'cancelled'];
export const referralStateLabels: Record<ReferralState, string> = {
  requested: 'Sent',
  received: 'Acknowledged',
  accepted: 'Accepted',
  scheduled: 'Scheduled',
  in_progress: 'Attended',
  on_hold: 'On hold',
  completed: 'Completed',
  failed: 'Not successful',
  rejected: 'Declined',
  cancelled: 'Cancelled',
};

export const referralEvents = [
  'receive',
  'accept',
  'reject',
  'cancel',
  'schedule',
  'attend',
  'complete',
  'fail',
  'hold',
  'resume',
] as const;
export const referralEventSchema = z.enum(referralEvents);
export type ReferralEvent = z.infer<typeof referralEventSchema>;
export const referralEventLabels: Record<ReferralEvent, string> = {
  receive: 'Acknowledge',
  accept: 'Accept',
  reject: 'Decline',
  cancel: 'Cancel',
  schedule: 'Schedule',
  attend: 'Mark attended',
  complete: 'Complete',
  fail: 'Close as not successful',
  hold: 'Put on hold',
  resume: 'Resume',
};

/** Reasons for `reject` (the receiver declines). */
export const referralRejectReasons = ['no_capacity', 'not_eligible', 'person_declined', 'service_not_offered', 'other'] as const;
/** Reasons for `fail` (accepted but the person did not get the service). */
export const referralFailReasons = ['no_show', 'lost_contact', 'declined', 'not_eligible', 'no_capacity'] as const;
export const referralReasonLabels: Record<(typeof referralRejectReasons)[number] | (typeof referralFailReasons)[number], string> = {
  no_capacity: 'No capacity',
  not_eligible: 'Not eligible',
  person_declined: 'The person declined',
  service_not_offered: 'Service not offered',
  other: 'Other',
  no_show: 'Did not attend (no-show)',
  lost_contact: 'Lost contact',
  declined: 'The person declined',
};

/** Which side of the referral may cause an event: the receiving organization, the sender, or either. */
export const referralSideSchema = z.enum(['sender', 'receiver']);
export type ReferralSide = z.infer<typeof referralSideSchema>;
export const referralEventSides: Readonly<Record<ReferralEvent, readonly ReferralSide[]>> = {
  receive: ['receiver'],
  accept: ['receiver'],
  reject: ['receiver'],
  cancel: ['sender', 'receiver'],
  schedule: ['receiver'],
  attend: ['receiver'],
  complete: ['receiver'],
  fail: ['receiver'],
  hold: ['receiver'],
  resume: ['receiver'],
};

/** The state each event leads to from each state; `previous` is the state the referral was in before it went on hold. */
export const referralTransitions: Readonly<Record<ReferralState, Readonly<Partial<Record<ReferralEvent, ReferralState | 'previous'>>>>> = {
  requested: { receive: 'received', accept: 'accepted', reject: 'rejected', cancel: 'cancelled' },
  received: { accept: 'accepted', reject: 'rejected', cancel: 'cancelled', hold: 'on_hold' },
  accepted: { schedule: 'scheduled', attend: 'in_progress', complete: 'completed', fail: 'failed', cancel: 'cancelled', hold: 'on_hold' },
  // Scheduling again is a reschedule.
  scheduled: { schedule: 'scheduled', attend: 'in_progress', fail: 'failed', cancel: 'cancelled', hold: 'on_hold' },
  in_progress: { complete: 'completed', fail: 'failed', cancel: 'cancelled', hold: 'on_hold' },
  on_hold: { resume: 'previous', complete: 'completed', fail: 'failed', cancel: 'cancelled' },
  completed: {},
  failed: {},
  rejected: {},
  cancelled: {},
};

/** Whether a referral on hold has a state to go back to (not none, not on hold itself, not closed). */
export function canResumeTo(stateBeforeHold: ReferralState | null | undefined): stateBeforeHold is ReferralState {
  return !!stateBeforeHold && stateBeforeHold !== 'on_hold' && !referralTerminalStates.includes(stateBeforeHold);
}

/** The events one side may send in a state, in the order of `referralEvents` (what the web app offers as buttons). */
export function allowedReferralEvents(
  state: ReferralState,
  side: ReferralSide,
  stateBeforeHold: ReferralState | null = null,
): ReferralEvent[] {
  return referralEvents.filter((event) => {
    const target = referralTransitions[state][event];
    if (target === undefined || !referralEventSides[event].includes(side)) return false;
    return target === 'previous' ? canResumeTo(stateBeforeHold) : true;
  });
}
