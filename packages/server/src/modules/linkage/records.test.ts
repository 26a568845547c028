import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseColumnMap } from './columns.ts';
import { normalizeBirthDate, normalizeName, normalizePhone, normalizeSsn, normalizeStreet, normalizeZip } from './normalize.ts';
import { LinkageInputError, normalizePeople, parseRecordText, readRecordFile } from './records.ts';

const data = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

describe('normalization', () => {
  it.each([
    ['García López', 'garcialopez', ['garcia', 'lopez'], ''],
    ['García-López', 'garcialopez', ['garcia', 'lopez'], ''],
    ['GARCIA', 'garcia', [], ''],
    ["O'Brien", 'obrien', [], ''],
    ['Smith Jr.', 'smith', [], 'jr'],
    ['Smith III', 'smith', [], 'iii'],
    ['de la Cruz y Núñez', 'delacruzynunez', ['cruz', 'nunez'], ''],
    ['Dr John', 'john', [], ''],
    ['  ', '', [], ''],
  ])('name %j', (raw, name, parts, suffix) => {
    expect(normalizeName(raw)).toEqual({ name, parts, suffix });
  });

  it.each([
    ['1990-03-04', '19900304'],
    ['1990-3-4', '19900304'],
    ['1990/03/04', '19900304'],
    ['19900304', '19900304'],
    ['19561501', '19561501'],
    ['03/04/1990', '19900304'],
    ['3/4/1990', '19900304'],
    ['25/04/1990', '19900425'],
    ['1990-03-04T00:00:00Z', '19900304'],
    ['', ''],
  ])('birth date %j', (raw, value) => {
    expect(normalizeBirthDate(raw)).toEqual({ ok: true, value });
  });

  it.each(['yesterday', '1990-13-01', '13/13/1990', '04/03/90', '1990'])('birth date %j is not a date', (raw) => {
    expect(normalizeBirthDate(raw).ok).toBe(false);
  });

  it('identifiers: digits only, placeholders and short numbers dropped', () => {
    expect(normalizeSsn('123-45-6780')).toBe('123456780');
    expect(normalizeSsn('000-00-0000')).toBe('');
    expect(normalizeSsn('123-45-6789')).toBe('');
    expect(normalizePhone('+1 (410) 555-0123')).toBe('4105550123');
    expect(normalizePhone('555')).toBe('');
    expect(normalizeZip('21201-1234')).toBe('21201');
    expect(normalizeZip('2119')).toBe('2119');
  });

  it('street lines: number split off, suffixes abbreviated, units dropped', () => {
    expect(normalizeStreet('123 North Main Street Apt 4')).toEqual({ number: '123', street: 'n main st' });
    expect(normalizeStreet('wylly place')).toEqual({ number: '', street: 'wylly pl' });
    expect(normalizeStreet('12B Elm Ave. #3')).toEqual({ number: '12b', street: 'elm ave' });
  });
});

describe('readers', () => {
  it('reads FEBRL (", " separators, CRLF lines, rec_id) with recognized columns', async () => {
    const records = await readRecordFile(path.join(data, 'febrl', 'dataset4a.csv'));
    expect(records).toHaveLength(5000);
    const first = records[0]!;
    expect(first).toMatchObject({ id: 'rec-1070-org', source: 'dataset4a.csv', row: 1, given: 'michaela', family: 'neumann' });
    expect(first).toMatchObject({
      streetNumber: '8',
      street: 'stanley st',
      city: 'winston hills',
      zip: '4223',
      birthDate: '19151111',
      ssn: '5304218',
    });
  });

  it('reads a file without quotes (fast path) exactly as csv-parse reads it', async () => {
    const file = path.join(data, 'febrl', 'dataset4a.csv');
    const fast = await readRecordFile(file, { source: 'x' });
    const parsed = await parseRecordText(fs.readFileSync(file, 'utf8'), { source: 'x', format: 'csv' });
    expect(fast).toEqual(parsed);
  });

  it('fast path: a row with a different number of columns names its row', async () => {
    const file = path.join(os.tmpdir(), `linkage-bad-${process.pid}.csv`);
    fs.writeFileSync(file, 'record_id,first_name,last_name\r\n1,Ann,Lee\r\n\r\n2,Bo\r\n');
    try {
      await expect(readRecordFile(file)).rejects.toMatchObject({ row: 2, message: expect.stringContaining('different number of columns') });
    } finally {
      fs.rmSync(file);
    }
  });

  it("reads Splink's fake_1000 (unique_id, ISO dates, emails)", async () => {
    const records = await readRecordFile(path.join(data, 'splink', 'fake_1000.csv'));
    expect(records).toHaveLength(1000);
    expect(records[0]).toMatchObject({ id: '0', given: 'robert', family: 'alan', birthDate: '19710624', email: 'robert255@smith.net' });
  });

  it('maps columns explicitly and reads NDJSON', async () => {
    const map = parseColumnMap('fn=given_name,ln=surname,born=dob,tel=phone');
    const text = '{"record_id":"a1","fn":"Bob","ln":"Smith Jr","born":"04/03/1990","tel":"410-555-0123","sex":"M"}\n';
    const [r] = await parseRecordText(text, { map });
    expect(r).toMatchObject({
      id: 'a1',
      given: 'bob',
      family: 'smith',
      suffix: 'jr',
      birthDate: '19900403',
      phone: '4105550123',
      sex: 'm',
    });
  });

  it('normalizes people held in memory', () => {
    const [r] = normalizePeople([{ id: 'p1', given_name: 'José', family_name: 'García-López', birth_date: '1980-01-02' }]);
    expect(r).toMatchObject({ id: 'p1', given: 'jose', family: 'garcialopez', familyParts: ['garcia', 'lopez'], birthDate: '19800102' });
  });

  async function failure(text: string, options = {}): Promise<LinkageInputError> {
    try {
      await parseRecordText(text, { source: 'in.csv', ...options });
    } catch (error) {
      if (error instanceof LinkageInputError) return error;
      throw error;
    }
    throw new Error('expected a LinkageInputError');
  }

  it.each([
    ['record_id,first_name,dob\n1,Ann,1990-01-01\n', 0, 'family_name'],
    ['given_name,family_name\nAnn,Lee\n', 0, 'record_id or rec_id or unique_id or id'],
    ['record_id,first_name,last_name,dob\n1,Ann,Lee,1990-01-01\n2,Bo,Lee,someday\n', 2, 'dob'],
    ['record_id,first_name,last_name\n1,Ann,Lee\n2,Bo\n', 2, ''],
    ['record_id,first_name,last_name\n1,Ann,Lee\n1,Bo,Lee\n', 2, 'record_id'],
  ])('bad input %#: names row and column, never the value', async (text, row, column) => {
    const error = await failure(text);
    expect(error.row).toBe(row);
    expect(error.column).toBe(column);
    expect(error.message).not.toContain('someday');
  });

  it('rejects binary content as not CSV', async () => {
    const error = await failure('\u0000\u0001PK\u0003');
    expect(error.message).toContain('not a CSV or NDJSON file');
  });

  it('rejects an NDJSON line that is not an object, naming the row', async () => {
    const error = await failure('{"record_id":"1","first_name":"a","last_name":"b"}\n[1,2]\n', { format: 'ndjson' });
    expect(error.row).toBe(2);
  });
});
