import { describe, expect, it } from 'vitest';
import { median, runChart, runsLimits, runsProbability } from './run-chart.ts';

// The runs-count limits from the exact distribution (m = ⌊n/2⌋ above, n − m below), as tabulated
// in the project's SPC reference (computed in R).
const table: [number, number, number][] = [
  [10, 3, 9],
  [11, 3, 10],
  [12, 3, 11],
  [13, 4, 11],
  [14, 4, 12],
  [15, 4, 13],
  [16, 5, 13],
  [17, 5, 14],
  [18, 6, 14],
  [19, 6, 15],
  [20, 6, 16],
  [21, 7, 16],
  [22, 7, 17],
  [23, 8, 17],
  [24, 8, 18],
  [25, 9, 18],
  [26, 9, 19],
  [27, 9, 20],
  [28, 10, 20],
  [29, 10, 21],
  [30, 11, 21],
  [31, 11, 22],
  [32, 11, 23],
  [33, 12, 23],
  [34, 12, 24],
  [35, 13, 24],
  [36, 13, 25],
  [37, 14, 25],
  [38, 14, 26],
  [39, 14, 27],
  [40, 15, 27],
  [41, 15, 28],
  [42, 16, 28],
  [43, 16, 29],
  [44, 17, 29],
  [45, 17, 30],
  [46, 17, 31],
  [47, 18, 31],
  [48, 18, 32],
  [49, 19, 32],
  [50, 19, 33],
  [51, 20, 33],
  [52, 20, 34],
  [53, 21, 34],
  [54, 21, 35],
  [55, 21, 36],
  [56, 22, 36],
  [57, 22, 37],
  [58, 23, 37],
  [59, 23, 38],
  [60, 24, 38],
];

describe('runs distribution', () => {
  it('sums to 1', () => {
    for (const [m, k] of [
      [5, 5],
      [7, 8],
      [30, 30],
      [3, 12],
    ] as const) {
      let total = 0;
      for (let r = 0; r <= m + k; r++) total += runsProbability(m, k, r);
      expect(total).toBeCloseTo(1, 10);
    }
  });

  it.each(table)('n = %i: lower %i, upper %i', (n, lower, upper) => {
    const m = Math.floor(n / 2);
    expect(runsLimits(m, n - m)).toEqual({ lower, upper });
  });
});

describe('run chart rules', () => {
  it('uses the median and ignores points on it', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const chart = runChart([1, 5, 3, 3, 1, 5]);
    expect(chart.median).toBe(3);
    expect(chart.usefulPoints).toBe(4);
  });

  it('a shift is 6 useful points on one side; a point on the median does not break it', () => {
    const chart = runChart([1, 2, 1, 2, 2, 1, 9, 9, 5, 9, 9, 9, 9], { baselineLength: 6 });
    expect(chart.median).toBe(1.5);
    expect(chart.signals.filter((s) => s.rule === 'shift')).toEqual([{ rule: 'shift', indices: [6, 7, 8, 9, 10, 11, 12] }]);
    // Five on one side is not a shift.
    expect(runChart([1, 2, 1, 2, 2, 1, 9, 9, 9, 9, 9], { baselineLength: 6 }).signals.some((s) => s.rule === 'shift')).toBe(false);
  });

  it('a point exactly on the median neither adds to nor breaks a shift', () => {
    const chart = runChart([2, 1, 2, 1, 9, 9, 9, 1.5, 9, 9, 9], { baselineLength: 4 });
    expect(chart.signals.find((s) => s.rule === 'shift')?.indices).toEqual([4, 5, 6, 8, 9, 10]);
  });

  it('a trend is 5 points going one way; repeats count once', () => {
    expect(runChart([10, 11, 12, 13, 14, 3]).signals.filter((s) => s.rule === 'trend')).toEqual([
      { rule: 'trend', indices: [0, 1, 2, 3, 4] },
    ]);
    expect(runChart([10, 11, 12, 13, 2]).signals.some((s) => s.rule === 'trend')).toBe(false);
    expect(runChart([10, 11, 11, 12, 13, 2]).signals.some((s) => s.rule === 'trend')).toBe(false);
    expect(runChart([10, 11, 11, 12, 13, 14]).signals.find((s) => s.rule === 'trend')?.indices).toEqual([0, 1, 2, 3, 4, 5]);
    expect(runChart([9, 8, 7, 6, 5, 9]).signals.find((s) => s.rule === 'trend')?.indices).toEqual([0, 1, 2, 3, 4]);
  });

  it('too few runs and too many runs, from the table', () => {
    // 20 useful points, 2 runs: far fewer than the lower limit 6.
    const few = runChart([...Array<number>(10).fill(1), ...Array<number>(10).fill(9)]);
    expect(few.runs).toBe(2);
    expect(few.signals.some((s) => s.rule === 'too_few_runs')).toBe(true);
    // Alternating: 20 runs ≥ upper limit 16.
    const many = runChart(Array.from({ length: 20 }, (_, i) => (i % 2 ? 9 : 1)));
    expect(many.runs).toBe(20);
    expect(many.signals.some((s) => s.rule === 'too_many_runs')).toBe(true);
    // Fewer than 10 useful points: no runs test.
    expect(runChart([1, 9, 1, 9, 1, 9, 1, 9, 1]).runsLimits).toBeNull();
  });
});
