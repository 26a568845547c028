import { describe, expect, it } from 'vitest';
import { expectationMaximization, initialM } from './em.ts';
import { seededRandom } from './patterns.ts';

/** Draws a level from probabilities over levels 1..k (index 0, null, unused). */
function draw(p: readonly number[], r: number): number {
  let acc = 0;
  for (let l = 1; l < p.length; l++) {
    acc += p[l]!;
    if (r < acc) return l;
  }
  return p.length - 1;
}

describe('expectation maximization on pattern counts', () => {
  // Three comparisons with known m and u; 4% of pairs are matches.
  const m = [
    [0, 0.85, 0.1, 0.05],
    [0, 0.9, 0.1],
    [0, 0.7, 0.2, 0.07, 0.03],
  ];
  const u = [
    [0, 0.02, 0.08, 0.9],
    [0, 0.05, 0.95],
    [0, 0.01, 0.04, 0.15, 0.8],
  ];
  const lambda = 0.04;
  const pairs = 200_000;

  function simulate(nullRate = 0) {
    const random = seededRandom(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < pairs; i++) {
      const match = random() < lambda;
      const levels = m.map((mc, c) => (random() < nullRate ? 0 : draw(match ? mc : u[c]!, random())));
      const key = levels.join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const keys = [...counts.keys()];
    const levels = new Int32Array(keys.length * 3);
    keys.forEach((k, p) => k.split(',').forEach((x, c) => (levels[p * 3 + c] = Number(x))));
    return { levels, counts: Float64Array.from(keys.map((k) => counts.get(k)!)), distinct: keys.length };
  }

  it('recovers m, u and λ from simulated comparison vectors (both estimated)', () => {
    const { levels, counts, distinct } = simulate();
    expect(distinct).toBeLessThanOrEqual(3 * 2 * 4);
    const result = expectationMaximization({
      levels,
      counts,
      comparisons: 3,
      levelCounts: [4, 3, 5],
      active: [true, true, true],
      m: [initialM(4), initialM(3), initialM(5)],
      u: [Float64Array.from([0, 1 / 3, 1 / 3, 1 / 3]), Float64Array.from([0, 0.5, 0.5]), Float64Array.from([0, 0.25, 0.25, 0.25, 0.25])],
      lambda: 0.3,
      fixU: false,
      maxIterations: 200,
      tolerance: 1e-7,
    });
    expect(result.lambda).toBeCloseTo(lambda, 2);
    for (let c = 0; c < 3; c++) {
      for (let l = 1; l < m[c]!.length; l++) {
        expect(Math.abs(result.m[c]![l]! - m[c]![l]!)).toBeLessThan(0.03);
        expect(Math.abs(result.u[c]![l]! - u[c]![l]!)).toBeLessThan(0.01);
      }
    }
  });

  it('with u fixed (from random pairs, as Splink does) recovers m and λ, ignoring nulls', () => {
    const { levels, counts } = simulate(0.1);
    const result = expectationMaximization({
      levels,
      counts,
      comparisons: 3,
      levelCounts: [4, 3, 5],
      active: [true, true, true],
      m: [initialM(4), initialM(3), initialM(5)],
      u: u.map((x) => Float64Array.from(x)),
      lambda: 0.5,
      fixU: true,
      maxIterations: 200,
      tolerance: 1e-7,
    });
    expect(result.lambda).toBeCloseTo(lambda, 2);
    for (let c = 0; c < 3; c++) for (let l = 1; l < m[c]!.length; l++) expect(Math.abs(result.m[c]![l]! - m[c]![l]!)).toBeLessThan(0.03);
    expect([...result.u[0]!]).toEqual(u[0]);
  });

  it('leaves an inactive comparison as it was (a training rule conditions on it)', () => {
    const { levels, counts } = simulate();
    const start = initialM(4);
    const result = expectationMaximization({
      levels,
      counts,
      comparisons: 3,
      levelCounts: [4, 3, 5],
      active: [false, true, true],
      m: [start, initialM(3), initialM(5)],
      u: u.map((x) => Float64Array.from(x)),
      lambda: 0.5,
      fixU: true,
    });
    expect([...result.m[0]!]).toEqual([...start]);
    expect(result.iterations).toBeGreaterThan(1);
  });
});
