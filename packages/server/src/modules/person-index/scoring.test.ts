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
