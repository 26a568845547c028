import { describe, expect, it } from 'vitest';
import { measureResult, showDistribution, showMeasure } from './scorecard-shape.ts';

describe('what a reader sees of a measure', () => {
  it.each([
    ['a count of 1–10 referrals is hidden', { kind: 'count', count: 7 } as const, true, { value: null, suppressed: true }],
    ['zero is shown', { kind: 'count', count: 0 } as const, true, { value: 0, suppressed: false }],
    ['a large count is shown', { kind: 'count', count: 25 } as const, true, { value: 25, suppressed: false }],
    [
      'a rate with a small difference is hidden',
      { kind: 'proportion', numerator: 35, denominator: 40 } as const,
      true,
      { value: null, suppressed: true },
    ],
    [
      'a rate with large parts is shown',
      { kind: 'proportion', numerator: 20, denominator: 40 } as const,
      true,
      { value: 0.5, suppressed: false },
    ],
    [
      'services are not people: a small rate is shown',
      { kind: 'proportion', numerator: 3, denominator: 4 } as const,
      false,
      { value: 0.75, suppressed: false },
    ],
    ['a median over 1–10 referrals is hidden', { kind: 'time', values: [1, 2, 3] } as const, true, { value: null, suppressed: true }],
    [
      'a median over 11 referrals is shown',
      { kind: 'time', values: Array.from({ length: 11 }, (_, i) => i) } as const,
      true,
      { value: 5, suppressed: false },
    ],
  ])('%s', (_name, raw, suppress, expected) => {
    expect(showMeasure(raw, suppress)).toMatchObject(expected);
  });

  it('a distribution hides small bins and the next smallest, so none follows from the total', () => {
    const values = [...Array(30).fill(1), ...Array(5).fill(10), ...Array(20).fill(30)];
    const d = showDistribution(values, 'hours', true);
    expect(d.bins.map((b) => b.count)).toEqual([30, null, null, 0, 0]);
    expect(d.median).toBe(1);
  });

  it('a distribution over 1–10 referrals shows nothing', () => {
    const d = showDistribution([1, 2, 3], 'days', true);
    expect(d).toMatchObject({ median: null, p90: null });
    expect(d.bins.every((b) => b.count === null)).toBe(true);
  });

  it('a result carries its target, whether it is met, and the run chart with the median over its months', () => {
    const months = ['2026-01', '2026-02', '2026-03'].map((month, i) => ({
      month,
      raw: { kind: 'proportion' as const, numerator: 15 + i * 5, denominator: 40 },
    }));
    const r = measureResult({
      measure: 'acceptance',
      quarter: { kind: 'proportion', numerator: 75, denominator: 120 },
      months,
      target: 0.85,
      suppress: true,
    });
    expect(r).toMatchObject({ value: 0.625, target: 0.85, meetsTarget: false, better: 'higher', distribution: null });
    expect(r.chart.center).toBe(0.5);
    expect(r.chart.points.map((p) => p.month)).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('a suppressed month is not charted', () => {
    const r = measureResult({
      measure: 'referrals_received',
      quarter: { kind: 'count', count: 40 },
      months: [
        { month: '2026-01', raw: { kind: 'count', count: 20 } },
        { month: '2026-02', raw: { kind: 'count', count: 4 } },
        { month: '2026-03', raw: { kind: 'count', count: 16 } },
      ],
      target: null,
      suppress: true,
    });
    expect(r.chart.points[1]).toMatchObject({ suppressed: true, value: null, center: null });
    expect(r.chart.center).toBe(18);
    expect(r.meetsTarget).toBeNull();
  });
});
