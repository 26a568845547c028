import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signedInAs, type TestApp } from '../../../test-support/test-app.ts';
import { runOneJob } from '../../../jobs/job-queue.ts';
import { jobRegistry } from '../../../jobs/registry.ts';
import { multipartBody } from '../../referrals/referral.fixtures.ts';
import { AppError } from '../../../errors.ts';
import type { AccessContext } from '../../../core/access-context.ts';
import {
  addLinkageFile,
  createLinkageJob,
  linkageDir,
  listLinkageJobs,
  purgeExpired,
  startLinkageJob,
  suggestLinkageColumns,
} from './linkage-jobs.ts';
import { DAY_MS } from '@continuum/contracts';

/*
 * A whole analyst job on PGlite: a hospital file (200 FEBRL-4 originals), an EMS file (the FEBRL-4
 * duplicates of the first 100 of them) and 40 hand-made death records of people in the hospital file.
 * Known answers: 40 decedents; the first 25 of them had an EMS run 30 days before death, the rest
 * 120 days before; every hospital discharge was 200 days before death.
 */
const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'febrl');
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-linkage-jobs-test-'));

function febrl(file: string): Map<string, string[]> {
  const lines = fs.readFileSync(path.join(dataDir, file), 'utf8').split(/\r?\n/).filter(Boolean);
  const out = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const v = line.split(',').map((x) => x.trim());
    out.set(v[0]!, v);
  }
  return out;
}
const HEADER = 'rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id';
const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = (base: string, days: number) => iso(new Date(Date.parse(`${base}T00:00:00Z`) + days * DAY_MS));

const originals = [...febrl('dataset4a.csv').values()].slice(0, 200);
const dups = febrl('dataset4b.csv');
const deathDate = (i: number) => day('2025-03-01', i * 3);
const hospitalCsv = [
  `${HEADER},discharge_date`,
  ...originals.map((v, i) => `${v.join(',')},${i < 40 ? day(deathDate(i), -200) : day('2025-01-01', i)}`),
].join('\n');
const emsCsv = [
  `${HEADER},run_date`,
  ...originals.slice(0, 100).flatMap((v, i) => {
    const dup = dups.get(v[0]!.replace('-org', '-dup-0'));
    if (!dup) return [];
    const date = i < 25 ? day(deathDate(i), -30) : i < 40 ? day(deathDate(i), -120) : day('2025-02-01', i);
    return [`${dup.join(',')},${date}`];
  }),
].join('\n');
const deathNdjson = originals
  .slice(0, 40)
  .map((v, i) =>
    JSON.stringify({ certificate: `D${i}`, first_name: v[1], last_name: v[2], dob: v[9], date_of_death: deathDate(i), suburb: v[6] }),
  )
  .join('\n');

let t: TestApp;
let analyst: Awaited<ReturnType<typeof signedInAs>>;
let officer: Awaited<ReturnType<typeof signedInAs>>;
let clinician: Awaited<ReturnType<typeof signedInAs>>;
let otherAnalyst: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  t = await buildTestApp({ CONTINUUM_FILES_DIR: filesDir });
  analyst = await signedInAs(t, ['analyst']);
  officer = await signedInAs(t, ['privacy_officer']);
  clinician = await signedInAs(t, ['clinician']);
  otherAnalyst = await signedInAs(t, ['analyst']);
}, 60_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

