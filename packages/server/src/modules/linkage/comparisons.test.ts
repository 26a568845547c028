import { describe, expect, it } from 'vitest';
import { buildComparisons } from './comparisons.ts';
import { encodeRecords } from './encode.ts';
import { medianM } from './model.ts';
import { defaultNicknames } from './nicknames.ts';
import { patternCodec } from './patterns.ts';
import { normalizePeople } from './records.ts';
import { buildScorer } from './score.ts';

const people = normalizePeople([
  { id: '0', given_name: 'Ann', family_name: 'Lee', birth_date: '1990-01-01', address: '12 Main Street', zip: '21201' },
  { id: '1', given_name: 'Lee', family_name: 'Ann', birth_date: '1990-01-01', address: '12 Main St', zip: '21201' },
  { id: '2', given_name: 'Ann', family_name: 'Lee', birth_date: '1990-01-01', address: '14 Main St' },
  { id: '3', given_name: 'Portia', family_name: 'Lee', address: '12 Mian St' },
  { id: '4', given_name: 'Portia', family_name: 'Lee', address: '' },
  { id: '5', given_name: 'Ann', family_name: 'Lee' },
  { id: '6', given_name: 'Ann', family_name: 'Moss' },
]);
const e = encodeRecords(people, defaultNicknames());
const comparisons = buildComparisons(e);
const level = (name: string, a: number, b: number) => {
  const c = comparisons.find((x) => x.name === name)!;
  return c.levels[c.level(a, b)];
};

describe('comparisons over encoded records', () => {
  it('leaves out fields no record has', () => {
    expect(comparisons.map((c) => c.name)).toEqual(['given', 'family', 'birthDate', 'address', 'zip']);
  });

  it('given and family names swapped between records', () => {
    expect(level('given', 0, 1)).toBe('swapped');
    expect(level('family', 0, 1)).toBe('swapped');
    expect(level('given', 0, 2)).toBe('exact');
  });

  it('address: number and street, street only, number with a fuzzy street, null when a street is missing', () => {
    expect(level('address', 0, 1)).toBe('exact');
    expect(level('address', 0, 2)).toBe('street');
    expect(level('address', 1, 3)).toBe('number_fuzzy');
    expect(level('address', 0, 4)).toBe('null');
  });

  it('term frequency: agreeing on a rare given name weighs more than on a common one', () => {
    const codec = patternCodec(comparisons);
    const model = {
      lambda: 0.01,
      comparisons: comparisons.map((c) => ({
        name: c.name,
        levels: c.levels,
        m: Float64Array.from(c.levels, (_, l) => (l === 0 ? 0 : l === 1 ? 0.9 : 0.1 / (c.levels.length - 2))),
        u: Float64Array.from(c.levels, (_, l) => (l === 0 ? 0 : l === 1 ? 0.1 : 0.9 / (c.levels.length - 2))),
      })),
      training: { sessions: [], expectedMatches: 0, totalPairs: 21, lambdaMethod: 'assumed recall' as const },
    };
    const scorer = buildScorer(model, comparisons, codec);
    let code = 0;
    comparisons.forEach((c, i) => (code += (c.name === 'given' || c.name === 'family' ? 1 : 0) * codec.strides[i]!));
    const common = scorer.explain(code, 5, 6).contributions.find((c) => c.comparison === 'given')!;
    const rare = scorer.explain(code, 3, 4).contributions.find((c) => c.comparison === 'given')!;
    // "ann" is 4 of 7 given names, "portia" 2 of 7: log2(0.1) − log2(tf).
    expect(common.tfAdjustment).toBeCloseTo(Math.log2(0.1) - Math.log2(4 / 7), 9);
    expect(rare.tfAdjustment).toBeCloseTo(Math.log2(0.1) - Math.log2(2 / 7), 9);
    expect(rare.tfAdjustment).toBeGreaterThan(common.tfAdjustment);
  });
});

describe('combining m over training sessions', () => {
  it('takes the median per level, so one contaminated session does not move it, and renormalizes', () => {
    const m = medianM([Float64Array.from([0, 0.9, 0.1]), Float64Array.from([0, 0.92, 0.08]), Float64Array.from([0, 0.5, 0.5])]);
    expect(m[1]).toBeCloseTo(0.9 / (0.9 + 0.1), 9);
    expect(m[1]! + m[2]!).toBeCloseTo(1, 12);
  });
});
