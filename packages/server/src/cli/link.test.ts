import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import { testConfig } from '../test-support/test-app.ts';
import { runCli } from './dispatch.ts';

const data = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'modules', 'linkage', 'data');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'link-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    openDb: () => Promise.reject(new Error('linkage needs no database')),
    clock: manualClock(),
    config: testConfig(),
    readStdin: async () => '',
  });
  return { code, out, err };
}

function readCsv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

describe('continuum link', () => {
  it('dedupe: FEBRL1 (rec_id found by itself) into clusters and scored pairs', async () => {
    const out = path.join(dir, 'c1.csv');
    const pairs = path.join(dir, 'p1.csv');
    const { code, out: stdout } = await cli([
      'link',
      'dedupe',
      path.join(data, 'febrl', 'dataset1.csv'),
      '--out',
      out,
      '--pairs',
      pairs,
      '--progress',
      'none',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1000 records, \d+ pairs compared, \d+ clusters/);
    const rows = readCsv(out);
    expect(rows[0]).toEqual(['record_id', 'cluster_id', 'review']);
    expect(rows).toHaveLength(1001);
    const cluster = new Map(rows.slice(1).map((r) => [r[0]!, r[1]!]));
    // rec-N-org and rec-N-dup-0 are one person in FEBRL1: nearly all end up together.
    let together = 0;
    for (const [id, c] of cluster) if (id.endsWith('-org') && cluster.get(id.replace('-org', '-dup-0')) === c) together++;
    expect(together).toBeGreaterThanOrEqual(495);
    const p = readCsv(pairs);
    expect(p[0]).toEqual(['record_id_l', 'record_id_r', 'match_probability']);
    expect(Number(p[1]![2])).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('dedupe is deterministic: the same input gives the same file', async () => {
    const a = path.join(dir, 'd1.csv');
    const b = path.join(dir, 'd2.csv');
    const file = path.join(data, 'splink', 'fake_1000.csv');
    await cli(['link', 'dedupe', file, '--out', a, '--progress', 'none']);
    await cli(['link', 'dedupe', file, '--out', b, '--progress', 'none']);
    expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
  }, 60_000);

  it('files: ids prefixed by file name when they repeat across files; --map and --id', async () => {
    const x = path.join(dir, 'ems.csv');
    const y = path.join(dir, 'jail.ndjson');
    fs.writeFileSync(x, 'run,fn,ln,born\n1,Robert,Smith,1980-02-03\n2,Ann,Lee,1975-06-07\n');
    fs.writeFileSync(y, '{"run":"1","fn":"Bob","ln":"Smith","born":"02/03/1980"}\n{"run":"2","fn":"Zed","ln":"Ng","born":"1990-01-01"}\n');
    const out = path.join(dir, 'files.csv');
    const { code } = await cli([
      'link',
      'files',
      x,
      y,
      '--out',
      out,
      '--id',
      'run',
      '--map',
      'fn=given_name,ln=family_name,born=birth_date',
      '--progress',
      'none',
    ]);
    expect(code).toBe(0);
    const ids = readCsv(out)
      .slice(1)
      .map((r) => r[0]);
    expect(ids).toEqual(['ems.csv:1', 'ems.csv:2', 'jail.ndjson:1', 'jail.ndjson:2']);
  }, 60_000);

  it.each([
    [['link', 'dedupe'], 'give exactly one input file'],
    [['link', 'dedupe', 'a.csv'], '--out is required'],
    [['link', 'dedupe', 'a.csv', '--out', 'x', '--map', 'nonsense'], 'not col=field'],
    [['link', 'dedupe', 'a.csv', '--out', 'x', '--map', 'a=shoe_size'], 'unknown field'],
    [['link', 'dedupe', 'a.csv', '--out', 'x', '--frobnicate'], 'Unknown option'],
    [['link', 'files', 'a.csv', '--out', 'x'], 'at least two input files'],
  ])('usage errors exit 2: %j', async (args, message) => {
    const { code, err } = await cli(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('bad input: exit 1 naming row and column, nothing written', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'record_id,first_name,last_name,dob\n1,Ann,Lee,1990-01-01\n2,Bo,Lee,31st of June\n');
    const out = path.join(dir, 'never.csv');
    const { code, err } = await cli(['link', 'dedupe', file, '--out', out, '--progress', 'none']);
    expect(code).toBe(1);
    expect(err).toContain('row 2, column dob: not a date');
    expect(err).not.toContain('June');
    expect(fs.existsSync(out)).toBe(false);
    const missing = await cli(['link', 'dedupe', path.join(dir, 'absent.csv'), '--out', out, '--progress', 'none']);
    expect(missing.code).toBe(1);
  });
});
