import { describe, expect, it } from 'vitest';
import { containsPattern } from './search.ts';

describe('containsPattern', () => {
  it.each([
    ['harbor', '%harbor%'],
    ['50%', '%50\\%%'],
    ['a_b', '%a\\_b%'],
    ['back\\slash', '%back\\\\slash%'],
  ])('%j → %j', (text, pattern) => {
    expect(containsPattern(text)).toBe(pattern);
  });
});
