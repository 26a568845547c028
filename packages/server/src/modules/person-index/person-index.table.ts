import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string, never>;

/** One person across the network's systems. */
export interface NetworkIdentitiesTable {
  id: Generated<string>;
  created_at: CreatedAt;
}

/**
 * A record as a source system knows it (a registry person, or a record from an import or feed),
 * with the normalized fields the linkage engine scores. Person-level: read only by the person index.
 */
export interface SourceRecordsTable {
  id: Generated<string>;
  identity_id: string;
  source_organization_id: string | null;
  source_system: string;
  source_record_id: string;
  person_id: string | null;
  given: string;
  family: string;
  birth_date: string;
  sex: string;
  ssn: string;
  phone: string;
  street_number: string;
  street: string;
  city: string;
  zip: string;
  email: string;
  /** Phonetic blocking keys (Double Metaphone of the given and family name). */
  given_key: string;
  family_key: string;
  /** Held by a 42 CFR Part 2 program. */
  part2: boolean;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PersonIndexModelsTable {
  version: string;
  method: 'em' | 'default';
  trained_on: number;
  model: JSONColumnType<StoredModel>;
  created_at: CreatedAt;
}

/** A Fellegi–Sunter model as stored: λ and m/u per comparison level (by level name). */
export interface StoredModel {
  lambda: number;
  comparisons: { name: string; levels: string[]; m: number[]; u: number[] }[];
}

export type LinkStatus = 'linked' | 'review' | 'rejected' | 'not_sure' | 'unlinked';

export interface StoredContribution {
  comparison: string;
  level: string;
  /** log2(m/u), plus the term-frequency adjustment when there is one. */
  weight: number;
  /** The term-frequency adjustment included in `weight` (exact given or family name only). */
  tfAdjustment?: number;
}

export interface PersonIndexLinksTable {
  id: Generated<string>;
  record_id: string;
  candidate_id: string;
  probability: number;
  weight: number;
  contributions: JSONColumnType<{ prior: number; fields: StoredContribution[] }>;
  model_version: string;
  status: LinkStatus;
  decided_by: 'auto' | 'reviewer';
  decided_by_user_id: string | null;
  decided_at: Timestamp;
  /** When linked: the identity whose records moved into the survivor's, and which records moved (so an unlink restores exactly). */
  absorbed_identity_id: string | null;
  moved_record_ids: ColumnType<string[], string[] | undefined, string[]>;
  /** The registry merge made when both records are registry people. */
  merge_id: string | null;
  created_at: CreatedAt;
}

export interface PersonIndexDecisionsTable {
  id: Generated<string>;
  link_id: string;
  decision: 'auto_link' | 'review' | 'accept' | 'reject' | 'not_sure' | 'unlink';
  decided_by: 'auto' | 'reviewer';
  decided_by_user_id: string | null;
  reason: string | null;
  decided_at: CreatedAt;
}

export interface PersonIndexTables {
  network_identities: NetworkIdentitiesTable;
  source_records: SourceRecordsTable;
  person_index_models: PersonIndexModelsTable;
  person_index_links: PersonIndexLinksTable;
  person_index_decisions: PersonIndexDecisionsTable;
}
