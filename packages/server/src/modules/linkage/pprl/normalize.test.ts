import { describe, expect, it } from 'vitest';
import { NormalizeError, normalizations, soundex } from './normalize.ts';

describe('normalizations', () => {
  it.each([
    ['name', '  José-María ', 'jose maria'],
    ['name', "O'Brien", 'obrien'],
    ['name', '---', null],
    ['text', '12 Main St., Apt 4', '12 main st apt 4'],
    ['digits', '(555) 010-2000', '5550102000'],
    ['date', '1979-03-07', '19790307'],
    ['date', '1979-3-7', '19790307'],
    ['date', '03/07/1979', '19790307'],
    ['date', '19790307', '19790307'],
    ['date', '19791332', '19791332'],
    ['date', '1979-03-07T00:00:00Z', '19790307'],
    ['sex', 'Female', 'f'],
    ['sex', 'M', 'm'],
    ['sex', 'U', null],
    ['zip', '21201-1234', '21201'],
    ['zip', '2614', '2614'],
    ['ssn-last4', '900-12-3456', '3456'],
    ['ssn-last4', '3456', '3456'],
    ['ssn-last4', '000-00-0000', null],
    ['ssn-last4', '123-45-6789', null],
    ['ssn-last4', '12', null],
    ['phone', '12345', null],
    ['phone', '+1 (410) 555-0100', '4105550100'],
    ['phone', '555-0100', '5550100'],
  ] as const)('%s(%j) = %j', (kind, raw, expected) => {
    expect(normalizations[kind](raw)).toBe(expected);
  });

  it.each([
    ['date', 'next tuesday', /not a date/],
    ['date', '1979/03/07', /not a date/],
    ['sex', 'q', /not a sex code/],
  ] as const)('%s(%j) is refused with a message that does not repeat the value', (kind, raw, message) => {
    let error: unknown;
    try {
      normalizations[kind](raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NormalizeError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(raw);
  });
});

describe('soundex', () => {
  it.each([
    ['robert', 'r163'],
    ['rupert', 'r163'],
    ['ashcraft', 'a261'],
    ['tymczak', 't522'],
    ['pfister', 'p236'],
    ['lee', 'l000'],
    ['', ''],
  ])('%s → %s', (name, code) => {
    expect(soundex(name)).toBe(code);
  });
});
