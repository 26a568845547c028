import { describe, expect, it } from 'vitest';
import { disclosedFigures, protectTable, PublishedSums } from './disclosure-audit.ts';

describe('PublishedSums: what follows exactly from published sums', () => {
  it('a total minus the shown cells gives the one hidden cell', () => {
    const s = new PublishedSums(3);
    s.publish([0, 1, 2]);
    s.publish([1]);
    s.publish([2]);
    expect(s.determines([0])).toBe(true);
  });
  it('two hidden cells of one total are not determined, only their sum', () => {
    const s = new PublishedSums(3);
    s.publish([0, 1, 2]);
    s.publish([2]);
    expect(s.determines([0])).toBe(false);
    expect(s.determines([1])).toBe(false);
    expect(s.determines([0, 1])).toBe(true);
  });
  it('overlapping windows difference to the days between them', () => {
    // days 0..9: a 7-day window (days 3..9) and a 30-day one (all) leave days 0..2 as a known sum.
    const s = new PublishedSums(10);
    s.publish([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    s.publish([3, 4, 5, 6, 7, 8, 9]);
    expect(s.determines([0, 1, 2])).toBe(true);
    expect(s.determines([0])).toBe(false);
  });
  it('a two-way table: a hidden cell whose row and column margins are shown, with the rest shown, is found', () => {
    // 2×2 cells a b / c d; row totals, column totals; a and d hidden: a = row1 - b.
    const s = new PublishedSums(4);
    for (const cells of [[0, 1], [2, 3], [0, 2], [1, 3], [1], [2]]) s.publish(cells);
    expect(s.determines([0])).toBe(true);
    expect(s.determines([3])).toBe(true);
  });
  it('a known difference (a figure before and after) counts like a published sum', () => {
    const s = new PublishedSums(2);
    s.publishDifference([0, 1], [0]);
    expect(s.determines([1])).toBe(true);
    expect(s.rank).toBe(1);
  });
  it('refuses an atom outside the system', () => {
    expect(() => new PublishedSums(2).publish([2])).toThrow(RangeError);
  });
});

describe('disclosedFigures', () => {
  it('names the small hidden cell that total minus shown gives, and nothing when two are hidden', () => {
    const atoms = [4, 30, 25];
    const unsafe = [
      { cells: [0], value: 4, hidden: true },
      { cells: [1], value: 30, hidden: false },
      { cells: [2], value: 25, hidden: false },
      { cells: [0, 1, 2], value: 59, hidden: false },
    ];
    expect(disclosedFigures(atoms, unsafe, 11).map((f) => f.cells)).toEqual([[0], [0]]);
    const safe = unsafe.map((f) => (f.cells.length === 1 && f.cells[0] === 2 ? { ...f, hidden: true } : f));
    expect(disclosedFigures(atoms, safe, 11)).toEqual([]);
  });
});

describe('protectTable', () => {
  it.each([
    ['one hidden cell hides the next smallest non-zero one', [5, 40, 0, 22], [true, false, true, false], [true, false, true, true]],
    ['two hidden cells holding 11 or more need nothing more', [5, 7, 30], [true, true, false], [true, true, false]],
    ['two hidden cells holding 1–10 together hide one more', [3, 4, 30, 25], [true, true, false, false], [true, true, false, true]],
    ['hidden zeros alone are nothing to protect', [0, 0, 30], [true, true, false], [true, true, false]],
    ['no other non-zero cell: the whole table is hidden', [4, 0, 0], [true, true, true], [true, true, true]],
    ['a single large hidden cell (hidden for another table) gets a partner', [40, 12, 30], [true, false, false], [true, true, false]],
  ])('%s', (_name, values, hidden, expected) => {
    expect(protectTable(values, hidden, 11)).toEqual(expected);
  });
});
