import { describe, expect, it } from 'vitest';
import { isOpioidOverdose, isOud, normalizeIcd10, substanceOf } from './icd10.ts';

describe('ICD-10-CM codes a feed acts on', () => {
  it.each([
    ['T401X1A', 'T40.1X1A'],
    ['t40.1x1a', 'T40.1X1A'],
    ['F1120', 'F11.20'],
    ['F11', 'F11'],
    ['', null],
    ['12345', null],
    ['T40.1X1A; DROP', null],
  ])('normalizes %j to %j', (raw, expected) => {
    expect(normalizeIcd10(raw)).toBe(expected);
  });

  it.each([
    ['T40.0X1A', true],
    ['T40.1X1A', true],
    ['T40.2X4A', true],
    ['T40.3X2A', true],
    ['T40.411A', true],
    ['T40.4X1A', true],
    ['T40.601A', true],
    ['T40.691A', true],
    ['T40.1X1', true],
    ['T40.1X5A', false], // adverse effect
    ['T40.1X6A', false], // underdosing
    ['T40.1X1D', false], // subsequent encounter
    ['T40.1X1S', false], // sequela
    ['T40.5X1A', false], // cocaine
    ['T40.7X1A', false], // cannabis
    ['F11.20', false],
  ])('%s is an opioid overdose: %s', (code, expected) => {
    expect(isOpioidOverdose(code)).toBe(expected);
  });

  it.each([
    ['F11.20', true],
    ['F11.10', true],
    ['F11', true],
    ['F10.20', false],
    ['F12.20', false],
    ['T40.1X1A', false],
  ])('%s is opioid use disorder: %s', (code, expected) => {
    expect(isOud(code)).toBe(expected);
  });

  it.each([
    ['T40.1X1A', 'heroin'],
    ['T40.2X1A', 'prescription_opioid'],
    ['T40.3X1A', 'methadone'],
    ['T40.411A', 'fentanyl'],
    ['T40.0X1A', 'other'],
    ['T40.601A', 'unknown'],
  ])('%s suggests %s', (code, expected) => {
    expect(substanceOf(code)).toBe(expected);
  });
});
