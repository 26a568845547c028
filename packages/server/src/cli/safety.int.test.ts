import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SafetyCheckResult } from '@continuum/contracts';
import { manualClock } from '../clock.ts';
import { csvHeader, generateDispensings, toCsvLine } from '../modules/safety/dispensing-extract.ts';
import { bundle, condition, medicationRequest, patient } from '../modules/safety/fhir-fixtures.ts';
import { runContinuum } from '../test-support/server-process.ts';
import { testConfig } from '../test-support/test-app.ts';
import { runCli } from './dispatch.ts';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-safety-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    openDb: () => Promise.reject(new Error('the safety commands use no database')),
    clock: manualClock(),
    config: testConfig(),
    readStdin: async () => stdin,
  });
  return { code, out, err };
}

const record = bundle([
  patient(),
  medicationRequest({ id: 'a', rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 4, supplyDays: 30 }),
  medicationRequest({ id: 'b', rxcui: '1049621', dose: 1, unit: 'TAB', frequency: 4, supplyDays: 30 }),
  condition({ system: 'icd10', code: 'F10.20', status: 'active' }),
]);

describe('continuum safety check', () => {
  it('reads a Bundle from a file and prints mmePerDay, the timeline and the rules as JSON', async () => {
    const file = path.join(dir, 'bundle.json');
    fs.writeFileSync(file, JSON.stringify(record));
    const { code, out } = await cli(['safety', 'check', file]);
    expect(code).toBe(0);
    const result = JSON.parse(out) as SafetyCheckResult;
    expect(result.mmePerDay).toBe(60);
    expect(result.timeline).toHaveLength(90);
    expect(result.rules.map((r) => r.code)).toEqual(expect.arrayContaining(['MME_AT_LEAST_50', 'OFFER_NALOXONE']));
  });

  it('reads a CDS Hooks request from standard input ("-"), as of a given day', async () => {
    const request = { hook: 'patient-view', context: { patientId: 'p1' }, prefetch: { patient: patient(), medications: record } };
    const { code, out } = await cli(['safety', 'check', '-', '--as-of', '2026-01-15'], JSON.stringify(request));
    expect(code).toBe(0);
    expect((JSON.parse(out) as SafetyCheckResult).hook).toBe('patient-view');
  });

  it.each([
    [['safety', 'check', '--as-of', 'yesterday'], '', 2, '--as-of'],
    [['safety', 'check', '--hook', 'encounter-start'], '{}', 2, '--hook'],
    [['safety', 'check', '-'], 'not json', 1, 'not valid JSON'],
    [['safety', 'check', '-'], '{"resourceType":"Patient"}', 1, 'body.resourceType'],
    [['safety', 'check', '/nonexistent/file.json'], '', 1, 'cannot read'],
  ])('%j → exit %s', async (args, stdin, exit, message) => {
    const { code, err } = await cli(args as string[], stdin as string);
    expect(code).toBe(exit);
    expect(err).toContain(message);
  });

  it('runs through the real command with stdin', async () => {
    const res = await runContinuum(['safety', 'check', '-'], { CONTINUUM_DATA_DIR: path.join(dir, 'unused-db') }, JSON.stringify(record));
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).mmePerDay).toBe(60);
  });
});

