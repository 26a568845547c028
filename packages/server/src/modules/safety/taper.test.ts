import { describe, expect, it } from 'vitest';
import { drugKnowledge } from './drug-knowledge.ts';
import { oralStrengths, planTaper, TaperError } from './taper.ts';
import { toDay } from './safety-model.ts';

const k = drugKnowledge();
const start = toDay('2026-01-15')!;

describe('taper planner', () => {
  it('oxycodone 30 mg/day (45 MME), default 10% of the original dose per month, reaches zero in 10 steps', () => {
    const plan = planTaper(k, { ingredient: 'oxycodone', currentDailyMg: 30, dosesPerDay: 3, start, strengthsMg: [5] });
    expect(plan.interval).toBe('month');
    // Targets 27, 24, 21 … mg: each step is the largest dose 5 mg tablets make at or below the
    // target, holding when they cannot make a lower one yet (slower than asked, never faster).
    expect(plan.steps.map((s) => s.dailyMg)).toEqual([30, 25, 20, 20, 15, 15, 10, 5, 5, 0]);
    expect(plan.steps[0]).toMatchObject({
      step: 0,
      startDate: '2026-01-15',
      dailyMg: 30,
      mmePerDay: 45,
      doses: [10, 10, 10],
      tablets: [{ strengthMg: 5, count: 6 }],
    });
    expect(plan.steps[1]).toMatchObject({ startDate: '2026-02-12', dailyMg: 25, mmePerDay: 37.5, doses: [10, 10, 5] });
    expect(plan.steps.at(-1)?.dailyMg).toBe(0);
  });

  it.each([
    ['week', 7],
    ['month', 28],
  ] as const)('steps are a %s apart', (interval, days) => {
    const plan = planTaper(k, { ingredient: 'morphine', currentDailyMg: 120, dosesPerDay: 2, interval, start, strengthsMg: [15, 30] });
    expect(toDay(plan.steps[1]!.startDate)! - toDay(plan.steps[0]!.startDate)!).toBe(days);
  });

  it('uses tablet strengths that can make the target: morphine 120 → 108 target → 105 with 15 and 30 mg tablets', () => {
    const plan = planTaper(k, { ingredient: 'morphine', currentDailyMg: 120, dosesPerDay: 2, start, strengthsMg: [15, 30] });
    expect(plan.steps[1]).toMatchObject({
      dailyMg: 105,
      mmePerDay: 105,
      tablets: [
        { strengthMg: 30, count: 3 },
        { strengthMg: 15, count: 1 },
      ],
    });
    expect(plan.steps[1]!.doses.reduce((a, b) => a + b, 0)).toBe(105);
  });

  it('a percentage of the current dose slows as the dose falls; a target MME stops it', () => {
    const plan = planTaper(k, {
      ingredient: 'hydrocodone',
      currentDailyMg: 120,
      dosesPerDay: 4,
      basis: 'current',
      percent: 20,
      targetMmePerDay: 50,
      start,
      strengthsMg: [5, 7.5, 10],
    });
    expect(plan.steps.map((s) => s.dailyMg)).toEqual([120, 95, 75, 60, 47.5]);
    expect(plan.steps.at(-1)!.mmePerDay).toBeLessThan(50);
  });

  it('defaults to the oral strengths in the drug table', () => {
    expect(oralStrengths(k, 'oxycodone')).toEqual(expect.arrayContaining([5, 10, 15, 20, 30]));
    const plan = planTaper(k, { ingredient: 'oxycodone', currentDailyMg: 40, dosesPerDay: 2, start });
    expect(plan.steps[1]!.dailyMg).toBe(35);
    expect(plan.steps[1]!.doses.reduce((a, b) => a + b, 0)).toBe(35);
  });

  it('rounds a current dose the tablets cannot make down to one they can', () => {
    expect(planTaper(k, { ingredient: 'oxycodone', currentDailyMg: 22, dosesPerDay: 2, start, strengthsMg: [5] }).steps[0]!.dailyMg).toBe(
      20,
    );
  });

  it.each([
    [{ ingredient: 'buprenorphine' }, /no MME conversion factor/],
    [{ ingredient: 'levorphanol' }, /no MME conversion factor/],
    [{ ingredient: 'methadone' }, /individual planning/],
    [{ percent: 0 }, /percent/],
    [{ percent: 60 }, /percent/],
    [{ dosesPerDay: 0 }, /doses per day/],
    [{ currentDailyMg: 0 }, /above 0/],
  ])('refuses %j', (override, message) => {
    expect(() => planTaper(k, { ingredient: 'oxycodone', currentDailyMg: 30, dosesPerDay: 3, start, ...override })).toThrow(TaperError);
    expect(() => planTaper(k, { ingredient: 'oxycodone', currentDailyMg: 30, dosesPerDay: 3, start, ...override })).toThrow(message);
  });
});
