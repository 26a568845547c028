/*
 * The referral lifecycle's one pure decision: whether an event may move a referral, and where to. The
 * states, events, sides and transition table live in contracts (referral-lifecycle.ts), shared with the
 * web app; this file adds the checks on reasons, appointment and outcome, and the FHIR Task projection.
 */

import {
  allowedReferralEvents,
  canResumeTo,
  referralEventSides,
  referralEvents,
  referralFailReasons,
  referralRejectReasons,
  referralStates,
  referralTerminalStates,
  referralTransitions,
  type ReferralEvent,
  type ReferralSide,
  type ReferralState,
} from '@continuum/contracts';

export { referralEvents, referralStates };
export type { ReferralEvent, ReferralState };

export const terminalStates: readonly ReferralState[] = referralTerminalStates;

/** Which side of the referral may cause an event: the receiving organization, the sender, or either. */
export type Side = ReferralSide;
const eventSides = referralEventSides;
const table = referralTransitions;

export const rejectReasons = referralRejectReasons;
export const failReasons = referralFailReasons;

export interface TransitionInput {
  state: ReferralState;
  event: ReferralEvent;
  side: Side;
  /** The state the referral was in before it went on hold (needed to resume). */
  stateBeforeHold?: ReferralState | null;
  reason?: string | null;
  appointmentAt?: string | null;
  outcome?: string | null;
}

export type TransitionResult =
  | { ok: true; next: ReferralState }
  | {
      ok: false;
      error: 'NOT_ALLOWED' | 'WRONG_SIDE' | 'REASON_REQUIRED' | 'APPOINTMENT_REQUIRED' | 'OUTCOME_REQUIRED';
      message: string;
      field?: string;
    };

export function transition(input: TransitionInput): TransitionResult {
  const target = table[input.state][input.event];
  if (target === undefined)
    return { ok: false, error: 'NOT_ALLOWED', message: `A ${input.state.replace('_', ' ')} referral cannot be ${pastTense[input.event]}.` };
  if (!eventSides[input.event].includes(input.side))
    return { ok: false, error: 'WRONG_SIDE', message: `Only the ${eventSides[input.event].join(' or ')} may do this.` };
  if (input.event === 'reject' && !isOneOf(input.reason, rejectReasons))
    return { ok: false, error: 'REASON_REQUIRED', message: 'Give the reason the referral is declined.', field: 'reason' };
  if (input.event === 'fail' && !isOneOf(input.reason, failReasons))
    return { ok: false, error: 'REASON_REQUIRED', message: 'Give the reason the referral did not succeed.', field: 'reason' };
  if ((input.event === 'cancel' || input.event === 'hold') && !input.reason?.trim())
    return { ok: false, error: 'REASON_REQUIRED', message: 'Give a reason.', field: 'reason' };
  if (input.event === 'schedule' && !input.appointmentAt)
    return { ok: false, error: 'APPOINTMENT_REQUIRED', message: 'Give the appointment time.', field: 'appointmentAt' };
  if (input.event === 'complete' && !input.outcome?.trim())
    return { ok: false, error: 'OUTCOME_REQUIRED', message: 'Give the outcome.', field: 'outcome' };
  if (target === 'previous') {
    const back = input.stateBeforeHold;
    if (!canResumeTo(back)) return { ok: false, error: 'NOT_ALLOWED', message: 'This referral has no state to resume.' };
    return { ok: true, next: back };
  }
  return { ok: true, next: target };
}

function isOneOf<T extends string>(value: string | null | undefined, options: readonly T[]): value is T {
  return value !== null && value !== undefined && (options as readonly string[]).includes(value);
}

const pastTense: Record<ReferralEvent, string> = {
  receive: 'acknowledged',
  accept: 'accepted',
  reject: 'declined',
  cancel: 'cancelled',
  schedule: 'scheduled',
  attend: 'marked attended',
  complete: 'completed',
  fail: 'closed as not successful',
  hold: 'put on hold',
  resume: 'resumed',
};

/** The FHIR R4 Task.status and businessStatus a partner sees (Gravity value set; no `received`). */
export function fhirTaskStatus(state: ReferralState, reason?: string | null): { status: string; businessStatus: string | null } {
  switch (state) {
    case 'requested':
      return { status: 'requested', businessStatus: null };
    case 'received':
      return { status: 'requested', businessStatus: 'acknowledged' };
    case 'accepted':
      return { status: 'accepted', businessStatus: null };
    case 'scheduled':
      return { status: 'accepted', businessStatus: 'scheduled' };
    case 'in_progress':
      return { status: 'in-progress', businessStatus: null };
    case 'on_hold':
      return { status: 'on-hold', businessStatus: reason ?? null };
    case 'completed':
      return { status: 'completed', businessStatus: null };
    case 'failed':
      return { status: 'failed', businessStatus: reason ?? null };
    case 'rejected':
      return { status: 'rejected', businessStatus: reason ?? null };
    case 'cancelled':
      return { status: 'cancelled', businessStatus: null };
  }
}

/** The events one side may send in a state (what the web app offers as buttons); the contract's table decides. */
export const allowedEvents = allowedReferralEvents;