describe('continuum safety screen', () => {
  // Hand-written rows with known outcomes, in no particular order, plus one bad row.
  const rows = [
    'person_id,fill_date,rxcui,drug_name,strength,quantity,days_supply,prescriber_id,pharmacy_id,otp',
    'high,2026-03-01,1049621,,,240,30,D1,PH1,', // oxycodone 5 mg 8/day = 60 MME
    'benzo,2026-03-01,1049621,,,60,30,D2,PH1,', // 15 MME
    'high,2026-03-15,1049621,,,240,30,D1,PH1,', // overlapping: 120 MME on 2026-03-15..30
    'benzo,2026-03-20,,Alprazolam,1 MG,60,30,D2,PH2,',
    'moud,2026-03-01,1010600,,,60,30,D3,PH3,',
    'moud,2026-03-01,,Methadone HCl oral concentrate,10 MG/ML,270,30,D3,OTP1,1',
    'levo,2026-03-01,197873,,,90,30,D4,PH1,',
    ...[1, 2, 3, 4, 5].map((i) => `shop,2026-0${i}-10,,Hydrocodone/APAP,5 MG,12,3,S${i},SP${i},`),
    'bad,2026-02-30,1049621,,,10,5,D1,PH1,',
  ];
  let csv: string;
  beforeAll(() => {
    csv = path.join(dir, 'extract.csv');
    fs.writeFileSync(csv, `${rows.join('\n')}\n`);
  });

  it('writes per-person flags and summaries as CSV and JSON', async () => {
    const out = path.join(dir, 'out');
    const { code, out: stdout, err } = await cli(['safety', 'screen', csv, '--out', out, '--json', '--progress', 'lines']);
    expect(code).toBe(0);
    expect(err).toContain('row 13: fill_date must be a date (YYYY-MM-DD)');
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ rows: 13, rejectedRows: 1, people: 5, peopleWithOpioids: 4, peopleWithMoud: 1, flaggedPeople: 3 });
    expect(summary.byRule).toEqual({
      MME_AT_LEAST_50: 0,
      MME_AT_LEAST_90: 1,
      OPIOID_WITH_BENZODIAZEPINE: 1,
      OFFER_NALOXONE: 2,
      MULTIPLE_PRESCRIBERS_AND_PHARMACIES: 0,
      MME_NOT_COMPUTABLE: 1,
    });
    const flags = JSON.parse(fs.readFileSync(path.join(out, 'person-flags.json'), 'utf8')) as {
      personId: string;
      rules: string[];
      peakMmePerDay: number;
      benzodiazepineOverlapDays: number;
      notComputable: string[];
    }[];
    const byPerson = Object.fromEntries(flags.map((f) => [f.personId, f]));
    expect(byPerson.high).toMatchObject({ rules: ['MME_AT_LEAST_90', 'OFFER_NALOXONE'], peakMmePerDay: 120 });
    expect(byPerson.benzo).toMatchObject({ rules: ['OPIOID_WITH_BENZODIAZEPINE', 'OFFER_NALOXONE'], benzodiazepineOverlapDays: 11 });
    expect(byPerson.levo).toMatchObject({ rules: ['MME_NOT_COMPUTABLE'], notComputable: ['levorphanol tartrate 2 MG Oral Tablet'] });
    expect(byPerson.moud).toBeUndefined();
    const flagsCsv = fs.readFileSync(path.join(out, 'person-flags.csv'), 'utf8').trim().split('\n');
    expect(flagsCsv[0]).toBe(
      'person_id,rules,peak_mme_per_day,not_computable,max_prescribers_90d,max_pharmacies_90d,benzodiazepine_overlap_days,naloxone_dispensed',
    );
    expect(flagsCsv).toContain('high,MME_AT_LEAST_90;OFFER_NALOXONE,120,,1,1,0,no');
    const ruleCsv = fs.readFileSync(path.join(out, 'rule-summary.csv'), 'utf8');
    expect(ruleCsv).toContain('MME_AT_LEAST_90,Total dose at or above 90 MME/day,1,25');
    const prescriberCsv = fs.readFileSync(path.join(out, 'prescriber-summary.csv'), 'utf8').trim().split('\n');
    expect(prescriberCsv.find((l) => l.startsWith('D1,'))).toBe('D1,1,0,0,1,1,0,0,1,1,0,0,0,0');
    const saved = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(saved.prescribers).toHaveLength(8);
  });

  it('the multiple-provider thresholds are options (5 fills spread over 4 months pass 5×5×90, not 5×5×150)', async () => {
    const { out } = await cli([
      'safety',
      'screen',
      csv,
      '--out',
      path.join(dir, 'out150'),
      '--json',
      '--progress',
      'none',
      '--window-days',
      '150',
    ]);
    expect(JSON.parse(out).byRule.MULTIPLE_PRESCRIBERS_AND_PHARMACIES).toBe(1);
  });

  it('reads NDJSON with the same columns and gives the same result', async () => {
    const header = rows[0]!.split(',');
    const nd = rows
      .slice(1)
      .map((line) => JSON.stringify(Object.fromEntries(line.split(',').map((v, i) => [header[i], v]))))
      .join('\n');
    const file = path.join(dir, 'extract.ndjson');
    fs.writeFileSync(file, `${nd}\n`);
    const { code, out } = await cli(['safety', 'screen', file, '--out', path.join(dir, 'outnd'), '--json', '--progress', 'none']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ rows: 13, rejectedRows: 1, flaggedPeople: 3 });
  });

  it('screens a generated extract and prints periodic progress lines when stderr is not a terminal', async () => {
    const file = path.join(dir, 'generated.csv');
    let text = csvHeader;
    for (const r of generateDispensings({ people: 2000, rows: 10_000, seed: 7 })) text += toCsvLine(r);
    fs.writeFileSync(file, text);
    const { code, out } = await cli(['safety', 'screen', file, '--out', path.join(dir, 'gen'), '--progress', 'lines']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Screened 10000 rows \(0 rejected\) for 2000 people/);
  });

  it.each([
    [['safety', 'screen'], 2, 'exactly one extract file'],
    [['safety', 'screen', 'x.csv', '--format', 'xml'], 2, '--format'],
    [['safety', 'screen', 'x.csv', '--min-prescribers', '0'], 2, '--min-prescribers'],
    [['safety', 'screen', '/nonexistent.csv'], 1, 'cannot read'],
  ])('%j → exit %s', async (args, exit, message) => {
    const { code, err } = await cli(args as string[]);
    expect(code).toBe(exit);
    expect(err).toContain(message);
  });

  it('refuses an extract without a required column, naming it', async () => {
    const file = path.join(dir, 'nocol.csv');
    fs.writeFileSync(file, 'person_id,fill_date,rxcui,quantity,days_supply,prescriber_id\nA,2026-01-01,1049621,10,5,D1\n');
    const { code, err } = await cli(['safety', 'screen', file, '--out', path.join(dir, 'nocol'), '--progress', 'none']);
    expect(code).toBe(1);
    expect(err).toContain('no "pharmacy_id" column');
  });
});

describe('continuum safety sample-extract', () => {
  it('writes an extract that safety screen reads', async () => {
    const file = path.join(dir, 'sample.csv');
    const made = await cli(['safety', 'sample-extract', '--out', file, '--people', '300', '--rows', '1500', '--seed', '9']);
    expect(made).toMatchObject({ code: 0, out: `Wrote 1500 dispensings for 300 people to ${file}.\n` });
    const { code, out } = await cli(['safety', 'screen', file, '--out', path.join(dir, 'sample-out'), '--json', '--progress', 'none']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ rows: 1500, rejectedRows: 0, people: 300 });
  });
  it.each([
    [['safety', 'sample-extract'], '--out is required'],
    [['safety', 'sample-extract', '--out', 'x.csv', '--people', '10', '--rows', '5'], '--rows must be at least --people'],
  ])('%j → usage error', async (args, message) => {
    const { code, err } = await cli(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
