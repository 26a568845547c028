import { describe, expect, it } from 'vitest';
import { complementary, isSmall, suppressCount, suppressProportion } from './suppression.ts';

describe('small-cell suppression', () => {
  it.each([
    [0, false],
    [1, true],
    [10, true],
    [11, false],
  ])('a count of %i is small: %s', (n, small) => {
    expect(isSmall(n)).toBe(small);
    expect(suppressCount(n)).toEqual(small ? { value: null, suppressed: true } : { value: n, suppressed: false });
  });
  it.each([
    ['all large', 20, 40, false],
    ['small numerator', 10, 40, true],
    ['small denominator', 5, 10, true],
    ['small difference (those not meeting it)', 35, 40, true],
    ['zero numerator, large denominator', 0, 40, false],
    ['all met, large', 40, 40, false],
    ['nothing to measure', 0, 0, false],
  ])('%s: %i of %i suppressed %s', (_name, num, den, suppressed) => {
    const shown = suppressProportion(num, den);
    expect(shown.suppressed).toBe(suppressed);
    if (suppressed) expect(shown).toEqual({ numerator: null, denominator: null, rate: null, suppressed: true });
    else expect(shown.rate).toBe(den > 0 ? num / den : null);
  });
});

describe('complementary suppression', () => {
  it.each([
    ['one hidden cell hides the next smallest non-zero one', [5, 40, 0, 22], [true, false, false, false], [true, false, false, true]],
    ['two hidden cells need nothing more', [5, 7, 30], [true, true, false], [true, true, false]],
    ['nothing hidden stays as it is', [20, 30], [false, false], [false, false]],
    ['no other non-zero cell: the whole set is hidden', [4, 0, 0], [true, false, false], [true, true, true]],
  ])('%s', (_name, values, suppressed, expected) => {
    expect(complementary(values, suppressed)).toEqual(expected);
  });
});
