import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.ts';
import { testConfig } from '../test-support/test-app.ts';
import { runCli, type CliContext } from './dispatch.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-detect-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    openDb: () => Promise.reject(new Error('the detector needs no database')),
    clock: systemClock,
    config: testConfig(),
    readStdin: () => Promise.resolve(stdin),
  };
  const code = await runCli(['overdose', 'detect', ...args], ctx);
  return { code, out, err };
}

function csvFile(name: string, text: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('continuum overdose detect', () => {
  it('writes C1/C2/C3 and alarms per area and day, filling missing days with zero', async () => {
    // Area A: a flat 2 for 14 days then a spike of 9; area B appears on two days only.
    const rows = ['date,area,count'];
    for (let d = 1; d <= 14; d++) rows.push(`2026-03-${String(d).padStart(2, '0')},A,2`);
    rows.push('2026-03-15,A,9', '2026-03-10,B,1', '2026-03-15,B,0');
    const { code, out, err } = await run([csvFile('counts.csv', `${rows.join('\n')}\n`)]);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('date,area,count,c1,c2,c3,c1_alarm,c2_alarm,c3_alarm');
    expect(lines).toHaveLength(1 + 15 * 2);
    expect(lines[1]).toBe('2026-03-01,A,2,,,,0,0,0');
    expect(lines[2]).toBe('2026-03-01,B,0,,,,0,0,0');
    // Day 8 of a flat series: 0/0 is undefined (empty), no alarm.
    expect(lines[15]).toBe('2026-03-08,A,2,,,,0,0,0');
    // The spike on a zero-variance baseline: statistics undefined (empty), alarms on all three.
    expect(lines.at(-2)).toBe('2026-03-15,A,9,,,,1,1,1');
    // Area B: one event on 10 March among zeros. On 15 March both baselines hold it: mean 1/7,
    // sample sd 0.377964, so C1 = C2 = −0.377964; C2 on 13 and 14 March is the same, so C3 = 0.
    expect(lines.at(-1)).toBe('2026-03-15,B,0,-0.377964,-0.377964,0.000000,0,0,0');
    // On 11 March C2's baseline (1–7 March) is all zeros and the count is zero: 0/0, so C2 and C3 are empty.
    expect(lines.find((l) => l.startsWith('2026-03-11,B'))).toBe('2026-03-11,B,0,-0.377964,,,0,0,0');
    expect(err).toContain('2 area(s) × 15 day(s)');
  });

  it('floors the standard deviation with --min-sigma and writes six decimals', async () => {
    const rows = ['date,area,count'];
    for (let d = 1; d <= 14; d++) rows.push(`2026-03-${String(d).padStart(2, '0')},Z,0`);
    rows.push('2026-03-15,Z,1');
    const file = csvFile('sparse.csv', `${rows.join('\n')}\n`);
    const floored = await run([file, '--min-sigma', '0.5']);
    expect(floored.out.trim().split('\n').at(-1)).toBe('2026-03-15,Z,1,2.000000,2.000000,1.000000,0,0,0');
    const raw = await run([file]);
    expect(raw.out.trim().split('\n').at(-1)).toBe('2026-03-15,Z,1,,,,1,1,1');
    const strict = await run([file, '--min-sigma', '0.5', '--c1', '1.5', '--out', path.join(dir, 'out.csv')]);
    expect(strict.out).toBe('');
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8').trim().split('\n').at(-1)).toBe(
      '2026-03-15,Z,1,2.000000,2.000000,1.000000,1,0,0',
    );
  });

  it('reads standard input', async () => {
    const { code, out } = await run(['-'], 'date,area,count\n2026-01-01,A,1\n');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toEqual(['date,area,count,c1,c2,c3,c1_alarm,c2_alarm,c3_alarm', '2026-01-01,A,1,,,,0,0,0']);
  });

  it('refuses invalid rows, naming the line, and writes nothing', async () => {
    const { code, out, err } = await run([
      csvFile('bad.csv', 'date,area,count\n2026-02-30,A,1\n2026-03-01,,2\n2026-03-02,A,-1\n2026-03-02,A,1.5\n'),
    ]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('line 2: date "2026-02-30"');
    expect(err).toContain('line 3: area is empty');
    expect(err).toContain('line 4: count "-1"');
    expect(err).toContain('line 5: count "1.5"');
  });

  it('refuses two rows for one area and day, a missing column, a missing file and bad options', async () => {
    expect((await run([csvFile('dup.csv', 'date,area,count\n2026-01-01,A,1\n2026-01-01,A,2\n')])).err).toContain(
      'area "A" has two rows for 2026-01-01',
    );
    expect((await run([csvFile('cols.csv', 'day,area,count\n2026-01-01,A,1\n')])).err).toContain('missing: date');
    expect((await run([path.join(dir, 'nope.csv')])).code).toBe(1);
    expect((await run([csvFile('ok.csv', 'date,area,count\n'), '--min-sigma', '-1'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });
});
