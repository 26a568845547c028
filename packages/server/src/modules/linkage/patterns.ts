import { ruleMask, type BlockedPairs, type LinkMode } from './blocking.ts';
import type { Comparison } from './comparisons.ts';
import type { Encoded } from './encode.ts';

/**
 * Integer-coded comparison vectors: the levels of a pair packed in one number (mixed radix over the
 * comparisons' level counts), so EM and scoring work on a few thousand distinct codes.
 */
export interface PatternCodec {
  strides: number[];
  levelCounts: number[];
}

export function patternCodec(comparisons: readonly Comparison[]): PatternCodec {
  const strides: number[] = [];
  let s = 1;
  for (const c of comparisons) {
    strides.push(s);
    s *= c.levels.length;
  }
  if (s > 2 ** 40) throw new Error('too many comparison levels to pack into one pattern code');
  return { strides, levelCounts: comparisons.map((c) => c.levels.length) };
}

export function decodeLevel(codec: PatternCodec, code: number, c: number): number {
  return Math.floor(code / codec.strides[c]!) % codec.levelCounts[c]!;
}

export function encodePair(comparisons: readonly Comparison[], codec: PatternCodec, a: number, b: number): number {
  let code = 0;
  for (let c = 0; c < comparisons.length; c++) code += comparisons[c]!.level(a, b) * codec.strides[c]!;
  return code;
}

/** Pattern codes and rule masks for blocked pairs [start, end). */
export function comparePairs(
  comparisons: readonly Comparison[],
  codec: PatternCodec,
  pairs: Pick<BlockedPairs, 'left' | 'right' | 'keys'>,
  start: number,
  end: number,
  codes: Float64Array,
  masks: Uint16Array,
) {
  for (let k = start; k < end; k++) {
    const a = pairs.left[k]!;
    const b = pairs.right[k]!;
    codes[k] = encodePair(comparisons, codec, a, b);
    masks[k] = ruleMask(pairs.keys, a, b);
  }
}

/** Distinct (pattern, rule mask) combinations with their counts. */
export function countPatterns(codes: Float64Array, masks: Uint16Array, count: number, rules: number): Map<number, number> {
  const out = new Map<number, number>();
  const shift = 2 ** rules;
  for (let k = 0; k < count; k++) {
    const key = codes[k]! * shift + masks[k]!;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** A small seeded generator (mulberry32): the same input gives the same sample, so output is deterministic. */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * u probabilities from random record pairs (Splink's estimate_u_using_random_sampling): almost every
 * random pair is a non-match, so level frequencies among them estimate u. In 'link' mode pairs are
 * drawn across sources.
 */
export function estimateU(
  e: Encoded,
  comparisons: readonly Comparison[],
  options: { pairs: number; seed: number; mode: LinkMode; seedOffsets?: readonly number[] },
): { u: Float64Array[]; sampled: number } {
  const n = e.n;
  const crossOnly = options.mode === 'link' && e.sources.length > 1;
  let sampled = 0;
  // Each comparison draws its own pairs (u of one field does not depend on the others'); string
  // similarities are costly, so name, street, town and e-mail comparisons use a fifth of the pairs.
  const u = comparisons.map((comparison, c) => {
    const random = seededRandom(options.seed + (options.seedOffsets?.[c] ?? c));
    const counts = new Float64Array(comparison.levels.length);
    const want = CHEAP.has(comparison.name) ? options.pairs : Math.ceil(options.pairs / 5);
    let drawn = 0;
    for (let tries = 0; drawn < want && tries < want * 4; tries++) {
      const a = Math.floor(random() * n);
      const b = Math.floor(random() * n);
      if (a === b || (crossOnly && e.source[a] === e.source[b])) continue;
      drawn++;
      counts[comparison.level(a, b)]! += 1;
    }
    sampled = Math.max(sampled, drawn);
    let total = 0;
    for (let l = 1; l < counts.length; l++) total += counts[l]!;
    const out = new Float64Array(counts.length);
    // A level never seen among random pairs gets half a count: rare, but not impossible.
    for (let l = 1; l < counts.length; l++) out[l] = total > 0 ? Math.max(counts[l]!, 0.5) / total : 1 / (counts.length - 1);
    return out;
  });
  return { u, sampled };
}

const CHEAP = new Set(['birthDate', 'ssn', 'phone', 'zip', 'sex', 'suffix']);
