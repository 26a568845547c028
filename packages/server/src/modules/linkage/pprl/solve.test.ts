import { describe, expect, it } from 'vitest';
import type { ScoredPairs } from './dice.ts';
import { greedyOneToOne } from './solve.ts';

const pairs = (rows: Array<[number, number, number]>): ScoredPairs => ({
  l: Int32Array.from(rows, (r) => r[0]),
  r: Int32Array.from(rows, (r) => r[1]),
  similarity: Float64Array.from(rows, (r) => r[2]),
});
const list = (p: ScoredPairs) => Array.from(p.l, (l, k) => [l, p.r[k], p.similarity[k]]);

describe('greedy one-to-one', () => {
  it.each([
    [
      'best first, each side used once',
      [
        [0, 0, 0.9],
        [0, 1, 0.95],
        [1, 1, 0.8],
        [1, 0, 0.85],
      ],
      0,
      [
        [0, 1, 0.95],
        [1, 0, 0.85],
      ],
    ],
    [
      'a lower pair survives when its records are free',
      [
        [0, 0, 0.9],
        [1, 1, 0.7],
        [1, 0, 0.8],
      ],
      0,
      [
        [0, 0, 0.9],
        [1, 1, 0.7],
      ],
    ],
    [
      'the threshold drops weak pairs',
      [
        [0, 0, 0.9],
        [1, 1, 0.7],
      ],
      0.75,
      [[0, 0, 0.9]],
    ],
    [
      'ties break by (l, r)',
      [
        [1, 0, 0.8],
        [0, 0, 0.8],
        [0, 1, 0.8],
      ],
      0,
      [[0, 0, 0.8]],
    ],
    ['nothing in, nothing out', [], 0, []],
  ] as const)('%s', (_name, rows, threshold, expected) => {
    expect(list(greedyOneToOne(pairs(rows.map((r) => [...r] as [number, number, number])), threshold))).toEqual(expected);
  });
});
