import type { ScoredPairs } from './dice.ts';

/**
 * Turning scored pairs into decisions: anonlink's greedy solver for two parties (each record links
 * to at most one record of the other party, best similarity first), and threshold + connected
 * components for deduplication within one party.
 */

/** Pair indices ordered by similarity, highest first; ties by (l, r) so the result is deterministic. */
function bestFirst(p: ScoredPairs): number[] {
  return Array.from(p.l.keys()).sort((x, y) => p.similarity[y]! - p.similarity[x]! || p.l[x]! - p.l[y]! || p.r[x]! - p.r[y]!);
}

/**
 * Greedy one-to-one matching (anonlink.solving.greedy_solve for two parties): take pairs from the
 * most similar down, keeping a pair when neither record is already matched. Returns the kept pairs
 * in that order.
 */
export function greedyOneToOne(p: ScoredPairs, threshold = 0): ScoredPairs {
  const usedL = new Set<number>();
  const usedR = new Set<number>();
  const keep: number[] = [];
  for (const i of bestFirst(p)) {
    if (p.similarity[i]! < threshold) break;
    const l = p.l[i]!;
    const r = p.r[i]!;
    if (usedL.has(l) || usedR.has(r)) continue;
    usedL.add(l);
    usedR.add(r);
    keep.push(i);
  }
  return {
    l: Int32Array.from(keep, (i) => p.l[i]!),
    r: Int32Array.from(keep, (i) => p.r[i]!),
    similarity: Float64Array.from(keep, (i) => p.similarity[i]!),
  };
}

/**
 * Connected components of the pairs at or above `threshold` over records 0..n−1 (union–find).
 * Returns a cluster number per record: the smallest record index in its cluster, so the numbering
 * does not depend on the order of the pairs.
 */
export function clusterPairs(n: number, p: ScoredPairs, threshold: number): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let i = 0; i < p.l.length; i++) {
    if (p.similarity[i]! < threshold) continue;
    const a = find(p.l[i]!);
    const b = find(p.r[i]!);
    // The smaller index becomes the root, so each root is its cluster's smallest record.
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
  }
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) cluster[i] = find(i);
  return cluster;
}
