import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { exampleOverdose, nemsisDataSet, nemsisReport } from '../modules/feeds/adapters/nemsis-example.ts';
import { createTestOrganization } from '../test-support/factories.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import type { CliIo } from './cli-io.ts';
import { feedsImport } from './feeds-import.ts';

/* `continuum feeds import` for the EMS, death-record, FHIR and PDMP kinds: exit 0 / 1 / 2 as the command promises. */

let opened: OpenedDatabase;
const clock = manualClock(new Date('2026-11-20T18:00:00Z'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-kinds-cli-'));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    openDb: async () => ({ db: opened.db, close: async () => {} }),
    clock,
  };
  const code = await feedsImport(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function file(name: string, content: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
}

beforeAll(async () => {
  opened = await createTestDatabase();
  await opened.db
    .insertInto('areas')
    .values([
      { id: 'A1', name: 'Harbor North', town: 'Harbor', postal_code: '97101', latitude: 45.5, longitude: -122.6, population: 10000 },
    ])
    .execute();
  await createTestOrganization(opened.db, clock, { name: 'Harbor Fire and EMS', type: 'ems' });
  await createTestOrganization(opened.db, clock, { name: 'Harbor County Medical Examiner', type: 'medical_examiner' });
  await createTestOrganization(opened.db, clock, { name: 'State PDMP', type: 'public_health' });
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await opened?.close();
});

describe('continuum feeds import nemsis', () => {
  it('applies an EMS export (exit 0), and a replay is all duplicates (exit 0)', async () => {
    const f = file('ems.xml', nemsisDataSet([nemsisReport(exampleOverdose), nemsisReport({ ...exampleOverdose, reportNumber: 'PCR-2' })]));
    expect(await run('nemsis', f, '--organization', 'Harbor Fire and EMS')).toMatchObject({
      code: 0,
      stdout: '{"accepted":2,"rejected":0,"duplicates":0}\n',
    });
    expect(await run('nemsis', f, '--organization', 'Harbor Fire and EMS')).toMatchObject({
      code: 0,
      stdout: '{"accepted":0,"rejected":0,"duplicates":2}\n',
    });
  });

  it('a rejected report is exit 1, reported by element without its content', async () => {
    const f = file(
      'bad.xml',
      nemsisDataSet([nemsisReport({ ...exampleOverdose, reportNumber: 'PCR-3', familyName: 'Lindqvist', birthDate: '3/3/90' })]),
    );
    const r = await run('nemsis', f, '--organization', 'Harbor Fire and EMS');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ accepted: 0, rejected: 1, duplicates: 0 });
    expect(r.stderr).toContain('ePatient.17');
    expect(r.stderr).not.toContain('Lindqvist');
  });

  it('a file that is not XML is one rejected message (exit 1); a missing file is a usage error (exit 2)', async () => {
    expect((await run('nemsis', file('junk.xml', 'not <xml'), '--organization', 'Harbor Fire and EMS')).code).toBe(1);
    expect((await run('nemsis', path.join(tmp, 'missing.xml'), '--organization', 'Harbor Fire and EMS')).code).toBe(2);
  });
});

describe('continuum feeds import deaths', () => {
  const header = 'record_id,given_name,family_name,birth_date,sex,date_of_death,manner,underlying_cause,multiple_causes,county,postal_code';
  const examiner = ['--organization', 'Harbor County Medical Examiner'];

  it('applies a death-record file (exit 0); a replay is all duplicates (exit 0)', async () => {
    const f = file('deaths.csv', `${header}\nD1,Avery,Holloway,1980-01-01,F,2026-11-19,accident,X44,T40.2,Harbor,97101\n`);
    expect(await run('deaths', f, ...examiner)).toMatchObject({ code: 0, stdout: '{"accepted":1,"rejected":0,"duplicates":0}\n' });
    expect(await run('deaths', f, ...examiner)).toMatchObject({ code: 0, stdout: '{"accepted":0,"rejected":0,"duplicates":1}\n' });
  });

  it('a rejected row is exit 1, named by column without its value', async () => {
    const r = await run(
      'deaths',
      file('bad.csv', `${header}\nD2,Jesse,Marlowe,1980-01-01,M,2026-11-19,overdosed,X42,T40.4,Harbor,97101\n`),
      ...examiner,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('manner');
    expect(r.stderr).not.toContain('Marlowe');
    expect(r.stderr).not.toContain('overdosed');
  });
});

describe('continuum feeds import pdmp', () => {
  const header = 'person_id,fill_date,rxcui,drug_name,strength,quantity,days_supply,prescriber_id,pharmacy_id,otp';

  it('applies an extract (exit 0); a bad row is exit 1 naming its column; a bad header is one rejected file', async () => {
    const ok = file('pdmp.csv', `${header}\nP-1,2026-11-10,1049621,,,120,30,DEA-1,PH-1,\n`);
    expect(await run('pdmp', ok, '--organization', 'State PDMP')).toMatchObject({
      code: 0,
      stdout: '{"accepted":1,"rejected":0,"duplicates":0}\n',
    });
    const bad = await run(
      'pdmp',
      file('bad.csv', `${header}\nP-1,2026-13-45,1049621,,,120,30,DEA-1,PH-1,\n`),
      '--organization',
      'State PDMP',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('fill_date');
    expect(bad.stderr).not.toContain('2026-13-45');
    expect((await run('pdmp', file('hdr.csv', 'person_id\nP-1\n'), '--organization', 'State PDMP')).code).toBe(1);
  });
});
