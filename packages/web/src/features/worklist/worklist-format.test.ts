import { describe, expect, it } from 'vitest';
import { formatDue, fromLocalInput, languageName, toLocalInput } from './worklist-format.ts';

const now = new Date('2026-11-20T12:00:00Z');

describe('formatDue', () => {
  it.each([
    ['2026-11-20T12:00:30Z', 'due now'],
    ['2026-11-20T11:59:45Z', 'due now'],
    ['2026-11-20T12:01:00Z', 'due in 1 minute'],
    ['2026-11-20T12:45:00Z', 'due in 45 minutes'],
    ['2026-11-20T13:00:00Z', 'due in 1 hour'],
    ['2026-11-21T23:00:00Z', 'due in 35 hours'],
    ['2026-11-22T12:00:00Z', 'due in 2 days'],
    ['2026-11-20T09:00:00Z', 'overdue by 3 hours'],
    ['2026-11-17T12:00:00Z', 'overdue by 3 days'],
    ['2026-11-20T11:58:00Z', 'overdue by 2 minutes'],
  ])('%s → %s', (dueAt, expected) => {
    expect(formatDue(dueAt, now)).toBe(expected);
  });
});

describe('datetime-local values', () => {
  it('round-trips an instant through the local input value (to the minute)', () => {
    const at = new Date('2026-11-21T09:30:00Z');
    expect(fromLocalInput(toLocalInput(at))).toBe(at.toISOString());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
  });
});

describe('languageName', () => {
  it.each([
    ['es', 'Spanish'],
    ['en', 'English'],
    ['Vietnamese', 'Vietnamese'],
    [null, '—'],
  ])('%s → %s', (code, name) => {
    expect(languageName(code)).toBe(name);
  });
});
