import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import type { OpenedDatabase } from '../db/database.ts';
import { createTestOrganization, createTestPerson } from '../test-support/factories.ts';
import { createTestDatabase } from '../test-support/test-database.ts';
import type { CliIo } from './cli-io.ts';
import { eventsImport, measuresCompute } from './learning.ts';

let opened: OpenedDatabase;
const clock = manualClock(new Date('2026-11-20T12:00:00Z'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'events-cli-'));
let orgId: string;
let personId: string;

async function run(command: typeof eventsImport, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    openDb: async () => ({ db: opened.db, close: async () => {} }),
    clock,
  };
  const code = await command(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db, clock, { type: 'opioid_treatment_program' })).id;
  personId = (await createTestPerson(opened.db, clock, orgId)).id;
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await opened?.close();
});

describe('continuum events import / measures compute', () => {
  it('answers a missing organization or file with the usage and exit code 2', async () => {
    expect((await run(eventsImport, 'x.csv')).code).toBe(2);
    expect((await run(eventsImport, '--organization', orgId)).code).toBe(2);
  });

  it('imports a CSV, all or nothing, naming bad rows', async () => {
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, `person_id,type,occurred_at,data.medication,data.daysSupply\n${personId},moud_dispense,2026-02-01,methadone,\n`);
    const refused = await run(eventsImport, bad, '--organization', orgId);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('row 1: data.daysSupply');
    const good = path.join(tmp, 'good.csv');
    fs.writeFileSync(
      good,
      `person_id,type,occurred_at,external_id,data.medication,data.daysSupply\n${personId},moud_dispense,2026-02-01,x-1,methadone,14\n`,
    );
    const ok = await run(eventsImport, good, '--organization', orgId, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ applied: true, written: 1 });
  });

  it('computes the measures for the months given', async () => {
    const result = await run(measuresCompute, '--from', '2026-01', '--to', '2026-10', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ people: 1, events: 1, period: { from: '2026-01', to: '2026-10' } });
    expect((await run(measuresCompute, '--from', '2026-13')).code).toBe(2);
  });
});
