import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, csvLine, csvSafeText } from './csv.ts';

describe('csvSafeText: formula injection', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+cmd|" /C calc"!A0', `'+1+cmd|" /C calc"!A0`],
    ['-2+3+cmd|" /C calc"!A0', `'-2+3+cmd|" /C calc"!A0`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['-3', '-3'],
    ['+1.5', '+1.5'],
    ['-1e5', '-1e5'],
    ['Harbor Clinic', 'Harbor Clinic'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(csvSafeText(input)).toBe(expected);
  });
});

describe('csvField and csvLine', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    [-4, '-4'],
    [true, 'true'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1,2', `"'=1,2"`],
  ])('%j → %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('joins a line and a document', () => {
    expect(csvLine(['a', 1, null, '@x'])).toBe("a,1,,'@x");
    expect(
      csvDocument([
        ['h1', 'h2'],
        ['=x', 2],
      ]),
    ).toBe("h1,h2\r\n'=x,2\r\n");
  });
});
