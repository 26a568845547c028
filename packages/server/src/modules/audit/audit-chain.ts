import { createHash } from 'node:crypto';

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

/** SHA-256 over the previous hash and the entry's canonical form: each entry seals the one before. */
export function chainHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

export interface ChainRow extends ChainedFields {
  id: string;
  prevHash: string;
  hash: string;
}

export type SegmentVerdict =
  | { ok: true; checked: number; lastId: string | null; lastHash: string }
  | { ok: false; checked: number; firstBrokenId: string; reason: string };

/**
 * Checks a run of consecutive entries in id order, starting after the entry whose hash is
 * `prevHash`. An altered row fails its own hash; a removed or reordered row breaks the next link.
 */
export function verifySegment(rows: Iterable<ChainRow>, prevHash: string): SegmentVerdict {
  let prev = prevHash;
  let checked = 0;
  let lastId: string | null = null;
  for (const row of rows) {
    if (row.prevHash !== prev) {
      return {
        ok: false,
        checked,
        firstBrokenId: row.id,
        reason: 'the link to the previous entry is broken: an entry was removed or reordered',
      };
    }
    const { id: _id, prevHash: _prev, hash: _hash, ...fields } = row;
    if (chainHash(prev, fields) !== row.hash) {
      return { ok: false, checked, firstBrokenId: row.id, reason: 'the entry does not match its hash: it was altered' };
    }
    prev = row.hash;
    lastId = row.id;
    checked += 1;
  }
  return { ok: true, checked, lastId, lastHash: prev };
}

/** The head records the newest entry, so a removed tail (which leaves no broken link) is caught too. */
export function headMatches(
  walked: { lastId: string | null; lastHash: string; checked: number },
  head: { lastId: string | null; lastHash: string; count: number },
): boolean {
  return walked.lastId === head.lastId && walked.lastHash === head.lastHash && walked.checked === head.count;
}
