import { describe, expect, it } from 'vitest';
import { checkImportRows, coverage, expiryOf, isCurrent } from './training-rules.ts';

describe('expiryOf', () => {
  it.each([
    { completedOn: '2026-01-15', months: 12, expiry: '2027-01-15' },
    { completedOn: '2026-01-31', months: 1, expiry: '2026-02-28' },
    { completedOn: '2024-02-29', months: 12, expiry: '2025-02-28' },
    { completedOn: '2026-11-30', months: 3, expiry: '2027-02-28' },
    { completedOn: '2026-05-01', months: null, expiry: null },
  ])('$completedOn + $months months', ({ completedOn, months, expiry }) => {
    expect(expiryOf(completedOn, months)).toBe(expiry);
  });
});

describe('isCurrent', () => {
  it.each([
    { name: 'on its expiry day', c: { completedOn: '2026-01-01', expiresOn: '2026-06-15' }, today: '2026-06-15', current: true },
    { name: 'the day after', c: { completedOn: '2026-01-01', expiresOn: '2026-06-15' }, today: '2026-06-16', current: false },
    { name: 'never expiring', c: { completedOn: '2020-01-01', expiresOn: null }, today: '2030-01-01', current: true },
    { name: 'completed in the future', c: { completedOn: '2026-07-01', expiresOn: null }, today: '2026-06-15', current: false },
  ])('$name', ({ c, today, current }) => {
    expect(isCurrent(c, today)).toBe(current);
  });
});

describe('coverage', () => {
  const course = { id: 'c1', title: 'Buprenorphine induction' };
  const ed = { organizationId: 'ed', organizationName: 'ED' };
  it('counts staff per organization and role, and the share holding a current completion', () => {
    const rows = coverage(
      [course],
      [
        { userId: 'a', ...ed, roles: ['clinician'] },
        { userId: 'b', ...ed, roles: ['clinician', 'org_admin'] },
        { userId: 'c', ...ed, roles: ['clinician'] },
      ],
      [
        { userId: 'a', courseId: 'c1', completedOn: '2026-01-01', expiresOn: null },
        { userId: 'b', courseId: 'c1', completedOn: '2024-01-01', expiresOn: '2025-01-01' },
      ],
      '2026-06-15',
    );
    expect(rows.map((r) => [r.role, r.staff, r.current, r.share])).toEqual([
      ['clinician', 3, 1, 1 / 3],
      ['org_admin', 1, 0, 0],
    ]);
  });
});

describe('checkImportRows', () => {
  it.each([
    { name: 'a good row', row: { email: 'A@x.org', course: 'Naloxone', completed_on: '2026-01-01' }, paths: [] },
    { name: 'a bad date', row: { email: 'a@x.org', course: 'Naloxone', completed_on: '01/02/2026' }, paths: ['csv.line2.completed_on'] },
    { name: 'no email', row: { email: '', course: 'Naloxone', completed_on: '2026-01-01' }, paths: ['csv.line2.email'] },
    {
      name: 'a bad expiry',
      row: { email: 'a@x.org', course: 'Naloxone', completed_on: '2026-01-01', expires_on: 'soon' },
      paths: ['csv.line2.expires_on'],
    },
    { name: 'no course', row: { email: 'a@x.org', course: ' ', completed_on: '2026-01-01' }, paths: ['csv.line2.course'] },
  ])('$name', ({ row, paths }) => {
    expect(checkImportRows([row as Record<string, string>]).problems.map((p) => p.path)).toEqual(paths);
  });
});
