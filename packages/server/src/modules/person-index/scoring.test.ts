import { describe, expect, it } from 'vitest';
import type { StoredModel } from './person-index.table.ts';
import {
  LOWER_THRESHOLD,
  modelVersion,
  normalizeFields,
  outcomeOf,
  scoreCandidates,
  UPPER_THRESHOLD,
  type MatchFields,
  type NameFrequencies,
  type PairScore,
} from './scoring.ts';

/** A small hand-made model: agreement on each field is strong evidence, disagreement weak evidence against. */
const model: StoredModel = {
  lambda: 0.001,
  comparisons: [
    {
      name: 'given',
      levels: ['null', 'exact', 'swapped', 'nickname', 'dl1', 'jw92', 'jw88', 'phonetic', 'jw70', 'initial', 'else'],
      m: [1, 0.8, 0.01, 0.05, 0.05, 0.03, 0.02, 0.01, 0.01, 0.01, 0.01],
      u: [1, 0.005, 0.0001, 0.001, 0.001, 0.002, 0.004, 0.01, 0.02, 0.05, 0.9],
    },
    {
      name: 'family',
      levels: ['null', 'exact', 'swapped', 'part', 'dl1', 'jw92', 'jw88', 'phonetic', 'jw70', 'else'],
      m: [1, 0.85, 0.01, 0.02, 0.05, 0.02, 0.02, 0.01, 0.01, 0.01],
      u: [1, 0.003, 0.0001, 0.0005, 0.001, 0.002, 0.004, 0.01, 0.02, 0.95],
    },
    {
      name: 'birthDate',
      levels: ['null', 'exact', 'transposed', 'dl1', 'year1', 'else'],
      m: [1, 0.9, 0.02, 0.02, 0.02, 0.04],
      u: [1, 0.0001, 0.00001, 0.002, 0.001, 0.99689],
    },
    {
      name: 'phone',
      levels: ['null', 'exact', 'last7', 'dl1', 'else'],
      m: [1, 0.7, 0.05, 0.05, 0.2],
      u: [1, 0.0001, 0.0001, 0.0005, 0.9993],
    },
  ],
};
const blank: MatchFields = {
  givenName: '',
  familyName: '',
  birthDate: '',
  sex: '',
  phone: '',
  ssn: '',
  address: '',
  city: '',
  zip: '',
  email: '',
};
const rosa: MatchFields = { ...blank, givenName: 'Rosa', familyName: 'Delgado', birthDate: '1990-04-12', phone: '541-555-0199' };

describe('scoreCandidates', () => {
  const record = normalizeFields('new', rosa);
  const cases: [string, MatchFields, string][] = [
    ['the same person, same phone', rosa, 'auto_link'],
    ['born a year apart, no phone', { ...rosa, birthDate: '1991-04-12', phone: '' }, 'review'],
    ['a stranger born the same day', { ...rosa, givenName: 'John', familyName: 'Smith', phone: '' }, 'new_identity'],
    ['twins: same family and birth date, different given names', { ...rosa, givenName: 'Maria' }, 'review'],
  ];
  it.each(cases)('%s', (_label, candidate, outcome) => {
    const [score] = scoreCandidates(model, record, [normalizeFields('c', candidate)]);
    expect(outcomeOf(score!)).toBe(outcome);
  });

  it('explains every score: the prior plus each field equals the weight, and the probability follows the weight', () => {
    const [s] = scoreCandidates(model, record, [normalizeFields('c', { ...rosa, phone: '' })]);
    expect(s!.contributions.map((c) => [c.comparison, c.level])).toEqual([
      ['given', 'exact'],
      ['family', 'exact'],
      ['birthDate', 'exact'],
      ['phone', 'null'],
    ]);
    expect(s!.contributions.reduce((sum, c) => sum + c.weight, s!.prior)).toBeCloseTo(s!.weight, 9);
    expect(s!.probability).toBeCloseTo(1 / (1 + 2 ** -s!.weight), 12);
  });

  it('is deterministic: the same candidates in any order give the same ranking', () => {
    const candidates = ['a', 'b', 'c'].map((id, i) => normalizeFields(id, { ...rosa, phone: i === 1 ? '' : rosa.phone }));
    const one = scoreCandidates(model, record, candidates).map((s) => s.candidateId);
    const two = scoreCandidates(model, record, [...candidates].reverse()).map((s) => s.candidateId);
    expect(one).toEqual(two);
    expect(one).toEqual(['a', 'c', 'b']);
  });
});

