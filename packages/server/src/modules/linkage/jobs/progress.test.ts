import { describe, expect, it } from 'vitest';
import { percentOf } from './linkage-jobs.ts';

describe('percentOf (the stored progress of a running job)', () => {
  it.each([
    ['encode', 0, 0, 10],
    ['encode', 1, 1, 21],
    ['compare', 500, 1000, 39],
    ['cluster', 1, 1, 90],
  ] as const)('%s %i of %i → %i percent', (stage, done, total, percent) => {
    expect(percentOf(stage, done, total)).toBe(percent);
  });

  it('never goes back as the stages advance', () => {
    const stages = ['encode', 'block', 'compare', 'u', 'train', 'score', 'cluster'] as const;
    const seen = stages.flatMap((s) => [percentOf(s, 0, 10), percentOf(s, 5, 10), percentOf(s, 10, 10)]);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBeGreaterThanOrEqual(10);
    expect(seen.at(-1)).toBeLessThanOrEqual(90);
  });
});
