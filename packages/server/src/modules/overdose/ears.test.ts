import { describe, expect, it } from 'vitest';
import { earsSeries, formatStatistic, isAlarm, zScore } from './ears.ts';

describe('EARS C1, C2, C3', () => {
  it('is not computable before the baselines fill: C1 from day 8, C2 from day 10, C3 from day 12', () => {
    const points = earsSeries([1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
    expect(points.slice(0, 7).every((p) => p.c1 === null)).toBe(true);
    expect(points[7]!.c1).not.toBeNull();
    expect(points.slice(0, 9).every((p) => p.c2 === null)).toBe(true);
    expect(points[9]!.c2).not.toBeNull();
    expect(points.slice(0, 11).every((p) => p.c3 === null)).toBe(true);
    expect(points[11]!.c3).not.toBeNull();
  });

  it('computes C1 on the previous 7 days with the sample standard deviation', () => {
    // Baseline 2,4,4,4,5,5,7: mean 31/7 = 4.428571, sum of squares 13.714286, sample sd sqrt(13.714286/6) = 1.511858
    const series = [2, 4, 4, 4, 5, 5, 7, 10];
    const mean = 31 / 7;
    const sd = Math.sqrt([2, 4, 4, 4, 5, 5, 7].reduce((s, v) => s + (v - mean) ** 2, 0) / 6);
    const c1 = earsSeries(series)[7]!.c1!;
    expect(c1).toBeCloseTo((10 - mean) / sd, 10);
    expect(c1).toBeCloseTo(3.685154, 6); // (10 − 4.428571) / 1.511858
    expect(earsSeries(series)[7]!.c1Alarm).toBe(true);
  });

  it('computes C2 on days t−9 … t−3, skipping the 2-day guard band', () => {
    // The two guard days are huge; C2 must not see them.
    const series = [3, 3, 4, 3, 3, 4, 3, 50, 50, 3];
    const p = earsSeries(series)[9]!;
    const base = [3, 3, 4, 3, 3, 4, 3];
    const mean = base.reduce((a, b) => a + b) / 7;
    const sd = Math.sqrt(base.reduce((s, v) => s + (v - mean) ** 2, 0) / 6);
    expect(p.c2).toBeCloseTo((3 - mean) / sd, 10);
    expect(p.c1! < 0).toBe(true); // C1's baseline includes the two 50s
  });

  it('C3 sums the C2 excesses over 1 for today and the two days before (textbook, includes today)', () => {
    const series = [2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 6, 7];
    const points = earsSeries(series);
    const c2 = points.map((p) => p.c2);
    const expected = [9, 10, 11].map((t) => Math.max(0, c2[t]! - 1)).reduce((a, b) => a + b);
    expect(points[11]!.c3).toBeCloseTo(expected, 10);
    expect(points[11]!.c3Alarm).toBe(expected > 2);
  });

  it('a flat baseline (zero variance): a count above the mean alarms, equal does not, and the statistic is undefined', () => {
    const up = earsSeries([2, 2, 2, 2, 2, 2, 2, 3])[7]!;
    expect(up.c1).toBe(Infinity);
    expect(up.c1Alarm).toBe(true);
    expect(formatStatistic(up.c1)).toBe('');
    const same = earsSeries([2, 2, 2, 2, 2, 2, 2, 2])[7]!;
    expect(Number.isNaN(same.c1)).toBe(true);
    expect(same.c1Alarm).toBe(false);
    const down = earsSeries([2, 2, 2, 2, 2, 2, 2, 1])[7]!;
    expect(down.c1).toBe(-Infinity);
    expect(down.c1Alarm).toBe(false);
  });

  it('a spike on the first day after a gap of zeros alarms on all three', () => {
    const series = [...Array<number>(14).fill(0), 4];
    const p = earsSeries(series).at(-1)!;
    expect([p.c1Alarm, p.c2Alarm, p.c3Alarm]).toEqual([true, true, true]);
    expect(p.c3).toBe(Infinity);
  });

  it('min-sigma floors the standard deviation so one event in a sparse area is not an alarm', () => {
    const series = [...Array<number>(14).fill(0), 1];
    const p = earsSeries(series, { minSigma: 0.5 }).at(-1)!;
    expect(p.c1).toBeCloseTo(2, 10);
    expect(p.c1Alarm).toBe(false);
    expect(earsSeries([...Array<number>(14).fill(0), 2], { minSigma: 0.5 }).at(-1)!.c1Alarm).toBe(true);
  });

  it('alarms are strict at the threshold, and thresholds are configurable', () => {
    expect(isAlarm(3, 3)).toBe(false);
    expect(isAlarm(3.000001, 3)).toBe(true);
    expect(isAlarm(Number.NaN, 3)).toBe(false);
    expect(isAlarm(null, 3)).toBe(false);
    const series = [2, 4, 4, 4, 5, 5, 7, 10];
    expect(earsSeries(series, { thresholds: { c1: 4 } })[7]!.c1Alarm).toBe(false);
  });

  it('rejects a baseline shorter than 3 days and a negative floor', () => {
    expect(() => earsSeries([1, 2, 3], { baseline: 2 })).toThrow('baseline');
    expect(() => earsSeries([1, 2, 3], { minSigma: -1 })).toThrow('minSigma');
  });

  it('zScore', () => {
    expect(zScore(5, 3, 1, 0)).toBe(2);
    expect(zScore(5, 3, 0.1, 1)).toBe(2);
  });
});
