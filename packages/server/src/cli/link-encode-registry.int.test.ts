import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { AccessContext } from '../core/access-context.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { readPeopleForEncoding } from '../modules/registry/index.ts';
import { createTestOrganization, createTestPerson } from '../test-support/factories.ts';
import { testConfig } from '../test-support/test-app.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import { runCli } from './dispatch.ts';

/*
 * `continuum link encode --registry --organization ID` on PGlite: an opioid treatment program encodes
 * the people it registered (not another organization's, not a record merged into another) as CLKs,
 * the release is audited with counts, and the hub links the file to a partner's encoded file.
 */
let opened: OpenedDatabase;
let dir: string;
const clock = manualClock(new Date('2026-12-07T12:00:00Z'));
const p = (name: string) => path.join(dir, name);
let otpId: string;
const people: Record<string, string> = {};

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    openDb: async () => ({ db: opened.db, close: async () => {} }),
    clock,
    config: testConfig(),
    readStdin: async () => '',
  });
  return { code, out, err };
}
const encodeArgs = (org: string, out: string) => [
  'link',
  'encode',
  '--registry',
  '--organization',
  org,
  '--schema',
  'default',
  '--secret-file',
  p('secret.key'),
  '--out',
  p(out),
];

beforeAll(async () => {
  opened = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-pprl-registry-'));
  fs.writeFileSync(p('secret.key'), `${'k'.repeat(40)}\n`);
  const otp = await createTestOrganization(opened.db, clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  const ed = await createTestOrganization(opened.db, clock, { name: 'Harbor General ED', type: 'emergency_department' });
  otpId = otp.id;
  const add = async (key: string, org: string, f: Parameters<typeof createTestPerson>[3]) =>
    (people[key] = (await createTestPerson(opened.db, clock, org, f)).id);
  await add('maria', otp.id, { givenName: 'Maria', familyName: 'Gonzalez', birthDate: '1984-06-02', sex: 'female', phone: '410-555-0100' });
  await add('aisha', otp.id, { givenName: 'Aisha', familyName: 'Bello', birthDate: '2001-02-14', sex: 'female' });
  await add('robert', otp.id, { givenName: 'Robert', familyName: 'Oneil', birthDate: '1975-07-04', sex: 'male', phone: '410-555-0123' });
  await add('merged', otp.id, { givenName: 'Rob', familyName: 'Oneil', birthDate: '1975-07-04', sex: 'male' });
  await add('edOnly', ed.id, { givenName: 'James', familyName: 'Carter', birthDate: '1990-11-23', sex: 'male' });
  await opened.db.updateTable('people').set({ merged_into_id: people.robert! }).where('id', '=', people.merged!).execute();
  // A partner (a jail health unit) encodes its own file with the same schema and secret.
  fs.writeFileSync(
    p('jail.csv'),
    [
      'record_id,first_name,last_name,dob,sex,phone',
      'j-1,Mariah,Gonzales,06/02/1984,F,(410) 555-0100',
      'j-2,Bob,ONeil,07/04/1975,M,4105550123',
      'j-3,Lena,Novak,03/03/1966,F,301-555-0111',
    ].join('\n') + '\n',
  );
});
afterAll(async () => {
  await opened?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('continuum link encode --registry', () => {
  it("encodes the organization's own people only, audits the release with counts, and writes no clear value", async () => {
    const { code, out } = await cli(encodeArgs(otpId, 'otp.clks'));
    expect(code).toBe(0);
    expect(out).toMatch(/^Encoded 3 people registered by Tidewater Treatment with schema continuum-default/);
    const text = fs.readFileSync(p('otp.clks'), 'utf8');
    // A magic line, the column header, then one line per person.
    const ids = text
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.split(',')[0]);
    expect(ids.sort()).toEqual([people.maria, people.aisha, people.robert].sort());
    expect(text.toLowerCase()).not.toMatch(/maria|gonzalez|aisha|bello|oneil|1984|carter/);
    const audit = await opened.db.selectFrom('audit_events').selectAll().where('action', '=', 'pprl.encode-registry').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: otpId, organization_id: otpId, actor_type: 'system' });
    expect(audit[0]!.details).toMatchObject({ people: 3 });
    expect(JSON.stringify(audit[0]!.details)).not.toMatch(/Maria|Gonzalez/);
  });

  it("links the registry's encodings to a partner's encoded file at the hub", async () => {
    expect(
      (await cli(['link', 'encode', p('jail.csv'), '--schema', 'default', '--secret-file', p('secret.key'), '--out', p('jail.clks')])).code,
    ).toBe(0);
    const { code } = await cli(['link', 'clks', p('otp.clks'), p('jail.clks'), '--out', p('pairs.csv')]);
    expect(code).toBe(0);
    const pairs = fs
      .readFileSync(p('pairs.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').slice(0, 2));
    expect(pairs.sort()).toEqual(
      [
        [people.maria, 'j-1'],
        [people.robert, 'j-2'],
      ].sort(),
    );
  });

  it.each<[string, () => string[], number, RegExp]>([
    ['a FILE with --registry', () => [...encodeArgs('00000000-0000-4000-8000-000000000000', 'x.clks'), 'extra.csv'], 2, /no input FILE/],
    [
      '--registry without --organization',
      () => ['link', 'encode', '--registry', '--schema', 'default', '--secret-file', 'k', '--out', 'o'],
      2,
      /--organization is required/,
    ],
    ['an organization that is not an id', () => encodeArgs('Tidewater', 'x.clks'), 2, /must be an organization id/],
    ['an unknown organization', () => encodeArgs('00000000-0000-4000-8000-000000000000', 'x.clks'), 1, /no organization with id/],
  ])('refuses %s and writes nothing', async (_label, args, exit, message) => {
    const { code, err } = await cli(args());
    expect(code).toBe(exit);
    expect(err).toMatch(message);
    expect(fs.existsSync(p('x.clks'))).toBe(false);
  });

  it('reads for encoding only in a system run: a user is refused', async () => {
    const user: AccessContext = {
      actor: { type: 'user', userId: people.maria!, sessionId: 's' },
      organizationId: otpId,
      roles: ['org_admin'],
      requestId: null,
    };
    await expect(
      opened.db.transaction().execute((trx) => readPeopleForEncoding(trx, clock, user, { organizationId: otpId, purpose: 'test' })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
