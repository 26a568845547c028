import { describe, expect, it } from 'vitest';
import type { ChartPoint } from '@continuum/contracts';
import {
  datePosition,
  defaultFrame,
  formatMeasureValue,
  linearScale,
  monthLabel,
  movingRanges,
  niceTicks,
  pointText,
} from './chart-scale.ts';

describe('niceTicks', () => {
  it.each<[number, number, number[]]>([
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0.38, 0.62, [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65]],
    [0, 160, [0, 50, 100, 150, 200]],
    [85, 117, [80, 90, 100, 110, 120]],
    [5, 5, [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]],
  ])('%d–%d → %j', (min, max, ticks) => {
    expect(niceTicks(min, max)).toEqual(ticks);
  });
});

describe('linearScale', () => {
  it('maps the domain onto the pixels, low value at the bottom', () => {
    const y = linearScale([0, 1], 280, 20, { floor: 0, ceiling: 1 });
    expect(y.domain).toEqual([0, 1]);
    expect(y(0)).toBe(280);
    expect(y(1)).toBe(20);
    expect(y(0.5)).toBe(150);
  });
});

describe('datePosition', () => {
  const ms = ['2025-01', '2025-02', '2025-03'];
  const band = (defaultFrame.width - defaultFrame.left - defaultFrame.right) / 3;
  it.each<[string, number | null]>([
    ['2025-01-01', defaultFrame.left + (0.5 / 31) * band],
    ['2025-02-28', defaultFrame.left + band + (27.5 / 28) * band],
    ['2025-03-16', defaultFrame.left + 2 * band + (15.5 / 31) * band],
    ['2024-12-31', null],
    ['2025-04-01', null],
  ])('%s → %s', (date, x) => {
    const got = datePosition(date, ms, defaultFrame);
    if (x === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(x, 6);
  });
});

describe('formatting', () => {
  it.each<[number | null, 'proportion' | 'count' | 'time', string | undefined, string]>([
    [0.7, 'proportion', 'rate', '70.0%'],
    [0.123456, 'proportion', 'rate', '12.3%'],
    [1234, 'count', 'kits', '1,234 kits'],
    [12.25, 'time', 'days', '12.3 days'],
    [null, 'count', 'kits', '—'],
  ])('%s %s → %s', (value, kind, unit, text) => {
    expect(formatMeasureValue(value, kind, unit)).toBe(text);
  });

  it('never shows the number of a suppressed point', () => {
    expect(pointText({ value: null, suppressed: true, numerator: null, denominator: null }, 'proportion')).toBe('fewer than 11');
    expect(pointText({ value: 0.5, suppressed: false, numerator: 20, denominator: 40 }, 'proportion')).toBe('50.0% (20 of 40)');
    expect(monthLabel('2026-03')).toBe('Mar 2026');
  });
});

describe('movingRanges', () => {
  const point = (month: string, value: number | null, extra: Partial<ChartPoint> = {}): ChartPoint => ({
    month,
    value,
    numerator: null,
    denominator: null,
    suppressed: false,
    center: value === null ? null : 10,
    lcl: null,
    ucl: null,
    inBaseline: true,
    rules: [],
    ...extra,
  });

  it('takes ranges between consecutive charted months, skipping suppressed and pre-baseline months', () => {
    const mr = movingRanges([
      point('2025-01', 7, { center: null, inBaseline: false }),
      point('2025-02', 10),
      point('2025-03', 14),
      point('2025-04', null, { suppressed: true }),
      point('2025-05', 11),
      point('2025-06', 20, { inBaseline: false }),
    ]);
    expect(mr.points.map((p) => p.value)).toEqual([null, null, 4, null, 3, 9]);
    // Baseline ranges 4 and 3: mean 3.5, limit 3.267 × 3.5.
    expect(mr.mean).toBe(3.5);
    expect(mr.ucl).toBeCloseTo(11.4345, 6);
  });
});