describe('scoreCandidates with term frequencies', () => {
  // The same pair of records agreeing on given name, family name and birth date; only how common the names are in the network changes.
  const pair = (given: string, family: string) => {
    const fields = { ...rosa, givenName: given, familyName: family, phone: '' };
    return [normalizeFields('new', fields), normalizeFields('c', fields)] as const;
  };
  const weightOf = (given: string, family: string, frequencies?: NameFrequencies) => {
    const [record, candidate] = pair(given, family);
    return scoreCandidates(model, record, [candidate], frequencies)[0]!;
  };
  // u_exact of the family name is 0.003 in the model: a name held by 0.3% of records adjusts by 0.
  const familyU = 0.003;
  const givenU = 0.005;
  const cases: [string, string, string, NameFrequencies, number][] = [
    ['a common surname (1% of records)', 'John', 'Smith', { given: givenU, family: 0.01 }, Math.log2(familyU / 0.01)],
    ['a surname as common as the average exact agreement', 'John', 'Lee', { given: givenU, family: familyU }, 0],
    ['a rare surname (1 in 50,000)', 'John', 'Oyelaran', { given: givenU, family: 0.00002 }, Math.log2(familyU / 0.00002)],
    [
      'a surname held by one record in a million (floored at 1e-5)',
      'John',
      'Quennell',
      { given: givenU, family: 1e-6 },
      Math.log2(familyU / 1e-5),
    ],
  ];
  it.each(cases)('%s adjusts the family-name weight by log2(u_exact / tf)', (_label, given, family, frequencies, adjustment) => {
    const plain = weightOf(given, family);
    const adjusted = weightOf(given, family, frequencies);
    const familyOf = (s: PairScore) => s.contributions.find((c) => c.comparison === 'family')!;
    expect(familyOf(adjusted).tfAdjustment).toBeCloseTo(adjustment, 9);
    expect(familyOf(adjusted).weight - familyOf(plain).weight).toBeCloseTo(adjustment, 9);
    // The waterfall still adds up to the weight.
    expect(adjusted.contributions.reduce((sum, c) => sum + c.weight, adjusted.prior)).toBeCloseTo(adjusted.weight, 9);
  });

  it('scores a pair agreeing on a common surname lower than one agreeing on a rare surname', () => {
    const common = weightOf('Maria', 'Garcia', { given: 0.01, family: 0.02 });
    const rare = weightOf('Maria', 'Oyelaran', { given: 0.01, family: 0.00002 });
    expect(common.weight).toBeLessThan(rare.weight);
    expect(common.probability).toBeLessThan(rare.probability);
    // Without frequencies the two score the same: the adjustment is all the difference.
    expect(weightOf('Maria', 'Garcia').weight).toBeCloseTo(weightOf('Maria', 'Oyelaran').weight, 9);
  });

  it('adjusts only exact agreement, and not a field whose frequency is unknown', () => {
    const [record] = pair('Robert', 'Smith');
    const nickname = normalizeFields('c', { ...rosa, givenName: 'Bob', familyName: 'Smith', phone: '' });
    const [s] = scoreCandidates(model, record, [nickname], { given: 0.02, family: null });
    expect(s!.contributions.map((c) => [c.comparison, c.level, c.tfAdjustment])).toEqual([
      ['given', 'nickname', undefined],
      ['family', 'exact', undefined],
      ['birthDate', 'exact', undefined],
    ]);
  });
});

describe('outcomeOf', () => {
  it.each([
    [UPPER_THRESHOLD, false, 'auto_link'],
    [UPPER_THRESHOLD, true, 'review'],
    [UPPER_THRESHOLD - 1e-9, false, 'review'],
    [LOWER_THRESHOLD, false, 'review'],
    [LOWER_THRESHOLD - 1e-9, false, 'new_identity'],
  ] as const)('probability %d, guarded %s → %s', (probability, guarded, outcome) => {
    expect(outcomeOf({ probability, guarded })).toBe(outcome);
  });
});

describe('modelVersion', () => {
  it('names a model by its content', () => {
    expect(modelVersion('em', model)).toBe(modelVersion('em', structuredClone(model)));
    expect(modelVersion('em', { ...model, lambda: 0.002 })).not.toBe(modelVersion('em', model));
    expect(modelVersion('default', model)).toMatch(/^default-[0-9a-f]{8}$/);
  });
});
