import { describe, expect, it } from 'vitest';
import { FeedMessageError } from '../adapter.ts';
import { canonicalRow, parseRow, splitRows, type TabularSpec } from './tabular.ts';

const csvSpec: TabularSpec = { label: 'The file', json: 'list' };
const reasonOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof FeedMessageError) return error.reason;
    throw error;
  }
  return null;
};

describe('canonicalRow', () => {
  it.each<[string, unknown, boolean, string]>([
    ['sorts keys', { b: 1, a: 'x' }, false, '{"a":"x","b":1}'],
    ['keeps values as sent', { n: 2, z: null }, false, '{"n":2,"z":null}'],
    ['makes every value a string when asked', { n: 2, z: null }, true, '{"n":"2","z":""}'],
    ['leaves a value that is not an object as JSON', [1, 2], false, '[1,2]'],
  ])('%s', (_label, row, stringValues, out) => {
    expect(canonicalRow(row, stringValues)).toBe(out);
  });
});

describe('splitRows', () => {
  it.each<[string, string, TabularSpec, string[]]>([
    [
      'CSV: header names trimmed and lower-cased, one message a row',
      ' Event , ID\nrelease,1\nbooking,2\n',
      csvSpec,
      ['{"event":"release","id":"1"}', '{"event":"booking","id":"2"}'],
    ],
    ['CSV: a byte-order mark and blank lines', '\uFEFFa,b\n\n1,2\n', csvSpec, ['{"a":"1","b":"2"}']],
    ['CSV: relaxed column count fills missing cells', 'a,b\n1\n', { ...csvSpec, relaxColumnCount: true }, ['{"a":"1","b":""}']],
    ['a JSON list', '[{"b":1,"a":2}]', csvSpec, ['{"a":2,"b":1}']],
    ['{"rows": [...]} where allowed', '{"rows":[{"a":1}]}', { ...csvSpec, json: 'list_or_rows' }, ['{"a":1}']],
    [
      'NDJSON: each line, a line that is not an object kept as sent',
      '{"a":1}\nnope\n',
      { ...csvSpec, json: 'ndjson', stringValues: true },
      ['{"a":"1"}', 'nope'],
    ],
    ['a CSV with only its header', 'a,b\n', csvSpec, []],
  ])('%s', (_label, content, spec, out) => {
    expect(splitRows(content, spec)).toEqual(out);
  });

  it.each<[string, string, TabularSpec, string]>([
    ['broken CSV', 'a,b\n1,2,3\n', csvSpec, 'The file is not valid CSV'],
    ['broken JSON', '[{"a":', csvSpec, 'The file is not valid JSON'],
    ['no rows, when rows are required', '[]', { ...csvSpec, noRows: { reason: 'No rows' } }, 'No rows'],
    [
      'a JSON object without rows',
      '{"x":1}',
      { ...csvSpec, json: 'list_or_rows', noRows: { reason: 'A list, please', jsonOnly: true } },
      'A list, please',
    ],
    [
      'a header the checker refuses',
      'a\n1\n',
      {
        ...csvSpec,
        checkHeader: () => {
          throw new FeedMessageError('malformed', 'Missing column b');
        },
      },
      'Missing column b',
    ],
  ])('refuses %s as a whole', (_label, content, spec, reason) => {
    expect(reasonOf(() => splitRows(content, spec))).toBe(reason);
  });

  it('a CSV with only its header is not refused when only a JSON file must have rows', () => {
    expect(splitRows('a\n', { ...csvSpec, noRows: { reason: 'x', jsonOnly: true } })).toEqual([]);
  });
});

describe('parseRow', () => {
  it('reads a row message back into its columns', () => {
    expect(parseRow('{"a":"1"}', 'A row')).toEqual({ a: '1' });
  });
  it.each([
    ['not JSON', 'nope', 'The row is not valid JSON'],
    ['a list', '[1]', 'A row is an object of columns'],
    ['null', 'null', 'A row is an object of columns'],
  ])('refuses %s', (_label, message, reason) => {
    expect(reasonOf(() => parseRow(message, 'A row'))).toBe(reason);
  });
});
