import { CLK_BITS, CLK_BYTES } from './dice-kernel.ts';
import type { ClkSet } from './dice.ts';

/**
 * Blocking for encodings: which pairs of CLKs to compare when comparing all pairs costs too much.
 *
 * - Keyed blocking keys, made by the parties from clear values (schema `blocking`): records sharing a
 *   key are compared. The hub sees which records share a key, so the sizes of blocks leak the
 *   frequency of the underlying values (a big block is a common surname); truncating the keys to
 *   fewer bits mixes values and blurs that, at the cost of bigger blocks.
 * - MinHash LSH over the Bloom bits, computed at the hub from the CLKs alone (no key, nothing new
 *   leaked): for each of `bands × rows` public random permutations of the 1,024 positions, the first
 *   position (in that order) whose bit is set; two filters agree on one such value with probability
 *   equal to their Jaccard similarity J = D / (2 − D). A band of `rows` values agrees with
 *   probability J^rows, and a pair is a candidate when any of `bands` bands agrees:
 *   P = 1 − (1 − J^rows)^bands (Broder 1997; Leskovec, Rajaraman & Ullman, Mining of Massive
 *   Datasets, ch. 3). See docs/pprl.md for the parameters and their measured pair completeness.
 */

export interface LshOptions {
  bands: number;
  rows: number;
  /** Seed of the public permutations; both sides of one comparison use the same. */
  seed?: number;
}

/** Defaults measured on FEBRL4 (docs/pprl.md): 3.3% of the pairs compared, pair completeness 0.98. */
export const DEFAULT_LSH: Required<LshOptions> = { bands: 60, rows: 8, seed: 1 };

/** A small seeded generator (mulberry32) for the public permutations. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function permutations(count: number, seed: number): Uint16Array[] {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const p = new Uint16Array(CLK_BITS);
    for (let i = 0; i < CLK_BITS; i++) p[i] = i;
    for (let i = CLK_BITS - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  });
}

/** The band keys of every filter: n × bands 32-bit hashes of each band's `rows` MinHash values. */
function bandKeys(set: ClkSet, perms: Uint16Array[], bands: number, rows: number): Uint32Array {
  const n = set.ids.length;
  const out = new Uint32Array(n * bands);
  const f = set.filters;
  for (let i = 0; i < n; i++) {
    const base = i * CLK_BYTES;
    for (let b = 0; b < bands; b++) {
      let h = 0x811c9dc5 ^ b;
      for (let r = 0; r < rows; r++) {
        const p = perms[b * rows + r]!;
        let k = 0;
        while (k < CLK_BITS && (f[base + (p[k]! >>> 3)]! & (0x80 >>> (p[k]! & 7))) === 0) k++;
        // An empty filter has no MinHash: it gets k = 1024, agreeing only with other empty filters.
        h = Math.imul(h ^ k, 0x01000193);
      }
      out[i * bands + b] = h >>> 0;
    }
  }
  return out;
}

/**
 * Candidate pairs from buckets: across two sets (r any), or within one (r > l). Returns (l, r) index
 * pairs sorted by l then r, each once. A stamp per right record (the last row that saw it) removes
 * the duplicates that several shared keys produce, without a set per row.
 */
function fromBuckets(
  keysOf: (i: number, visit: (key: string | number) => void) => void,
  nA: number,
  otherKeysOf: ((j: number, visit: (key: string | number) => void) => void) | null,
  nB: number,
): Int32Array {
  const index = new Map<string | number, number[]>();
  const indexed = otherKeysOf ?? keysOf;
  const nIndexed = otherKeysOf ? nB : nA;
  for (let j = 0; j < nIndexed; j++)
    indexed(j, (key) => {
      const list = index.get(key);
      if (list) list.push(j);
      else index.set(key, [j]);
    });
  const stamp = new Int32Array(nIndexed).fill(-1);
  let row = new Int32Array(1024);
  let out = new Int32Array(1 << 16);
  let k = 0;
  for (let l = 0; l < nA; l++) {
    let m = 0;
    keysOf(l, (key) => {
      const list = index.get(key);
      if (!list) return;
      for (const r of list) {
        if ((!otherKeysOf && r <= l) || stamp[r] === l) continue;
        stamp[r] = l;
        if (m === row.length) {
          const bigger = new Int32Array(row.length * 2);
          bigger.set(row);
          row = bigger;
        }
        row[m++] = r;
      }
    });
    if (m === 0) continue;
    row.subarray(0, m).sort();
    if (k + 2 * m > out.length) {
      const bigger = new Int32Array(Math.max(out.length * 2, k + 2 * m));
      bigger.set(out.subarray(0, k));
      out = bigger;
    }
    for (let x = 0; x < m; x++) {
      out[k++] = l;
      out[k++] = row[x]!;
    }
  }
  return out.slice(0, k);
}

/** MinHash-LSH candidate pairs between A and B, or within A when B is null. */
export function lshCandidates(a: ClkSet, b: ClkSet | null, options: LshOptions = DEFAULT_LSH): Int32Array {
  const { bands, rows } = options;
  const perms = permutations(bands * rows, options.seed ?? DEFAULT_LSH.seed);
  const ka = bandKeys(a, perms, bands, rows);
  const kb = b ? bandKeys(b, perms, bands, rows) : null;
  // Band b's keys are kept apart by adding b · 2^32 (exact in a double).
  const keysOf = (k: Uint32Array) => (i: number, visit: (key: number) => void) => {
    for (let band = 0; band < bands; band++) visit(band * 4294967296 + k[i * bands + band]!);
  };
  return fromBuckets(keysOf(ka), a.ids.length, kb ? keysOf(kb) : null, b ? b.ids.length : 0);
}

/** Candidate pairs sharing at least one keyed blocking key (keys of different definitions never meet: each has its own HMAC key). */
export function keyCandidates(aKeys: readonly (readonly string[])[], bKeys: readonly (readonly string[])[] | null): Int32Array {
  const visitAll = (keys: readonly (readonly string[])[]) => (i: number, visit: (key: string) => void) => {
    for (const key of keys[i]!) visit(key);
  };
  return fromBuckets(visitAll(aKeys), aKeys.length, bKeys ? visitAll(bKeys) : null, bKeys ? bKeys.length : 0);
}
