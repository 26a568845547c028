import { describe, expect, it } from 'vitest';
import { CLK_BYTES } from './dice-kernel.ts';
import type { ClkSet } from './dice.ts';
import { dedupeEncodings, linkEncodings } from './link.ts';
import { dice } from './popcount.ts';

/** A filter with bits [from, to) set. */
function range(from: number, to: number): Uint8Array {
  const f = new Uint8Array(CLK_BYTES);
  for (let i = from; i < to; i++) f[i >>> 3]! |= 0x80 >>> (i & 7);
  return f;
}

function set(filters: Uint8Array[]): ClkSet {
  const out = new Uint8Array(filters.length * CLK_BYTES);
  filters.forEach((f, i) => out.set(f, i * CLK_BYTES));
  return { ids: filters.map((_, i) => `r${i}`), filters: out };
}

describe('linking and deduplicating encodings', () => {
  it('a chain A–B–C whose ends are unlike is split for review (the chaining guard), a tight group is not', async () => {
    const a = range(0, 500);
    const b = range(100, 600);
    const c = range(200, 700);
    expect(dice(a, b)).toBeCloseTo(0.8, 5);
    expect(dice(b, c)).toBeCloseTo(0.8, 5);
    expect(dice(a, c)).toBeCloseTo(0.6, 5);
    // d, e, f: a tight group far from the chain.
    const d = range(700, 1000);
    const e = range(710, 1000);
    const f = range(720, 1000);
    const { clusters, pairs } = await dedupeEncodings(set([a, b, c, d, e, f]), { threshold: 0.75 });
    expect(pairs.l.length).toBe(5);
    const of = Array.from(clusters.clusterOf);
    // a and c are never in one cluster; b joins one of them; d, e, f stay together.
    expect(of[0]).not.toBe(of[2]);
    expect([of[0], of[2]]).toContain(of[1]);
    expect(new Set([of[3], of[4], of[5]]).size).toBe(1);
    expect(Array.from(clusters.review)).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('two parties: one to one, best first, and the chosen blocking is reported', async () => {
    const left = set([range(0, 500), range(500, 1000)]);
    const right = set([range(10, 500), range(0, 480), range(500, 990)]);
    const { matches, stats } = await linkEncodings(left, right, { threshold: 0.7 });
    expect(stats).toEqual({ blocking: 'none', compared: 6, aboveThreshold: 3 });
    expect(Array.from(matches.l)).toEqual([0, 1]);
    expect(Array.from(matches.r)).toEqual([0, 2]);
  });

  it('blocking by keys compares only records sharing a key', async () => {
    const left = { ...set([range(0, 500), range(500, 1000)]), blockingKeys: [['aa'], ['bb']] };
    const right = { ...set([range(0, 500), range(500, 1000)]), blockingKeys: [['bb'], ['cc']] };
    const { matches, stats } = await linkEncodings(left, right, { threshold: 0.1, blocking: 'keys' });
    expect(stats.compared).toBe(1);
    expect(matches.l.length).toBe(0);
  });
});
