import type { CareEventInput, FeedErrorCode, FeedKind, IdentifierKind } from '@continuum/contracts';
import type { FeedOverdoseInput } from '../overdose/index.ts';

/*
 * The adapter interface every feed kind implements (docs/integration.md, "Adding a feed"). An
 * adapter is pure: it splits a file into messages and turns one message into a plan — who it is
 * about and what to write. The feed core (apply.ts) does everything else the same way for every
 * kind: idempotency, the staging table, person matching, one transaction per message, the error
 * queue, counts and the quiet alert.
 */

/** A person as a message names them: what the person index matches on and the registry registers. */
export interface FeedPerson {
  /** Identifiers the sending organization holds for the person (its MRN, a booking number). */
  identifiers: { kind: IdentifierKind; value: string }[];
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD, or '' when the message has none. */
  birthDate: string;
  sex: 'female' | 'male' | 'unknown';
  phone: string;
  address: { line1: string; city: string; postalCode: string } | null;
}

/**
 * When the person is not already known to the network, may the feed register them? A message that
 * says the person has OUD or overdosed registers (`always`); one that matters only for someone
 * already in the network (a booking of a person not known to have OUD) acts only on a confident
 * match (`if_known`), and otherwise keeps nothing.
 */
export type RegisterPolicy = 'always' | 'if_known';

/** An overdose for the overdose module, recorded through its front door. */
export type FeedOverdose = Omit<FeedOverdoseInput, 'personId'> & {
  /** The postal code of the person's or the incident's address; the area is derived from it (or the sending organization's location). */
  postalCode: string | null;
};

/** One thing a message says about one person. */
export interface FeedItem {
  person: FeedPerson;
  register: RegisterPolicy;
  /** Care events to write (validated with the care-event schema, as imports are). */
  events: CareEventInput[];
  /**
   * The events are the current record of what their external ids name (an ADT visit): one already
   * stored for the person is replaced with this content instead of being kept as it was.
   */
  replaceEvents?: boolean;
  overdose?: FeedOverdose;
  /**
   * A death record's overdose (a fatal one): when the person already has an overdose event within
   * `withinDays` days of `diedOn` (YYYY-MM-DD), that event is marked fatal and linked instead of a
   * second one being recorded.
   */
  reconcileDeath?: { diedOn: string; withinDays: number };
}

/** A message understood: its type (ADT^A03, roster:release), the sender's id for it, and its items (none: nothing for the network). */
export interface FeedPlan {
  messageType: string;
  externalId: string | null;
  items: FeedItem[];
}

/** A message that cannot be applied. The reason names fields and codes, never a value from the message. */
export class FeedMessageError extends Error {
  constructor(
    readonly code: FeedErrorCode,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'FeedMessageError';
  }
}

/** What a message is read against: its feed's settings. */
export interface FeedPlanContext {
  /** The sender's local time zone (IANA): a time the message gives without an offset is read in it. */
  timeZone: string;
}

export interface FeedAdapter {
  kind: FeedKind;
  /** Splits a file (or an API push) into messages, each applied on its own. Throws FeedMessageError('malformed') when the file as a whole cannot be read. */
  split(content: string): string[];
  /** One message → its plan. Throws FeedMessageError for a message that cannot be applied. */
  plan(message: string, context: FeedPlanContext): FeedPlan;
  /** The acknowledgement a sender expects back, when the transport has one (HL7 v2 ACK over MLLP). */
  acknowledge?(message: string, result: { ok: true } | { ok: false; code: FeedErrorCode; reason: string }, now: Date): string;
}
