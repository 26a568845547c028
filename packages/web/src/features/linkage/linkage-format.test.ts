import { describe, expect, it } from 'vitest';
import { count, pct, percent } from './linkage-format.ts';

describe('linkage figures', () => {
  it.each([
    [{ value: 204, suppressed: false }, '204'],
    [{ value: null, suppressed: true }, '<11'],
    [{ value: 0, suppressed: false }, '0'],
  ])('count %j is %s', (cell, shown) => expect(count(cell)).toBe(shown));

  it.each([
    [0.97, '97.0%'],
    [0.9312, '93.1%'],
    [null, '—'],
  ])('share %s is %s', (x, shown) => expect(pct(x)).toBe(shown));

  it.each([
    [62.5, '62.5%'],
    [null, '—'],
  ])('percent %s is %s', (x, shown) => expect(percent(x)).toBe(shown));
});
