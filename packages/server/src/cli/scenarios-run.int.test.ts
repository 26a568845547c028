import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import type { CliIo } from './cli-io.ts';
import { scenariosRun } from './scenarios-run.ts';

let opened: OpenedDatabase;
const clock = manualClock(new Date('2026-11-20T12:00:00Z'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scenarios-cli-'));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    openDb: async () => ({ db: opened.db, close: async () => {} }),
    clock,
  };
  const code = await scenariosRun(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const write = (name: string, value: unknown) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
};

beforeAll(async () => {
  opened = await createTestDatabase();
  await opened.db
    .insertInto('areas')
    .values({ id: 'CLI1', name: 'CLI town', town: 'Town', postal_code: '00000', latitude: 40, longitude: -75, population: 50_000 })
    .execute();
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await opened?.close();
});

describe('continuum scenarios run', () => {
  it('runs a scenario file against the stored data and writes JSON, CSV and the summary', async () => {
    const file = write('scenario.json', {
      name: 'Slots',
      years: 1,
      draws: 20,
      scenarios: [{ name: 'Peer support for retention', levers: { retentionImprovement: 0.3 } }],
    });
    const out = path.join(tmp, 'results');
    const r = await run(file, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('100% (21/21)');
    expect(r.stdout).toContain('Peer support for retention');
    expect(fs.readdirSync(out).sort()).toEqual(['projections.csv', 'run.json', 'summary.txt', 'tornado.csv']);
    const detail = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8'));
    expect(detail.status).toBe('done');
    expect(detail.result.scenarios[0].totals.inMoudAtEnd.median).toBeGreaterThan(detail.result.baseline.totals.inMoudAtEnd.median);
    expect(fs.readFileSync(path.join(out, 'summary.txt'), 'utf8')).toContain('a model, not a forecast');
    expect(fs.readFileSync(path.join(out, 'tornado.csv'), 'utf8').split('\n')[0]).toContain('swing');
    const audit = await opened.db.selectFrom('audit_events').select('action').where('entity_id', '=', detail.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['scenarios.run.create', 'scenarios.run.complete']);
  }, 60_000);

  it('names the field of a bad scenario file and writes nothing', async () => {
    const file = write('bad.json', { name: 'Bad', years: 20, scenarios: [] });
    const out = path.join(tmp, 'never');
    const r = await run(file, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('years:');
    expect(r.stderr).toContain('scenarios:');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a call without --out', async () => {
    expect((await run(write('x.json', {}))).code).toBe(2);
  });
});
