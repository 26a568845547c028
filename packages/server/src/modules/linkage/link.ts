import { blockPairs, rulesFor, type BlockingRule, type LinkMode } from './blocking.ts';
import { clusterPairs, type Clusters } from './cluster.ts';
import { buildComparisons, type Comparison } from './comparisons.ts';
import { encodeRecords, type Encoded } from './encode.ts';
import { birthDateLevel, ssnLevel } from './levels.ts';
import { trainModel, type LinkModel } from './model.ts';
import { defaultNicknames, type NicknameGroups } from './nicknames.ts';
import { compareAndSampleInParallel, threadsFor } from './parallel.ts';
import { comparePairs, countPatterns, estimateU, patternCodec } from './patterns.ts';
import type { LinkRecord } from './records.ts';
import { buildScorer, probabilityOf, type Waterfall } from './score.ts';

export interface LinkOptions {
  /** 'dedupe' (one set), 'link' (only pairs across sources) or 'link_and_dedupe' (both). Default 'dedupe'. */
  mode?: LinkMode;
  rules?: readonly BlockingRule[];
  /** Match probability at or above which a pair joins a cluster. Default 0.5: a match is then more likely than not under the model. */
  threshold?: number;
  maxBlockSize?: number;
  /** Random pairs sampled for u (default 500,000; string comparisons use a fifth). Splink suggests 1e7 for large sets; the exact-level u of a name is ~1e-3, so 1e5 pairs still see it ~100 times. */
  uPairs?: number;
  seed?: number;
  nicknames?: NicknameGroups;
  onProgress?: (stage: LinkStage, done: number, total: number) => void;
  /**
   * Threads for comparing pairs and sampling u (default 1; 2 uses a worker thread from `minParallelPairs`
   * blocked pairs). On the shared 2-core machine a second thread did not pay (docs/performance.md).
   */
  threads?: number;
  /** Fewer blocked pairs than this run on one thread: starting a thread costs more than it saves (default 250,000). */
  minParallelPairs?: number;
}

export type LinkStage = 'encode' | 'block' | 'compare' | 'u' | 'train' | 'score' | 'cluster';

export interface ScoredPairs {
  left: Uint32Array;
  right: Uint32Array;
  codes: Float64Array;
  weight: Float64Array;
  probability: Float64Array;
  count: number;
}

export interface LinkResult {
  n: number;
  model: LinkModel;
  pairs: ScoredPairs;
  clusters: Clusters;
  threshold: number;
  stats: {
    blocking: { name: string; pairs: number; skippedBlocks: number; largestBlock: number }[];
    distinctPatterns: number;
    uPairs: number;
    /** Threads that compared pairs and sampled u (with 2, the 'compare' time includes u). */
    threads: number;
    /** Milliseconds per stage. */
    timings: Partial<Record<LinkStage, number>>;
  };
  /** The waterfall of pair k (its prior and each comparison's contribution). */
  explain(k: number): Waterfall;
}

/** All possible pairs the prior is relative to. */
export function possiblePairs(e: Encoded, mode: LinkMode): number {
  if (mode !== 'link') return (e.n * (e.n - 1)) / 2;
  const sizes = new Array<number>(e.sources.length).fill(0);
  for (let i = 0; i < e.n; i++) sizes[e.source[i]!]! += 1;
  let total = 0;
  let seen = 0;
  for (const s of sizes) {
    total += s * seen;
    seen += s;
  }
  return total;
}

/**
 * Strong-identifier conflicts that forbid two records from sharing a cluster: different full national
 * ids (not one typo apart), different generational suffixes (Jr/Sr), or birth dates that disagree
 * entirely together with given names that disagree entirely.
 */
export function conflictRule(e: Encoded, comparisons: readonly Comparison[]): (a: number, b: number) => boolean {
  const ssn = e.fields.ssn;
  const dob = e.fields.birthDate;
  const suffix = e.fields.suffix.ids;
  const given = comparisons.find((c) => c.name === 'given');
  return (a, b) => {
    const sa = ssn.ids[a]!;
    const sb = ssn.ids[b]!;
    if (sa !== 0 && sb !== 0 && sa !== sb) {
      const x = ssn.values[sa]!;
      const y = ssn.values[sb]!;
      if (x.length >= 7 && x.length === y.length && ssnLevel(x, y) === 4) return true;
    }
    if (suffix[a] !== 0 && suffix[b] !== 0 && suffix[a] !== suffix[b]) return true;
    const da = dob.ids[a]!;
    const db = dob.ids[b]!;
    if (da !== 0 && db !== 0 && da !== db && birthDateLevel(dob.values[da]!, dob.values[db]!) === 5) {
      if (given && given.level(a, b) === given.levels.length - 1) return true;
    }
    return false;
  };
}

