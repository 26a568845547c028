import { describe, expect, it } from 'vitest';
import { clusterPairs, type ScoredEdges } from './cluster.ts';

function edges(list: [number, number, number][]): ScoredEdges {
  return {
    left: Uint32Array.from(list.map((e) => e[0])),
    right: Uint32Array.from(list.map((e) => e[1])),
    probability: Float64Array.from(list.map((e) => e[2])),
    count: list.length,
  };
}
const none = () => false;

describe('clustering', () => {
  it('connected components above the threshold, numbered by first record', () => {
    const c = clusterPairs(
      6,
      edges([
        [3, 4, 0.9],
        [0, 1, 0.95],
        [1, 2, 0.6],
        [2, 5, 0.4],
      ]),
      0.5,
      none,
    );
    expect([...c.clusterOf]).toEqual([1, 1, 1, 2, 2, 3]);
    expect(c.clusters).toBe(3);
    expect([...c.review]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('is the same whatever the order of the pairs', () => {
    const list: [number, number, number][] = [
      [3, 4, 0.9],
      [0, 1, 0.95],
      [1, 2, 0.6],
      [2, 5, 0.7],
    ];
    const a = clusterPairs(6, edges(list), 0.5, none);
    const b = clusterPairs(6, edges([...list].reverse()), 0.5, none);
    expect([...a.clusterOf]).toEqual([...b.clusterOf]);
  });

  it('splits a chain whose ends conflict, keeping the stronger links, and marks it for review', () => {
    // 0–1 strong, 1–2 weaker; 0 and 2 hold different full SSNs (a conflict) and no direct link.
    const conflict = (a: number, b: number) => (a === 0 && b === 2) || (a === 2 && b === 0);
    const c = clusterPairs(
      4,
      edges([
        [0, 1, 0.99],
        [1, 2, 0.8],
        [2, 3, 0.95],
      ]),
      0.5,
      conflict,
    );
    expect(c.clusterOf[0]).toBe(c.clusterOf[1]);
    expect(c.clusterOf[2]).toBe(c.clusterOf[3]);
    expect(c.clusterOf[0]).not.toBe(c.clusterOf[2]);
    expect([...c.review]).toEqual([1, 1, 1, 1]);
    expect(c.splitComponents).toBe(1);
  });

  it('keeps a pair the model linked directly despite a conflict (the guard is against chaining)', () => {
    const c = clusterPairs(2, edges([[0, 1, 0.99]]), 0.5, () => true);
    expect(c.clusterOf[0]).toBe(c.clusterOf[1]);
    expect(c.splitComponents).toBe(0);
  });
});
