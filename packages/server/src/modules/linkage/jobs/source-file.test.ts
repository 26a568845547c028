import { describe, expect, it } from 'vitest';
import { LinkageInputError } from '../records.ts';
import { parseEventDate, readSourceFile, suggestColumnMap } from './source-file.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const read = (text: string, map: Record<string, string>) =>
  readSourceFile(bytes(text), { source: 'ems', fileIndex: 1, label: 'ems.csv', map: map as never });

function inputError(fn: () => unknown): LinkageInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LinkageInputError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('suggestColumnMap', () => {
  it.each([
    [
      ['rec_id', 'first_name', 'surname', 'dob', 'run_date'],
      { rec_id: 'record_id', first_name: 'given_name', surname: 'family_name', dob: 'birth_date', run_date: 'event_date' },
    ],
    [
      ['Given Name', 'Last-Name', 'Date of Birth', 'SSN'],
      { 'Given Name': 'given_name', 'Last-Name': 'family_name', 'Date of Birth': 'birth_date', SSN: 'ssn' },
    ],
    [
      ['soc_sec_id', 'suburb', 'postcode', 'address_1', 'event_type'],
      { soc_sec_id: 'ssn', suburb: 'city', postcode: 'zip', address_1: 'address', event_type: 'event_type' },
    ],
    [['diagnosis', 'notes'], {}],
    // A field is suggested once: the second date column stays unmapped.
    [['booking_date', 'release_date'], { booking_date: 'event_date' }],
  ])('%j → %j', (columns, expected) => {
    expect(suggestColumnMap(columns)).toEqual(expected);
  });
});

describe('parseEventDate', () => {
  it.each([
    ['2025-03-09', '2025-03-09'],
    ['2025-03-09T14:30:00Z', '2025-03-09'],
    ['20250309', '2025-03-09'],
    ['3/9/2025', '2025-03-09'],
    ['03/09/2025 10:15 PM', '2025-03-09'],
    ['2025-02-30', null],
    ['13/01/2025', null],
    ['yesterday', null],
    ['', null],
  ])('%s → %s', (raw, expected) => {
    expect(parseEventDate(raw)).toBe(expected);
  });
});

describe('readSourceFile', () => {
  const map = { run_id: 'record_id', first: 'given_name', last: 'family_name', run_date: 'event_date', dob: 'birth_date' };

  it('reads CSV and NDJSON into records with the event date and a key unique across files', () => {
    const csv = read('run_id,first,last,run_date,dob\nr1,Ana,Ruiz,2025-01-02,1980-05-06\nr2,Bo,Li,01/03/2025,\n', map);
    expect(csv.format).toBe('csv');
    expect(csv.records.map((r) => [r.key, r.source, r.eventType, r.eventDate, r.link.given, r.link.birthDate])).toEqual([
      ['1:r1', 'ems', 'ems', '2025-01-02', 'ana', '19800506'],
      ['1:r2', 'ems', 'ems', '2025-01-03', 'bo', ''],
    ]);
    const nd = read('{"run_id":"r1","first":"Ana","last":"Ruiz","run_date":"2025-01-02","dob":null}\n', map);
    expect(nd.format).toBe('ndjson');
    expect(nd.records[0]!.link.family).toBe('ruiz');
  });

  it('keeps an event type held by at least 11 records and replaces free text and rare values with other', () => {
    const releases = Array.from({ length: 11 }, (_, i) => `A${i},B,2025-01-01,Release\n`).join('');
    const text = `first,last,run_date,kind\n${releases}C,D,2025-01-01,"said he lives at 4 Elm St"\nE,F,2025-01-01,Smith\n`;
    const r = read(text, {
      first: 'given_name',
      last: 'family_name',
      run_date: 'event_date',
      kind: 'event_type',
    });
    expect(r.records.map((x) => x.eventType)).toEqual([...Array(11).fill('release'), 'other', 'other']);
  });

  it.each([
    [
      'a missing required column',
      'run_id,first,run_date\nr1,Ana,2025-01-02\n',
      { run_id: 'record_id', first: 'given_name', run_date: 'event_date' },
      0,
      'family_name',
      /missing required column family_name/,
    ],
    [
      'an unparseable event date',
      'run_id,first,last,run_date,dob\nr1,Ana,Ruiz,2025-01-02,\nr2,Bo,Li,2025-13-01,\n',
      map,
      2,
      'run_date',
      /not a date/,
    ],
    ['an unparseable birth date', 'run_id,first,last,run_date,dob\nr1,Ana,Ruiz,2025-01-02,soon\n', map, 1, 'dob', /not a date/],
    [
      'a repeated record id',
      'run_id,first,last,run_date,dob\nr1,Ana,Ruiz,2025-01-02,\nr1,Bo,Li,2025-01-02,\n',
      map,
      2,
      'run_id',
      /repeats/,
    ],
    [
      'a map naming no column',
      'first,last,run_date\nA,B,2025-01-01\n',
      { first: 'given_name', last: 'family_name', when: 'event_date' },
      0,
      'when',
      /does not have/,
    ],
    [
      'a ragged row',
      'first,last,run_date\nA,B,2025-01-01\nC,D\n',
      { first: 'given_name', last: 'family_name', run_date: 'event_date' },
      2,
      '',
      /number of columns/,
    ],
    ['a bad NDJSON line', '{"first":"A"}\nnot json\n', { first: 'given_name' }, 2, '', /not a JSON object/],
  ])('refuses %s, naming the row and column and never the value', (_what, text, m, row, column, reason) => {
    const e = inputError(() => read(text, m));
    expect([e.row, e.column]).toEqual([row, column]);
    expect(e.message).toMatch(reason);
    for (const value of ['Ana', 'Ruiz', 'soon', '2025-13-01', '4 Elm']) expect(e.message).not.toContain(value);
  });

  it.each([
    ['binary content', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01])],
    ['text that is not UTF-8', new Uint8Array([0x66, 0x69, 0x72, 0x73, 0x74, 0xff, 0xfe])],
    ['prose without columns', bytes('Dear analyst\nhere are the records you asked for\n')],
  ])('refuses %s as not CSV', (_what, input) => {
    const e = inputError(() => readSourceFile(input, { source: 'ems', fileIndex: 0, label: 'x', map: {} }));
    expect(e.message).toMatch(/not a CSV/);
  });
});
