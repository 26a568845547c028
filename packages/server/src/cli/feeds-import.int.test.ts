import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { adtMessage, fhirOudCondition, fhirPatient, ndjson, rosterCsv, type AdtFields } from '../modules/feeds/index.ts';
import { createTestOrganization } from '../test-support/factories.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import type { CliIo } from './cli-io.ts';
import { feedsImport } from './feeds-import.ts';

let opened: OpenedDatabase;
const clock = manualClock(new Date('2026-11-20T12:00:00Z'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-cli-'));
let edId: string;

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

const adt = (over: Partial<AdtFields>) =>
  adtMessage({
    facility: 'HARBOR-ED',
    controlId: 'C1',
    trigger: 'A01',
    mrn: 'M1',
    familyName: 'Northam',
    givenName: 'Quinn',
    birthDate: '19800101',
    sex: 'U',
    street: '1 Pine St',
    city: 'Harbor',
    postalCode: '97101',
    phone: '5552223333',
    visit: 'V1',
    patientClass: 'E',
    admitted: new Date('2026-11-20T08:00:00Z'),
    chiefComplaint: 'Withdrawal',
    diagnoses: [{ code: 'F11.20', text: 'Opioid dependence' }],
    ...over,
  });

function file(name: string, content: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
}

beforeAll(async () => {
  opened = await createTestDatabase();
  edId = (await createTestOrganization(opened.db, clock, { name: 'Harbor General ED', type: 'emergency_department' })).id;
  await createTestOrganization(opened.db, clock, { name: 'Harbor County Jail', type: 'corrections' });
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await opened?.close();
});

describe('continuum feeds import', () => {
  it.each([
    ['no arguments', []],
    ['an unknown kind', ['telex', 'x.hl7', '--organization', 'Harbor General ED']],
    ['no organization', ['hl7v2', 'x.hl7']],
    ['two files', ['hl7v2', 'a', 'b', '--organization', 'x']],
    ['an unknown option', ['hl7v2', 'x.hl7', '--organization', 'x', '--fast']],
  ])('%s is a usage error (exit 2)', async (_name, argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: continuum feeds import');
  });

  it('applies FHIR NDJSON (exit 0; a resend all duplicates), and a file with a malformed line is exit 1', async () => {
    const f = file('bulk.ndjson', ndjson([fhirPatient(), fhirOudCondition()]));
    expect(await run('fhir', f, '--organization', 'Harbor General ED')).toMatchObject({
      code: 0,
      stdout: '{"accepted":2,"rejected":0,"duplicates":0}\n',
    });
    expect(await run('fhir', f, '--organization', edId)).toMatchObject({ code: 0, stdout: '{"accepted":0,"rejected":0,"duplicates":2}\n' });
    const bad = file('bad.ndjson', `${JSON.stringify(fhirOudCondition({ id: 'c-2', recordedDate: undefined }))}\n`);
    const r = await run('fhir', bad, '--organization', 'Harbor General ED');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ accepted: 0, rejected: 1, duplicates: 0 });
    expect(r.stderr).toContain('Condition.recordedDate');
  });

  it('a FHIR Bundle file is one message', async () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: fhirPatient({ id: 'p-3' }) }] };
    expect(await run('fhir', file('bundle.json', JSON.stringify(bundle)), '--organization', 'Harbor General ED')).toMatchObject({
      code: 0,
      stdout: '{"accepted":1,"rejected":0,"duplicates":0}\n',
    });
  });

  it('an unknown organization or unreadable file is a usage error', async () => {
    expect((await run('hl7v2', file('y.hl7', adt({})), '--organization', 'Nowhere')).code).toBe(2);
    expect((await run('hl7v2', path.join(tmp, 'missing.hl7'), '--organization', edId)).code).toBe(2);
  });

  it('applies an HL7 v2 file of messages (blank lines between them) and prints the summary; exit 0', async () => {
    const f = file('two.hl7', `${adt({})}\n\n${adt({ controlId: 'C2', trigger: 'A03' })}\n`);
    const r = await run('hl7v2', f, '--organization', 'Harbor General ED');
    expect(r).toMatchObject({ code: 0, stdout: '{"accepted":2,"rejected":0,"duplicates":0}\n' });
    // A replay: every message a duplicate, still exit 0.
    const again = await run('hl7v2', f, '--organization', edId);
    expect(again).toMatchObject({ code: 0, stdout: '{"accepted":0,"rejected":0,"duplicates":2}\n' });
  });

  it('takes MLLP framing too; any rejected message is exit 1, reported without its content', async () => {
    const f = file(
      'framed.hl7',
      `\x0b${adt({ controlId: 'C3', visit: 'V3' })}\x1c\r\x0b${adt({ controlId: 'C4', familyName: 'Oakley', diagnoses: [{ code: 'BAD', text: '' }] })}\x1c\r`,
    );
    const r = await run('hl7v2', f, '--organization', 'Harbor General ED');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ accepted: 1, rejected: 1, duplicates: 0 });
    expect(r.stderr).toContain('malformed');
    expect(r.stderr).not.toContain('Oakley');
  });

  it('applies a roster', async () => {
    const f = file(
      'roster.csv',
      rosterCsv([
        {
          event: 'release',
          occurred_at: '2026-11-20T10:00:00Z',
          booking_number: 'B1',
          given_name: 'Rowan',
          family_name: 'Parker',
          birth_date: '1990-01-01',
          oud: 'yes',
        },
      ]),
    );
    const r = await run('roster', f, '--organization', 'Harbor County Jail');
    expect(r).toMatchObject({ code: 0, stdout: '{"accepted":1,"rejected":0,"duplicates":0}\n' });
  });
});
