import type { ScoredPairs } from './dice.ts';

/**
 * Turning scored pairs into decisions for two parties: anonlink's greedy solver (each record links
 * to at most one record of the other party, best similarity first). One party's duplicates are
 * clustered by the linkage module's clustering (link.ts, dedupeEncodings).
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
