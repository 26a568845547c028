import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLK_BYTES } from './dice-kernel.ts';
import { compareCandidates, comparePairwise, compareWithin, type ClkSet, type ScoredPairs } from './dice.ts';
import { dice } from './popcount.ts';

/** n random filters, with a near copy of every third filter of `near` mixed in. */
function randomSet(n: number, near?: ClkSet): ClkSet {
  const filters = new Uint8Array(randomBytes(n * CLK_BYTES));
  if (near)
    for (let i = 0; i < Math.min(n, near.ids.length); i += 3) {
      filters.set(near.filters.subarray(i * CLK_BYTES, (i + 1) * CLK_BYTES), i * CLK_BYTES);
      filters[i * CLK_BYTES + (i % CLK_BYTES)]! ^= 0xff;
    }
  return { ids: Array.from({ length: n }, (_, i) => `r${i}`), filters };
}

const clk = (s: ClkSet, i: number) => s.filters.subarray(i * CLK_BYTES, (i + 1) * CLK_BYTES);

function reference(a: ClkSet, b: ClkSet, threshold: number, within: boolean): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < a.ids.length; i++)
    for (let j = within ? i + 1 : 0; j < b.ids.length; j++) {
      const d = dice(clk(a, i), clk(b, j));
      if (d >= threshold) out.push([i, j, d]);
    }
  return out;
}

const rows = (p: ScoredPairs) => Array.from(p.l, (l, k) => [l, p.r[k]!, p.similarity[k]!] as [number, number, number]);

describe('Dice comparisons', () => {
  const a = randomSet(150);
  const b = randomSet(170, a);

  it.each([1, 2])('all pairs of A × B at a threshold, with %i thread(s), agree with the JavaScript reference', async (threads) => {
    const progress: number[] = [];
    const got = await comparePairwise(a, b, { threshold: 0.6, threads, minPairsPerThread: 0, onProgress: (done) => progress.push(done) });
    const want = reference(a, b, 0.6, false);
    expect(want.length).toBeGreaterThanOrEqual(50);
    expect(rows(got).map(([l, r]) => [l, r])).toEqual(want.map(([l, r]) => [l, r]));
    rows(got).forEach(([, , d], k) => expect(d).toBeCloseTo(want[k]![2], 12));
    expect(progress.at(-1)).toBe(150 * 170);
  });

  it.each([1, 2])('pairs within one set (i < j), with %i thread(s)', async (threads) => {
    const s = randomSet(120, randomSet(120));
    // Plant near duplicates inside the set.
    for (let i = 0; i + 60 < 120; i += 7) s.filters.set(clk(s, i), (i + 60) * CLK_BYTES);
    const got = await compareWithin(s, { threshold: 0.55, threads, minPairsPerThread: 0 });
    expect(rows(got)).toEqual(reference(s, s, 0.55, true).map(([l, r, d]) => [l, r, expect.closeTo(d, 12)]));
    expect(rows(got).filter(([, , d]) => d === 1).length).toBeGreaterThanOrEqual(9);
  });

  it.each([1, 2])('a list of candidate pairs, with %i thread(s)', async (threads) => {
    const pairs: number[] = [];
    for (let i = 0; i < 150; i++) for (const j of [i, (i * 7) % 170, 169]) pairs.push(i, j);
    const got = await compareCandidates(a, b, Int32Array.from(pairs), { threshold: 0.3, threads, minPairsPerThread: 0 });
    const want: Array<[number, number, number]> = [];
    for (let k = 0; k < pairs.length; k += 2) {
      const d = dice(clk(a, pairs[k]!), clk(b, pairs[k + 1]!));
      if (d >= 0.3) want.push([pairs[k]!, pairs[k + 1]!, d]);
    }
    expect(rows(got)).toEqual(want.map(([l, r, d]) => [l, r, expect.closeTo(d, 12)]));
  });

  it('empty sets give no pairs', async () => {
    const empty: ClkSet = { ids: [], filters: new Uint8Array(0) };
    expect((await comparePairwise(empty, b, { threshold: 0.5 })).l.length).toBe(0);
    expect((await compareWithin(empty, { threshold: 0.5 })).l.length).toBe(0);
  });

  it('refuses a set whose filters are not 128 bytes per id', async () => {
    await expect(comparePairwise({ ids: ['x'], filters: new Uint8Array(64) }, b, { threshold: 0.5 })).rejects.toThrow(/128 bytes/);
  });
});
