import { describe, expect, it } from 'vitest';
import type { LinkageSourceKind } from '@continuum/contracts';
import { normalizePeople } from '../records.ts';
import {
  ageBand,
  ANALYTIC_COLUMNS,
  analyticCsv,
  analyticRows,
  dateOffsetDays,
  daysBetween,
  deathReport,
  deathReportCsv,
  expectedAccuracy,
  MAX_SHIFT_DAYS,
  studyId,
  type AnalyticRow,
} from './analytic.ts';
import type { JobRecord } from './source-file.ts';
import { DAY_MS } from '@continuum/contracts';

const secretA = new Uint8Array(32).fill(7);
const secretB = new Uint8Array(32).fill(8);

function record(key: string, source: LinkageSourceKind, eventDate: string, person: Record<string, string>): JobRecord {
  const link = normalizePeople([{ id: key, ...person }])[0]!;
  return { key, source, eventType: source, eventDate, link };
}

describe('study ids and date offsets', () => {
  it('a study id is stable for a key and secret, differs across keys and secrets, and carries no part of the key', () => {
    expect(studyId(secretA, '0:r1')).toBe(studyId(secretA, '0:r1'));
    expect(studyId(secretA, '0:r1')).not.toBe(studyId(secretA, '0:r2'));
    expect(studyId(secretA, '0:r1')).not.toBe(studyId(secretB, '0:r1'));
    expect(studyId(secretA, '0:r1')).toMatch(/^S[0-9a-f]{16}$/);
  });

  it('offsets are never 0, stay within ±182 days and spread over the range', () => {
    const offsets = Array.from({ length: 2000 }, (_, i) => dateOffsetDays(secretA, `0:${i}`));
    expect(offsets.every((o) => o !== 0 && Math.abs(o) <= MAX_SHIFT_DAYS)).toBe(true);
    expect(Math.min(...offsets)).toBeLessThan(-170);
    expect(Math.max(...offsets)).toBeGreaterThan(170);
    expect(dateOffsetDays(secretA, '0:1')).toBe(dateOffsetDays(secretA, '0:1'));
  });
});

describe('ageBand', () => {
  it.each([
    ['19800506', '2025-05-05', '40-44'],
    ['19800506', '2025-05-06', '45-49'],
    ['20250101', '2025-06-01', '0-4'],
    ['19300101', '2025-01-01', '90+'],
    ['19350615', '2025-06-14', '85-89'],
    ['', '2025-01-01', ''],
    ['19801345', '2025-01-01', ''],
    ['20300101', '2025-01-01', ''],
  ])('born %s, event %s → %s', (birth, event, band) => {
    expect(ageBand(birth, event)).toBe(band);
  });
});

describe('analyticRows', () => {
  const ana = {
    given_name: 'Ana',
    family_name: 'Ruiz',
    birth_date: '1980-05-06',
    sex: 'F',
    ssn: '123-45-6789',
    phone: '410 555 0101',
    address: '12 Elm Street',
    zip: '21201',
    city: 'Baltimore',
  };
  const bo = { given_name: 'Bo', family_name: 'Li', birth_date: '1931-02-03', sex: 'M', phone: '410 555 0199' };
  const records = [
    record('0:h1', 'hospital', '2025-01-10', ana),
    record('1:e7', 'ems', '2025-03-01', ana),
    record('2:d1', 'death', '2025-03-20', ana),
    record('0:h2', 'hospital', '2025-02-01', bo),
  ];
  const clusterOf = [1, 1, 1, 2];
  const rows = analyticRows(records, clusterOf, secretA);

  it('holds only the de-identified columns: no name, address, SSN, phone, ZIP, town or birth date', () => {
    const csv = analyticCsv(rows);
    expect(csv.split('\n')[0]).toBe('study_id,source,event_type,event_date_shifted,days_from_index,age_band,sex');
    expect(Object.keys(rows[0]!).sort()).toEqual([...ANALYTIC_COLUMNS].sort());
    for (const value of [
      'Ana',
      'ana',
      'Ruiz',
      'ruiz',
      '6789',
      '123456789',
      '5550101',
      '555',
      'Elm',
      'elm',
      '21201',
      'Baltimore',
      'baltimore',
      '1980',
      '19800506',
      'h1',
      'e7',
      '2025-01-10',
      '2025-03-20',
    ])
      expect(csv).not.toContain(value);
  });

  it('gives one study id per person, stable across runs with the same secret', () => {
    expect(new Set(rows.map((r) => r.study_id)).size).toBe(2);
    expect(analyticRows(records, clusterOf, secretA)).toEqual(rows);
    expect(analyticRows(records, clusterOf, secretB).map((r) => r.study_id)).not.toEqual(rows.map((r) => r.study_id));
    // The study id is keyed by the person's lowest record key, whatever the order of the records.
    const reversed = analyticRows([...records].reverse(), [...clusterOf].reverse(), secretA);
    expect(reversed).toEqual(rows);
  });

  it('shifts dates by one offset per person, so intervals within a person are kept, and bands ages (90+ for the oldest)', () => {
    const anaRows = rows.filter((r) => r.sex === 'f');
    const shifted = anaRows.map((r) => r.event_date_shifted).sort();
    expect(daysBetween(shifted[0]!, shifted[1]!)).toBe(daysBetween('2025-01-10', '2025-03-01'));
    expect(daysBetween(shifted[1]!, shifted[2]!)).toBe(daysBetween('2025-03-01', '2025-03-20'));
    expect(anaRows.map((r) => r.days_from_index).sort((a, b) => a - b)).toEqual([0, 50, 69]);
    expect(anaRows.map((r) => r.age_band)).toEqual(['40-44', '40-44', '40-44']);
    expect(rows.find((r) => r.sex === 'm')!.age_band).toBe('90+');
    expect(shifted[0]).not.toBe('2025-01-10');
  });
});

