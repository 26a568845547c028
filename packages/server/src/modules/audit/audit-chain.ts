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

const SEAL_DOMAIN = 'continuum-audit-entry\n';

/**
 * An entry's own seal, written in the transaction that makes the change (decision 0021): HMAC-SHA-256
 * under the audit key over the entry's id and canonical form. It makes an entry the sequencer has not
 * chained yet tamper-evident on its own, and it keeps the sequencer from sealing a row someone else
 * inserted: a forged or altered entry fails its seal whether or not it was chained since.
 */
export function entrySeal(id: string, fields: ChainedFields, key: Buffer): string {
  return createHmac('sha256', key).update(SEAL_DOMAIN).update(id).update('\n').update(canonicalJson(fields)).digest('hex');
}

export interface ChainRow extends ChainedFields {
  id: string;
  prevHash: string;
  hash: string;
  /** 0: unkeyed SHA-256; 1 and up: HMAC under that key version. */
  keyVersion: number;
  /** The entry's own seal (`entrySeal`); null on entries written before the chain had a sequencer. */
  seal?: string | null;
}

/** The hashed fields of a row: everything but its id, links, key version and seal. */
export function chainedFields(row: ChainRow): ChainedFields {
  const { id: _id, prevHash: _prev, hash: _hash, keyVersion: _version, seal: _seal, ...fields } = row;
  return fields;
}

/** Why a row's own seal does not hold (null when it does); `sealedBefore`: a sealed entry came earlier in the chain. */
export function sealProblem(
  row: Pick<ChainRow, 'id' | 'keyVersion' | 'seal'>,
  fields: ChainedFields,
  keys: ReadonlyMap<number, Buffer>,
  sealedBefore: boolean,
): string | null {
  if (row.seal === null || row.seal === undefined) {
    return sealedBefore ? 'an entry without its own seal follows sealed ones: it was inserted without the key' : null;
  }
  const key = keys.get(row.keyVersion);
  if (!key) return `the entry is sealed with audit key version ${row.keyVersion}, which this server does not hold`;
  return entrySeal(row.id, fields, key) === row.seal ? null : 'the entry does not match its seal: it was altered or forged';
}

export type SegmentVerdict =
  | { ok: true; checked: number; lastId: string | null; lastHash: string; keyed: boolean; sealed: boolean }
  | { ok: false; checked: number; firstBrokenId: string; reason: string };

/**
 * Checks a run of consecutive entries in id order, starting after the entry whose hash is
 * `prevHash`. An altered row fails its own hash; a removed or reordered row breaks the next link.
 * Once an entry is keyed every later one must be: an unkeyed entry after a keyed one is someone
 * without the key rewriting the chain as plain SHA-256. Likewise once an entry carries its own seal
 * every later one must, and each seal must hold. `keyedBefore`/`sealedBefore` carry that across segments.
 */
export function verifySegment(
  rows: Iterable<ChainRow>,
  prevHash: string,
  keys: ReadonlyMap<number, Buffer> = new Map(),
  keyedBefore = false,
  sealedBefore = false,
): SegmentVerdict {
  let prev = prevHash;
  let checked = 0;
  let lastId: string | null = null;
  let keyed = keyedBefore;
  let sealed = sealedBefore;
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
    const fields = chainedFields(row);
    if (chainHash(prev, fields, key) !== row.hash) {
      return { ok: false, checked, firstBrokenId: row.id, reason: 'the entry does not match its hash: it was altered' };
    }
    const unsealed = sealProblem(row, fields, keys, sealed);
    if (unsealed) return { ok: false, checked, firstBrokenId: row.id, reason: unsealed };
    keyed ||= key !== null;
    sealed ||= row.seal !== null && row.seal !== undefined;
    prev = row.hash;
    lastId = row.id;
    checked += 1;
  }
  return { ok: true, checked, lastId, lastHash: prev, keyed, sealed };
}

/** The head records the newest entry, so a removed tail (which leaves no broken link) is caught too. */
export function headMatches(
  walked: { lastId: string | null; lastHash: string; checked: number },
  head: { lastId: string | null; lastHash: string; count: number },
): boolean {
  return walked.lastId === head.lastId && walked.lastHash === head.lastHash && walked.checked === head.count;
}
