import { describe, expect, it } from 'vitest';
import {
  ageOn,
  capacityPart,
  distancePart,
  scoreSuggestion,
  SCORE_WEIGHTS,
  type SuggestionCandidate,
  type SuggestionNeed,
} from './suggestion-score.ts';

const candidate = (over: Partial<SuggestionCandidate> = {}): SuggestionCandidate => ({
  serviceCodes: ['BU', 'OP', 'MD'],
  capacity: { status: 'accepting', available: 3, stale: false },
  distanceMiles: 0,
  minimumAge: 18,
  maximumAge: null,
  ...over,
});
const need = (over: Partial<SuggestionNeed> = {}): SuggestionNeed => ({ codes: ['BU'], payment: 'MD', age: 34, ...over });

describe('scoreSuggestion', () => {
  it('the weights add up to one', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it.each([
    ['a perfect match scores 100', need(), candidate(), { pathwayFit: 1, capacity: 1, distance: 1, eligibility: 1, payment: 1 }, 100],
    [
      'half the needs met',
      need({ codes: ['BU', 'METH'] }),
      candidate(),
      { pathwayFit: 0.5, capacity: 1, distance: 1, eligibility: 1, payment: 1 },
      85,
    ],
    [
      'no needs given: any service on the pathway fits',
      need({ codes: [] }),
      candidate(),
      { pathwayFit: 1, capacity: 1, distance: 1, eligibility: 1, payment: 1 },
      100,
    ],
    [
      'payment codes in the needs are not counted as fit',
      need({ codes: ['BU', 'MD'] }),
      candidate(),
      { pathwayFit: 1, capacity: 1, distance: 1, eligibility: 1, payment: 1 },
      100,
    ],
    [
      'not accepting',
      need(),
      candidate({ capacity: { status: 'not_accepting', available: 0, stale: false } }),
      { pathwayFit: 1, capacity: 0, distance: 1, eligibility: 1, payment: 1 },
      75,
    ],
    [
      '10 miles away',
      need(),
      candidate({ distanceMiles: 10 }),
      { pathwayFit: 1, capacity: 1, distance: 0.5, eligibility: 1, payment: 1 },
      90,
    ],
    [
      'too young for the service',
      need({ age: 16 }),
      candidate(),
      { pathwayFit: 1, capacity: 1, distance: 1, eligibility: 0, payment: 1 },
      85,
    ],
    [
      'payment not accepted',
      need({ payment: 'PI' }),
      candidate(),
      { pathwayFit: 1, capacity: 1, distance: 1, eligibility: 1, payment: 0 },
      90,
    ],
    [
      'free service accepts everyone',
      need({ payment: 'PI' }),
      candidate({ serviceCodes: ['BU', 'NP'] }),
      { pathwayFit: 1, capacity: 1, distance: 1, eligibility: 1, payment: 1 },
      100,
    ],
    [
      'payment unknown',
      need({ payment: null }),
      candidate(),
      { pathwayFit: 1, capacity: 1, distance: 1, eligibility: 1, payment: 0.5 },
      95,
    ],
    [
      'everything unknown',
      need({ codes: [], payment: null, age: null }),
      candidate({ capacity: null, distanceMiles: null, serviceCodes: [] }),
      { pathwayFit: 1, capacity: 0.5, distance: 0.5, eligibility: 1, payment: 0.5 },
      72.5,
    ],
  ])('%s', (_n, n, c, parts, score) => {
    const result = scoreSuggestion(n, c);
    expect(result.parts).toEqual(parts);
    expect(result.score).toBe(score);
  });

  it('explains ineligibility and payment', () => {
    expect(scoreSuggestion(need({ age: 70, payment: 'PI' }), candidate({ minimumAge: 18, maximumAge: 64 }))).toMatchObject({
      eligibilityNotes: ['Maximum age 64'],
      acceptsPayment: false,
    });
    expect(scoreSuggestion(need({ payment: null }), candidate()).acceptsPayment).toBeNull();
  });

  it('ranks an accepting nearby service above a waitlisted far one', () => {
    const near = scoreSuggestion(need(), candidate({ distanceMiles: 2 }));
    const far = scoreSuggestion(need(), candidate({ distanceMiles: 30, capacity: { status: 'waitlist', available: 0, stale: false } }));
    expect(near.score).toBeGreaterThan(far.score);
  });
});

describe('capacityPart', () => {
  it.each([
    [null, 0.5],
    [{ status: 'accepting', available: 2, stale: false }, 1],
    [{ status: 'accepting', available: 0, stale: false }, 0.7],
    [{ status: 'assessment_required', available: 0, stale: false }, 0.6],
    [{ status: 'waitlist', available: 0, stale: false }, 0.3],
    [{ status: 'not_accepting', available: 0, stale: false }, 0],
    [{ status: 'accepting', available: 2, stale: true }, 0.75],
    [{ status: 'not_accepting', available: 0, stale: true }, 0.25],
  ] as const)('%j → %s', (c, expected) => {
    expect(capacityPart(c)).toBeCloseTo(expected, 10);
  });
});

describe('distancePart and ageOn', () => {
  it.each([
    [null, 0.5],
    [0, 1],
    [10, 0.5],
    [30, 0.25],
  ])('%s miles → %s', (miles, expected) => {
    expect(distancePart(miles)).toBeCloseTo(expected, 10);
  });
  it.each([
    ['1990-03-02', '2026-03-01', 35],
    ['1990-03-01', '2026-03-01', 36],
    ['2008-12-31', '2026-03-01', 17],
  ])('born %s, on %s: %s', (birth, day, age) => {
    expect(ageOn(birth, day)).toBe(age);
  });
});
