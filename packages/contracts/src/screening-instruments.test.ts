import { describe, expect, it } from 'vitest';
import {
  dast10Score,
  dast10Zone,
  scoreScreening,
  taps1Positive,
  taps2AnswersSchema,
  taps2ItemCounts,
  taps2Risk,
  taps2Score,
  type Taps1Answers,
} from './screening-instruments.ts';

const y = true;
const n = false;
/** Item 3 is reverse-scored: "yes" (always able to stop) scores 0, so this is the all-zero form. */
const noneAnswers = [n, n, y, n, n, n, n, n, n, n];

describe('DAST-10', () => {
  it.each([
    ['every answer "no" except item 3 "yes"', noneAnswers, 0, 'none', 'negative'],
    ['every answer "no": item 3 reversed scores 1', [n, n, n, n, n, n, n, n, n, n], 1, 'low', 'negative'],
    ['two yes', [y, y, y, n, n, n, n, n, n, n], 2, 'low', 'negative'],
    ['three: the positive cut-off', [y, y, y, y, n, n, n, n, n, n], 3, 'moderate', 'positive'],
    ['five', [y, y, n, y, y, n, n, n, n, n], 5, 'moderate', 'positive'],
    ['six', [y, y, n, y, y, y, n, n, n, n], 6, 'substantial', 'positive'],
    ['eight', [y, y, n, y, y, y, y, y, n, n], 8, 'substantial', 'positive'],
    ['nine', [y, y, n, y, y, y, y, y, y, n], 9, 'severe', 'positive'],
    ['ten', [y, y, n, y, y, y, y, y, y, y], 10, 'severe', 'positive'],
  ] as const)('%s → %i (%s, %s)', (_label, answers, score, zone, result) => {
    expect(dast10Score(answers)).toBe(score);
    expect(dast10Zone(score)).toBe(zone);
    expect(scoreScreening({ dast10: [...answers] })).toEqual({ result, score, level: zone });
  });
});

const never: Taps1Answers = { tobacco: 'never', alcohol: 'never', illicitDrugs: 'never', prescriptionMisuse: 'never' };

describe('TAPS-1', () => {
  it.each([
    ['all never', never, false],
    ['tobacco less than monthly', { ...never, tobacco: 'less_than_monthly' }, true],
    ['heavy drinking monthly', { ...never, alcohol: 'monthly' }, true],
    ['illicit drugs weekly', { ...never, illicitDrugs: 'weekly' }, true],
    ['prescription misuse daily', { ...never, prescriptionMisuse: 'daily_or_almost_daily' }, true],
  ] as const)('%s → positive %s', (_label, answers, positive) => {
    expect(taps1Positive(answers)).toBe(positive);
    expect(scoreScreening({ taps1: answers }).result).toBe(positive ? 'positive' : 'negative');
  });
});

describe('TAPS-2', () => {
  it.each([
    ['no use in the past 3 months', [n], 0, 'no_use_past_3_months'],
    ['no use, later answers ignored', [n, y, y], 0, 'no_use_past_3_months'],
    ['use only', [y, n, n], 1, 'problem_use'],
    ['use and one more', [y, y, n], 2, 'higher_risk'],
    ['every item', [y, y, y], 3, 'higher_risk'],
  ] as const)('%s → %i (%s)', (_label, items, score, risk) => {
    expect(taps2Score(items)).toBe(score);
    expect(taps2Risk(score)).toBe(risk);
  });

  // Alcohol: 4+/5+ drinks in a day (the gate), tried and failed to cut down, anyone concerned (McNeely et al. 2016).
  it.each([
    ['no heavy-drinking day', [n], 0, 'no_use_past_3_months'],
    ['heavy-drinking day only', [y, n, n], 1, 'problem_use'],
    ['heavy-drinking day, failed to cut down', [y, y, n], 2, 'higher_risk'],
    ['heavy-drinking day, someone concerned', [y, n, y], 2, 'higher_risk'],
    ['all three', [y, y, y], 3, 'higher_risk'],
    ['legacy four items, as stored', [y, y, y, y], 4, 'higher_risk'],
    ['legacy four items, a drink only', [y, n, n, n], 1, 'problem_use'],
  ] as const)('alcohol: %s → %i (%s)', (_label, items, score, risk) => {
    const scored = scoreScreening({ taps1: { ...never, alcohol: 'monthly' }, taps2: { alcohol: [...items] } });
    expect(scored.substances?.alcohol).toEqual({ score, risk });
    expect(scored.score).toBe(score);
  });

  it('asks alcohol three questions, like every class', () => {
    expect(taps2ItemCounts.alcohol).toBe(3);
    expect(new Set(Object.values(taps2ItemCounts))).toEqual(new Set([3]));
  });

  it('scores each substance and reports the highest', () => {
    const scored = scoreScreening({
      taps1: { ...never, illicitDrugs: 'weekly' },
      taps2: { heroin: [y, y, y], marijuana: [y, n, n], tobacco: [n] },
    });
    expect(scored).toEqual({
      result: 'positive',
      score: 3,
      level: 'higher_risk',
      substances: {
        heroin: { score: 3, risk: 'higher_risk' },
        marijuana: { score: 1, risk: 'problem_use' },
        tobacco: { score: 0, risk: 'no_use_past_3_months' },
      },
    });
  });

  it('needs every question of a substance that was used', () => {
    expect(taps2AnswersSchema.safeParse({ alcohol: [y, y] }).success).toBe(false);
    expect(taps2AnswersSchema.safeParse({ alcohol: [y, y, n] }).success).toBe(true);
    expect(taps2AnswersSchema.safeParse({ alcohol: [n] }).success).toBe(true);
    expect(taps2AnswersSchema.safeParse({ heroin: [y, y] }).success).toBe(false);
    expect(taps2AnswersSchema.safeParse({ heroin: [y, y, n, n] }).success).toBe(false);
  });

  it('still accepts four-item alcohol answers stored before alcohol had three', () => {
    expect(taps2AnswersSchema.safeParse({ alcohol: [y, y, y, n] }).success).toBe(true);
  });
});

describe('single-question drug screen', () => {
  it.each([
    [0, 'negative'],
    [1, 'positive'],
    [12, 'positive'],
  ] as const)('%i times → %s', (times, result) => {
    expect(scoreScreening({ timesPastYear: times })).toEqual({ result, score: times });
  });
});
