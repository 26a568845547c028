import { describe, expect, it } from 'vitest';
import type { ExpectedPoint, MeasureMonth } from '@continuum/contracts';
import { addMonths, compareWithExpected, lastShownBefore, projectionPoints, trajectoryScale } from './expected-trajectory.ts';

const shown = (month: string, value: number): MeasureMonth => ({ month, value, numerator: value, denominator: null, suppressed: false });
const hidden = (month: string): MeasureMonth => ({ month, value: null, numerator: null, denominator: null, suppressed: true });
const band = (month: string, low: number, median: number, high: number): ExpectedPoint => ({ month, low, median, high });

describe('addMonths', () => {
  it.each([
    ['2026-01', 0, '2026-01'],
    ['2026-11', 2, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2024-02', 12, '2025-02'],
  ] as const)('%s + %i = %s', (m, n, expected) => expect(addMonths(m, n)).toBe(expected));
});

describe('projectionPoints', () => {
  it('puts projected month 1 in the start month and scales the median and both ends', () => {
    const series = [
      { month: 1, median: 10, low: 8, high: 13 },
      { month: 2, median: 11, low: 8, high: 15 },
    ];
    expect(projectionPoints(series, '2026-12', 2)).toEqual([band('2026-12', 16, 20, 26), band('2027-01', 16, 22, 30)]);
  });
});

describe('trajectoryScale', () => {
  it.each([
    ['deaths are the calibration target: not scaled', 'overdose_deaths', { month: '2026-05', value: 40 }, 10, 1],
    ['non-fatal overdoses likewise', 'nonfatal_overdoses', null, 10, 1],
    ['people in MOUD anchored on the last shown month', 'people_in_moud', { month: '2026-05', value: 300 }, 200, 1.5],
    ['no shown month: not anchored', 'people_in_moud', null, 200, 1],
    ['nobody in MOUD observed: not anchored (no zero scale)', 'people_in_moud', { month: '2026-05', value: 0 }, 200, 1],
    ['a model with nobody in MOUD: not anchored', 'people_in_moud', { month: '2026-05', value: 300 }, 0, 1],
  ] as const)('%s', (_, measure, observed, model, scale) => {
    const r = trajectoryScale(measure, observed, model);
    expect(r.scale).toBe(scale);
    expect(r.note.length).toBeGreaterThan(10);
  });
  it('names the month and count it anchors on', () => {
    expect(trajectoryScale('people_in_moud', { month: '2026-05', value: 300 }, 200).note).toContain('300 people in MOUD in 2026-05');
  });
});

describe('lastShownBefore', () => {
  it('skips hidden months and months from the start on', () => {
    const months = [shown('2026-03', 40), shown('2026-04', 45), hidden('2026-05'), shown('2026-06', 50)];
    expect(lastShownBefore(months, '2026-06')).toEqual({ month: '2026-04', value: 45 });
    expect(lastShownBefore(months, '2026-03')).toBeNull();
  });
});

describe('compareWithExpected', () => {
  const expected = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'].map((m) => band(m, 10, 15, 20));
  it.each<[string, MeasureMonth[], string[], string]>([
    [
      'above, within (ends included) and below',
      [shown('2026-01', 21), shown('2026-02', 20), shown('2026-03', 10), shown('2026-04', 9)],
      ['above', 'within', 'within', 'below'],
      'Observed above the expected 90% band in 1 of the last 4 months, below it in 1 and within it in 2.',
    ],
    [
      'reads the last 6 of 7 months',
      ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'].map((m, i) => shown(m, i < 3 ? 25 : 15)),
      ['above', 'above', 'above', 'within', 'within', 'within', 'within'],
      'Observed above the expected 90% band in 2 of the last 6 months, below it in 0 and within it in 4.',
    ],
    [
      'hidden months and months before the trajectory are not compared',
      [shown('2025-12', 99), hidden('2026-01'), shown('2026-02', 30)],
      ['above'],
      'Observed above the expected 90% band in the one month compared so far. Hidden months are not compared.',
    ],
    ['nothing to compare', [shown('2025-11', 3)], [], 'No month yet has both an observed count and an expected value.'],
  ])('%s', (_, observed, positions, reading) => {
    const r = compareWithExpected(observed, expected);
    expect(r.positions.map((p) => p.position)).toEqual(positions);
    expect(r.reading).toBe(reading);
  });
});