type Who = typeof analyst;
const json = (who: Who, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const upload = (who: Who, jobId: string, name: string, text: string | Buffer, fields: Record<string, string>) => {
  const body = multipartBody({ name, type: 'text/csv', bytes: Buffer.isBuffer(text) ? text : Buffer.from(text) }, fields);
  return t.app.inject({
    method: 'POST',
    url: `/api/linkage/jobs/${jobId}/files`,
    headers: { ...who.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
};
const storedFiles = () => (fs.existsSync(linkageDir(filesDir)) ? fs.readdirSync(linkageDir(filesDir)) : []);
const auditActions = async () =>
  (
    await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', 'like', 'linkage.%')
      .orderBy('occurred_at')
      .execute()
  ).map((r) => ({ action: r.action, details: r.details }));

describe('analyst linkage jobs', () => {
  let jobId: string;

  it('refuses every role but analysts and privacy officers', async () => {
    for (const [method, url] of [
      ['GET', '/api/linkage/jobs'],
      ['POST', '/api/linkage/jobs'],
    ] as const) {
      const res = await json(clinician, method, url, method === 'POST' ? { name: 'x' } : undefined);
      expect(res.statusCode).toBe(403);
    }
    expect((await json(clinician, 'POST', '/api/linkage/columns', { columns: ['dob'] })).statusCode).toBe(403);
  });

  it('suggests the recognized column names', async () => {
    const res = await json(analyst, 'POST', '/api/linkage/columns', {
      columns: ['rec_id', 'given_name', 'surname', 'date_of_birth', 'run_date', 'notes'],
    });
    expect(res.json()).toEqual({
      map: { rec_id: 'record_id', given_name: 'given_name', surname: 'family_name', date_of_birth: 'birth_date', run_date: 'event_date' },
    });
  });

  it('creates a draft job and stores each source under a random name', async () => {
    const created = await json(analyst, 'POST', '/api/linkage/jobs', { name: 'Overdose deaths 2025' });
    expect(created.statusCode).toBe(201);
    jobId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', percent: 0, files: [], summary: null });
    expect(Date.parse(created.json().expiresAt) - Date.parse(created.json().createdAt)).toBe(30 * DAY_MS);

    expect((await upload(analyst, jobId, 'hospital.csv', hospitalCsv, { source: 'hospital' })).statusCode).toBe(201);
    expect((await upload(analyst, jobId, 'ems.csv', emsCsv, { source: 'ems' })).statusCode).toBe(201);
    const map = {
      certificate: 'record_id',
      first_name: 'given_name',
      last_name: 'family_name',
      dob: 'birth_date',
      date_of_death: 'event_date',
      suburb: 'city',
    };
    const death = await upload(analyst, jobId, 'deaths.ndjson', deathNdjson, { source: 'death', map: JSON.stringify(map) });
    expect(death.statusCode).toBe(201);
    const files = death.json().files;
    expect(files.map((f: { source: string; format: string; rows: number }) => [f.source, f.format, f.rows])).toEqual([
      ['hospital', 'csv', 200],
      ['ems', 'csv', emsCsv.split('\n').length - 1],
      ['death', 'ndjson', 40],
    ]);
    expect(files[0].map).toMatchObject({
      rec_id: 'record_id',
      given_name: 'given_name',
      surname: 'family_name',
      discharge_date: 'event_date',
    });
    expect(storedFiles()).toHaveLength(3);
    for (const name of storedFiles()) expect(name).toMatch(/^[0-9a-f]{48}$/);
  });

  it.each([
    ['a missing required column', 'ems.csv', 'rec_id,given_name,run_date\nr1,ana,2025-01-01\n', 400, /missing required column family_name/],
    [
      'an unparseable date',
      'ems.csv',
      'rec_id,given_name,surname,run_date\nr1,ana,ruiz,2025-01-01\nr2,bo,li,31/31/2025\n',
      400,
      /row 2, column run_date: not a date/,
    ],
    ['a file that is not CSV', 'ems.csv', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]), 415, /not a CSV/],
  ])('refuses %s with the row and column, storing nothing', async (_what, name, text, status, message) => {
    const before = storedFiles().length;
    const res = await upload(analyst, jobId, name, text, { source: 'ems' });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message).toMatch(message);
    expect(res.body).not.toContain('31/31/2025');
    expect(storedFiles()).toHaveLength(before);
    expect((await json(analyst, 'GET', `/api/linkage/jobs/${jobId}`)).json().files).toHaveLength(3);
  });

  it('hides a job from another analyst', async () => {
    expect((await json(otherAnalyst, 'GET', `/api/linkage/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await json(otherAnalyst, 'GET', '/api/linkage/jobs')).json().items).toEqual([]);
    expect((await json(officer, 'GET', `/api/linkage/jobs/${jobId}`)).statusCode).toBe(200);
  });

  it('runs the job on the queue, reporting progress, and summarizes the model', async () => {
    const started = await json(analyst, 'POST', `/api/linkage/jobs/${jobId}/start`);
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'queued', percent: 0 });
    expect((await json(analyst, 'POST', `/api/linkage/jobs/${jobId}/start`)).statusCode).toBe(409);
    expect((await upload(analyst, jobId, 'more.csv', hospitalCsv, { source: 'hospital' })).statusCode).toBe(409);
    expect((await json(analyst, 'GET', `/api/linkage/jobs/${jobId}/report`)).statusCode).toBe(409);

    const outcome = await runOneJob(t.db, t.clock, jobRegistry, undefined, t.config);
    expect(outcome).toBeDefined();
    const job = (await json(analyst, 'GET', `/api/linkage/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ status: 'done', stage: 'done', percent: 100, error: null });
    const s = job.summary;
    expect(s.records).toBe(200 + (emsCsv.split('\n').length - 1) + 40);
    expect(s.comparisons.map((c: { name: string }) => c.name)).toContain('given');
    const given = s.comparisons.find((c: { name: string }) => c.name === 'given');
    const exact = given.levels.find((l: { level: string }) => l.level === 'exact');
    expect(exact.m).toBeGreaterThan(exact.u);
    expect(s.estimatedPrecision).toBeGreaterThan(0.9);
    expect(s.estimatedRecall).toBeGreaterThan(0.8);
    expect(s.histogram).toHaveLength(25);
    // About 200 people: every death and EMS record joins a hospital record.
    expect(s.people.value).toBeGreaterThan(190);
    expect(s.people.value).toBeLessThan(215);
    for (const b of [
      ...s.histogram.map((h: { pairs: { value: number | null } }) => h.pairs),
      ...s.clusterSizes.map((c: { people: { value: number | null } }) => c.people),
    ])
      expect(b.value === null || b.value === 0 || b.value >= 11).toBe(true);
  }, 120_000);

  it('serves the de-identified analytic file, the same bytes on every download, with no identifiers', async () => {
    const first = await json(analyst, 'GET', `/api/linkage/jobs/${jobId}/analytic-file.csv`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/text\/csv/);
    const second = await json(officer, 'GET', `/api/linkage/jobs/${jobId}/analytic-file.csv`);
    expect(second.body).toBe(first.body);
    const lines = first.body.trim().split('\n');
    expect(lines[0]).toBe('study_id,source,event_type,event_date_shifted,days_from_index,age_band,sex');
    expect(lines).toHaveLength(1 + 200 + (emsCsv.split('\n').length - 1) + 40);
    for (const v of originals.slice(0, 50)) {
      for (const value of [v[0], v[2], v[10], v[9]]) if (value && value.length > 3) expect(first.body).not.toContain(`,${value},`);
    }
    expect(first.body).not.toMatch(/rec-\d+/);
  });

  it('reports where people who died touched care in the 90 days before death, as JSON and CSV', async () => {
    const res = await json(analyst, 'GET', `/api/linkage/jobs/${jobId}/report`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.decedents).toEqual({ value: 40, suppressed: false });
    // The death records copy hospital records exactly; the EMS runs are FEBRL's deliberately corrupted
    // duplicates, so the engine may miss one of the 25 (FEBRL4 F1 is about 0.99, not 1).
    const [ems, hospital] = report.bySource;
    expect(ems.source).toBe('ems');
    expect(ems.people).toBeGreaterThanOrEqual(24);
    expect(ems.people).toBeLessThanOrEqual(25);
    expect(ems.percent).toBe(Math.round((ems.people / 40) * 1000) / 10);
    expect(hospital).toEqual({ source: 'hospital', people: 0, percent: 0, suppressed: false });
    expect(report.combinations).toEqual([
      { sources: ['ems'], people: ems.people, percent: ems.percent, suppressed: false },
      { sources: [], people: 40 - ems.people, percent: Math.round(((40 - ems.people) / 40) * 1000) / 10, suppressed: false },
    ]);
    const csv = await json(analyst, 'GET', `/api/linkage/jobs/${jobId}/report?format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(`by_source,ems,${ems.people},${ems.percent},false`);
  });

  it('audits upload, start, run, download and report with counts, never values', async () => {
    const entries = await auditActions();
    expect(entries.map((e) => e.action)).toEqual([
      'linkage.job.create',
      'linkage.file.upload',
      'linkage.file.upload',
      'linkage.file.upload',
      'linkage.job.start',
      'linkage.job.run',
      'linkage.analytic.download',
      'linkage.analytic.download',
      'linkage.report.read',
      'linkage.report.read',
    ]);
    expect(entries[1]!.details).toMatchObject({ source: 'hospital', format: 'csv', rows: 200 });
    const all = JSON.stringify(entries);
    for (const v of originals.slice(0, 20)) expect(all).not.toContain(v[2]!);
  });

  it('deletes the job with its uploaded files and outputs', async () => {
    expect(storedFiles()).toHaveLength(4);
    expect((await json(otherAnalyst, 'DELETE', `/api/linkage/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await json(analyst, 'DELETE', `/api/linkage/jobs/${jobId}`)).statusCode).toBe(204);
    expect(storedFiles()).toHaveLength(0);
    expect((await json(analyst, 'GET', `/api/linkage/jobs/${jobId}`)).statusCode).toBe(404);
  });

  it('deletes jobs past the 30-day retention with their files', async () => {
    const job = (await json(officer, 'POST', '/api/linkage/jobs', { name: 'Kept 30 days' })).json();
    await upload(officer, job.id, 'deaths.ndjson', deathNdjson, {
      source: 'death',
      map: JSON.stringify({ first_name: 'given_name', last_name: 'family_name', date_of_death: 'event_date' }),
    });
    expect(storedFiles()).toHaveLength(1);
    t.clock.advance(29 * DAY_MS);
    expect(await purgeExpired(t.db, t.clock, filesDir)).toBe(0);
    t.clock.advance(2 * DAY_MS);
    expect(await purgeExpired(t.db, t.clock, filesDir)).toBe(1);
    expect(storedFiles()).toHaveLength(0);
    expect((await auditActions()).at(-1)!.action).toBe('linkage.job.expire');
  });
});

describe('linkage job domain functions refuse a wrong role', () => {
  const clinicianAccess: AccessContext = {
    actor: { type: 'user', userId: '00000000-0000-4000-8000-000000000001', sessionId: 's' },
    organizationId: null,
    roles: ['clinician'],
    requestId: null,
  };
  const forbidden = (error: unknown) => error instanceof AppError && error.code === 'FORBIDDEN';

  it('suggestLinkageColumns, createLinkageJob, listLinkageJobs and startLinkageJob are FORBIDDEN to a clinician', async () => {
    expect(() => suggestLinkageColumns(clinicianAccess, ['given_name'])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    await expect(createLinkageJob(t.db, t.clock, clinicianAccess, { name: 'x' })).rejects.toSatisfy(forbidden);
    await expect(listLinkageJobs(t.db, clinicianAccess)).rejects.toSatisfy(forbidden);
    await expect(startLinkageJob(t.db, t.clock, clinicianAccess, '00000000-0000-4000-8000-000000000002')).rejects.toSatisfy(forbidden);
  });

  it('addLinkageFile refuses a clinician before the upload is read', async () => {
    let read = false;
    const readUpload = async () => {
      read = true;
      return { bytes: Buffer.from('a\n1'), fileName: 'a.csv', source: 'hospital' as const, map: {} };
    };
    await expect(
      addLinkageFile(t.db, t.clock, clinicianAccess, '00000000-0000-4000-8000-000000000002', readUpload, filesDir),
    ).rejects.toSatisfy(forbidden);
    expect(read).toBe(false);
  });
});
