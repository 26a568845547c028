/**
 * Expectation maximization for the Fellegi–Sunter mixture, run on the counts of distinct comparison
 * vectors (patterns), not per pair: the cost depends on the number of distinct patterns (hundreds to
 * a few thousand), not on the millions of pairs. Defaults follow Splink (splink/internals/settings.py:
 * em_convergence 0.0001, max_iterations 25).
 */
export interface EmInput {
  /** Levels of each pattern, row-major: pattern p, comparison c at p * comparisons + c. Level 0 is null. */
  levels: Int32Array;
  counts: Float64Array;
  comparisons: number;
  /** Number of levels (including null) per comparison. */
  levelCounts: readonly number[];
  /** Comparisons that take part (those a training blocking rule conditions on are left out). */
  active: readonly boolean[];
  m: readonly Float64Array[];
  u: readonly Float64Array[];
  lambda: number;
  /** Keep u as given (Splink: u comes from random pairs) or estimate it too. */
  fixU: boolean;
  maxIterations?: number;
  tolerance?: number;
}

export interface EmResult {
  m: Float64Array[];
  u: Float64Array[];
  lambda: number;
  iterations: number;
  /** Posterior match probability per pattern under the final parameters. */
  posterior: Float64Array;
}

/** Probabilities never reach 0: a level never seen still has a finite weight. */
const FLOOR = 1e-6;

function normalizeNonNull(counts: Float64Array): Float64Array {
  let total = 0;
  for (let l = 1; l < counts.length; l++) total += counts[l]!;
  const out = new Float64Array(counts.length);
  for (let l = 1; l < counts.length; l++) out[l] = total > 0 ? Math.max(FLOOR, counts[l]! / total) : 1 / (counts.length - 1);
  return out;
}

export function expectationMaximization(input: EmInput): EmResult {
  const { levels, counts, comparisons: C, levelCounts, active } = input;
  const P = counts.length;
  let m: Float64Array[] = input.m.map((x) => Float64Array.from(x));
  let u: Float64Array[] = input.u.map((x) => Float64Array.from(x));
  let lambda = input.lambda;
  const posterior = new Float64Array(P);
  const maxIterations = input.maxIterations ?? 25;
  const tolerance = input.tolerance ?? 1e-4;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    // E step: posterior per pattern.
    for (let p = 0; p < P; p++) {
      let lm = Math.log(lambda);
      let lu = Math.log(1 - lambda);
      for (let c = 0; c < C; c++) {
        if (!active[c]) continue;
        const l = levels[p * C + c]!;
        if (l === 0) continue;
        lm += Math.log(m[c]![l]!);
        lu += Math.log(u[c]![l]!);
      }
      posterior[p] = 1 / (1 + Math.exp(lu - lm));
    }
    // M step: expected level counts among matches (and non-matches).
    const mc = levelCounts.map((k) => new Float64Array(k));
    const uc = levelCounts.map((k) => new Float64Array(k));
    let matched = 0;
    let total = 0;
    for (let p = 0; p < P; p++) {
      const w = counts[p]! * posterior[p]!;
      const wu = counts[p]! - w;
      matched += w;
      total += counts[p]!;
      for (let c = 0; c < C; c++) {
        const l = levels[p * C + c]!;
        mc[c]![l]! += w;
        uc[c]![l]! += wu;
      }
    }
    const nextLambda = Math.min(1 - FLOOR, Math.max(FLOOR, matched / total));
    const nextM = m.map((old, c) => (active[c] ? normalizeNonNull(mc[c]!) : old));
    const nextU = input.fixU ? u : u.map((old, c) => (active[c] ? normalizeNonNull(uc[c]!) : old));
    let change = Math.abs(nextLambda - lambda);
    for (let c = 0; c < C; c++) {
      for (let l = 1; l < levelCounts[c]!; l++) {
        change = Math.max(change, Math.abs(nextM[c]![l]! - m[c]![l]!), Math.abs(nextU[c]![l]! - u[c]![l]!));
      }
    }
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return { m, u, lambda, iterations, posterior };
}

/** Starting m: most weight on the strongest level, falling geometrically (any start above u works for EM). */
export function initialM(levelCount: number): Float64Array {
  const out = new Float64Array(levelCount);
  let total = 0;
  for (let l = 1; l < levelCount; l++) {
    out[l] = l === 1 ? 0.9 : 0.1 / 2 ** (l - 1);
    total += out[l]!;
  }
  for (let l = 1; l < levelCount; l++) out[l]! /= total;
  return out;
}
