import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that its hash covers. */
export interface ChainedFields {
  occurredAt: string;
  actorType: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so jsonb's key reordering never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The hash of an entry over the previous hash and the entry's canonical form, so each entry seals
 * the one before: HMAC-SHA-256 under the audit key (RFC 2104), or plain SHA-256 for entries written
 * before the chain was keyed (key null).
 */
export function chainHash(prevHash: string, fields: ChainedFields, key: Buffer | null = null): string {
  const mac = key ? createHmac('sha256', key) : createHash('sha256');
  return mac.update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

export interface ChainRow extends ChainedFields {
  id: string;
  prevHash: string;
  hash: string;
  /** 0: unkeyed SHA-256; 1 and up: HMAC under that key version. */
  keyVersion: number;
}

export type SegmentVerdict =
  | { ok: true; checked: number; lastId: string | null; lastHash: string; keyed: boolean }
  | { ok: false; checked: number; firstBrokenId: string; reason: string };

/**
 * Checks a run of consecutive entries in id order, starting after the entry whose hash is
 * `prevHash`. An altered row fails its own hash; a removed or reordered row breaks the next link.
 * Once an entry is keyed every later one must be: an unkeyed entry after a keyed one is someone
 * without the key rewriting the chain as plain SHA-256. `keyedBefore` carries that across segments.
 */
export function verifySegment(
  rows: Iterable<ChainRow>,
  prevHash: string,
  keys: ReadonlyMap<number, Buffer> = new Map(),
  keyedBefore = false,
): SegmentVerdict {
  let prev = prevHash;
  let checked = 0;
  let lastId: string | null = null;
  let keyed = keyedBefore;
  for (const row of rows) {
    if (row.prevHash !== prev) {
      return {
        ok: false,
        checked,
        firstBrokenId: row.id,
        reason: 'the link to the previous entry is broken: an entry was removed or reordered',
      };
    }
    if (row.keyVersion === 0 && keyed) {
      return {
        ok: false,
        checked,
        firstBrokenId: row.id,
        reason: 'an unkeyed entry follows keyed ones: the chain was rewritten without the key',
      };
    }
    const key = row.keyVersion === 0 ? null : keys.get(row.keyVersion);
    if (key === undefined) {
      return {
        ok: false,
        checked,
        firstBrokenId: row.id,
        reason: `the entry is sealed with audit key version ${row.keyVersion}, which this server does not hold`,
      };
    }
    const { id: _id, prevHash: _prev, hash: _hash, keyVersion: _version, ...fields } = row;
    if (chainHash(prev, fields, key) !== row.hash) {
      return { ok: false, checked, firstBrokenId: row.id, reason: 'the entry does not match its hash: it was altered' };
    }
    keyed ||= key !== null;
    prev = row.hash;
    lastId = row.id;
    checked += 1;
  }
  return { ok: true, checked, lastId, lastHash: prev, keyed };
}

/** The head records the newest entry, so a removed tail (which leaves no broken link) is caught too. */
export function headMatches(
  walked: { lastId: string | null; lastHash: string; checked: number },
  head: { lastId: string | null; lastHash: string; count: number },
): boolean {
  return walked.lastId === head.lastId && walked.lastHash === head.lastHash && walked.checked === head.count;
}