/**
 * Pairs never joined, whatever their weight (household rules of master person indexes; the model's
 * independence assumption fails for people who share a household):
 * - generational suffixes that differ (Jr and Sr at one address are father and son);
 * - the same family name with given names that disagree entirely (not a nickname, sound, initial or
 *   typo: level "else") and no agreeing full national id — twins, siblings, spouses.
 */
export function vetoRule(e: Encoded, comparisons: readonly Comparison[]): (a: number, b: number) => boolean {
  const suffix = e.fields.suffix.ids;
  const ssn = e.fields.ssn.ids;
  const given = comparisons.find((c) => c.name === 'given');
  const family = comparisons.find((c) => c.name === 'family');
  return (a, b) => {
    if (suffix[a] !== 0 && suffix[b] !== 0 && suffix[a] !== suffix[b]) return true;
    if (!given || !family || (ssn[a] !== 0 && ssn[a] === ssn[b])) return false;
    if (given.level(a, b) !== given.levels.length - 1) return false;
    const f = family.level(a, b);
    return f === 1 || f === 3;
  };
}

/** Deduplicates or links normalized records: block, compare, train (u by sampling, m and λ by EM), score, cluster. */
export async function linkRecords(records: readonly LinkRecord[], options: LinkOptions = {}): Promise<LinkResult> {
  const mode = options.mode ?? 'dedupe';
  const threshold = options.threshold ?? 0.5;
  const rules = options.rules ?? rulesFor(records.length);
  const progress = options.onProgress ?? (() => {});
  const timings: LinkResult['stats']['timings'] = {};
  let t = performance.now();
  const lap = (stage: LinkStage) => {
    const now = performance.now();
    timings[stage] = now - t;
    t = now;
  };

  progress('encode', 0, records.length);
  const e = encodeRecords(records, options.nicknames ?? defaultNicknames());
  const comparisons = buildComparisons(e);
  const codec = patternCodec(comparisons);
  lap('encode');

  progress('block', 0, rules.length);
  const blocked = blockPairs(e, { rules, mode, ...(options.maxBlockSize !== undefined ? { maxBlockSize: options.maxBlockSize } : {}) });
  lap('block');

  const count = blocked.count;
  const totalPairs = possiblePairs(e, mode);
  const uPairs = Math.min(options.uPairs ?? 500_000, Math.max(1, Math.floor(totalPairs)));
  const seed = options.seed ?? 42;
  const threads = threadsFor(options.threads, count, options.minParallelPairs ?? 250_000);
  let codes: Float64Array;
  let masks: Uint16Array;
  let u: Float64Array[];
  if (threads > 1) {
    progress('compare', 0, count);
    ({ codes, masks, u } = await compareAndSampleInParallel(e, comparisons, codec, blocked, { pairs: uPairs, seed, mode }));
    progress('compare', count, count);
    lap('compare');
  } else {
    codes = new Float64Array(count);
    masks = new Uint16Array(count);
    const step = 1 << 18;
    for (let start = 0; start < count; start += step) {
      progress('compare', start, count);
      comparePairs(comparisons, codec, blocked, start, Math.min(count, start + step), codes, masks);
    }
    progress('compare', count, count);
    lap('compare');
    progress('u', 0, 1);
    u = estimateU(e, buildComparisons(e, { cache: false }), { pairs: uPairs, seed, mode }).u;
    lap('u');
  }
  const sampled = uPairs;

  progress('train', 0, 1);
  const patternCounts = countPatterns(codes, masks, count, rules.length);
  const model = trainModel({ comparisons, codec, rules, patternCounts, u, totalPairs });
  lap('train');

  progress('score', 0, count);
  const scorer = buildScorer(model, comparisons, codec);
  const weight = new Float64Array(count);
  const probability = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const w = scorer.score(codes[k]!, blocked.left[k]!, blocked.right[k]!);
    weight[k] = w;
    probability[k] = probabilityOf(w);
  }
  lap('score');

  progress('cluster', 0, 1);
  const pairs: ScoredPairs = {
    left: blocked.left.subarray(0, count),
    right: blocked.right.subarray(0, count),
    codes,
    weight,
    probability,
    count,
  };
  const clusters = clusterPairs(e.n, pairs, threshold, conflictRule(e, comparisons), vetoRule(e, comparisons));
  lap('cluster');
  progress('cluster', 1, 1);

  return {
    n: e.n,
    model,
    pairs,
    clusters,
    threshold,
    stats: { blocking: blocked.perRule, distinctPatterns: patternCounts.size, uPairs: sampled, threads, timings },
    explain: (k) => scorer.explain(codes[k]!, pairs.left[k]!, pairs.right[k]!),
  };
}
