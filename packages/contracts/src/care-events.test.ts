import { describe, expect, it } from 'vitest';
import { careEventInputSchema } from './care-events.ts';

const at = '2026-03-01T10:00:00Z';
const parse = (type: string, data: unknown) => careEventInputSchema.safeParse({ type, occurredAt: at, data });
const issues = (type: string, data: unknown) => {
  const r = parse(type, data);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('screening care events', () => {
  it('keeps events stored before answers existed valid', () => {
    expect(parse('screening', { instrument: 'TAPS', result: 'positive' }).success).toBe(true);
    expect(parse('screening', { instrument: 'DAST-10', result: 'negative', score: 1 }).success).toBe(true);
  });

  it('accepts answers that give the stated result and score', () => {
    const answers = { dast10: [true, true, false, true, false, false, false, false, false, false] };
    expect(parse('screening', { instrument: 'DAST-10', result: 'positive', score: 4, answers }).success).toBe(true);
    expect(parse('screening', { instrument: 'single-question', result: 'positive', score: 2, answers: { timesPastYear: 2 } }).success).toBe(
      true,
    );
  });

  it('refuses a result or score the answers do not give, naming the field', () => {
    const answers = { dast10: [true, true, false, true, false, false, false, false, false, false] };
    expect(issues('screening', { instrument: 'DAST-10', result: 'negative', answers })).toEqual([
      'data.result: The answers give a positive screen',
    ]);
    expect(issues('screening', { instrument: 'DAST-10', result: 'positive', score: 3, answers })).toEqual([
      'data.score: The answers give a score of 4',
    ]);
    expect(issues('screening', { instrument: 'TAPS', result: 'positive', answers })).toEqual([
      'data.answers: These are DAST-10 answers; the instrument is TAPS',
    ]);
    expect(issues('screening', { instrument: 'DAST-10', result: 'positive', answers: { dast10: [true] } })[0]).toMatch(/^data\.answers/);
  });
});

describe('medication for OUD and urine drug tests', () => {
  it('validates a start, a dose change and a stop', () => {
    expect(parse('moud_start', { medication: 'buprenorphine', formulation: 'sublingual', doseMg: 16, daysSupply: 7 }).success).toBe(true);
    expect(issues('moud_dose_change', { medication: 'methadone' })).toEqual([
      'data.doseMg: Invalid input: expected number, received undefined',
    ]);
    expect(parse('moud_stop', { medication: 'methadone', reason: 'person_chose_to_stop' }).success).toBe(true);
    expect(issues('moud_stop', { medication: 'methadone', reason: 'noncompliant' })[0]).toMatch(/^data\.reason/);
  });

  it('needs at least one result on a urine drug test, each positive or negative', () => {
    expect(parse('urine_drug_test', { results: { fentanyl: 'positive', buprenorphine: 'negative' } }).success).toBe(true);
    expect(issues('urine_drug_test', { results: {} })).toEqual(['data.results: Give at least one result']);
    expect(issues('urine_drug_test', { results: { fentanyl: 'dirty' } })[0]).toMatch(/^data\.results\.fentanyl/);
    expect(issues('urine_drug_test', { results: { caffeine: 'positive' } })[0]).toMatch(/^data\.results/);
  });
});
