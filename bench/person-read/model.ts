import type { OrganizationType } from '@continuum/contracts';
import type { Summary } from '../lib/stats.ts';
import type { EngineName } from '../lib/targets.ts';

/*
 * The person-read benchmark's vocabulary: the modes it measures, a measured cell, what one engine
 * returns, and the options.
 */

export const ENTRIES = 200;
export const PG_POOL_SIZE = 10; // openDatabase's default, the one main.ts runs with

/** The three measured modes at the main concurrency, and the cost breakdown cells at one reader. */
export type Mode = 'http' | 'chokepoint' | 'raw' | 'raw_trx' | 'facts' | 'no_disclosure';
export const modeLabel: Record<Mode, string> = {
  http: `HTTP: GET /api/people/:id/timeline?limit=${ENTRIES} as a partner clinician whose access comes from a signed consent`,
  chokepoint: `chokepoint in process: readTimeline(trx, …, ${ENTRIES}) in a transaction, as the route runs it`,
  raw: `raw query: the same ${ENTRIES} rows (person_events ⋈ organizations, newest first) through Kysely, autocommit; no decision, no disclosure`,
  raw_trx: 'the raw query inside a transaction (begin, select, commit)',
  facts: 'openPerson in a transaction: resolve the person and merges, load the access facts (5 queries), decide on the demographics',
  no_disclosure:
    'openPerson + the rows + the decision for every entry + the consent scopes, in a transaction; everything readTimeline does but the disclosure insert',
};
export const modeShort: Record<Mode, string> = {
  http: 'HTTP',
  chokepoint: 'chokepoint',
  raw: 'raw query',
  raw_trx: 'raw query in a transaction',
  facts: 'facts only',
  no_disclosure: 'chokepoint without the disclosure',
};

export interface Cell extends Summary {
  mode: Mode;
  concurrency: number;
  /** p50 ÷ the raw query's p50 at the same concurrency (null on the raw row itself). */
  p50Ratio: number | null;
  p99Ratio: number | null;
  /** The raw query's ops/s ÷ this mode's ops/s at the same concurrency. */
  throughputRatio: number | null;
  /** Reads whose disclosure rows landed in this cell's window (checked against ops). */
  disclosingReads: number;
  disclosureRows: number;
  statusCounts?: Record<string, number>;
}

export interface EngineResult {
  engine: EngineName;
  storage: string;
  serverVersion: string;
  settings: Record<string, string>;
  poolSize: number | null;
  data: DataFacts;
  cells: Cell[];
  breakdown: Cell[];
  /** The JSON body of one timeline response. */
  responseBytes: number;
  /** Each statement of a timeline read on its own, one at a time, and the decision alone. */
  statements: StatementCost[];
  /** The disclosure table's size on disk (table, indexes, TOAST) at the end, and per chokepoint read. */
  disclosureLog: { bytes: number; rows: number; bytesPerRead: number };
  checks: { chokepointReads: number; disclosureRows: number; rowsPerRead: number; recordsPerRead: number };
}

export interface DataFacts {
  seedSeconds: number;
  setupSeconds: number;
  people: number;
  personEvents: number;
  consents: number;
  careTeamMembers: number;
  organizations: number;
  personEventsBySource: { organization: string; type: OrganizationType; events: number; part2: number }[];
  personEventsByKind: Record<string, number>;
  personConsents: { type: string; status: string; coversReader: boolean }[];
  careTeam: string[];
}

export interface Options {
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  engines: EngineName[];
  pgliteStorage: 'disk' | 'memory';
  people: number;
  breakdown: boolean;
  json: boolean;
}

export interface StatementCost extends Summary {
  statement: string;
  /** The scan nodes of the statement's plan (null for what is not one query). */
  plan: string | null;
}

/** Thrown to roll a measured transaction back. */
export class RolledBack extends Error {}
