import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.ts';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    [42, '42'],
    [0.5, '0.5'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    [' spaced ', ' spaced '],
    [null, ''],
    [undefined, ''],
  ])('%j is written as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });
});

describe('csvLine', () => {
  it('reads back through a CSV parser as the same fields', () => {
    const fields = ['id-1', 'O\'Brien, "Pat"', 'line\nbreak', '', 'x'];
    const [row] = parse(`${csvLine(fields)}\n`) as string[][];
    expect(row).toEqual(fields);
  });
});