describe('deathReport', () => {
  let n = 0;
  const person = (events: [LinkageSourceKind, string][]): AnalyticRow[] => {
    const id = `S${String(++n).padStart(4, '0')}`;
    return events.map(([source, date]) => ({
      study_id: id,
      source,
      event_type: source,
      event_date_shifted: date,
      days_from_index: 0,
      age_band: '',
      sex: '',
    }));
  };
  const death = '2025-06-30';
  const rows: AnalyticRow[] = [];
  // 13 people: EMS within 90 days (one on day 90, one on the day of death).
  for (let i = 0; i < 13; i++)
    rows.push(
      ...person([
        ['death', death],
        ['ems', i === 0 ? '2025-04-01' : i === 1 ? death : '2025-06-01'],
      ]),
    );
  // 12 people: EMS and a hospital discharge within 90 days.
  for (let i = 0; i < 12; i++)
    rows.push(
      ...person([
        ['death', death],
        ['ems', '2025-05-01'],
        ['hospital', '2025-06-20'],
      ]),
    );
  // 3 people: a PDMP fill only.
  for (let i = 0; i < 3; i++)
    rows.push(
      ...person([
        ['death', death],
        ['pdmp', '2025-06-25'],
      ]),
    );
  // 12 people: nothing in the window (EMS 91 days before, a hospital stay after death, a jail release a year before).
  for (let i = 0; i < 12; i++)
    rows.push(
      ...person([
        ['death', death],
        ['ems', '2025-03-31'],
        ['hospital', '2025-07-02'],
        ['jail', '2024-06-30'],
      ]),
    );
  // Not in the death records: not counted.
  for (let i = 0; i < 20; i++) rows.push(...person([['ems', '2025-06-01']]));
  // Two death records: the earlier is the death.
  rows.push(
    ...person([
      ['death', '2025-01-10'],
      ['death', '2025-01-12'],
      ['jail', '2025-01-11'],
    ]),
  );

  const report = deathReport(rows, ['pdmp', 'ems', 'hospital', 'jail', 'death']);

  it('counts decedents and each source touched in the 90 days up to death, suppressing small numerators', () => {
    expect(report.decedents).toEqual({ value: 41, suppressed: false });
    expect(report.bySource).toEqual([
      { source: 'pdmp', people: null, percent: null, suppressed: true },
      { source: 'ems', people: 25, percent: 61, suppressed: false },
      { source: 'hospital', people: 12, percent: 29.3, suppressed: false },
      // Zero is shown: the jail release after the earlier death date and the one a year before do not count.
      { source: 'jail', people: 0, percent: 0, suppressed: false },
    ]);
  });

  it('counts every combination and hides one more cell when only one is small (complementary suppression)', () => {
    // PDMP only (3) is small; the smallest other non-zero cell (EMS and hospital, 12) is hidden too, so 3 cannot be recovered from the total.
    expect(report.combinations).toEqual([
      { sources: [], people: 13, percent: 31.7, suppressed: false },
      { sources: ['ems'], people: 13, percent: 31.7, suppressed: false },
      { sources: ['ems', 'hospital'], people: null, percent: null, suppressed: true },
      { sources: ['pdmp'], people: null, percent: null, suppressed: true },
    ]);
    expect(deathReportCsv(report).split('\n').slice(0, 3)).toEqual([
      'table,sources,people,percent,suppressed',
      'decedents,death,41,,false',
      'by_source,pdmp,,,true',
    ]);
  });

  it('suppresses everything when there are fewer than 11 decedents', () => {
    const small = deathReport(
      rows.filter((r) => r.study_id <= 'S0005'),
      ['ems', 'death'],
    );
    expect(small.decedents).toEqual({ value: null, suppressed: true });
    expect(small.combinations.every((c) => c.suppressed && c.people === null)).toBe(true);
    expect(small.bySource.every((s) => s.suppressed)).toBe(true);
  });

  it('gives the same report before and after shifting each person by an offset', () => {
    const shifted = rows.map((r) => ({
      ...r,
      event_date_shifted: new Date(Date.parse(`${r.event_date_shifted}T00:00:00Z`) + dateOffsetDays(secretA, r.study_id) * DAY_MS)
        .toISOString()
        .slice(0, 10),
    }));
    expect(deathReport(shifted, ['pdmp', 'ems', 'hospital', 'jail', 'death'])).toEqual(report);
  });
});

describe('expectedAccuracy', () => {
  it.each([
    [[0.99, 0.97, 0.6, 0.2, 0.04], 0.5, { accepted: 3, precision: (0.99 + 0.97 + 0.6) / 3, recall: (0.99 + 0.97 + 0.6) / 2.8 }],
    [[0.1, 0.2], 0.5, { accepted: 0, precision: null, recall: 0 }],
    [[], 0.5, { accepted: 0, precision: null, recall: null }],
  ])('%j at %d', (p, threshold, expected) => {
    const got = expectedAccuracy(Float64Array.from(p), p.length, threshold);
    expect(got.accepted).toBe(expected.accepted);
    if (expected.precision === null) expect(got.precision).toBeNull();
    else expect(got.precision).toBeCloseTo(expected.precision, 10);
    if (expected.recall === null) expect(got.recall).toBeNull();
    else expect(got.recall).toBeCloseTo(expected.recall, 10);
  });
});
