import type { Comparison } from './comparisons.ts';
import type { LinkModel } from './model.ts';
import { decodeLevel, type PatternCodec } from './patterns.ts';

/**
 * Match weights (Fellegi–Sunter, as Splink defines them: docs/topic_guides/theory/fellegi_sunter.md):
 * weight = log2(λ/(1−λ)) + Σ log2(m/u) + term-frequency adjustments; probability = 2^w / (1 + 2^w).
 * Term-frequency adjustment on an exact level (Splink's term_frequencies.py, weight 1.0):
 * log2(u_exact) − log2(max(tf(value), tfMinimum)), so agreeing on a rare name counts more than on "john".
 */
export interface Scorer {
  prior: number;
  /** log2(m/u) per comparison and level (0 for null). */
  weights: Float64Array[];
  score(code: number, a: number, b: number): number;
  explain(code: number, a: number, b: number): Waterfall;
}

export interface Contribution {
  comparison: string;
  level: string;
  m: number;
  u: number;
  /** log2(m/u), 0 for a null level. */
  weight: number;
  /** Term-frequency adjustment added to the weight (0 when none). */
  tfAdjustment: number;
}

/** Why a pair scored what it did: the prior and each field's contribution, in order (Splink's waterfall chart). */
export interface Waterfall {
  prior: number;
  contributions: Contribution[];
  weight: number;
  probability: number;
}

/** Splink's tf_minimum_u_value default is 0; a floor keeps one-off values from dominating a small file. */
export const TF_MINIMUM = 1e-5;

/**
 * Splink's term-frequency adjustment for agreeing exactly on a value held by a share `tf` of the
 * records: log2(u_exact) − log2(max(tf, TF_MINIMUM)). Negative for a value commoner than the average
 * exact agreement (u_exact), positive for a rarer one.
 */
export function termFrequencyAdjustment(uExact: number, tf: number): number {
  return Math.log2(uExact) - Math.log2(Math.max(tf, TF_MINIMUM));
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

export function buildScorer(model: LinkModel, comparisons: readonly Comparison[], codec: PatternCodec): Scorer {
  const prior = Math.log2(model.lambda / (1 - model.lambda));
  const weights = model.comparisons.map((c) => c.m.map((m, l) => (l === 0 ? 0 : Math.log2(m / c.u[l]!))));
  const byCode = new Map<number, number>();
  const tfTerms = comparisons.map((c, i) => {
    if (c.tfLevel < 0 || !c.tf) return undefined;
    const uExact = Math.log2(model.comparisons[i]!.u[c.tfLevel]!);
    const { ids, tf } = c.tf;
    // termFrequencyAdjustment with log2(u_exact) taken once: this runs for every exact pair.
    return { c: i, level: c.tfLevel, adjust: (a: number) => uExact - Math.log2(Math.max(tf[ids[a]!]!, TF_MINIMUM)) };
  });
  const activeTf = tfTerms.filter((t): t is NonNullable<typeof t> => t !== undefined);
  const base = (code: number) => {
    let w = byCode.get(code);
    if (w === undefined) {
      w = prior;
      for (let c = 0; c < weights.length; c++) w += weights[c]![decodeLevel(codec, code, c)]!;
      byCode.set(code, w);
    }
    return w;
  };
  return {
    prior,
    weights,
    score(code, a) {
      let w = base(code);
      for (const t of activeTf) if (decodeLevel(codec, code, t.c) === t.level) w += t.adjust(a);
      return w;
    },
    explain(code, a) {
      const contributions: Contribution[] = model.comparisons.map((mc, c) => {
        const l = decodeLevel(codec, code, c);
        const tf = tfTerms[c];
        return {
          comparison: mc.name,
          level: mc.levels[l]!,
          m: l === 0 ? 1 : mc.m[l]!,
          u: l === 0 ? 1 : mc.u[l]!,
          weight: weights[c]![l]!,
          tfAdjustment: tf && tf.level === l ? tf.adjust(a) : 0,
        };
      });
      const weight = contributions.reduce((s, x) => s + x.weight + x.tfAdjustment, prior);
      return { prior, contributions, weight, probability: probabilityOf(weight) };
    },
  };
}
