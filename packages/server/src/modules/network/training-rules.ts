import { epochDayOf, isIsoDay, type CoverageRow, type Role } from '@continuum/contracts';

/*
 * Training rules, pure (table-driven tests in training-rules.test.ts): when a completion expires,
 * whether it is current, and coverage — the share of an organization's staff in a role holding a
 * current completion of a course.
 */

/** The last day a completion is current: the completion day plus the course's validity in months (the month's last day when shorter). */
export function expiryOf(completedOn: string, validMonths: number | null): string | null {
  if (validMonths === null) return null;
  const [y, m, d] = completedOn.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + validMonths;
  const year = y + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Current on `today`: completed by then and not past its expiry (the expiry day itself still counts). */
export function isCurrent(c: { completedOn: string; expiresOn: string | null }, today: string): boolean {
  return c.completedOn <= today && (c.expiresOn === null || today <= c.expiresOn);
}

/** Days until a completion expires (negative once expired); null when it never does. */
export function daysToExpiry(expiresOn: string | null, today: string): number | null {
  return expiresOn === null ? null : epochDayOf(expiresOn) - epochDayOf(today);
}

export interface CoverageMember {
  userId: string;
  organizationId: string;
  organizationName: string;
  roles: readonly Role[];
}

/**
 * One row per (course, organization, role) with staff in that role: how many, and how many hold a
 * current completion. A person with two roles counts in each.
 */
export function coverage(
  courses: readonly { id: string; title: string }[],
  members: readonly CoverageMember[],
  completions: readonly { userId: string; courseId: string; completedOn: string; expiresOn: string | null }[],
  today: string,
): CoverageRow[] {
  const current = new Set(completions.filter((c) => isCurrent(c, today)).map((c) => `${c.courseId}|${c.userId}`));
  const rows = new Map<string, CoverageRow>();
  for (const course of courses) {
    for (const m of members) {
      for (const role of m.roles) {
        const key = `${course.id}|${m.organizationId}|${role}`;
        let row = rows.get(key);
        if (!row) {
          row = {
            courseId: course.id,
            courseTitle: course.title,
            organizationId: m.organizationId,
            organizationName: m.organizationName,
            role,
            staff: 0,
            current: 0,
            share: null,
          };
          rows.set(key, row);
        }
        row.staff++;
        if (current.has(`${course.id}|${m.userId}`)) row.current++;
      }
    }
  }
  return [...rows.values()]
    .map((r) => ({ ...r, share: r.staff === 0 ? null : r.current / r.staff }))
    .sort(
      (a, b) =>
        a.courseTitle.localeCompare(b.courseTitle) || a.organizationName.localeCompare(b.organizationName) || a.role.localeCompare(b.role),
    );
}

export interface ImportRow {
  line: number;
  email: string;
  course: string;
  completedOn: string;
  expiresOn: string | null;
}

/** Checks a learning-management export's rows (header `email,course,completed_on[,expires_on]`); problems name the line and column. */
export function checkImportRows(records: readonly Record<string, string>[]): {
  rows: ImportRow[];
  problems: { path: string; message: string }[];
} {
  const rows: ImportRow[] = [];
  const problems: { path: string; message: string }[] = [];
  records.forEach((r, i) => {
    const line = i + 2; // the header is line 1
    const email = (r.email ?? '').trim().toLowerCase();
    const course = (r.course ?? '').trim();
    const completedOn = (r.completed_on ?? '').trim();
    const expires = (r.expires_on ?? '').trim();
    if (!email.includes('@')) problems.push({ path: `csv.line${line}.email`, message: 'Expected an email address.' });
    if (course === '') problems.push({ path: `csv.line${line}.course`, message: 'Expected the course title or id.' });
    if (!isIsoDay(completedOn)) problems.push({ path: `csv.line${line}.completed_on`, message: 'Expected a date as YYYY-MM-DD.' });
    if (expires !== '' && !isIsoDay(expires))
      problems.push({ path: `csv.line${line}.expires_on`, message: 'Expected a date as YYYY-MM-DD, or nothing.' });
    rows.push({ line, email, course, completedOn, expiresOn: expires === '' ? null : expires });
  });
  return { rows, problems };
}
