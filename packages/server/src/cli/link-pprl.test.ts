import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import { testConfig } from '../test-support/test-app.ts';
import { runCli } from './dispatch.ts';

/** `continuum link encode` and `continuum link clks` end to end on small files (no database). */

let dir: string;
const p = (name: string) => path.join(dir, name);

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    openDb: async () => {
      throw new Error('these commands use no database');
    },
    clock: manualClock(),
    config: testConfig(),
    readStdin: async () => '',
  });
  return { code, out, err };
}

const ed = [
  'record_id,first_name,last_name,dob,sex,zip,ssn,phone',
  'ed-1,Maria,Gonzalez,1984-06-02,F,21201,900-12-3456,410-555-0100',
  'ed-2,James,Carter,1990-11-23,M,21218,,443-555-0199',
  'ed-3,Aisha,Bello,2001-02-14,F,21230,900-55-1212,',
  'ed-4,Robert,"O\'Neil, Jr",1975-07-04,M,21224,900-77-0001,410-555-0123',
].join('\n');
// The same people at an OTP, with typos and another date format; otp-9 is nobody in the ED file.
const otp = [
  'id,given_name,family_name,birth_date,sex,zip,ssn,phone',
  'otp-1,Mariah,Gonzales,06/02/1984,F,21201,3456,(410) 555-0100',
  'otp-2,Aisha,Bello,02/14/2001,F,21230,1212,',
  'otp-3,Bob,ONeil,07/04/1975,M,21224,0001,4105550123',
  'otp-9,Lena,Novak,03/03/1966,F,21093,900-40-4040,301-555-0111',
].join('\n');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-pprl-'));
  fs.writeFileSync(p('ed.csv'), `${ed}\n`);
  fs.writeFileSync(p('otp.csv'), `${otp}\n`);
  fs.writeFileSync(p('secret.key'), `${'k'.repeat(40)}\n`);
  fs.writeFileSync(p('other.key'), `${'z'.repeat(40)}\n`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('continuum link encode / link clks', () => {
  it('encodes two sources and links the same people one to one, leaving a stranger out', async () => {
    const a = await cli(['link', 'encode', p('ed.csv'), '--schema', 'default', '--secret-file', p('secret.key'), '--out', p('ed.clks')]);
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/Encoded 4 records with schema continuum-default/);
    const b = await cli(['link', 'encode', p('otp.csv'), '--schema', 'default', '--secret-file', p('secret.key'), '--out', p('otp.clks')]);
    expect(b.code).toBe(0);

    const clks = fs.readFileSync(p('ed.clks'), 'utf8').split('\n');
    expect(clks[0]).toMatch(/^# continuum-clks v1 schema=continuum-default fingerprint=[0-9a-f]{16} key-check=[0-9a-f]{8}$/);
    expect(clks[1]).toBe('record_id,clk');
    expect(clks[2]).toMatch(/^ed-1,[A-Za-z0-9+/]{171}=$/);
    // No clear value leaves in the encoded file.
    for (const word of ['maria', 'gonzalez', '1984', '21201', '3456', '555']) expect(clks.join('\n').toLowerCase()).not.toContain(word);

    const linked = await cli(['link', 'clks', p('ed.clks'), p('otp.clks'), '--out', p('pairs.csv'), '--threshold', '0.6']);
    expect(linked.err).toBe('');
    expect(linked.code).toBe(0);
    expect(linked.out).toMatch(/Compared 16 pairs; 3 one-to-one matches/);
    const rows = fs.readFileSync(p('pairs.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('record_id_l,record_id_r,similarity');
    const pairs = rows.slice(1).map((r) => r.split(','));
    expect(pairs.map(([l, r]) => `${l}=${r}`).sort()).toEqual(['ed-1=otp-1', 'ed-3=otp-2', 'ed-4=otp-3']);
    // Best first.
    const sims = pairs.map(([, , s]) => Number(s));
    expect([...sims].sort((x, y) => y - x)).toEqual(sims);
    expect(sims.every((s) => s >= 0.6 && s <= 1)).toBe(true);
  });

  it('with one file, lists its likely duplicates', async () => {
    fs.writeFileSync(p('dups.csv'), `${ed}\ned-5,Maria,Gonzales,1984-06-02,F,21201,,410-555-0100\n`);
    expect(
      (await cli(['link', 'encode', p('dups.csv'), '--schema', 'default', '--secret-file', p('secret.key'), '--out', p('dups.clks')])).code,
    ).toBe(0);
    const r = await cli(['link', 'clks', p('dups.clks'), '--out', p('dup-pairs.csv')]);
    expect(r.code).toBe(0);
    expect(
      fs
        .readFileSync(p('dup-pairs.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').slice(0, 2).join('=')),
    ).toEqual(['ed-1=ed-5']);
  });

  it('carries keyed blocking keys when the schema asks for them, and links by them with --blocking keys', async () => {
    const schema = JSON.parse(fs.readFileSync(new URL('../modules/linkage/pprl/schemas/continuum-default.json', import.meta.url), 'utf8'));
    schema.id = 'default-with-blocking';
    schema.blocking = { keys: [{ parts: [{ field: 'birth_date', slice: [0, 4] }], bits: 16 }] };
    fs.writeFileSync(p('blocking.json'), JSON.stringify(schema));
    for (const name of ['ed', 'otp'])
      expect(
        (
          await cli([
            'link',
            'encode',
            p(`${name}.csv`),
            '--schema',
            p('blocking.json'),
            '--secret-file',
            p('secret.key'),
            '--out',
            p(`${name}-b.clks`),
          ])
        ).code,
      ).toBe(0);
    const lines = fs.readFileSync(p('ed-b.clks'), 'utf8').trim().split('\n');
    expect(lines[1]).toBe('record_id,clk,blocking_keys');
    expect(lines[2]).toMatch(/^ed-1,[A-Za-z0-9+/]{171}=,[0-9a-f]{4}$/);
    const r = await cli([
      'link',
      'clks',
      p('ed-b.clks'),
      p('otp-b.clks'),
      '--out',
      p('pairs-b.csv'),
      '--blocking',
      'keys',
      '--threshold',
      '0.6',
    ]);
    expect(r.err).toBe('');
    // Only pairs born in the same year are compared: three of the sixteen.
    expect(r.out).toMatch(/Compared 3 pairs; 3 one-to-one matches/);
    const none = await cli(['link', 'clks', p('ed.clks'), p('otp.clks'), '--out', p('x.csv'), '--blocking', 'keys']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/carry no blocking keys/);
  });

  it('refuses to link files encoded with another secret or schema', async () => {
    expect(
      (await cli(['link', 'encode', p('otp.csv'), '--schema', 'default', '--secret-file', p('other.key'), '--out', p('otp-other.clks')]))
        .code,
    ).toBe(0);
    const r = await cli(['link', 'clks', p('ed.clks'), p('otp-other.clks'), '--out', p('x.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/different secrets/);
    fs.writeFileSync(p('febrl-like.csv'), 'rec_id,given_name,surname\nf-1,maria,gonzalez\n');
    expect(
      (await cli(['link', 'encode', p('febrl-like.csv'), '--schema', 'febrl', '--secret-file', p('secret.key'), '--out', p('f.clks')]))
        .code,
    ).toBe(0);
    const s = await cli(['link', 'clks', p('ed.clks'), p('f.clks'), '--out', p('x.csv')]);
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/different schemas \(continuum-default, febrl\)/);
    expect(fs.existsSync(p('x.csv'))).toBe(false);
  });

  it.each([
    ['no file', ['link', 'encode', '--schema', 'default', '--secret-file', 'k', '--out', 'o'], /exactly one input FILE/],
    ['no schema', ['link', 'encode', 'f.csv', '--secret-file', 'k', '--out', 'o'], /--schema is required/],
    ['no secret', ['link', 'encode', 'f.csv', '--schema', 'default', '--out', 'o'], /--secret-file is required/],
    ['no output', ['link', 'encode', 'f.csv', '--schema', 'default', '--secret-file', 'k'], /--out is required/],
    ['an unknown option', ['link', 'encode', 'f.csv', '--salt', 'x'], /Unknown option '--salt'/],
    [
      'a bad map',
      ['link', 'encode', 'f.csv', '--schema', 'default', '--secret-file', 'k', '--out', 'o', '--map', 'a=nope'],
      /unknown field "nope"/,
    ],
    ['three files', ['link', 'clks', 'a', 'b', 'c', '--out', 'o'], /one or two encoded files/],
    ['clks without --out', ['link', 'clks', 'a', 'b'], /--out is required/],
    ['a threshold above 1', ['link', 'clks', 'a', 'b', '--out', 'o', '--threshold', '1.5'], /--threshold must be a number from 0 to 1/],
    ['a threshold that is not a number', ['link', 'clks', 'a', 'b', '--out', 'o', '--threshold', 'high'], /--threshold/],
    ['an unknown blocking', ['link', 'clks', 'a', 'b', '--out', 'o', '--blocking', 'soundex'], /--blocking must be/],
    ['zero threads', ['link', 'clks', 'a', 'b', '--out', 'o', '--threads', '0'], /--threads/],
  ])('exits 2 on a usage error: %s', async (_name, args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it.each([
    [
      'an unparseable date, naming the row and column',
      'record_id,first_name,last_name,dob\nr1,Ann,Lee,1970-01-01\nr2,Bo,Lee,last spring\n',
      /row 2, column dob: not a date/,
    ],
    ['a missing name column', 'record_id,first_name,dob\nr1,Ann,1970-01-01\n', /missing required column family_name/],
    ['a row with too many columns', 'record_id,first_name,last_name\nr1,Ann,Lee,extra\n', /row 1.*different number of columns/],
    ['a repeated id', 'record_id,first_name,last_name\nr1,Ann,Lee\nr1,Bo,Lee\n', /row 2, column record_id: record id repeats/],
    ['binary content', 'record_id,first_name\u0000last_name\nBo,', /not a CSV or NDJSON file/],
  ])('exits 1 on bad input: %s, and writes nothing', async (_name, content, message) => {
    fs.writeFileSync(p('bad.csv'), content);
    fs.rmSync(p('bad.clks'), { force: true });
    const r = await cli(['link', 'encode', p('bad.csv'), '--schema', 'default', '--secret-file', p('secret.key'), '--out', p('bad.clks')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/last spring|Bo,/);
    expect(fs.existsSync(p('bad.clks'))).toBe(false);
  });

  it.each([
    ['a short secret', () => fs.writeFileSync(p('short.key'), 'tiny'), ['--secret-file', 'short.key'], /at least 32 random bytes/],
    ['a missing secret file', () => {}, ['--secret-file', 'nowhere.key'], /cannot read the secret file/],
    [
      'an invalid schema',
      () => fs.writeFileSync(p('bad-schema.json'), '{"version":1}'),
      ['--schema', 'bad-schema.json'],
      /invalid linkage schema: id: /,
    ],
    [
      'a schema field no reader produces',
      () =>
        fs.writeFileSync(
          p('odd-schema.json'),
          JSON.stringify({
            version: 1,
            id: 'odd',
            clk: { bits: 1024, kdf: { type: 'HKDF-SHA256', salt: 'AAAA' } },
            fields: [{ name: 'shoe_size', normalize: 'digits', tokenize: { type: 'exact' }, strategy: { bitsPerToken: 3 } }],
          }),
        ),
      ['--schema', 'odd-schema.json'],
      /shoe_size are not record fields/,
    ],
  ])('exits 1 on %s', async (_name, setup, args, message) => {
    setup();
    const opts: Record<string, string> = { '--schema': 'default', '--secret-file': p('secret.key') };
    for (let i = 0; i < args.length; i += 2) opts[args[i]!] = args[i + 1]!.includes('/') ? args[i + 1]! : p(args[i + 1]!);
    const r = await cli(['link', 'encode', p('ed.csv'), ...Object.entries(opts).flat(), '--out', p('never.clks')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(fs.existsSync(p('never.clks'))).toBe(false);
  });

  it.each([
    ['not a CLK file', 'record_id,clk\nx,AAAA\n', /line 1: not a CLK file/],
    [
      'a short CLK',
      `# continuum-clks v1 schema=x fingerprint=00 key-check=00\nrecord_id,clk\nx,AAAA\n`,
      /line 3, column clk: not a base64 1,024-bit CLK/,
    ],
    [
      'a repeated id',
      `# continuum-clks v1 schema=x fingerprint=00 key-check=00\nrecord_id,clk\nx,${'A'.repeat(171)}=\nx,${'A'.repeat(171)}=\n`,
      /line 4, column record_id/,
    ],
  ])('link clks exits 1 on a bad encoded file: %s', async (_name, content, message) => {
    fs.writeFileSync(p('bad-in.clks'), content);
    const r = await cli(['link', 'clks', p('bad-in.clks'), p('ed.clks'), '--out', p('y.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });
});
