import { describe, expect, it } from 'vitest';
import type { MeasureMonth } from '@continuum/contracts';
import { buildChart } from './chart.ts';

const months = (xs: number[], ns: number[]): MeasureMonth[] =>
  xs.map((x, i) => ({
    month: `2026-${String(i + 1).padStart(2, '0')}`,
    numerator: x,
    denominator: ns[i]!,
    value: x / ns[i]!,
    suppressed: false,
  }));

describe('charts from a monthly series', () => {
  // The SPC reference's worked p-chart (§3.5): p̄ = 0.385621, σz = 0.765 (underdispersed).
  const n = [40, 52, 35, 61, 48, 55, 44, 70, 38, 59, 63, 47];
  const x = [14, 20, 11, 25, 17, 21, 16, 31, 12, 24, 27, 18];
  it('defaults to a plain p-chart when the baseline is not overdispersed', () => {
    const c = buildChart({
      months: months(x, n),
      kind: 'proportion',
      chart: undefined,
      defaultChart: 'p',
      baselineFrom: '2026-01',
      baselineTo: '2026-12',
    });
    expect(c.chart).toBe('p');
    expect(c.overdispersed).toBe(false);
    expect(c.center).toBeCloseTo(0.385621, 6);
    expect(c.points[0]!.lcl).toBeCloseTo(0.1547, 4);
    expect(c.signals).toEqual([]);
  });
  it('switches to Laney p′ when overdispersed, and marks the points beyond the frozen limits', () => {
    // Large, alternating samples: σz well above 1.
    const big = Array(12).fill(1000) as number[];
    const xs = [300, 400, 300, 400, 300, 400, 300, 400, 300, 400, 300, 400];
    const c = buildChart({
      months: months(xs, big),
      kind: 'proportion',
      chart: undefined,
      defaultChart: 'p',
      baselineFrom: '2026-01',
      baselineTo: '2026-12',
    });
    expect(c.overdispersed).toBe(true);
    expect(c.chart).toBe('p_laney');
    expect(c.sigmaZ).toBeGreaterThan(1);
    // Asked for a plain p-chart: every point is beyond its limits.
    const plain = buildChart({
      months: months(xs, big),
      kind: 'proportion',
      chart: 'p',
      defaultChart: 'p',
      baselineFrom: '2026-01',
      baselineTo: '2026-12',
    });
    expect(plain.signals.find((s) => s.rule === 'beyond_limits')?.months).toHaveLength(12);
  });
  it('freezes the baseline: a later shift is flagged, points before the baseline are drawn without limits', () => {
    const xs = [5, 50, 52, 49, 51, 50, 60, 80, 82, 81, 79, 83];
    const c = buildChart({
      months: months(xs, Array(12).fill(100) as number[]),
      kind: 'proportion',
      chart: 'run',
      defaultChart: 'p',
      baselineFrom: '2026-02',
      baselineTo: '2026-06',
    });
    expect(c.points[0]!.center).toBeNull();
    expect(c.points[0]!.rules).toEqual([]);
    expect(c.center).toBe(0.5);
    // Median of Feb–Jun is 0.5; May and Jul–Dec are above it (June, on the median, neither adds nor breaks).
    expect(c.signals.find((s) => s.rule === 'shift')?.months).toEqual([
      '2026-05',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(c.points[8]!.rules).toContain('shift');
    expect(c.points.filter((p) => p.inBaseline).map((p) => p.month)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  });
  it('leaves suppressed months out of the limits, and uses XmR for counts', () => {
    const ms: MeasureMonth[] = [120, 132, 118, 140, 125, 131, 150, 128, 122, 138, 175, 130].map((v, i) => ({
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      numerator: v,
      denominator: null,
      value: v,
      suppressed: false,
    }));
    const c = buildChart({
      months: ms,
      kind: 'count',
      chart: undefined,
      defaultChart: 'xmr',
      baselineFrom: '2026-01',
      baselineTo: '2026-12',
    });
    expect(c.chart).toBe('xmr');
    expect(c.center).toBeCloseTo(134.0833, 4);
    expect(c.points[0]!.ucl).toBeCloseTo(185.8324, 3);
    const hidden = ms.map((m, i) => (i === 10 ? { ...m, numerator: null, value: null, suppressed: true } : m));
    const h = buildChart({
      months: hidden,
      kind: 'count',
      chart: undefined,
      defaultChart: 'xmr',
      baselineFrom: '2026-01',
      baselineTo: '2026-12',
    });
    expect(h.points[10]!.center).toBeNull();
    expect(h.center).toBeCloseTo((134.0833 * 12 - 175) / 11, 3);
  });
});
