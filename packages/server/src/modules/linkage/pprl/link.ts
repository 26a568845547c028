import { keyCandidates, lshCandidates, DEFAULT_LSH, type LshOptions } from './blocking.ts';
import { compareCandidates, comparePairwise, compareWithin, type ClkSet, type ScoredPairs } from './dice.ts';
import { clusterPairs, type Clusters } from '../cluster.ts';
import { CLK_BYTES } from './dice-kernel.ts';
import { dice } from './popcount.ts';
import { greedyOneToOne } from './solve.ts';

/**
 * Linking encodings at the hub: blocking, Dice comparison, then a one-to-one solve (two parties) or
 * clusters (one party's duplicates). Needs no secret and sees no clear values.
 */

export type Blocking = 'none' | 'keys' | 'lsh' | 'auto';

/** Default Dice threshold: on FEBRL4 (docs/pprl.md) precision is 1.000 from 0.65 up (FEBRL schema) and recall falls above 0.7. */
export const DEFAULT_THRESHOLD = 0.7;

/**
 * Default threshold for one party's duplicates: without the one-to-one constraint a lower threshold
 * merges strangers; on FEBRL3 cluster F1 peaks at 0.75 (docs/pprl.md).
 */
export const DEFAULT_DEDUPE_THRESHOLD = 0.75;

/**
 * Up to this many pairs, `auto` compares every pair (no recall lost to blocking). Measured
 * (docs/pprl.md): comparing runs at 10^8 pairs/s and more, while MinHash LSH on half-full CLKs still
 * leaves about 2.5% of the pairs and takes longer to build than comparing 10^9 pairs.
 */
export const ALL_PAIRS_LIMIT = 1e10;

export interface LinkOptions {
  threshold?: number;
  blocking?: Blocking;
  lsh?: LshOptions;
  threads?: number;
  onProgress?: (stage: 'blocking' | 'comparing' | 'solving', done: number, total: number) => void;
}

export interface LinkStats {
  blocking: Exclude<Blocking, 'auto'>;
  /** Pairs compared (all pairs, or the candidates blocking produced). */
  compared: number;
  /** Pairs at or above the threshold before solving. */
  aboveThreshold: number;
}

type Keyed = ClkSet & { blockingKeys?: readonly (readonly string[])[] };

function chooseBlocking(requested: Blocking, pairs: number, a: Keyed, b: Keyed | null): Exclude<Blocking, 'auto'> {
  if (requested !== 'auto') return requested;
  if (pairs <= ALL_PAIRS_LIMIT) return 'none';
  const hasKeys = (s: Keyed) => s.blockingKeys?.some((k) => k.length > 0) ?? false;
  return hasKeys(a) && (!b || hasKeys(b)) ? 'keys' : 'lsh';
}

async function scored(a: Keyed, b: Keyed | null, options: LinkOptions): Promise<{ pairs: ScoredPairs; stats: LinkStats }> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const nA = a.ids.length;
  const nB = b ? b.ids.length : nA;
  const all = b ? nA * nB : (nA * (nA - 1)) / 2;
  const blocking = chooseBlocking(options.blocking ?? 'auto', all, a, b);
  const compareProgress = (done: number, total: number) => options.onProgress?.('comparing', done, total);
  if (blocking === 'none') {
    const pairs = b
      ? await comparePairwise(a, b, { threshold, threads: options.threads, onProgress: compareProgress })
      : await compareWithin(a, { threshold, threads: options.threads, onProgress: compareProgress });
    return { pairs, stats: { blocking, compared: all, aboveThreshold: pairs.l.length } };
  }
  options.onProgress?.('blocking', 0, 1);
  let candidates: Int32Array;
  if (blocking === 'keys') {
    if (!a.blockingKeys || (b && !b.blockingKeys)) throw new Error('blocking by keys needs files encoded with blocking keys');
    candidates = keyCandidates(a.blockingKeys, b ? b.blockingKeys! : null);
  } else candidates = lshCandidates(a, b, options.lsh ?? DEFAULT_LSH);
  options.onProgress?.('blocking', 1, 1);
  const pairs = await compareCandidates(a, b, candidates, { threshold, threads: options.threads, onProgress: compareProgress });
  return { pairs, stats: { blocking, compared: candidates.length / 2, aboveThreshold: pairs.l.length } };
}

/** Two-party linking: each record of A links to at most one of B (greedy, most similar first). */
export async function linkEncodings(a: Keyed, b: Keyed, options: LinkOptions = {}): Promise<{ matches: ScoredPairs; stats: LinkStats }> {
  const { pairs, stats } = await scored(a, b, options);
  options.onProgress?.('solving', 0, 1);
  const matches = greedyOneToOne(pairs, options.threshold ?? DEFAULT_THRESHOLD);
  options.onProgress?.('solving', 1, 1);
  return { matches, stats };
}

/**
 * Chaining guard for encodings: two records of one cluster whose own CLKs are this much below the
 * threshold are joined only through others, and the linkage module's clustering splits the
 * component for review (its conflict rule; clear identifiers are not available at the hub).
 */
export const CHAINING_MARGIN = 0.1;

/**
 * One party's duplicates: pairs above the threshold, and clusters of them — the linkage module's
 * connected components with its guard against chaining, the conflict being a Dice similarity more
 * than CHAINING_MARGIN below the threshold.
 */
export async function dedupeEncodings(
  a: Keyed,
  options: LinkOptions = {},
): Promise<{ pairs: ScoredPairs; clusters: Clusters; stats: LinkStats }> {
  const threshold = options.threshold ?? DEFAULT_DEDUPE_THRESHOLD;
  const { pairs, stats } = await scored(a, null, { ...options, threshold });
  const edges = {
    left: Uint32Array.from(pairs.l),
    right: Uint32Array.from(pairs.r),
    probability: pairs.similarity,
    count: pairs.l.length,
  };
  const clk = (i: number) => a.filters.subarray(i * CLK_BYTES, (i + 1) * CLK_BYTES);
  const clusters = clusterPairs(a.ids.length, edges, threshold, (x, y) => dice(clk(x), clk(y)) < threshold - CHAINING_MARGIN);
  return { pairs, clusters, stats };
}
