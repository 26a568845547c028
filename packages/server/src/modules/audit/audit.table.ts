import type { ColumnType, Generated, Selectable } from 'kysely';

export interface AuditEventsTable {
  /** int8, read as a string on both engines. */
  id: Generated<string>;
  occurred_at: ColumnType<Date, string, never>;
  actor_type: 'user' | 'token' | 'client' | 'person' | 'system' | 'anonymous';
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  /** The link to the previous entry in the chain; null until the sequencer chains the entry (decision 0021). */
  prev_hash: string | null;
  hash: string | null;
  /** The entry's place in the chain (1, 2, …), given by the sequencer; null: not chained yet. Entries from before the sequencer have their id. */
  chain_seq: ColumnType<string | null, never, never>;
  /** HMAC of the entry on its own, written with it (audit-chain.ts `entrySeal`); null on entries from before the sequencer. */
  seal: ColumnType<string | null, string, never>;
  /** 0: unkeyed SHA-256 (entries before the chain was keyed); 1 and up: HMAC-SHA-256 under that audit key version. */
  key_version: ColumnType<number, number, never>;
}

/** One row: the newest entry of the chain, so removing the tail is detected too. */
export interface AuditHeadTable {
  id: number;
  last_id: string | null;
  last_hash: string;
  count: string;
  /** The chain place of the newest chained entry (audit_events.chain_seq). */
  last_seq: string;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
