import { describe, expect, it } from 'vitest';
import { qgrams } from './tokens.ts';

describe('qgrams', () => {
  it.each([
    { value: 'clkhash', q: 2, positional: false, expected: [' c', 'cl', 'lk', 'kh', 'ha', 'as', 'sh', 'h '] },
    { value: 'ab', q: 2, positional: false, expected: [' a', 'ab', 'b '] },
    { value: 'a', q: 2, positional: false, expected: [' a', 'a '] },
    { value: 'abc', q: 3, positional: false, expected: [' ab', 'abc', 'bc '] },
    { value: '1951', q: 1, positional: true, expected: ['0 1', '1 9', '2 5', '3 1'] },
    { value: '1915', q: 1, positional: true, expected: ['0 1', '1 9', '2 1', '3 5'] },
    { value: 'nsw', q: 2, positional: true, expected: ['0  n', '1 ns', '2 sw', '3 w '] },
    { value: '', q: 1, positional: false, expected: [] },
  ])('$value, q=$q, positional=$positional', ({ value, q, positional, expected }) => {
    expect(qgrams(value, q, positional)).toEqual(expected);
  });
});
