import { describe, expect, it } from 'vitest';
import type { Agreement, Completion } from '@continuum/contracts';
import { describeImportPath, expiringSoon, formatDay, renewalsDue, shareText } from './network-format.ts';

describe('describeImportPath', () => {
  it.each([
    ['csv.line3.completed_on', 'Line 3, column completed_on'],
    ['body.csv.line12.email', 'Line 12, column email'],
    ['body.csv', 'File'],
    ['other', 'other'],
  ])('%s → %s', (path, text) => expect(describeImportPath(path)).toBe(text));
});

describe('renewalsDue', () => {
  const a = (id: string, state: Agreement['state'], daysToEnd: number | null) => ({ id, state, daysToEnd }) as Agreement;
  it('keeps agreements ending within 60 days, soonest first', () => {
    const due = renewalsDue([a('x', 'ending_soon', 40), a('y', 'in_force', 200), a('z', 'ending_soon', 5), a('t', 'terminated', 3)]);
    expect(due.map((d) => d.id)).toEqual(['z', 'x']);
  });
});

describe('expiringSoon', () => {
  const c = (id: string, over: Partial<Completion>) =>
    ({ id, userId: 'u', courseId: 'k', completedOn: '2025-12-01', expiresOn: '2026-12-20', current: true, ...over }) as Completion;
  it.each<[string, Partial<Completion>[], string[]]>([
    ['within 30 days', [{}], ['a0']],
    ['the 30th day is in', [{ expiresOn: '2027-01-06' }], ['a0']],
    ['the 31st day is out', [{ expiresOn: '2027-01-07' }], []],
    ['already expired is out', [{ expiresOn: '2026-12-06', current: false }], []],
    ['a newer completion of the same course replaces it', [{}, { completedOn: '2026-12-01', expiresOn: '2027-12-01' }], []],
    ['another person’s newer completion does not', [{}, { userId: 'v', completedOn: '2026-12-01', expiresOn: '2027-12-01' }], ['a0']],
  ])('%s', (_name, items, expected) => {
    expect(
      expiringSoon(
        items.map((o, i) => c(`a${i}`, o)),
        '2026-12-07',
      ).map((x) => x.id),
    ).toEqual(expected);
  });
});

describe('formatting', () => {
  it('shows a calendar day as that day in every time zone', () => expect(formatDay('2026-12-31')).toBe('Dec 31, 2026'));
  it.each([
    [null, '—'],
    [0.5, '50%'],
    [1 / 6, '16.7%'],
  ])('share %s → %s', (share, text) => expect(shareText(share)).toBe(text));
});
