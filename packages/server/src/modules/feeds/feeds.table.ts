import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { FeedErrorCode, FeedKind, FeedMessageStatus } from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string, never>;

/** One organization's feed of one kind (an ED's ADT interface, a jail's roster). */
export interface FeedSourcesTable {
  id: Generated<string>;
  organization_id: string;
  kind: FeedKind;
  name: string;
  quiet_after_minutes: number;
  /** The sender's local time zone (IANA): an HL7 v2 time without an offset is read in it. */
  time_zone: ColumnType<string, string | undefined, string>;
  last_message_at: Timestamp | null;
  /** When the quiet alert was last sent; cleared by the next message. */
  quiet_alerted_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** What applying a message did (counts and outcomes, no values). */
export interface FeedMessageOutcome {
  careEvents: number;
  alreadyPresent: number;
  /** Events already stored that took the message's newer content (an ADT update of a visit). */
  careEventsReplaced?: number;
  overdoseEvents: number;
  /** Per person named: how they were found (identifier, linked, review, registered, not_applicable). */
  people: string[];
}

/**
 * Every message received, as received (person-level: the message names a person). The hash of the
 * source and content makes a resent message a duplicate. An ignored message (nothing in it for the
 * network) keeps no content.
 */
export interface FeedMessagesTable {
  id: Generated<string>;
  source_id: string;
  hash: string;
  status: FeedMessageStatus;
  message_type: string | null;
  external_id: string | null;
  payload: string | null;
  error_code: FeedErrorCode | null;
  error_reason: string | null;
  outcome: JSONColumnType<FeedMessageOutcome> | null;
  attempts: Generated<number>;
  received_at: Timestamp;
  applied_at: Timestamp | null;
  resolved_at: Timestamp | null;
  resolved_by_user_id: string | null;
}

export interface FeedDailyCountsTable {
  source_id: string;
  day: ColumnType<string, string, string>;
  received: Generated<number>;
  accepted: Generated<number>;
  rejected: Generated<number>;
  duplicates: Generated<number>;
}

export interface FeedTables {
  feed_sources: FeedSourcesTable;
  feed_messages: FeedMessagesTable;
  feed_daily_counts: FeedDailyCountsTable;
}
