import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainedFields,
  chainHash,
  GENESIS_HASH,
  headMatches,
  verifySegment,
  type ChainRow,
  type ChainedFields,
} from './audit-chain.ts';

function fields(i: number): ChainedFields {
  return {
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    actorType: 'user',
    actorUserId: '11111111-1111-4111-8111-111111111111',
    actorTokenId: null,
    actorLabel: 'user',
    organizationId: null,
    action: `thing.do-${i}`,
    entityType: 'thing',
    entityId: String(i),
    requestId: 'req',
    details: { n: i, nested: { b: 1, a: 2 } },
  };
}

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f = fields(i);
    const hash = chainHash(prev, f);
    rows.push({ id: String(i), prevHash: prev, hash, keyVersion: 0, ...f });
    prev = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('verifySegment', () => {
  it('accepts an intact chain', () => {
    const rows = chain(5);
    expect(verifySegment(rows, GENESIS_HASH)).toEqual({
      ok: true,
      checked: 5,
      lastId: '5',
      lastHash: rows[4]!.hash,
      keyed: false,
      sealed: false,
    });
  });

  it.each([
    ['an altered action', (rows: ChainRow[]) => (rows[2]!.action = 'thing.other'), '3'],
    ['an altered actor', (rows: ChainRow[]) => (rows[1]!.actorUserId = null), '2'],
    ['an altered detail', (rows: ChainRow[]) => (rows[3]!.details = { n: 99 }), '4'],
    ['an altered time', (rows: ChainRow[]) => (rows[0]!.occurredAt = '2020-01-01T00:00:00.000Z'), '1'],
    ['a removed entry', (rows: ChainRow[]) => rows.splice(2, 1), '4'],
    ['two swapped entries', (rows: ChainRow[]) => rows.splice(1, 2, rows[2]!, rows[1]!), '3'],
    [
      'a recomputed hash on an altered row',
      (rows: ChainRow[]) => {
        rows[2]!.action = 'thing.hidden';
        rows[2]!.hash = chainHash(rows[2]!.prevHash, chainedFields(rows[2]!));
      },
      '4',
    ],
  ])('names the first broken entry after %s', (_label, tamper, firstBroken) => {
    const rows = chain(5);
    tamper(rows);
    const verdict = verifySegment(rows, GENESIS_HASH);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.firstBrokenId).toBe(firstBroken);
  });

  it('does not accept key order as a change (jsonb reorders keys)', () => {
    const rows = chain(2);
    rows[0]!.details = { nested: { a: 2, b: 1 }, n: 1 };
    expect(verifySegment(rows, GENESIS_HASH).ok).toBe(true);
  });
});

describe('headMatches', () => {
  it('catches a removed tail, which leaves no broken link', () => {
    const rows = chain(5);
    const walked = verifySegment(rows.slice(0, 4), GENESIS_HASH);
    if (!walked.ok) throw new Error('unexpected');
    expect(headMatches(walked, { lastId: '5', lastHash: rows[4]!.hash, count: 5 })).toBe(false);
    const full = verifySegment(rows, GENESIS_HASH);
    if (!full.ok) throw new Error('unexpected');
    expect(headMatches(full, { lastId: '5', lastHash: rows[4]!.hash, count: 5 })).toBe(true);
  });
});

describe('the keyed chain', () => {
  const key = Buffer.alloc(32, 7);
  const keys = new Map([[1, key]]);
  /** `legacy` unkeyed entries first (written before the chain was keyed), then keyed ones. */
  function keyedChain(n: number, legacy = 0): ChainRow[] {
    const rows: ChainRow[] = [];
    let prev = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const f = fields(i);
      const keyVersion = i <= legacy ? 0 : 1;
      const hash = chainHash(prev, f, keyVersion === 0 ? null : key);
      rows.push({ id: String(i), prevHash: prev, hash, keyVersion, ...f });
      prev = hash;
    }
    return rows;
  }
  /** What someone with the database but not the key can do: alter a row, re-hash it and every later one. */
  function rewriteWithoutKey(rows: ChainRow[], from: number, keyVersion: number) {
    let prev = rows[from - 1]?.hash ?? GENESIS_HASH;
    for (const row of rows.slice(from)) {
      const { id: _id, prevHash: _p, hash: _h, keyVersion: _v, ...f } = row;
      row.prevHash = prev;
      row.keyVersion = keyVersion;
      row.hash = chainHash(prev, f, keyVersion === 0 ? null : Buffer.alloc(32, 9));
      prev = row.hash;
    }
  }

  it('is HMAC-SHA-256: the same entry hashes differently with and without the key', () => {
    expect(chainHash(GENESIS_HASH, fields(1), key)).not.toBe(chainHash(GENESIS_HASH, fields(1)));
    expect(verifySegment(keyedChain(4), GENESIS_HASH, keys)).toMatchObject({ ok: true, checked: 4, keyed: true });
  });

  it('verifies unkeyed entries written before the switch, then keyed ones', () => {
    expect(verifySegment(keyedChain(6, 3), GENESIS_HASH, keys)).toMatchObject({ ok: true, checked: 6, keyed: true });
  });

  it.each([
    ['re-hashed as unkeyed SHA-256', 0, 'an unkeyed entry follows keyed ones'],
    ['re-hashed under a guessed key', 1, 'does not match its hash'],
  ])('names an altered entry %s with every later entry and the head rewritten', (_label, keyVersion, reason) => {
    const rows = keyedChain(6, 2);
    rows[3]!.action = 'thing.hidden';
    rewriteWithoutKey(rows, 3, keyVersion);
    expect(verifySegment(rows, GENESIS_HASH, keys)).toMatchObject({
      ok: false,
      firstBrokenId: '4',
      reason: expect.stringContaining(reason),
    });
  });

  it('names an unkeyed entry after keyed ones across segments, and a key version the server lacks', () => {
    const rows = keyedChain(2);
    const first = verifySegment(rows.slice(0, 1), GENESIS_HASH, keys);
    if (!first.ok) throw new Error('unexpected');
    rewriteWithoutKey(rows, 1, 0);
    expect(verifySegment(rows.slice(1), first.lastHash, keys, first.keyed)).toMatchObject({ ok: false, firstBrokenId: '2' });
    expect(verifySegment(keyedChain(2), GENESIS_HASH, new Map())).toMatchObject({
      ok: false,
      firstBrokenId: '1',
      reason: expect.stringContaining('key version 1'),
    });
  });
});
