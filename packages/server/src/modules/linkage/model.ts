import type { BlockingRule } from './blocking.ts';
import type { Comparison } from './comparisons.ts';
import { expectationMaximization, initialM } from './em.ts';
import { decodeLevel, type PatternCodec } from './patterns.ts';

/** A trained Fellegi–Sunter model: λ and, per comparison, m and u for every level (index 0, null, unused). */
export interface LinkModel {
  lambda: number;
  comparisons: { name: string; levels: readonly string[]; m: Float64Array; u: Float64Array }[];
  /** How λ was found and from which training sessions m came (for the summary a reviewer reads). */
  training: {
    sessions: { rule: string; pairs: number; lambda: number; iterations: number; trained: string[] }[];
    expectedMatches: number;
    totalPairs: number;
    lambdaMethod: 'rule recall' | 'assumed recall';
  };
}

/** Splink's guidance when no better estimate exists: deterministic rules recall about 0.8 of matches (training_rationale.md). */
const ASSUMED_RECALL = 0.8;
/** A training session needs this many pairs to say anything. */
const MIN_SESSION_PAIRS = 30;

/**
 * Combines a comparison's m from several sessions by the median of each level, renormalized. Splink
 * averages; a median resists one session whose rule selects look-alike non-matches (a household
 * shares a surname and an address, so EM on that rule's pairs mistakes households for duplicates).
 */
export function medianM(runs: readonly Float64Array[]): Float64Array {
  const levels = runs[0]!.length;
  const out = new Float64Array(levels);
  let total = 0;
  for (let l = 1; l < levels; l++) {
    const xs = runs.map((r) => r[l]!).sort((a, b) => a - b);
    const mid = xs.length >> 1;
    out[l] = xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
    total += out[l]!;
  }
  for (let l = 1; l < levels; l++) out[l]! /= total;
  return out;
}

interface Session {
  rule: number;
  active: boolean[];
  keys: number[];
  counts: Float64Array;
  levels: Int32Array;
  masks: number[];
  posterior: Float64Array;
  lambda: number;
  pairs: number;
}

/**
 * Trains m (EM, round-robin over the blocking rules: on each rule's pairs, the comparisons the rule
 * conditions on sit out, as in Splink's training sessions) and λ. λ: each session estimates the
 * matches among its rule's pairs; another session on disjoint comparisons estimates what share of all
 * matches the rule catches (its recall), so matches ≈ λ_r·|r| / recall_r; the median over such
 * estimates, divided by all possible pairs, is the prior.
 */
export function trainModel(input: {
  comparisons: readonly Comparison[];
  codec: PatternCodec;
  rules: readonly BlockingRule[];
  /** (pattern code × 2^rules + rule mask) → number of pairs. */
  patternCounts: ReadonlyMap<number, number>;
  u: readonly Float64Array[];
  totalPairs: number;
}): LinkModel {
  const { comparisons, codec, rules, patternCounts, u, totalPairs } = input;
  const C = comparisons.length;
  const shift = 2 ** rules.length;
  const entries = [...patternCounts.entries()].sort((x, y) => x[0] - y[0]);
  const sessions: Session[] = [];
  const mRuns: Float64Array[][] = comparisons.map(() => []);
  const sessionInfo: LinkModel['training']['sessions'] = [];
  for (let r = 0; r < rules.length; r++) {
    const active = comparisons.map((c) => !rules[r]!.uses.includes(c.name));
    const keys: number[] = [];
    const masks: number[] = [];
    const countList: number[] = [];
    for (const [key, count] of entries) {
      const mask = key % shift;
      if ((mask & (1 << r)) === 0) continue;
      keys.push(Math.floor(key / shift));
      masks.push(mask);
      countList.push(count);
    }
    const pairs = countList.reduce((s, x) => s + x, 0);
    if (pairs < MIN_SESSION_PAIRS || !active.some(Boolean)) continue;
    const levels = new Int32Array(keys.length * C);
    keys.forEach((code, p) => {
      for (let c = 0; c < C; c++) levels[p * C + c] = decodeLevel(codec, code, c);
    });
    const counts = Float64Array.from(countList);
    const result = expectationMaximization({
      levels,
      counts,
      comparisons: C,
      levelCounts: codec.levelCounts,
      active,
      m: comparisons.map((c) => initialM(c.levels.length)),
      u,
      lambda: 0.5,
      fixU: true,
    });
    sessions.push({ rule: r, active, keys, counts, levels, masks, posterior: result.posterior, lambda: result.lambda, pairs });
    const trained: string[] = [];
    for (let c = 0; c < C; c++) {
      if (!active[c]) continue;
      mRuns[c]!.push(result.m[c]!);
      trained.push(comparisons[c]!.name);
    }
    sessionInfo.push({ rule: rules[r]!.name, pairs, lambda: result.lambda, iterations: result.iterations, trained });
  }
  const m = comparisons.map((c, i) => (mRuns[i]!.length === 0 ? initialM(c.levels.length) : medianM(mRuns[i]!)));

  // Rule recall from a session on disjoint comparisons: the posterior share of its matches that also satisfy the rule.
  const estimates: number[] = [];
  for (const s of sessions) {
    const usesR = new Set(rules[s.rule]!.uses);
    for (const t of sessions) {
      if (t === s || rules[t.rule]!.uses.some((x) => usesR.has(x))) continue;
      let matched = 0;
      let alsoInRule = 0;
      for (let p = 0; p < t.counts.length; p++) {
        const w = t.counts[p]! * t.posterior[p]!;
        matched += w;
        if ((t.masks[p]! & (1 << s.rule)) !== 0) alsoInRule += w;
      }
      const recall = matched > 0 ? alsoInRule / matched : 0;
      if (recall > 0.01) estimates.push((s.lambda * s.pairs) / recall);
    }
  }
  let expectedMatches: number;
  let lambdaMethod: LinkModel['training']['lambdaMethod'];
  if (estimates.length > 0) {
    estimates.sort((x, y) => x - y);
    expectedMatches = estimates[Math.floor(estimates.length / 2)]!;
    lambdaMethod = 'rule recall';
  } else {
    const best = sessions.reduce((s, x) => Math.max(s, x.lambda * x.pairs), 0);
    expectedMatches = best / ASSUMED_RECALL;
    lambdaMethod = 'assumed recall';
  }
  const lambda = Math.min(0.5, Math.max(1 / Math.max(totalPairs, 1), expectedMatches / Math.max(totalPairs, 1)));
  return {
    lambda,
    comparisons: comparisons.map((c, i) => ({ name: c.name, levels: c.levels, m: m[i]!, u: Float64Array.from(u[i]!) })),
    training: { sessions: sessionInfo, expectedMatches, totalPairs, lambdaMethod },
  };
}
