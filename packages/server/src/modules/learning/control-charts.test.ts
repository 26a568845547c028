import { describe, expect, it } from 'vitest';
import { pChart, specialCauses, uChart, xmrChart } from './control-charts.ts';

// Worked numbers from the project's SPC reference §3.5 (computed in R).
describe('p-chart with varying denominators', () => {
  const n = [40, 52, 35, 61, 48, 55, 44, 70, 38, 59, 63, 47];
  const x = [14, 20, 11, 25, 17, 21, 16, 31, 12, 24, 27, 18];

  it('centre line and per-point limits', () => {
    const chart = pChart(x, n);
    expect(chart.center).toBeCloseTo(0.385621, 6);
    expect(chart.points[0]!.lcl).toBeCloseTo(0.1547, 4);
    expect(chart.points[0]!.ucl).toBeCloseTo(0.6165, 4);
    expect(chart.points[7]!.lcl).toBeCloseTo(0.2111, 4);
    expect(chart.points[7]!.ucl).toBeCloseTo(0.5602, 4);
    expect(chart.signals).toEqual([]);
  });

  it("Laney's p′ adjusts the limits by σz (here underdispersed, so narrower)", () => {
    const chart = pChart(x, n, { laney: true });
    expect(chart.sigmaZ).toBeCloseTo(0.765429, 5);
    expect(chart.points[0]!.lcl).toBeCloseTo(0.2089, 4);
    expect(chart.points[0]!.ucl).toBeCloseTo(0.5623, 4);
    expect(chart.points[7]!.lcl).toBeCloseTo(0.252, 3);
    expect(chart.points[7]!.ucl).toBeCloseTo(0.5192, 4);
  });

  it('clamps limits to [0, 1] and freezes them after the baseline', () => {
    const chart = pChart([1, 0, 1, 0, 9, 10], [10, 10, 10, 10, 10, 10], { baselineLength: 4 });
    expect(chart.center).toBe(0.05);
    expect(chart.points[0]!.lcl).toBe(0);
    expect(chart.signals.find((s) => s.rule === 'beyond_limits')?.indices).toEqual([4, 5]);
  });

  it('refuses bad input', () => {
    expect(() => pChart([1], [0])).toThrow('denominator');
    expect(() => pChart([1, 2], [3])).toThrow('length');
  });
});

describe('XmR chart', () => {
  it('natural process limits and the moving-range limit', () => {
    const chart = xmrChart([120, 132, 118, 140, 125, 131, 150, 128, 122, 138, 175, 130]);
    expect(chart.center).toBeCloseTo(134.0833, 4);
    expect(chart.movingRange!.mean).toBeCloseTo(19.4545, 4);
    expect(chart.points[0]!.ucl).toBeCloseTo(185.8324, 3);
    expect(chart.points[0]!.lcl).toBeCloseTo(82.3342, 3);
    expect(chart.movingRange!.ucl).toBeCloseTo(63.558, 3);
    expect(chart.signals).toEqual([]);
  });
});

describe('u-chart', () => {
  it('flags month 7 above its upper limit', () => {
    const c = [9, 12, 7, 15, 10, 8, 22, 11, 9, 13, 10, 12];
    const a = [8.2, 8.4, 8.1, 8.6, 8.5, 8.3, 8.7, 8.8, 8.6, 8.9, 9.0, 9.1];
    const chart = uChart(c, a);
    expect(chart.center).toBeCloseTo(1.337209, 6);
    expect(chart.points[6]!.value).toBeCloseTo(2.5287, 4);
    expect(chart.points[6]!.ucl).toBeCloseTo(2.5134, 4);
    expect(chart.signals).toEqual([{ rule: 'beyond_limits', indices: [6] }]);
  });
});

describe('special-cause rules', () => {
  const flat = (values: number[]) => values.map((value) => ({ value, lcl: 0, ucl: 30 }));
  it('a shift is 8 points on one side of the centre', () => {
    expect(specialCauses(flat([16, 17, 16, 18, 16, 17, 16, 18]), 15)).toEqual([{ rule: 'shift', indices: [0, 1, 2, 3, 4, 5, 6, 7] }]);
    expect(specialCauses(flat([16, 17, 16, 18, 16, 17, 16, 14]), 15).some((s) => s.rule === 'shift')).toBe(false);
  });
  it('a trend is 6 points going one way', () => {
    expect(specialCauses(flat([10, 11, 12, 13, 14, 16, 9]), 15).find((s) => s.rule === 'trend')?.indices).toEqual([0, 1, 2, 3, 4, 5]);
    expect(specialCauses(flat([10, 11, 12, 13, 14, 9]), 15).some((s) => s.rule === 'trend')).toBe(false);
  });
  it('2 of 3 points in the outer third on the same side', () => {
    expect(specialCauses(flat([26, 15, 27]), 15)).toEqual([{ rule: 'two_of_three', indices: [0, 2] }]);
    expect(specialCauses(flat([26, 15, 4]), 15)).toEqual([]);
  });
});
